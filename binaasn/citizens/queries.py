"""Reads of public participation, and the small query API other areas use:
``ikm_for_unit``, ``ikm_by_unit``, ``complaint_counts`` and ``forum_issues``.

Every IKM figure comes from one SQL aggregate over the answer rows (sums per unsur and the
number of respondents), then the pure formula in ``ikm.py``.
"""

from dataclasses import dataclass

from django.db.models import Case, Count, IntegerField, Prefetch, Q, Sum, Value, When
from django.db.models.functions import TruncMonth
from django.utils.translation import gettext as _

from . import ikm
from .models import (
    AgeGroup,
    CitizenSettings,
    Complaint,
    Education,
    ForumIssue,
    HistoricalIkm,
    Occupation,
    ServiceUnit,
    ServiceUserCount,
    SkmResponse,
)
from .models.skm import Gender

ANSWER_SUMS = {
    "respondents": Count("*"),
    "pair_12": Sum("pair_12"),
    "pair_34": Sum("pair_34"),
    "pair_56": Sum("pair_56"),
    "pair_78": Sum("pair_78"),
    "u9": Sum("u9"),
}


@dataclass(frozen=True)
class Totals:
    respondents: int
    sums: tuple  # nine sums, U1…U9

    @classmethod
    def from_row(cls, row):
        sums = []
        for key in ("pair_12", "pair_34", "pair_56", "pair_78"):
            sums.extend(ikm.unpack_pair(row.get(key)))
        sums.append(int(row.get("u9") or 0))
        return cls(int(row.get("respondents") or 0), tuple(sums))

    def result(self, method):
        if not self.respondents:
            return None
        return ikm.compute_ikm(
            self.sums, [self.respondents] * 9, method=method, respondents=self.respondents
        )


def ikm_method(agency):
    method = CitizenSettings.objects.for_agency(agency).values_list("ikm_method", flat=True).first()
    return method or ikm.METHOD_EXACT


def responses_in(agency, start, end, unit=None):
    responses = SkmResponse.objects.for_agency(agency).filter(answered_on__range=(start, end))
    if unit is not None:
        responses = responses.filter(unit=unit)
    return responses


def totals(agency, start, end, unit=None):
    """Respondents and the nine sums for the agency (or one unit) and period: one aggregate."""
    return Totals.from_row(responses_in(agency, start, end, unit).aggregate(**ANSWER_SUMS))


def ikm_for_unit(agency, unit, start, end, method=None):
    """The IKM of one service unit for answers dated ``start``…``end`` (None without answers)."""
    return totals(agency, start, end, unit).result(method or ikm_method(agency))


def ikm_for_agency(agency, start, end, method=None):
    """The IKM of all the agency's answers in the period pooled together (None without answers)."""
    return totals(agency, start, end).result(method or ikm_method(agency))


def ikm_by_unit(agency, start, end, units=None, method=None):
    """[(service unit, IkmResult or None)] for the agency's active units (or ``units``), from one
    GROUP BY unit aggregate."""
    method = method or ikm_method(agency)
    if units is None:
        units = ServiceUnit.objects.for_agency(agency).active().select_related("org_unit")
    units = list(units)
    rows = (
        responses_in(agency, start, end)
        .filter(unit__in=[u.pk for u in units])
        .values("unit")
        .annotate(**ANSWER_SUMS)
        .order_by()
    )
    by_unit = {row["unit"]: Totals.from_row(row) for row in rows}
    return [
        (unit, by_unit[unit.pk].result(method) if unit.pk in by_unit else None) for unit in units
    ]


def trend(agency, periods, unit=None, method=None):
    """[(period, IkmResult or None)] for consecutive ``periods`` from one aggregate with the
    period as a computed bucket (no per-row date functions, so it stays in SQL)."""
    method = method or ikm_method(agency)
    bucket = Case(
        *[When(answered_on__range=(p.start, p.end), then=Value(i)) for i, p in enumerate(periods)],
        default=Value(-1),
        output_field=IntegerField(),
    )
    rows = (
        responses_in(agency, periods[0].start, periods[-1].end, unit)
        .annotate(bucket=bucket)
        .values("bucket")
        .annotate(**ANSWER_SUMS)
        .order_by()
    )
    by_bucket = {row["bucket"]: Totals.from_row(row) for row in rows}
    return [
        (p, by_bucket[i].result(method) if i in by_bucket else None) for i, p in enumerate(periods)
    ]


def historical_results(agency, unit=None):
    results = HistoricalIkm.objects.for_agency(agency).select_related("unit")
    if unit is not None:
        results = results.filter(unit=unit)
    else:
        results = results.filter(unit__isnull=True)
    return results.order_by("start_on")


PROFILE_DIMENSIONS = (
    ("age_group", AgeGroup),
    ("gender", Gender),
    ("education", Education),
    ("occupation", Occupation),
)


def respondent_profile(agency, start, end, unit=None):
    """Counts per age group, gender, education and occupation from one GROUP BY query:
    {dimension: [(label, count, percent)]}; blank answers are shown as "not stated"."""
    fields = [name for name, _choices in PROFILE_DIMENSIONS]
    rows = list(
        responses_in(agency, start, end, unit).values(*fields).annotate(n=Count("*")).order_by()
    )
    total = sum(row["n"] for row in rows)
    profile = {}
    for name, choices in PROFILE_DIMENSIONS:
        counts = {}
        for row in rows:
            counts[row[name]] = counts.get(row[name], 0) + row["n"]
        lines = [(label, counts.get(value, 0)) for value, label in choices.choices]
        if counts.get(""):
            lines.append((_("not stated"), counts[""]))
        profile[name] = [(label, n, (n * 100 / total) if total else 0) for label, n in lines]
    return {"total": total, "dimensions": profile}


def service_counts(agency, start, end, unit=None, limit=10):
    return list(
        responses_in(agency, start, end, unit)
        .exclude(service="")
        .values("service")
        .annotate(n=Count("*"))
        .order_by("-n", "service")[:limit]
    )


def population_for(unit, start, end):
    """Service users N in the period: the counts recorded within it, else the share (by days) of
    a recorded period that covers it. None when nothing is recorded."""
    counts = ServiceUserCount.objects.for_agency(unit.agency).filter(unit=unit)
    inside = counts.filter(start_on__gte=start, end_on__lte=end).aggregate(n=Sum("count"))["n"]
    if inside:
        return inside
    covering = counts.filter(start_on__lte=start, end_on__gte=end).order_by("end_on").first()
    if covering is None:
        return None
    days = (covering.end_on - covering.start_on).days + 1
    share = ((end - start).days + 1) * covering.count
    return -(-share // days)  # rounded up


def sample_check(unit, start, end, respondents):
    """The minimum sample for the unit's population and whether the respondents reach it."""
    population = population_for(unit, start, end)
    minimum = ikm.minimum_sample(population)
    return {
        "population": population,
        "minimum": minimum,
        "respondents": respondents,
        "is_enough": minimum is None or respondents >= minimum,
    }


def suggestions(agency, start, end, unit=None, limit=20):
    return (
        responses_in(agency, start, end, unit)
        .exclude(suggestion="")
        .select_related("unit")
        .order_by("-answered_on", "-pk")[:limit]
    )


# --- complaints ---------------------------------------------------------------------------

COMPLAINT_GROUPINGS = {"unit": "unit", "category": "category", "kind": "kind", "status": "status"}


def complaint_counts(agency, start, end, by=("unit", "category"), units=None):
    """Number of complaints received ``start``…``end`` grouped by any of unit, category, kind,
    status and month: [{"unit": id, "unit_name": …, "category": …, "count": n}]; ``units``
    limits it to those service units."""
    complaints = Complaint.objects.for_agency(agency).filter(
        received_at__date__gte=start, received_at__date__lte=end
    )
    if units is not None:
        complaints = complaints.filter(unit__in=units)
    fields = []
    for key in by:
        if key == "month":
            complaints = complaints.annotate(month=TruncMonth("received_at"))
            fields.append("month")
        elif key in COMPLAINT_GROUPINGS:
            fields.append(COMPLAINT_GROUPINGS[key])
            if key == "unit":
                fields.append("unit__name")
        else:
            raise ValueError(f"unknown grouping {key!r}")
    rows = complaints.values(*fields).annotate(count=Count("*")).order_by(*fields)
    result = []
    for row in rows:
        if "unit__name" in row:
            row["unit_name"] = row.pop("unit__name")
        if "month" in row and row["month"] is not None:
            row["month"] = row["month"].date() if hasattr(row["month"], "date") else row["month"]
        result.append(row)
    return result


def complaint_overview(complaints, today):
    """Counts for the complaint list header: open, overdue, by status (one query)."""
    rows = complaints.values("status").annotate(n=Count("*")).order_by()
    by_status = {row["status"]: row["n"] for row in rows}
    overdue = complaints.filter(
        Q(
            status__in=[Complaint.Status.RECEIVED, Complaint.Status.VERIFIED],
            verify_due_on__lt=today,
        )
        | Q(status=Complaint.Status.FORWARDED, follow_up_due_on__lt=today)
    ).count()
    return {"by_status": by_status, "overdue": overdue}


# --- forums -------------------------------------------------------------------------------


def forum_issues(agency, start, end):
    """Issues raised in forums held ``start``…``end``, with their forum and follow-up actions."""
    from binaasn.actions.models import FollowUpAction

    return (
        ForumIssue.objects.for_agency(agency)
        .filter(forum__held_on__range=(start, end))
        .select_related("forum", "forum__unit")
        .prefetch_related(
            Prefetch(
                "actions",
                queryset=FollowUpAction.objects.for_agency(agency).order_by("due_on", "pk"),
            )
        )
        .order_by("forum__held_on", "pk")
    )
