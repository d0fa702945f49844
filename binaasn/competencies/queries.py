"""Reads of the competency area: requirements, current levels, gaps and the heat map."""

from django.db.models import Count

from binaasn.people.models import Employee, Position

from . import jpm as rules
from .models import PRECEDENCE, Competency, CurrentLevel, PositionStandard, Source


def can_see_employee(membership, employee):
    """Admins and leaders see everyone; operators their unit subtree; an ASN themself."""
    if membership.role in ("admin", "leader"):
        return True
    if membership.role == "operator":
        return bool(
            membership.unit_id
            and employee.unit_id
            and employee.unit.path.startswith(membership.unit.path)
        )
    return employee.user_id == membership.user_id


def can_assess_employee(membership, employee):
    """Admins assess anyone; operators the ASN of their unit subtree."""
    if membership.role == "admin":
        return True
    return membership.role == "operator" and can_see_employee(membership, employee)


def competencies_for(agency):
    return Competency.objects.for_agency(agency).active()


def positions_with_standard_counts(agency):
    return (
        Position.objects.for_agency(agency)
        .filter(is_active=True)
        .select_related("unit")
        .annotate(standard_count=Count("standards"))
        .order_by("name", "pk")
    )


def requirements_by_position(agency, position_ids):
    """``{position_id: {competency_id: required level}}``."""
    result = {}
    rows = PositionStandard.objects.for_agency(agency).filter(position_id__in=set(position_ids))
    for position_id, competency_id, level in rows.values_list(
        "position_id", "competency_id", "required_level"
    ):
        result.setdefault(position_id, {})[competency_id] = level
    return result


def levels_by_employee(agency, employee_ids):
    """``{employee_id: {competency_id: current level}}``."""
    result = {}
    rows = CurrentLevel.objects.for_agency(agency).filter(employee_id__in=set(employee_ids))
    for employee_id, competency_id, level in rows.values_list(
        "employee_id", "competency_id", "level"
    ):
        result.setdefault(employee_id, {})[competency_id] = level
    return result


def employee_gap_report(employee):
    """One employee's standard, current levels, gaps and JPM, for the employee view."""
    agency = employee.agency
    requirements = {}
    if employee.position_id:
        requirements = requirements_by_position(agency, [employee.position_id]).get(
            employee.position_id, {}
        )
    current = {
        level.competency_id: level
        for level in CurrentLevel.objects.for_agency(agency).filter(employee=employee)
    }
    profile = {competency_id: level.level for competency_id, level in current.items()}
    competency_ids = set(requirements) | set(current)
    competencies = Competency.objects.for_agency(agency).filter(pk__in=competency_ids)
    rows = []
    for competency in competencies:
        required = requirements.get(competency.pk)
        level = current.get(competency.pk)
        value = rules.gap(required, profile.get(competency.pk)) if required else None
        rows.append(
            {
                "competency": competency,
                "required": required,
                "current": level.level if level else None,
                "source": level.get_source_display() if level else "",
                "assessed_on": level.assessed_on if level else None,
                "gap": value,
                "css": rules.gap_class(value),
            }
        )
    parts = rules.jpm_parts(requirements, profile)
    return {
        "rows": rows,
        "jpm": parts["jpm"],
        "matched": parts["matched"],
        "required_total": parts["required"],
    }


def heatmap_columns(agency, employees):
    """The competencies required by any position held in ``employees`` (a queryset)."""
    ids = (
        PositionStandard.objects.for_agency(agency)
        .filter(position__in=employees.values("position_id"))
        .values("competency_id")
    )
    return list(Competency.objects.for_agency(agency).filter(pk__in=ids))


def heatmap_rows(agency, employees, columns, bands):
    """For a page of employees: the cells (required, current, gap, class) per column and JPM."""
    employees = list(employees)
    requirements = requirements_by_position(
        agency, [e.position_id for e in employees if e.position_id]
    )
    profiles = levels_by_employee(agency, [e.pk for e in employees])
    rows = []
    for employee in employees:
        required = requirements.get(employee.position_id, {})
        profile = profiles.get(employee.pk, {})
        cells = []
        for competency in columns:
            need = required.get(competency.pk)
            value = rules.gap(need, profile.get(competency.pk)) if need else None
            cells.append(
                {
                    "required": need,
                    "current": profile.get(competency.pk),
                    "gap": value,
                    "css": rules.gap_class(value),
                }
            )
        score = rules.jpm(required, profile)
        rows.append(
            {
                "employee": employee,
                "cells": cells,
                "jpm": score,
                "category": rules.jpm_category(score, bands),
            }
        )
    return rows


def employees_for_heatmap(agency, membership, unit):
    employees = Employee.objects.for_agency(agency).active().visible_to(membership)
    if unit is not None:
        employees = employees.in_subtree(unit)
    return employees.select_related("position", "unit").order_by("name", "pk")


def precedence_labels():
    """The sources in the order the current profile trusts them, for the pages that say so."""
    return [Source(source).label for source in PRECEDENCE]
