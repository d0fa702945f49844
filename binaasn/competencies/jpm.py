"""Competency gap and job-person match (JPM), as pure functions with no ORM.

Source: PermenPANRB 38/2017 (Standar Kompetensi Jabatan ASN) and the project's DOMAIN.md,
section "Competencies":

- gap = required level − current level, per competency (positive = shortfall);
- JPM = Σ min(current, required) / Σ required × 100, over the position's competencies.

A competency the employee has never been assessed on counts as current level 0 in the JPM
(nothing of it is shown yet); its gap is the whole required level.
"""

from decimal import ROUND_HALF_UP, Decimal

FORMULA = "JPM = Σ min(current, required) / Σ required × 100"


def gap(required, current):
    """Required minus current level; positive is a shortfall, negative an excess.

    ``current`` may be None (not assessed) and then counts as 0.
    """
    return int(required) - int(current or 0)


def gaps(requirements, profile):
    """``{competency: gap}`` for every required competency.

    ``requirements`` maps competency → required level; ``profile`` maps competency → current
    level (missing competencies are not assessed yet).
    """
    return {key: gap(required, profile.get(key)) for key, required in requirements.items()}


def jpm(requirements, profile):
    """Job-person match in percent (Decimal, 2 places, half-up), or None without requirements."""
    total_required = sum(int(level) for level in requirements.values())
    if total_required == 0:
        return None
    matched = sum(
        min(int(profile.get(key) or 0), int(required)) for key, required in requirements.items()
    )
    value = Decimal(matched) * 100 / Decimal(total_required)
    return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def jpm_parts(requirements, profile):
    """The numbers behind a JPM, for pages that show the arithmetic."""
    matched = sum(
        min(int(profile.get(key) or 0), int(required)) for key, required in requirements.items()
    )
    required = sum(int(level) for level in requirements.values())
    return {"matched": matched, "required": required, "jpm": jpm(requirements, profile)}


def jpm_category(score, bands):
    """The category a JPM falls in, as the agency configures it.

    ``bands`` holds objects with ``min_percent`` (or ``(min_percent, label)`` tuples); the band
    with the highest threshold the score reaches wins. None when no band is reached.
    """
    if score is None:
        return None
    reached = [band for band in bands if Decimal(score) >= Decimal(_threshold(band))]
    return max(reached, key=lambda band: Decimal(_threshold(band)), default=None)


def _threshold(band):
    return band[0] if isinstance(band, tuple) else band.min_percent


def gap_class(value):
    """The CSS class of a heat-map cell: none (not required), met, gap-1 … gap-4."""
    if value is None:
        return "gap-none"
    if value <= 0:
        return "gap-met"
    return f"gap-{min(int(value), 4)}"
