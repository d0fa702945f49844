"""JP (jam pelajaran) rules: pure functions, no ORM.

Sources (DOMAIN.md): 1 JP = 45 minutes (PerLAN 5/2018); every PNS has at least 20 JP a year
(PP 11/2017 art. 203(4) as amended by PP 17/2020); PPPK development is at most 24 JP per contract
year (PP 49/2018 art. 40). No national table converts non-classical activities to JP, so our rule
is: JP printed on a certificate wins; otherwise the agency's per-path rule (a JP value per
session, day or week) when it has one; otherwise minutes of learning ÷ 45, rounded down.
"""

from dataclasses import dataclass

MINUTES_PER_JP = 45
PNS_MINIMUM_JP = 20
PPPK_CEILING_JP = 24

SESSION = "session"
DAY = "day"
WEEK = "week"
UNITS = (SESSION, DAY, WEEK)

BASIS_CERTIFICATE = "certificate"
BASIS_RULE = "rule"
BASIS_MINUTES = "minutes"


@dataclass(frozen=True)
class Credit:
    jp: int
    basis: str


@dataclass(frozen=True)
class Rule:
    """An agency's conversion for one path code: ``jp_per_unit`` JP per session, day or week."""

    unit: str
    jp_per_unit: int


def jp_from_minutes(minutes):
    """Whole JP in ``minutes`` of learning, rounded down (89 minutes → 1 JP)."""
    minutes = int(minutes or 0)
    return max(0, minutes) // MINUTES_PER_JP


def count_days_and_weeks(dates):
    """Distinct days and distinct ISO weeks among ``dates``."""
    dates = set(dates)
    weeks = {d.isocalendar()[:2] for d in dates}
    return len(dates), len(weeks)


def convert(*, certificate_jp=None, minutes=0, sessions=0, days=0, weeks=0, rule=None):
    """The JP credited for one learning activity, and which part of the rule decided it."""
    if certificate_jp:
        return Credit(int(certificate_jp), BASIS_CERTIFICATE)
    if rule is not None:
        count = {SESSION: sessions, DAY: days, WEEK: weeks}[rule.unit]
        return Credit(int(count) * int(rule.jp_per_unit), BASIS_RULE)
    return Credit(jp_from_minutes(minutes), BASIS_MINUTES)


def is_pppk(status):
    return status == "PPPK"


def target_for(status):
    """(kind, JP): PNS/CPNS have a 20 JP minimum, PPPK a 24 JP ceiling."""
    if is_pppk(status):
        return ("ceiling", PPPK_CEILING_JP)
    return ("minimum", PNS_MINIMUM_JP)


def progress(jp, status):
    """What the progress bar shows for a yearly total."""
    kind, target = target_for(status)
    jp = int(jp or 0)
    return {
        "jp": jp,
        "kind": kind,
        "target": target,
        "percent": min(100, jp * 100 // target),
        "remaining": max(0, target - jp),
        "meets_minimum": kind == "minimum" and jp >= target,
        "over_ceiling": kind == "ceiling" and jp > target,
    }


def exceeds_ceiling(current_jp, added_jp, status):
    """True when enrolling a PPPK in ``added_jp`` more would pass the 24 JP ceiling."""
    return is_pppk(status) and int(current_jp or 0) + int(added_jp or 0) > PPPK_CEILING_JP
