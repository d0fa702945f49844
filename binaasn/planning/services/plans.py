"""The annual development plan: workflow, versions, programmes, budget lines, ceiling."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import budget, paths
from ..models import BudgetCeiling, Need, Plan, PlanVersion, Programme
from ._audit import audit_batch


def _require_draft(plan):
    if plan.status != Plan.Status.DRAFT:
        raise ValidationError(
            _("The plan is %(status)s and cannot be changed; start a revision first.")
            % {"status": plan.get_status_display().lower()}
        )


@transaction.atomic
def create_plan(agency, *, year, title, objectives, campaign=None, by=None):
    if Plan.objects.for_agency(agency).filter(year=year).exists():
        raise ValidationError(
            {"year": _("The agency already has a plan for %(year)s.") % {"year": year}}
        )
    plan = Plan(
        agency=agency,
        year=year,
        title=title,
        objectives=objectives,
        campaign=campaign,
        created_by=by,
    )
    plan.full_clean(exclude=["created_by"])
    plan.save()
    return plan


def plan_for_year(agency, year, *, campaign=None, by=None):
    """The agency's plan of ``year``, created as a draft when there is none yet."""
    plan = Plan.objects.for_agency(agency).filter(year=year).first()
    if plan is None:
        plan = create_plan(
            agency,
            year=year,
            title=_("Competency development plan %(year)s") % {"year": year},
            objectives=_("To be completed."),
            campaign=campaign,
            by=by,
        )
    return plan


@transaction.atomic
def update_plan(plan, *, by=None, **changes):
    _require_draft(plan)
    for field, value in changes.items():
        setattr(plan, field, value)
    plan.full_clean(exclude=["agency", "created_by"])
    plan.save()
    return plan


@transaction.atomic
def submit_plan(plan, *, by=None):
    """Draft → submitted. A plan without programmes is refused."""
    if plan.status != Plan.Status.DRAFT:
        raise ValidationError(_("Only a draft plan can be submitted."))
    if not plan.programmes.exists():
        raise ValidationError(
            _("A plan with no programme cannot be submitted. Add at least one programme first.")
        )
    if plan.version and not plan.revision_note.strip():
        raise ValidationError(_("Describe what this revision changes before submitting it."))
    plan.status = Plan.Status.SUBMITTED
    plan.submitted_at = timezone.now()
    plan.submitted_by = by
    plan.save()
    return plan


@transaction.atomic
def return_plan(plan, *, by=None):
    """Submitted → draft, for corrections."""
    if plan.status != Plan.Status.SUBMITTED:
        raise ValidationError(_("Only a submitted plan can be returned for corrections."))
    plan.status = Plan.Status.DRAFT
    plan.save()
    return plan


@transaction.atomic
def approve_plan(plan, *, by=None):
    """Submitted → approved; the approved content is kept as a new version."""
    if plan.status != Plan.Status.SUBMITTED:
        raise ValidationError(_("Only a submitted plan can be approved."))
    plan.version += 1
    note = plan.revision_note.strip() or _("First approved version.")
    PlanVersion.objects.create(
        agency=plan.agency,
        plan=plan,
        number=plan.version,
        change_note=note,
        snapshot=plan_snapshot(plan),
        approved_by=by,
    )
    plan.status = Plan.Status.APPROVED
    plan.approved_at = timezone.now()
    plan.approved_by = by
    plan.revision_note = ""
    plan.save()
    return plan


@transaction.atomic
def revise_plan(plan, *, note, by=None):
    """Approved → draft for a revision; ``note`` says what will change."""
    if plan.status != Plan.Status.APPROVED:
        raise ValidationError(_("Only an approved plan can be revised."))
    if not (note or "").strip():
        raise ValidationError({"note": _("Describe what the revision changes.")})
    plan.status = Plan.Status.DRAFT
    plan.revision_note = note.strip()
    plan.save()
    return plan


def plan_snapshot(plan):
    """The plan's content as plain JSON: objectives, programmes, budget lines and totals."""
    programmes = (
        plan.programmes.select_related("partner")
        .prefetch_related("budget_lines", "speakers", "competencies", "target_units")
        .order_by("planned_month", "title", "pk")
    )
    items = []
    for programme in programmes:
        lines = list(programme.budget_lines.all())
        total = budget.programme_total((line.volume, line.unit_cost) for line in lines)
        items.append(
            {
                "id": programme.pk,
                "title": programme.title,
                "form": programme.form,
                "path_code": programme.path_code,
                "track": programme.track,
                "participants": programme.participant_count,
                "jp_per_participant": programme.jp_per_participant,
                "planned_month": programme.planned_month,
                "end_month": programme.end_month,
                "delivery_mode": programme.delivery_mode,
                "provider": programme.provider_kind,
                "partner": programme.partner.name if programme.partner_id else "",
                "speakers": [s.name for s in programme.speakers.all()],
                "competencies": [c.name for c in programme.competencies.all()],
                "target_units": [u.name for u in programme.target_units.all()],
                "target_position_types": list(programme.target_position_types),
                "budget_lines": [
                    {
                        "category": line.category,
                        "description": line.description,
                        "volume": str(line.volume),
                        "unit": line.unit_label,
                        "unit_cost": str(line.unit_cost),
                        "source": line.source,
                        "total": str(line.total),
                    }
                    for line in lines
                ],
                "total": str(total),
            }
        )
    return {
        "year": plan.year,
        "title": plan.title,
        "objectives": plan.objectives,
        "programmes": items,
        "total": str(budget.plan_total(Decimal(p["total"]) for p in items)),
    }


# --- programmes ---------------------------------------------------------------------------


def _check_programme(programme):
    errors = {}
    problem = paths.check_form_and_path(programme.form, programme.path_code)
    if problem:
        errors["path_code"] = problem
    if not programme.jp_per_participant or programme.jp_per_participant <= 0:
        errors["jp_per_participant"] = _("JP per participant must be more than 0.")
    if not programme.participant_count or programme.participant_count <= 0:
        errors["participant_count"] = _("The number of participants must be more than 0.")
    if programme.end_month and programme.end_month < programme.planned_month:
        errors["end_month"] = _("The last month cannot come before the first.")
    if programme.provider_kind == Programme.Provider.PARTNER and not programme.partner_id:
        errors["partner"] = _("Choose the partner institution that organises it.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def save_programme(programme, *, relations=None, by=None):
    """Create or update a programme of a draft plan. ``relations`` maps many-to-many fields
    (needs, competencies, target_units, target_employees, speakers) to their new values."""
    _require_draft(programme.plan)
    programme.agency = programme.plan.agency
    _check_programme(programme)
    programme.full_clean(exclude=["agency", "plan"])
    programme.save()
    for field, values in (relations or {}).items():
        getattr(programme, field).set(values)
    named = (
        programme.target_employees.count() if relations and "target_employees" in relations else 0
    )
    if named and programme.participant_count < named:
        raise ValidationError(
            {
                "participant_count": _(
                    "%(count)d ASN are named; the number of participants must be at least that."
                )
                % {"count": named}
            }
        )
    return programme


@transaction.atomic
def delete_programme(programme, *, by=None):
    _require_draft(programme.plan)
    used = programme.material_versions.filter(offerings__isnull=False).distinct().count()
    if used:
        raise ValidationError(
            _(
                "Offerings used the material of this programme (%(count)d versions); it cannot "
                "be deleted, so their evaluations keep the material they compared."
            )
            % {"count": used}
        )
    programme.delete()


@transaction.atomic
def programme_from_needs(
    needs,
    *,
    plan=None,
    title="",
    form="",
    path_code=None,
    jp_per_participant=None,
    planned_month=None,
    by=None,
):
    """Accept ``needs`` and turn them into one programme of the plan of their campaign's year
    (made as a draft when missing): competencies, target units or position types and the
    number of ASN affected come from the needs."""
    needs = list(needs)
    if not needs:
        raise ValidationError(_("Choose at least one need."))
    campaign = needs[0].campaign
    if any(n.campaign_id != campaign.pk for n in needs):
        raise ValidationError(_("The needs chosen belong to different analyses."))
    plan = plan or plan_for_year(campaign.agency, campaign.year, campaign=campaign, by=by)
    _require_draft(plan)
    competencies = list(dict.fromkeys(n.competency for n in needs))
    form = form or paths.FORM_FOR_COMPETENCY_KIND.get(competencies[0].kind, "technical_training")
    if path_code is None:
        path_code = paths.FORM_PATH.get(form, "")
    if not title:
        title = _("%(form)s: %(competency)s") % {
            "form": dict(paths.FORM_CHOICES)[form],
            "competency": ", ".join(c.name for c in competencies),
        }
    programme = Programme(
        agency=plan.agency,
        plan=plan,
        title=title[:200],
        form=form,
        path_code=path_code,
        participant_count=max(sum(n.affected_count for n in needs), 1),
        jp_per_participant=jp_per_participant if jp_per_participant is not None else 24,
        planned_month=planned_month or 1,
    )
    relations = {
        "needs": needs,
        "competencies": competencies,
        "target_units": [n.unit for n in needs if n.unit_id],
    }
    position_types = sorted({n.position_type for n in needs if n.position_type})
    programme.target_position_types = position_types
    save_programme(programme, relations=relations, by=by)
    for need in needs:
        if need.status != Need.Status.ACCEPTED:
            need.status = Need.Status.ACCEPTED
            need.save(update_fields=["status"])
    audit_batch(plan, f"programme from {len(needs)} needs: {programme.title}", by)
    return programme


# --- budget -------------------------------------------------------------------------------


@transaction.atomic
def save_budget_line(line, *, by=None):
    """Create or update a budget line; negative or absurd numbers are refused by field."""
    _require_draft(line.programme.plan)
    errors = budget.check_line(line.volume, line.unit_cost)
    if errors:
        raise ValidationError(errors)
    line.agency = line.programme.agency
    line.full_clean(exclude=["agency", "programme"])
    line.save()
    return line


@transaction.atomic
def delete_budget_line(line, *, by=None):
    _require_draft(line.programme.plan)
    line.delete()


@transaction.atomic
def set_budget_ceiling(agency, *, year, amount, note="", by=None):
    """Set the agency's budget ceiling (pagu) for ``year``."""
    value = budget.to_decimal(amount)
    if value is None or not value.is_finite():
        raise ValidationError({"amount": _("The ceiling must be a number.")})
    if value < 0:
        raise ValidationError({"amount": _("The ceiling cannot be negative.")})
    if value > Decimal("1000000000000"):
        raise ValidationError(
            {
                "amount": _(
                    "A ceiling above Rp 1.000.000.000.000 is not plausible; check the number."
                )
            }
        )
    ceiling = BudgetCeiling.objects.for_agency(agency).filter(year=year).first() or BudgetCeiling(
        agency=agency, year=year
    )
    ceiling.amount = value
    ceiling.note = note
    ceiling.full_clean()
    ceiling.save()
    return ceiling
