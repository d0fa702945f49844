"""Completion rule of an offering: minimum attendance percentage and minimum post-test score.

Pure functions. Attendance is compared exactly (attended × 100 ≥ minimum × sessions); an offering
without sessions has no attendance requirement.
"""

from dataclasses import dataclass, field
from decimal import Decimal

ATTENDANCE = "attendance"
POST_TEST = "post_test"
POST_TEST_MISSING = "post_test_missing"


@dataclass(frozen=True)
class Outcome:
    completed: bool
    attendance_percent: Decimal | None
    reasons: list = field(default_factory=list)


def attendance_percent(attended, total):
    if not total:
        return None
    return (Decimal(attended) * 100 / Decimal(total)).quantize(Decimal("0.01"))


def evaluate(*, attended, total_sessions, post_test, min_attendance_percent, min_post_test):
    """Whether a participant completed, with the reasons when not."""
    reasons = []
    if total_sessions and attended * 100 < (min_attendance_percent or 0) * total_sessions:
        reasons.append(ATTENDANCE)
    if min_post_test is not None:
        if post_test is None:
            reasons.append(POST_TEST_MISSING)
        elif Decimal(post_test) < Decimal(min_post_test):
            reasons.append(POST_TEST)
    return Outcome(not reasons, attendance_percent(attended, total_sessions), reasons)


def normalised_gain(pre, post):
    """(post − pre) / (100 − pre) for pre < 100 (DOMAIN.md, Kirkpatrick L2)."""
    if pre is None or post is None or Decimal(pre) >= 100:
        return None
    pre, post = Decimal(pre), Decimal(post)
    return ((post - pre) / (100 - pre)).quantize(Decimal("0.01"))
