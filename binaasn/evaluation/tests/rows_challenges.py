"""Permission rows of evaluation: challenges pages."""

ROWS = []


def prepare(cast):
    pass
