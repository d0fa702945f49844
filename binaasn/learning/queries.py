"""Reads of training delivery used by several pages and by other areas (home page, planning)."""

from django.core.cache import cache
from django.db.models import Count, F, FilteredRelation, Q, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from binaasn.people.models import Employee, OrgUnit

from . import jp as jp_rules
from .models import (
    Certificate,
    CostRealization,
    Enrolment,
    JpYearTotal,
    LearningRecord,
    Session,
)


def jp_progress(agency, employee, year=None):
    """An ASN's JP in ``year`` against the 20 JP minimum (PNS/CPNS) or the 24 JP ceiling (PPPK)."""
    year = year or timezone.localdate().year
    total = (
        JpYearTotal.objects.for_agency(agency)
        .filter(employee=employee, year=year)
        .values_list("jp", flat=True)
        .first()
        or 0
    )
    result = jp_rules.progress(total, employee.status)
    result["year"] = year
    return result


def upcoming_sessions(agency, employee, today=None, limit=10):
    today = today or timezone.localdate()
    return (
        Session.objects.for_agency(agency)
        .filter(
            held_on__gte=today,
            offering__enrolments__employee=employee,
            offering__enrolments__status=Enrolment.Status.ENROLLED,
        )
        .exclude(offering__status="cancelled")
        .select_related("offering")
        .order_by("held_on", "starts_at")[:limit]
    )


def records_of(agency, employee):
    return (
        LearningRecord.objects.for_agency(agency)
        .filter(employee=employee)
        .order_by("-ends_on", "-pk")
    )


def certificates_of(agency, employee):
    return Certificate.objects.for_agency(agency).filter(employee=employee).order_by("-issued_at")


def _subtree_scope(agency, unit, membership):
    """The unit whose subtree a member looks at: the chosen unit, kept inside an operator's own
    subtree (an operator who chose nothing sees their own unit). ``False`` means nothing."""
    if membership is not None and membership.role == "operator":
        if membership.unit_id is None:
            return False
        if unit is None or not unit.path.startswith(membership.unit.path):
            return membership.unit
    return unit


def _in_scope(agency, *, unit, membership):
    """Active employees of the subtree a member looks at (every status)."""
    employees = Employee.objects.for_agency(agency).filter(is_active=True)
    unit = _subtree_scope(agency, unit, membership)
    if unit is False:
        return employees.none()
    if unit is not None:
        # Unit ids of the subtree first: the (agency, is_active, unit) index then finds the staff.
        subtree = OrgUnit.objects.for_agency(agency).subtree(unit).values("pk")
        employees = employees.filter(unit__in=subtree)
    return employees


def _with_year_jp(employees, year):
    return employees.annotate(
        year_total=FilteredRelation("jp_totals", condition=Q(jp_totals__year=year)),
    ).annotate(jp=Coalesce(F("year_total__jp"), Value(0)))


def compliance_employees(agency, *, unit=None, year, membership=None):
    """Active PNS/CPNS of a unit subtree with their JP in ``year`` (0 when none), read from the
    per-employee-year totals so the cost does not grow with the ledger."""
    employees = _in_scope(agency, unit=unit, membership=membership).exclude(status="PPPK")
    return _with_year_jp(employees, year)


def compliance_summary(agency, *, unit=None, year, membership=None):
    """In one pass over the subtree's active staff: PNS/CPNS, those at or above the 20 JP
    minimum, and PPPK above the 24 JP ceiling (one index probe of the totals per person)."""
    pns = ~Q(status="PPPK")
    counts = _with_year_jp(_in_scope(agency, unit=unit, membership=membership), year).aggregate(
        total=Count("pk", filter=pns),
        meeting=Count("pk", filter=pns & Q(jp__gte=jp_rules.PNS_MINIMUM_JP)),
        pppk_over=Count("pk", filter=Q(status="PPPK", jp__gt=jp_rules.PPPK_CEILING_JP)),
    )
    counts["below"] = counts["total"] - counts["meeting"]
    return counts


# The agency-wide count for a year touches every ASN of the agency (about 150 ms at 100,000):
# reports that show it keep it this long, and any change of a yearly JP total drops it.
AGENCY_COMPLIANCE_SECONDS = 600


def agency_compliance_key(agency_id, year):
    return f"binaasn:compliance:{agency_id}:{year}"


def agency_compliance(agency, year, now=None):
    """``compliance_summary`` of the whole agency for ``year`` plus ``computed_at``, computed at
    most once per AGENCY_COMPLIANCE_SECONDS; a JP credit or withdrawal of the year (the ledger
    refreshing a yearly total) recomputes it on the next read. Staff changes (status, leaving)
    show within that time."""
    key = agency_compliance_key(agency.pk, year)
    summary = cache.get(key)
    if summary is None:
        summary = compliance_summary(agency, year=year)
        summary["computed_at"] = now or timezone.now()
        cache.set(key, summary, AGENCY_COMPLIANCE_SECONDS)
    return summary


class CountedQuerySet:
    """A queryset whose size is already known, for the paginator (no second COUNT)."""

    ordered = True

    def __init__(self, queryset, count):
        self.queryset, self._count = queryset, count

    def count(self):
        return self._count

    def __len__(self):
        return self._count

    def __getitem__(self, index):
        return self.queryset[index]


def below_minimum_page_source(agency, *, unit=None, year, membership=None, below_count):
    """The ASN below the minimum in name order (the name index serves the order), sized by
    ``below_count`` from ``compliance_summary``."""
    employees = (
        compliance_employees(agency, unit=unit, year=year, membership=membership)
        .filter(jp__lt=jp_rules.PNS_MINIMUM_JP)
        .select_related("unit")
        .order_by("name", "pk")
    )
    return CountedQuerySet(employees, below_count)


def realized_costs(programme):
    """Actual costs of every offering of a planning programme, by budget category:
    ``{"honorarium": Decimal, ...}`` with only the categories that have costs."""
    rows = (
        CostRealization.objects.for_agency(programme.agency)
        .filter(offering__programme=programme)
        .values("category")
        .annotate(total=Sum("amount"))
        .order_by("category")
    )
    return {row["category"]: row["total"] for row in rows}


def offering_costs(offering):
    rows = (
        CostRealization.objects.for_agency(offering.agency)
        .filter(offering=offering)
        .values("category")
        .annotate(total=Sum("amount"))
        .order_by("category")
    )
    return {row["category"]: row["total"] for row in rows}
