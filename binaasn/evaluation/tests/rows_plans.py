"""Permission rows of evaluation: plans pages."""

ROWS = []


def prepare(cast):
    pass
