"""Reads of training delivery used by several pages and by other areas (home page, planning)."""

from django.db.models import Count, F, FilteredRelation, Q, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from binaasn.people.models import Employee

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


def compliance_employees(agency, *, unit=None, year, membership=None):
    """Active PNS/CPNS of a unit subtree with their JP in ``year`` (0 when none), read from the
    per-employee-year totals so the cost does not grow with the ledger."""
    employees = Employee.objects.for_agency(agency).filter(is_active=True).exclude(status="PPPK")
    if membership is not None:
        employees = employees.visible_to(membership)
    if unit is not None:
        employees = employees.filter(unit__path__startswith=unit.path)
    return employees.annotate(
        year_total=FilteredRelation("jp_totals", condition=Q(jp_totals__year=year)),
    ).annotate(jp=Coalesce(F("year_total__jp"), Value(0)))


def compliance_summary(employees):
    target = jp_rules.PNS_MINIMUM_JP
    return employees.aggregate(total=Count("pk"), below=Count("pk", filter=Q(jp__lt=target)))


def pppk_over_ceiling(agency, *, unit=None, year, membership=None):
    employees = Employee.objects.for_agency(agency).filter(is_active=True, status="PPPK")
    if membership is not None:
        employees = employees.visible_to(membership)
    if unit is not None:
        employees = employees.filter(unit__path__startswith=unit.path)
    return employees.filter(jp_totals__year=year, jp_totals__jp__gt=jp_rules.PPPK_CEILING_JP)


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
