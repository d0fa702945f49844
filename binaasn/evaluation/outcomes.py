"""Reads of the results level (Kirkpatrick L4): the outcomes of the service units the
participants work in, before and after the training, against the units that sent nobody.

- Treated service units: active service units whose org unit is the unit of a participant or
  lies below it. Comparison units: active service units with no participant in their org unit
  subtree. A service unit above a participant's unit (an office whose section sent someone) is
  in neither group.
- Windows are whole calendar months: the agency's ``outcome_window_months`` before the month
  of the first start, and as many after the month of the last end.
- IKM: the SKM answers of each group pooled and computed with the agency's IKM method
  (citizens' formula), so the figure is the converted IKM (0–100) of the group.
- Complaints: complaints received per service unit per month.
- The difference-in-differences comes from ``did.py``, computed from the figures as printed
  (each rounded to 2 decimals) so a reader can check it by hand.

Every figure comes from one grouped aggregate by service unit and month over the whole span,
then plain Python: the cost does not grow with the number of offerings or programmes.
"""

import calendar
import datetime
import functools
from collections import defaultdict
from dataclasses import dataclass, field
from fractions import Fraction

from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from binaasn.citizens import queries as citizen_queries
from binaasn.citizens.ikm import round_half_up
from binaasn.citizens.models import ServiceUnit
from binaasn.learning.models import Enrolment, Offering

from . import did
from .models import EvaluationSettings

SUM_FIELDS = ("respondents", "pair_12", "pair_34", "pair_56", "pair_78", "u9")

PERFORMANCE_NOTE = _(
    "No performance data exists yet: the performance (SKP) area is not in use, so its "
    "predicates cannot be compared."
)
NO_PARTICIPANTS = _("No enrolled participants, so there are no units to compare.")
NO_FINISHED = _("No finished offering yet, so there is nothing to compare.")


def add_months(month, count):
    """The first day of the month ``count`` months after (or before) ``month``."""
    index = month.year * 12 + month.month - 1 + count
    return datetime.date(index // 12, index % 12 + 1, 1)


def month_end(month):
    return month.replace(day=calendar.monthrange(month.year, month.month)[1])


@dataclass(frozen=True)
class Window:
    start: datetime.date
    end: datetime.date
    months: int

    @functools.cached_property
    def month_starts(self):
        return tuple(add_months(self.start, i) for i in range(self.months))


def outcome_windows(starts_on, ends_on, months):
    """(before, after): ``months`` whole months before the month of ``starts_on`` and after
    the month of ``ends_on``."""
    first = starts_on.replace(day=1)
    last = ends_on.replace(day=1)
    before_start = add_months(first, -months)
    before = Window(before_start, month_end(add_months(first, -1)), months)
    after_start = add_months(last, 1)
    after = Window(after_start, month_end(add_months(last, months)), months)
    return before, after


def evaluation_settings(agency):
    """The agency's evaluation settings, or the defaults when none are saved."""
    return EvaluationSettings.objects.for_agency(agency).first() or EvaluationSettings(
        agency=agency
    )


# --- groups of service units ----------------------------------------------------------------


@functools.lru_cache(maxsize=8192)
def _ancestors(path):
    """'/1/5/9/' → frozenset({'/1/', '/1/5/', '/1/5/9/'}) (paths repeat across programmes, so
    each is split once)."""
    parts = [p for p in path.split("/") if p]
    return frozenset("/" + "/".join(parts[: i + 1]) + "/" for i in range(len(parts)))


def split_units(service_units, participant_paths):
    """(treated, comparison) lists of service units given the participants' org unit paths."""
    paths = set(participant_paths)
    above = set()
    for path in paths:
        above |= _ancestors(path)
    treated, comparison = [], []
    for unit in service_units:
        own = unit["path"]
        if _ancestors(own) & paths:
            treated.append(unit)
        elif own not in above:
            comparison.append(unit)
    return treated, comparison


def active_service_units(agency):
    return list(
        ServiceUnit.objects.for_agency(agency)
        .active()
        .values("pk", "name", path=F("org_unit__path"))
        .order_by("name", "pk")
    )


# --- monthly figures --------------------------------------------------------------------------


def monthly_answer_sums(agency, start, unit_ids, months):
    """{(service unit id, month start): {respondents, pair sums, u9}} for ``months`` months
    from ``start``. The database groups by day and unit, in the order of the (agency, date,
    unit, answers) index, so it reads that index alone and sorts nothing; the days are added
    up into months here (at most days × units rows)."""
    if not unit_ids or months <= 0:
        return {}
    first = start.replace(day=1)
    last = month_end(add_months(first, months - 1))
    wanted = set(unit_ids)
    fields = list(citizen_queries.ANSWER_SUMS)
    sums = {}
    rows = (
        citizen_queries.responses_in(agency, first, last)
        .values_list("answered_on", "unit")
        .annotate(**citizen_queries.ANSWER_SUMS)
        .order_by()
    )
    for day, unit_id, *values in rows:
        if unit_id not in wanted:
            continue
        key = (unit_id, day.replace(day=1))
        total = sums.get(key)
        if total is None:
            sums[key] = dict(zip(fields, (int(v or 0) for v in values), strict=True))
        else:
            for name, value in zip(fields, values, strict=True):
                total[name] += int(value or 0)
    return sums


def monthly_complaints(agency, start, end, unit_ids):
    """{(service unit id, month start): complaints received}: one grouped count."""
    if not unit_ids:
        return {}
    rows = citizen_queries.complaint_counts(
        agency, start, end, by=("unit", "month"), units=unit_ids
    )
    return {(row["unit"], row["month"].replace(day=1)): row["count"] for row in rows}


def _pooled_ikm(sums, unit_ids, window, method):
    """Cell with the converted IKM of every answer of ``unit_ids`` in ``window``."""
    total = dict.fromkeys(SUM_FIELDS, 0)
    months = window.month_starts
    for unit_id in unit_ids:
        for month in months:
            row = sums.get((unit_id, month))
            if row:
                for key in SUM_FIELDS:
                    total[key] += row[key]
    result = citizen_queries.Totals.from_row(total).result(method)
    return did.Cell(result.converted if result else None, total["respondents"])


def _complaint_rate(counts, unit_ids, window):
    """(Cell with complaints per unit per month, number of complaints)."""
    months = window.month_starts
    number = sum(counts.get((u, m), 0) for u in unit_ids for m in months)
    if not unit_ids:
        return did.Cell(None), number
    rate = round_half_up(Fraction(number, len(unit_ids) * window.months), 2)
    return did.Cell(rate), number


# --- results ----------------------------------------------------------------------------------


@dataclass
class OutcomeRow:
    key: str
    label: str
    measure: str
    result: object = None  # did.DidResult; None for a row without data (performance)
    note: str = ""
    counts: tuple = ()  # complaints: the numbers behind the rates


@dataclass
class Outcomes:
    """The L4 comparison of one offering or programme (or a message why there is none)."""

    before: Window | None = None
    after: Window | None = None
    participants: int = 0
    treated: list = field(default_factory=list)
    comparison: list = field(default_factory=list)
    rows: list = field(default_factory=list)
    min_respondents: int = 0
    method: str = ""
    message: str = ""
    caveat: str = did.CAVEAT

    @property
    def has_rows(self):
        return bool(self.rows)

    def row(self, key):
        return next((r for r in self.rows if r.key == key), None)


def _performance_row():
    return OutcomeRow("performance", _("Performance predicates (SKP)"), "", note=PERFORMANCE_NOTE)


def _compare(agency, before, after, treated, comparison, settings, method, today):
    """The IKM and complaint rows of two groups of service unit dicts."""
    treated_ids = [u["pk"] for u in treated]
    comparison_ids = [u["pk"] for u in comparison]
    unit_ids = treated_ids + comparison_ids
    span = (after.start.year - before.start.year) * 12 + after.start.month - before.start.month
    sums = monthly_answer_sums(agency, before.start, unit_ids, span + after.months)
    counts = monthly_complaints(agency, before.start, after.end, unit_ids)
    complete = after.end < today
    ikm = did.difference_in_differences(
        _pooled_ikm(sums, treated_ids, before, method),
        _pooled_ikm(sums, treated_ids, after, method),
        _pooled_ikm(sums, comparison_ids, before, method),
        _pooled_ikm(sums, comparison_ids, after, method),
        treated_units=len(treated_ids),
        comparison_units=len(comparison_ids),
        min_respondents=settings.outcome_min_respondents,
        after_complete=complete,
    )
    cells, numbers = zip(
        *[
            _complaint_rate(counts, ids, window)
            for ids, window in (
                (treated_ids, before),
                (treated_ids, after),
                (comparison_ids, before),
                (comparison_ids, after),
            )
        ],
        strict=True,
    )
    complaints = did.difference_in_differences(
        *cells,
        treated_units=len(treated_ids),
        comparison_units=len(comparison_ids),
        after_complete=complete,
    )
    return [
        OutcomeRow("ikm", _("Public satisfaction (IKM, 0–100)"), _("points"), ikm),
        OutcomeRow(
            "complaints",
            _("Complaints per service unit per month"),
            _("complaints"),
            complaints,
            counts=numbers,
        ),
        _performance_row(),
    ]


def offering_outcomes(agency, offerings, today=None):
    """L4 comparison for the participants of ``offerings`` taken together (one offering or all
    the offerings of a programme)."""
    today = today or timezone.localdate()
    offerings = list(offerings)
    settings = evaluation_settings(agency)
    outcomes = Outcomes(min_respondents=settings.outcome_min_respondents)
    if not offerings:
        outcomes.message = NO_FINISHED
        return outcomes
    before, after = outcome_windows(
        min(o.starts_on for o in offerings),
        max(o.ends_on for o in offerings),
        settings.outcome_window_months,
    )
    outcomes.before, outcomes.after = before, after
    participants = (
        Enrolment.objects.for_agency(agency)
        .filter(offering__in=[o.pk for o in offerings], status=Enrolment.Status.ENROLLED)
        .values_list("employee_id", "employee__unit__path")
        .order_by()
        .distinct()
    )
    participants = list(participants)
    outcomes.participants = len({employee for employee, _path in participants})
    if not participants:
        outcomes.message = NO_PARTICIPANTS
        return outcomes
    treated, comparison = split_units(
        active_service_units(agency), {path for _e, path in participants if path}
    )
    outcomes.treated, outcomes.comparison = treated, comparison
    outcomes.method = citizen_queries.ikm_method(agency)
    outcomes.rows = _compare(
        agency, before, after, treated, comparison, settings, outcomes.method, today
    )
    return outcomes


def programme_offerings(agency, programme):
    """The finished offerings of a programme, the ones its results can be measured for."""
    return (
        Offering.objects.for_agency(agency)
        .filter(programme=programme, status=Offering.Status.FINISHED)
        .order_by("starts_on", "pk")
    )


def programme_outcomes(agency, programme, offerings=None, today=None):
    """L4 comparison of a programme over its finished offerings (or the ``offerings`` given,
    e.g. those an operator may see)."""
    if offerings is None:
        offerings = programme_offerings(agency, programme)
    return offering_outcomes(agency, offerings, today=today)


def ikm_did_by_programme(agency, programmes, today=None):
    """{programme id: did.DidResult} of the IKM for many programmes (those without a finished
    offering are left out) in a fixed number of queries: their finished offerings, the
    participants' unit paths, the service units, and one grouped aggregate of SKM answers by
    unit and month over the span of all the windows."""
    today = today or timezone.localdate()
    ids = [getattr(p, "pk", p) for p in programmes]
    settings = evaluation_settings(agency)
    method = citizen_queries.ikm_method(agency)
    dates = {}
    for programme_id, starts_on, ends_on in (
        Offering.objects.for_agency(agency)
        .filter(programme_id__in=ids, status=Offering.Status.FINISHED)
        .values_list("programme_id", "starts_on", "ends_on")
        .order_by()
    ):
        first, last = dates.get(programme_id, (starts_on, ends_on))
        dates[programme_id] = (min(first, starts_on), max(last, ends_on))
    if not dates:
        return {}
    paths = defaultdict(set)
    for programme_id, path in (
        Enrolment.objects.for_agency(agency)
        .filter(
            offering__programme_id__in=list(dates),
            offering__status=Offering.Status.FINISHED,
            status=Enrolment.Status.ENROLLED,
        )
        .values_list("offering__programme_id", "employee__unit__path")
        .order_by()
        .distinct()
    ):
        if path:
            paths[programme_id].add(path)
    windows = {
        pk: outcome_windows(first, last, settings.outcome_window_months)
        for pk, (first, last) in dates.items()
    }
    units = active_service_units(agency)
    start = min(before.start for before, _after in windows.values())
    end = max(after.start for _before, after in windows.values())
    months = (end.year - start.year) * 12 + end.month - start.month + settings.outcome_window_months
    sums = monthly_answer_sums(agency, start, [u["pk"] for u in units], months)
    results = {}
    for pk, (before, after) in windows.items():
        treated, comparison = split_units(units, paths.get(pk, ()))
        treated_ids = [u["pk"] for u in treated]
        comparison_ids = [u["pk"] for u in comparison]
        results[pk] = did.difference_in_differences(
            _pooled_ikm(sums, treated_ids, before, method),
            _pooled_ikm(sums, treated_ids, after, method),
            _pooled_ikm(sums, comparison_ids, before, method),
            _pooled_ikm(sums, comparison_ids, after, method),
            treated_units=len(treated_ids),
            comparison_units=len(comparison_ids),
            min_respondents=settings.outcome_min_respondents,
            after_complete=after.end < today,
        )
    return results
