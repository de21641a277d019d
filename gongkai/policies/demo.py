"""Demo policy library for 示范县 (filled in by the demo work)."""


def load(out) -> None:
    pass
