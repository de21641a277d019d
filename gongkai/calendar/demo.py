def load(out):
    """Seed the holiday table (filled in by the calendar work)."""
