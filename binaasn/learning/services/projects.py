"""Project-based learning (NKL11 or NKL13, the agency's choice): groups with a coach, a real
brief, milestones, deliverables and a rubric scored by the coach; completion credits JP."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import jp as jp_rules
from ..models import (
    LearningRecord,
    ProjectDeliverable,
    ProjectGroup,
    ProjectMilestone,
    RubricCriterion,
)
from . import ledger
from .certificates import settings_for


@transaction.atomic
def create_group(group, *, members, by):
    if group.ends_on < group.starts_on:
        raise ValidationError({"ends_on": _("The end date is before the start date.")})
    inactive = [m.full_name for m in members if not m.is_active]
    if inactive:
        raise ValidationError(
            {"members": _("Not active any more: %(names)s.") % {"names": ", ".join(inactive)}}
        )
    if not group.path_code:
        group.path_code = settings_for(group.agency).project_path_code
    group.save()
    group.members.set(members)
    return group


def _check_active(group):
    if group.status != ProjectGroup.Status.ACTIVE:
        raise ValidationError(_("This project is closed; it can no longer be changed."))


def add_milestone(group, *, title, due_on):
    _check_active(group)
    if not (group.starts_on <= due_on <= group.ends_on):
        raise ValidationError({"due_on": _("The due date must fall within the project period.")})
    return ProjectMilestone.objects.create(
        agency=group.agency, group=group, title=title, due_on=due_on
    )


def complete_milestone(milestone, *, done=True):
    _check_active(milestone.group)
    milestone.completed_on = timezone.localdate() if done else None
    milestone.save(update_fields=["completed_on"])


def upload_deliverable(group, *, title, file, milestone=None, by):
    _check_active(group)
    return ProjectDeliverable.objects.create(
        agency=group.agency,
        group=group,
        title=title,
        file=file,
        milestone=milestone,
        uploaded_by=by,
    )


def add_criterion(group, *, name, weight=1):
    _check_active(group)
    return RubricCriterion.objects.create(
        agency=group.agency, group=group, name=name, weight=weight
    )


def score_criterion(criterion, score):
    _check_active(criterion.group)
    criterion.score = score
    criterion.save(update_fields=["score"])


def weighted_score(criteria):
    """Σ weight × score / Σ weight over the scored criteria (None when nothing is scored)."""
    scored = [c for c in criteria if c.score is not None]
    if not scored:
        return None
    total_weight = sum(c.weight for c in scored)
    return (sum(Decimal(c.weight) * c.score for c in scored) / total_weight).quantize(
        Decimal("0.01")
    )


def project_credit(group):
    milestones = list(group.milestones.all())
    span = (group.ends_on - group.starts_on).days + 1
    rule = ledger.rule_for(group.agency, group.path_code)
    return jp_rules.convert(
        minutes=group.learning_hours * 60,
        sessions=len(milestones),
        days=span,
        weeks=-(-span // 7),
        rule=rule,
    )


@transaction.atomic
def complete_group(group, *, by):
    """The coach closes the project: every criterion scored; members pass with the weighted
    rubric score at or above the pass score and are credited JP."""
    _check_active(group)
    criteria = list(group.criteria.all())
    if not criteria:
        raise ValidationError(_("Add the assessment rubric before completing the project."))
    unscored = [c.name for c in criteria if c.score is None]
    if unscored:
        raise ValidationError(
            _("Score every criterion first; missing: %(names)s.") % {"names": ", ".join(unscored)}
        )
    score = weighted_score(criteria)
    group.final_score = score
    group.completed_on = timezone.localdate()
    passed = score >= group.pass_score
    group.status = ProjectGroup.Status.COMPLETED if passed else ProjectGroup.Status.NOT_PASSED
    group.save(update_fields=["final_score", "completed_on", "status"])
    if passed:
        credit = project_credit(group)
        for member in group.members.all():
            ledger.credit(
                member,
                source=LearningRecord.Source.PROJECT,
                source_pk=group.pk,
                path_code=group.path_code,
                name=group.title,
                organiser=group.agency.name,
                starts_on=group.starts_on,
                ends_on=group.ends_on,
                credit=credit,
                minutes=group.learning_hours * 60,
            )
    return passed, score
