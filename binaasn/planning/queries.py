"""Reads of the planning area: needs lists, plan overview with budget totals, calendar,
coverage forecast."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q

from binaasn.people.models import Employee, OrgUnit

from . import budget, coverage, priority
from .models import BudgetCeiling, BudgetLine, Campaign, Interview, Need, Plan, Programme
from .services.campaigns import need_inputs


def campaigns_with_counts(agency):
    return Campaign.objects.for_agency(agency).annotate(
        need_count=Count("needs", distinct=True), interview_count=Count("interviews", distinct=True)
    )


def prioritised_needs(campaign, status=None, query=""):
    needs = (
        Need.objects.for_agency(campaign.agency)
        .filter(campaign=campaign)
        .select_related("competency", "unit")
        .prioritised()
    )
    if status in Need.Status.values:
        needs = needs.filter(status=status)
    if query:
        needs = needs.filter(Q(competency__name__icontains=query) | Q(group_label__icontains=query))
    return needs


def explain_need(need):
    """Inputs, weights and arithmetic of a need's stored score."""
    inputs = need_inputs(need)
    weights = need.campaign.weights
    return {
        "inputs": inputs,
        "weights": weights,
        "formula": priority.FORMULA,
        **priority.explain(inputs, weights),
    }


def interviews_visible_to(agency, membership, campaign=None):
    interviews = Interview.objects.for_agency(agency).select_related("employee", "unit")
    if campaign is not None:
        interviews = interviews.filter(campaign=campaign)
    if membership.role == "operator":
        if not membership.unit_id:
            return interviews.none()
        interviews = interviews.filter(unit__path__startswith=membership.unit.path)
    return interviews


def can_edit_interview(membership, interview):
    if membership.role == "admin":
        return True
    return (
        membership.role == "operator"
        and membership.unit_id
        and interview.unit_id
        and interview.unit.path.startswith(membership.unit.path)
    )


@dataclass
class ProgrammeRow:
    programme: Programme
    total: Decimal
    per_participant: Decimal | None
    per_jp: Decimal | None


@dataclass
class PlanOverview:
    plan: Plan
    rows: list
    total: Decimal
    ceiling: BudgetCeiling | None
    exceeded: bool
    remaining: Decimal | None
    by_category: list = field(default_factory=list)
    by_source: list = field(default_factory=list)
    participants: int = 0
    jp_total: int = 0


def plan_budget_lines(plan):
    return list(
        BudgetLine.objects.for_agency(plan.agency)
        .filter(programme__plan=plan)
        .values_list("volume", "unit_cost", "programme_id", "category", "source")
    )


def plan_overview(plan):
    """Programmes with their totals, the plan total against the ceiling, and the recap by
    category and funding source: three queries whatever the size of the plan."""
    programmes = list(
        Programme.objects.for_agency(plan.agency)
        .filter(plan=plan)
        .select_related("partner")
        .order_by("planned_month", "title", "pk")
    )
    lines = plan_budget_lines(plan)
    by_programme = budget.totals_by(lines, 2)
    rows = []
    for programme in programmes:
        total = by_programme.get(programme.pk, Decimal("0.00"))
        rows.append(
            ProgrammeRow(
                programme=programme,
                total=total,
                per_participant=budget.cost_per_participant(total, programme.participant_count),
                per_jp=budget.cost_per_jp(
                    total, programme.participant_count, programme.jp_per_participant
                ),
            )
        )
    total = budget.plan_total(row.total for row in rows)
    ceiling = BudgetCeiling.objects.for_agency(plan.agency).filter(year=plan.year).first()
    exceeded, remaining = budget.ceiling_check(total, ceiling.amount if ceiling else None)
    categories = dict(BudgetLine.Category.choices)
    sources = dict(BudgetLine.Source.choices)
    by_category = sorted(budget.totals_by(lines, 3).items(), key=lambda item: -item[1])
    by_source = sorted(budget.totals_by(lines, 4).items(), key=lambda item: -item[1])
    return PlanOverview(
        plan=plan,
        rows=rows,
        total=total,
        ceiling=ceiling,
        exceeded=exceeded,
        remaining=remaining,
        by_category=[(categories.get(key, key), value) for key, value in by_category],
        by_source=[(sources.get(key, key), value) for key, value in by_source],
        participants=sum(p.participant_count for p in programmes),
        jp_total=sum(p.participant_count * p.jp_per_participant for p in programmes),
    )


def calendar_rows(plan):
    """Programmes × 12 months: which months each programme runs in."""
    rows = []
    for programme in (
        Programme.objects.for_agency(plan.agency)
        .filter(plan=plan)
        .order_by("planned_month", "title", "pk")
    ):
        months = [
            programme.planned_month <= month <= programme.last_month for month in range(1, 13)
        ]
        rows.append({"programme": programme, "months": months})
    return rows


def _opd_groups(agency):
    units = {u["pk"]: u for u in OrgUnit.objects.for_agency(agency).values("pk", "path", "name")}
    groups = {}
    for pk, unit in units.items():
        ids = [int(part) for part in unit["path"].strip("/").split("/") if part]
        group_id = ids[1] if len(ids) > 1 else (ids[0] if ids else pk)
        groups[pk] = units.get(group_id, unit)
    return units, groups


def coverage_forecast(plan):
    """How many ASN would reach their yearly JP if the plan runs as planned (coverage.py),
    per OPD, and the PNS who would not. Counts only the JP of this plan."""
    agency = plan.agency
    units, groups = _opd_groups(agency)
    people = list(
        Employee.objects.for_agency(agency)
        .active()
        .values_list("pk", "status", "unit_id", "position__position_type", "name")
    )
    by_unit = {}
    for pk, _status, unit_id, position_type, _name in people:
        by_unit.setdefault(unit_id, []).append((pk, position_type))
    programmes = list(
        Programme.objects.for_agency(agency)
        .filter(plan=plan)
        .prefetch_related("target_units", "target_employees")
        .order_by("planned_month", "pk")
    )
    seats = []
    for programme in programmes:
        named = [e.pk for e in programme.target_employees.all()]
        if named:
            seats.append(
                coverage.ProgrammeSeats(
                    jp=programme.jp_per_participant, eligible=named, seats=len(named), named=True
                )
            )
            continue
        prefixes = tuple(u.path for u in programme.target_units.all())
        unit_ids = (
            [pk for pk, unit in units.items() if unit["path"].startswith(prefixes)]
            if prefixes
            else list(by_unit)
        )
        types = set(programme.target_position_types or [])
        eligible = [
            pk
            for unit_id in unit_ids
            for pk, position_type in by_unit.get(unit_id, ())
            if not types or position_type in types
        ]
        seats.append(
            coverage.ProgrammeSeats(
                jp=programme.jp_per_participant,
                eligible=eligible,
                seats=programme.participant_count,
            )
        )
    planned = coverage.allocate([p[0] for p in people], seats)
    group_of = {
        pk: (groups[unit_id]["pk"] if unit_id in groups else None)
        for pk, _s, unit_id, _t, _n in people
    }
    summary = coverage.summarise(
        ((pk, status, group_of[pk]) for pk, status, *_rest in people), planned
    )
    rows = []
    for group_id, counts in summary.items():
        name = units[group_id]["name"] if group_id in units else ""
        rows.append({"unit": name, **counts})
    rows.sort(key=lambda r: r["unit"])
    unit_names = {pk: groups[pk]["name"] for pk in groups}
    short = [
        {"name": name, "unit": unit_names.get(unit_id, ""), "jp": planned[pk], "status": status}
        for pk, status, unit_id, _type, name in people
        if status != "PPPK" and planned[pk] < coverage.PNS_MINIMUM_JP
    ]
    over = [
        {"name": name, "unit": unit_names.get(unit_id, ""), "jp": planned[pk], "status": status}
        for pk, status, unit_id, _type, name in people
        if status == "PPPK" and planned[pk] > coverage.PPPK_CEILING_JP
    ]
    short.sort(key=lambda r: (r["unit"], r["name"]))
    totals = coverage.summarise(
        ((pk, status, "all") for pk, status, *_rest in people), planned
    ).get(
        "all",
        {
            "pns": 0,
            "pns_reached": 0,
            "pns_short": 0,
            "pppk": 0,
            "pppk_over": 0,
            "percent": None,
            "jp": 0,
        },
    )
    return {"rows": rows, "short": short, "over": over, "totals": totals}
