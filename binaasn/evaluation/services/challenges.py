"""The challenges register of an annual plan: what got in the way of carrying it out (budget
limits, low participation, resistance to change, …), how it is mitigated, and the follow-up
actions that carry the mitigation out."""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from binaasn.actions import services as action_services
from binaasn.actions.models import FollowUpAction

from ..models import Challenge

CHALLENGE_FIELDS = ("category", "description", "impact", "mitigation", "status")


def _check(challenge):
    challenge.full_clean(exclude=["plan", "recorded_by"])


@transaction.atomic
def create_challenge(plan, *, by=None, **fields):
    """Record a challenge met while carrying out ``plan``."""
    unknown = set(fields) - set(CHALLENGE_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    challenge = Challenge(agency=plan.agency, plan=plan, recorded_by=by, **fields)
    if challenge.status == Challenge.Status.RESOLVED:
        raise ValidationError({"status": _("A new challenge cannot be resolved already.")})
    _check(challenge)
    challenge.save()
    return challenge


def open_actions(challenge):
    return FollowUpAction.objects.for_agency(challenge.agency).for_source(challenge).open()


@transaction.atomic
def update_challenge(challenge, *, by=None, resolution_note="", today=None, **fields):
    """Change a challenge. Marking it resolved while mitigation actions are still open needs a
    ``resolution_note`` saying why; the note is added to the mitigation text with the date and
    the number of actions left open, so the register keeps the reason."""
    unknown = set(fields) - set(CHALLENGE_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    was_resolved = (
        Challenge.objects.for_agency(challenge.agency)
        .filter(pk=challenge.pk, status=Challenge.Status.RESOLVED)
        .exists()
    )
    for name, value in fields.items():
        setattr(challenge, name, value)
    note = resolution_note.strip()
    if challenge.status == Challenge.Status.RESOLVED and not was_resolved:
        still_open = open_actions(challenge).count()
        if still_open and not note:
            raise ValidationError(
                {
                    "resolution_note": ngettext(
                        "%(count)d mitigation action is still open. Close it first, or say "
                        "why the challenge is resolved anyway.",
                        "%(count)d mitigation actions are still open. Close them first, or say "
                        "why the challenge is resolved anyway.",
                        still_open,
                    )
                    % {"count": still_open}
                }
            )
        if still_open:
            stamp = ngettext(
                "Resolved on %(date)s with %(count)d action still open: %(note)s",
                "Resolved on %(date)s with %(count)d actions still open: %(note)s",
                still_open,
            ) % {
                "date": date_format(today or timezone.localdate(), "d F Y"),
                "count": still_open,
                "note": note,
            }
            challenge.mitigation = "\n\n".join(
                p for p in (challenge.mitigation.strip(), stamp) if p
            )
    _check(challenge)
    challenge.save()
    return challenge


@transaction.atomic
def create_challenge_action(challenge, *, by=None, title, **fields):
    """A follow-up action that carries out the mitigation of ``challenge`` (its source). The
    action needs an owner; a challenge that gets an action is being mitigated."""
    if not fields.get("owner_employee") and not fields.get("owner_user"):
        raise ValidationError(
            {"owner_employee": _("Choose who owns the action: an employee or a user.")}
        )
    action = action_services.create_action(
        agency=challenge.agency, title=title, by=by, source=challenge, **fields
    )
    if challenge.status == Challenge.Status.OPEN:
        challenge.status = Challenge.Status.MITIGATING
        challenge.save(update_fields=["status", "updated_at"])
    return action


def plan_register(plan, *, category="", impact="", status="", today=None):
    """The challenges of ``plan`` (filtered), each with ``actions`` (its mitigation actions),
    ``open_count`` and ``overdue_count``: two queries whatever the number of rows."""
    today = today or timezone.localdate()
    challenges = (
        Challenge.objects.for_agency(plan.agency)
        .filter(plan=plan)
        .select_related("recorded_by")
        .order_by("status", "-created_at", "pk")
    )
    if category:
        challenges = challenges.filter(category=category)
    if impact:
        challenges = challenges.filter(impact=impact)
    if status:
        challenges = challenges.filter(status=status)
    challenges = list(challenges)
    by_challenge = {c.pk: [] for c in challenges}
    if challenges:
        actions = (
            FollowUpAction.objects.for_agency(plan.agency)
            .filter(
                source_type=ContentType.objects.get_for_model(Challenge),
                source_id__in=list(by_challenge),
            )
            .select_related("owner_employee", "owner_user", "unit")
            .order_by("due_on", "pk")
        )
        for action in actions:
            action.overdue = action.is_overdue_on(today)
            by_challenge[action.source_id].append(action)
    for challenge in challenges:
        challenge.actions = by_challenge[challenge.pk]
        challenge.open_count = sum(1 for a in challenge.actions if a.is_open)
        challenge.overdue_count = sum(1 for a in challenge.actions if a.overdue)
    return challenges
