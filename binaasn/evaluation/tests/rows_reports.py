"""Permission rows of evaluation: reports pages."""

ROWS = []


def prepare(cast):
    pass
