"""Permission rows of evaluation: feedback pages."""

ROWS = []


def prepare(cast):
    pass
