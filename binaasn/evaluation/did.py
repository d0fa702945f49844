"""Difference-in-differences for the results level (Kirkpatrick L4).

Pure functions, no ORM. The change of an outcome in the units that sent participants
(treated) minus its change in the units that sent none in the same period (comparison):

    DiD = (T_after − T_before) − (C_after − C_before)

The comparison subtracts what happened everywhere anyway (a new regulation, the season), but
the units were not chosen at random: the figure shows an association, not proof that the
training caused it. Pages print ``CAVEAT`` next to every figure.

A figure is only given when it can mean something; otherwise the result carries a ``reason``
and pages show its ``message`` instead of a number.
"""

from dataclasses import dataclass
from fractions import Fraction

from django.utils.translation import gettext_lazy as _

from binaasn.citizens.ikm import round_half_up

NO_TREATED = "no_treated"
NO_COMPARISON = "no_comparison"
NOT_OVER = "not_over"
TOO_FEW = "too_few"
NO_DATA = "no_data"

REASONS = {
    NO_TREATED: _(
        "No service unit belongs to the participants' units, so there is nothing to compare."
    ),
    NO_COMPARISON: _(
        "No comparison units: every service unit sent participants in this period, "
        "so there is no figure."
    ),
    NOT_OVER: _("The period after the training is not over yet; the figure comes when it is."),
    TOO_FEW: _(
        "Too few answers for a figure: each group needs at least %(minimum)s respondents "
        "in each period (fewest here: %(fewest)s)."
    ),
    NO_DATA: _("No data in one of the periods, so there is no figure."),
}

CAVEAT = _(
    "This compares units that sent participants with units that did not, before and after the "
    "training. It shows an association, not proof: the units were not chosen at random and "
    "other changes may explain the difference."
)


@dataclass(frozen=True)
class Cell:
    """One group in one period: the outcome value and, for survey outcomes, the respondents."""

    value: object = None
    respondents: int | None = None


@dataclass(frozen=True)
class DidResult:
    treated_before: Cell
    treated_after: Cell
    comparison_before: Cell
    comparison_after: Cell
    treated_units: int
    comparison_units: int
    estimate: object = None  # Decimal, rounded; None with a reason
    reason: str = ""
    min_respondents: int | None = None
    places: int = 2

    @property
    def is_computed(self):
        return not self.reason

    def _change(self, before, after):
        if before.value is None or after.value is None:
            return None
        return round_half_up(Fraction(after.value) - Fraction(before.value), self.places)

    @property
    def treated_change(self):
        return self._change(self.treated_before, self.treated_after)

    @property
    def comparison_change(self):
        return self._change(self.comparison_before, self.comparison_after)

    @property
    def fewest_respondents(self):
        counts = [c.respondents for c in self.cells if c.respondents is not None]
        return min(counts) if counts else None

    @property
    def cells(self):
        return (
            self.treated_before,
            self.treated_after,
            self.comparison_before,
            self.comparison_after,
        )

    @property
    def message(self):
        if not self.reason:
            return ""
        text = REASONS[self.reason]
        if self.reason == TOO_FEW:
            return text % {"minimum": self.min_respondents, "fewest": self.fewest_respondents}
        return str(text)


def difference_in_differences(
    treated_before,
    treated_after,
    comparison_before,
    comparison_after,
    *,
    treated_units,
    comparison_units,
    min_respondents=None,
    after_complete=True,
    places=2,
):
    """The DiD figure of four ``Cell``s, or the reason there is none: no treated or no
    comparison units, the after-period still running, a cell with fewer than
    ``min_respondents`` respondents (survey outcomes), or a missing value. Rounded once,
    half-up, to ``places`` decimals."""
    cells = (treated_before, treated_after, comparison_before, comparison_after)
    result = {
        "treated_before": treated_before,
        "treated_after": treated_after,
        "comparison_before": comparison_before,
        "comparison_after": comparison_after,
        "treated_units": treated_units,
        "comparison_units": comparison_units,
        "min_respondents": min_respondents,
        "places": places,
    }
    reason = ""
    if not treated_units:
        reason = NO_TREATED
    elif not comparison_units:
        reason = NO_COMPARISON
    elif not after_complete:
        reason = NOT_OVER
    elif min_respondents and any(
        c.respondents is not None and c.respondents < min_respondents for c in cells
    ):
        reason = TOO_FEW
    elif any(c.value is None for c in cells):
        reason = NO_DATA
    if reason:
        return DidResult(**result, reason=reason)
    estimate = (Fraction(treated_after.value) - Fraction(treated_before.value)) - (
        Fraction(comparison_after.value) - Fraction(comparison_before.value)
    )
    return DidResult(**result, estimate=round_half_up(estimate, places))
