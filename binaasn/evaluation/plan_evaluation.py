"""The annual plan evaluation: what a development plan promised against what was delivered.

Per programme of the plan: offerings scheduled and held, participants planned and actual, JP
planned and delivered (from the JP ledger), budget planned (budget lines) against realized
(recorded costs) with the absorption percentage, and the Kirkpatrick L1–L4 results; for the plan
as a whole the same totals and how many ASN of the agency reached the yearly JP minimum in the
plan year. Every figure comes from a fixed number of grouped queries, whatever the number of
programmes, offerings or participants.

Definitions:
- an offering is *scheduled* unless cancelled, *held* when finished; a programme is held when
  at least one of its offerings was held;
- actual participants are enrolled places in offerings that were not cancelled; completed are
  those with the result "completed";
- JP delivered is the JP the ledger credited for the programme's enrolments;
- absorption = realized ÷ planned budget × 100 (no figure without a planned budget).
"""

import hashlib
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.core.cache import cache
from django.db.models import Count, IntegerField, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from binaasn.learning import jp as jp_rules
from binaasn.learning.models import CostRealization, Enrolment, LearningRecord, Offering
from binaasn.learning.queries import agency_compliance
from binaasn.planning import budget
from binaasn.planning.models import BudgetLine, Plan, Programme

from . import feedback, learning_results, outcomes

ZERO = Decimal("0.00")
RANKED = 3  # programmes shown at the top and at the bottom of each level


def percent(part, whole, places="0.1"):
    """``part`` as a percentage of ``whole``, rounded half-up; None when ``whole`` is 0."""
    if not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal(places), ROUND_HALF_UP)


@dataclass
class LevelResult:
    """One Kirkpatrick level of one programme: a figure to rank by, or why there is none."""

    value: Decimal | None = None
    text: str = ""  # the figure as shown, e.g. "4.21"
    detail: str = ""  # e.g. "35 respondents"
    missing: str = ""  # why there is no figure

    @property
    def has_value(self):
        return self.value is not None


@dataclass
class ProgrammeResult:
    programme: Programme
    offerings_scheduled: int = 0
    offerings_held: int = 0
    offerings_cancelled: int = 0
    participants_enrolled: int = 0
    participants_completed: int = 0
    jp_delivered: int = 0
    budget_planned: Decimal = ZERO
    budget_realized: Decimal = ZERO
    levels: dict = field(default_factory=dict)

    @property
    def participants_planned(self):
        return self.programme.participant_count

    @property
    def jp_planned(self):
        return self.programme.participant_count * self.programme.jp_per_participant

    @property
    def is_held(self):
        return self.offerings_held > 0

    @property
    def absorption(self):
        return percent(self.budget_realized, self.budget_planned)

    @property
    def participant_percent(self):
        return percent(self.participants_enrolled, self.participants_planned)

    @property
    def jp_percent(self):
        return percent(self.jp_delivered, self.jp_planned)

    def level_list(self):
        """The four levels in order, for templates."""
        return [self.levels.get(key, LevelResult()) for key, _label in LEVELS]


@dataclass
class Ranking:
    level: str
    label: str
    top: list
    bottom: list
    lacking: list  # programmes without a figure, with the reason


@dataclass
class PlanEvaluation:
    plan: Plan
    rows: list
    totals: dict
    compliance: dict
    rankings: list
    levels_counted_at: object = None

    @property
    def is_empty(self):
        return not self.rows


LEVELS = [
    ("l1", gettext_lazy("L1 reaction")),
    ("l2", gettext_lazy("L2 learning")),
    ("l3", gettext_lazy("L3 behaviour")),
    ("l4", gettext_lazy("L4 results")),
]


def _offering_counts(agency, plan):
    rows = (
        Offering.objects.for_agency(agency)
        .filter(programme__plan=plan)
        .values("programme_id")
        .annotate(
            scheduled=Count("pk", filter=~Q(status=Offering.Status.CANCELLED)),
            held=Count("pk", filter=Q(status=Offering.Status.FINISHED)),
            cancelled=Count("pk", filter=Q(status=Offering.Status.CANCELLED)),
        )
        .order_by()
    )
    return {row["programme_id"]: row for row in rows}


def _participation(agency, plan):
    """Enrolled and completed places and the JP the ledger credited for them, per programme:
    one grouped query, each completed enrolment finding its ledger row by the unique index of
    (source, source_pk, employee)."""
    credited = LearningRecord.objects.for_agency(agency).filter(
        source=LearningRecord.Source.OFFERING,
        source_pk=OuterRef("pk"),
        employee_id=OuterRef("employee_id"),
    )
    rows = (
        Enrolment.objects.for_agency(agency)
        .filter(offering__programme__plan=plan)
        .exclude(offering__status=Offering.Status.CANCELLED)
        .annotate(
            credited_jp=Subquery(credited.values("jp")[:1], output_field=IntegerField()),
        )
        .values("offering__programme_id")
        .annotate(
            enrolled=Count("pk", filter=Q(status=Enrolment.Status.ENROLLED)),
            completed=Count("pk", filter=Q(result=Enrolment.Result.COMPLETED)),
            jp=Coalesce(Sum("credited_jp"), 0),
        )
        .order_by()
    )
    return {row["offering__programme_id"]: row for row in rows}


def _realized(agency, plan):
    rows = (
        CostRealization.objects.for_agency(agency)
        .filter(offering__programme__plan=plan)
        .values("offering__programme_id")
        .annotate(total=Sum("amount"))
        .order_by()
    )
    return {row["offering__programme_id"]: Decimal(row["total"] or 0) for row in rows}


def _planned_budget(agency, plan):
    lines = (
        BudgetLine.objects.for_agency(agency)
        .filter(programme__plan=plan)
        .values_list("volume", "unit_cost", "programme_id")
    )
    return budget.totals_by(lines, 2)


def _decimal(value):
    return None if value is None else Decimal(str(value))


def _score_level(score, missing):
    """L1 or L3: a mean on the 1–5 scale and its respondents (feedback.Score)."""
    if score is None or score.mean is None:
        return LevelResult(missing=missing)
    return LevelResult(
        value=_decimal(score.mean),
        text=f"{score.mean:.2f}",
        detail=ngettext("%(n)d respondent", "%(n)d respondents", score.respondents)
        % {"n": score.respondents},
    )


def _learning_level(summary):
    """L2: the average normalised gain of the pre/post pairs, with the pass rate."""
    if summary is None or not summary.has_scores:
        return LevelResult(missing=_("No test scores yet."))
    if summary.normalised_gain is None:
        if summary.pairs:
            return LevelResult(missing=_("Every participant scored 100 on the pre-test."))
        return LevelResult(missing=_("No participant has both a pre-test and a post-test."))
    detail = ngettext("%(n)d pair of tests", "%(n)d pairs of tests", summary.pairs) % {
        "n": summary.pairs
    }
    if summary.pass_rate is not None:
        detail += ", " + _("%(rate)s%% passed") % {"rate": summary.pass_rate}
    return LevelResult(
        value=_decimal(summary.normalised_gain), text=str(summary.normalised_gain), detail=detail
    )


def _results_level(result):
    """L4: the difference in differences of the IKM, or why there is none."""
    if result is None:
        return LevelResult(missing=_("No finished offering yet."))
    if not result.is_computed:
        return LevelResult(missing=result.message)
    estimate = _decimal(result.estimate)
    return LevelResult(
        value=estimate,
        text=f"{estimate:+}",
        detail=_("%(treated)s units of participants, %(comparison)s comparison units")
        % {"treated": result.treated_units, "comparison": result.comparison_units},
    )


# The L1–L4 figures of a plan read every answer, score and SKM response of its programmes
# (about 300 ms at 100,000 ASN): the page keeps them this long and says when they were counted.
LEVELS_SECONDS = 600


def _level_figures(agency, programmes):
    ids = [programme.pk for programme in programmes]
    key = "binaasn:plan-levels:{}:{}:{}".format(
        agency.pk,
        hashlib.sha256(",".join(map(str, ids)).encode()).hexdigest()[:16],
        translation.get_language(),
    )
    figures = cache.get(key)
    if figures is None:
        figures = {
            "reaction": feedback.reaction_scores_by_programme(agency, ids),
            "behaviour": feedback.behaviour_scores_by_programme(agency, ids),
            "learning": learning_results.learning_scores_by_programme(agency, ids),
            "results": outcomes.ikm_did_by_programme(agency, programmes),
            "computed_at": timezone.now(),
        }
        cache.set(key, figures, LEVELS_SECONDS)
    return figures


class Levels(dict):
    """``{programme_id: {"l1": LevelResult, …}}``, and ``counted_at``: when its figures were
    counted (they are kept for LEVELS_SECONDS)."""

    counted_at = None


def level_results(agency, programmes):
    """Levels from the Kirkpatrick modules of evaluation: reaction and behaviour means,
    learning gain, and the IKM difference in differences."""
    ids = [programme.pk for programme in programmes]
    figures = _level_figures(agency, programmes)
    reaction, behaviour = figures["reaction"], figures["behaviour"]
    learning, results = figures["learning"], figures["results"]
    levels = Levels(
        (
            pk,
            {
                "l1": _score_level(reaction.get(pk), _("No reaction answers yet.")),
                "l2": _learning_level(learning.get(pk)),
                "l3": _score_level(behaviour.get(pk), _("No behaviour answers yet.")),
                "l4": _results_level(results.get(pk)),
            },
        )
        for pk in ids
    )
    levels.counted_at = figures["computed_at"]
    return levels


def _ranking(key, label, rows):
    with_value = [row for row in rows if row.levels.get(key, LevelResult()).has_value]
    with_value.sort(key=lambda row: (-row.levels[key].value, row.programme.title, row.programme.pk))
    top = with_value[:RANKED]
    bottom = [row for row in reversed(with_value[-RANKED:]) if row not in top]
    lacking = [
        (row, row.levels.get(key, LevelResult()).missing or _("No data yet."))
        for row in rows
        if not row.levels.get(key, LevelResult()).has_value
    ]
    return Ranking(level=key, label=label, top=top, bottom=bottom, lacking=lacking)


def _totals(rows):
    totals = {
        "programmes": len(rows),
        "programmes_held": sum(1 for row in rows if row.is_held),
        "offerings_scheduled": sum(row.offerings_scheduled for row in rows),
        "offerings_held": sum(row.offerings_held for row in rows),
        "offerings_cancelled": sum(row.offerings_cancelled for row in rows),
        "participants_planned": sum(row.participants_planned for row in rows),
        "participants_enrolled": sum(row.participants_enrolled for row in rows),
        "participants_completed": sum(row.participants_completed for row in rows),
        "jp_planned": sum(row.jp_planned for row in rows),
        "jp_delivered": sum(row.jp_delivered for row in rows),
        "budget_planned": budget.plan_total(row.budget_planned for row in rows),
        "budget_realized": budget.plan_total(row.budget_realized for row in rows),
    }
    totals["programmes_percent"] = percent(totals["programmes_held"], totals["programmes"])
    totals["participants_percent"] = percent(
        totals["participants_enrolled"], totals["participants_planned"]
    )
    totals["jp_percent"] = percent(totals["jp_delivered"], totals["jp_planned"])
    totals["absorption"] = percent(totals["budget_realized"], totals["budget_planned"])
    return totals


def _compliance(agency, year):
    """ASN (PNS/CPNS, active) of the whole agency at or above the yearly JP minimum."""
    summary = agency_compliance(agency, year)
    return {
        "computed_at": summary["computed_at"],
        "year": year,
        "minimum": jp_rules.PNS_MINIMUM_JP,
        "total": summary["total"],
        "meeting": summary["meeting"],
        "below": summary["below"],
        "percent": percent(summary["meeting"], summary["total"]),
    }


def evaluate_plan(plan):
    """Everything the plan evaluation page, its Excel file and its PDF show (see the module
    docstring for the definitions)."""
    agency = plan.agency
    programmes = list(
        Programme.objects.for_agency(agency)
        .filter(plan=plan)
        .order_by("planned_month", "title", "pk")
    )
    offerings = _offering_counts(agency, plan)
    participation = _participation(agency, plan)
    planned = _planned_budget(agency, plan)
    realized = _realized(agency, plan)
    levels = level_results(agency, programmes) if programmes else {}
    rows = []
    for programme in programmes:
        counts = offerings.get(programme.pk, {})
        people = participation.get(programme.pk, {})
        rows.append(
            ProgrammeResult(
                programme=programme,
                offerings_scheduled=counts.get("scheduled", 0),
                offerings_held=counts.get("held", 0),
                offerings_cancelled=counts.get("cancelled", 0),
                participants_enrolled=people.get("enrolled", 0),
                participants_completed=people.get("completed", 0),
                jp_delivered=people.get("jp", 0) or 0,
                budget_planned=planned.get(programme.pk, ZERO),
                budget_realized=realized.get(programme.pk, ZERO),
                levels=levels.get(programme.pk, {}),
            )
        )
    return PlanEvaluation(
        plan=plan,
        rows=rows,
        totals=_totals(rows),
        compliance=_compliance(agency, plan.year),
        rankings=[_ranking(key, label, rows) for key, label in LEVELS],
        levels_counted_at=getattr(levels, "counted_at", None),  # none without programmes
    )


def chart_data(evaluation):
    """The page's charts as JSON-ready data (drawn by evaluation/plan_evaluation.js)."""
    labels = [row.programme.title for row in evaluation.rows]
    return [
        {
            "id": "budget",
            "labels": labels,
            "datasets": [
                {"label": str(_("Planned budget (Rp)")), "values": [
                    float(row.budget_planned) for row in evaluation.rows]},
                {"label": str(_("Realized (Rp)")), "values": [
                    float(row.budget_realized) for row in evaluation.rows]},
            ],
        },
        {
            "id": "participants",
            "labels": labels,
            "datasets": [
                {"label": str(_("Planned participants")), "values": [
                    row.participants_planned for row in evaluation.rows]},
                {"label": str(_("Actual participants")), "values": [
                    row.participants_enrolled for row in evaluation.rows]},
            ],
        },
    ]  # fmt: skip


@dataclass
class PlanSummary:
    plan: Plan
    programmes: int
    programmes_held: int
    budget_planned: Decimal
    budget_realized: Decimal

    @property
    def absorption(self):
        return percent(self.budget_realized, self.budget_planned)


def plan_summaries(agency):
    """Every plan of the agency, newest year first, with its programmes held and budget
    absorption: four queries whatever the number of plans."""
    plans = list(
        Plan.objects.for_agency(agency)
        .annotate(programme_count=Count("programmes"))
        .order_by("-year")
    )
    held = dict(
        Offering.objects.for_agency(agency)
        .filter(programme__plan__in=plans, status=Offering.Status.FINISHED)
        .values("programme__plan_id")
        .annotate(n=Count("programme_id", distinct=True))
        .values_list("programme__plan_id", "n")
        .order_by()
    )
    lines = (
        BudgetLine.objects.for_agency(agency)
        .filter(programme__plan__in=plans)
        .values_list("volume", "unit_cost", "programme__plan_id")
    )
    planned = budget.totals_by(lines, 2)
    realized = dict(
        CostRealization.objects.for_agency(agency)
        .filter(offering__programme__plan__in=plans)
        .values("offering__programme__plan_id")
        .annotate(total=Sum("amount"))
        .values_list("offering__programme__plan_id", "total")
        .order_by()
    )
    return [
        PlanSummary(
            plan=plan,
            programmes=plan.programme_count,
            programmes_held=held.get(plan.pk, 0),
            budget_planned=planned.get(plan.pk, ZERO),
            budget_realized=Decimal(realized.get(plan.pk) or 0),
        )
        for plan in plans
    ]
