def load(out):
    pass
