"""Budget arithmetic of the development plan, in Decimal rupiah. Pure, no ORM.

line total = volume × unit cost (rounded half-up to whole sen, 2 places);
programme total = Σ its line totals; plan total = Σ programme totals;
cost per participant = programme total / participants;
cost per JP = programme total / (participants × JP per participant), i.e. what one JP of
learning costs for one person.
"""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils.translation import gettext as _

CENT = Decimal("0.01")
RUPIAH = Decimal("1")
# Beyond these a number is a typing slip, not a training budget.
MAX_VOLUME = Decimal("100000")
MAX_UNIT_COST = Decimal("1000000000")  # Rp 1 milyar for one unit
MAX_LINE_TOTAL = Decimal("50000000000")  # Rp 50 milyar for one line


def to_decimal(value):
    if isinstance(value, Decimal):
        return value
    try:
        return Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        return None


def line_total(volume, unit_cost):
    return (Decimal(volume) * Decimal(unit_cost)).quantize(CENT, rounding=ROUND_HALF_UP)


def check_line(volume, unit_cost):
    """``{field: message}`` for a budget line's numbers; empty when they are acceptable."""
    errors = {}
    volume_value, cost_value = to_decimal(volume), to_decimal(unit_cost)
    if volume_value is None or not volume_value.is_finite():
        errors["volume"] = _("The volume must be a number.")
    elif volume_value <= 0:
        errors["volume"] = _("The volume must be more than 0.")
    elif volume_value > MAX_VOLUME:
        errors["volume"] = _("A volume above %(max)s is not plausible; check the number.") % {
            "max": f"{MAX_VOLUME:,.0f}".replace(",", ".")
        }
    if cost_value is None or not cost_value.is_finite():
        errors["unit_cost"] = _("The unit cost must be a number.")
    elif cost_value < 0:
        errors["unit_cost"] = _("The unit cost cannot be negative.")
    elif cost_value > MAX_UNIT_COST:
        errors["unit_cost"] = _(
            "A unit cost above Rp 1.000.000.000 is not plausible; check the number."
        )
    if not errors and line_total(volume_value, cost_value) > MAX_LINE_TOTAL:
        errors["unit_cost"] = _(
            "Volume × unit cost exceeds Rp 50.000.000.000 for one line; check the numbers."
        )
    return errors


def programme_total(lines):
    """``lines``: iterable of (volume, unit_cost)."""
    return sum((line_total(volume, cost) for volume, cost in lines), Decimal("0.00"))


def plan_total(programme_totals):
    return sum((Decimal(t) for t in programme_totals), Decimal("0.00"))


def cost_per_participant(total, participants):
    if not participants:
        return None
    return (Decimal(total) / Decimal(participants)).quantize(RUPIAH, rounding=ROUND_HALF_UP)


def cost_per_jp(total, participants, jp_per_participant):
    if not participants or not jp_per_participant:
        return None
    return (Decimal(total) / (Decimal(participants) * Decimal(jp_per_participant))).quantize(
        RUPIAH, rounding=ROUND_HALF_UP
    )


def totals_by(lines, key_index):
    """Sum of line totals per key: ``lines`` are tuples (volume, unit_cost, key1, key2, ...)."""
    totals = {}
    for line in lines:
        key = line[key_index]
        totals[key] = totals.get(key, Decimal("0.00")) + line_total(line[0], line[1])
    return totals


def ceiling_check(total, ceiling):
    """(exceeded, remaining) of a plan total against the year's budget ceiling (pagu)."""
    if ceiling is None:
        return False, None
    remaining = Decimal(ceiling) - Decimal(total)
    return remaining < 0, remaining
