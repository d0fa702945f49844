"""Permission rows of evaluation (see binaasn/core/tests/matrix.py), one module per page group."""

from . import rows_challenges, rows_feedback, rows_plans, rows_reports

_GROUPS = (rows_feedback, rows_reports, rows_plans, rows_challenges)

ROWS = [row for group in _GROUPS for row in group.ROWS]


def prepare(cast):
    for group in _GROUPS:
        group.prepare(cast)
