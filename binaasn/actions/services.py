"""Writes of follow-up actions: create, update, move through the statuses, remind owners."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from binaasn.core.uploads import validate_document

from .models import FollowUpAction

EDITABLE_FIELDS = ("title", "description", "kind", "unit", "owner_employee", "owner_user", "due_on")


def _check_belongs(action):
    """Every object an action points at must be of the action's own agency."""
    for field in ("unit", "owner_employee"):
        value = getattr(action, field)
        if value is not None and value.agency_id != action.agency_id:
            raise ValidationError({field: _("This choice belongs to another agency.")})
    if action.owner_user_id is not None:
        if not action.owner_user.memberships.filter(
            agency_id=action.agency_id, is_active=True
        ).exists():
            raise ValidationError({"owner_user": _("This user has no access to the agency.")})
    source = action.source if action.source_type_id else None
    if source is not None and getattr(source, "agency_id", action.agency_id) != action.agency_id:
        raise ValidationError(_("The source of the action belongs to another agency."))


@transaction.atomic
def create_action(*, agency, title, by=None, source=None, **fields):
    """A new open action; ``source`` is the forum issue, complaint or finding it answers."""
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    action = FollowUpAction(agency=agency, title=title, created_by=by, **fields)
    if source is not None:
        action.source_type = ContentType.objects.get_for_model(source)
        action.source_id = source.pk
    _check_belongs(action)
    action.full_clean(exclude=["source_type", "created_by"])
    action.save()
    return action


@transaction.atomic
def update_action(action, *, by=None, **fields):
    """Change what the action is about, who owns it or when it is due."""
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    for name, value in fields.items():
        setattr(action, name, value)
    _check_belongs(action)
    action.full_clean(exclude=["source_type", "created_by"])
    action.save()
    return action


@transaction.atomic
def set_action_status(action, status, *, by=None, note="", evidence=None):
    """Move an action to ``status``; done and cancelled close it (and stamp closed_at)."""
    if status not in FollowUpAction.Status.values:
        raise ValidationError({"status": _("Unknown status.")})
    if evidence is not None:
        try:
            validate_document(evidence)
        except ValidationError as error:
            raise ValidationError({"evidence": error.messages}) from None
        action.evidence = evidence
    if status == FollowUpAction.Status.CANCELLED and not (note or action.closing_note):
        raise ValidationError({"closing_note": _("Say why the action is cancelled.")})
    action.status = status
    if note:
        action.closing_note = note
    if status in FollowUpAction.OPEN_STATUSES:
        action.closed_at = None
    elif action.closed_at is None:
        action.closed_at = timezone.now()
    action.save()
    return action


def close_action(action, *, by=None, note="", evidence=None):
    return set_action_status(
        action, FollowUpAction.Status.DONE, by=by, note=note, evidence=evidence
    )


def send_overdue_reminders(today=None, agency=None):
    """E-mail each owner of an overdue action once a day; return how many e-mails went out."""
    today = today or timezone.localdate()
    actions = (
        FollowUpAction.objects.with_scopes_disabled()
        .overdue(today)
        .exclude(last_reminded_on=today)
        .select_related("agency", "owner_employee__user", "owner_user")
        .order_by("agency_id", "due_on", "pk")
    )
    if agency is not None:
        actions = actions.filter(agency=agency)
    by_owner = {}
    for action in actions:
        email = action.owner_email
        if email:
            by_owner.setdefault(email, []).append(action)
    sent = 0
    for email, owned in by_owner.items():
        with override(settings.LANGUAGE_CODE):
            lines = [
                _("- %(title)s (due %(due)s, %(agency)s)")
                % {
                    "title": a.title,
                    "due": a.due_on.strftime("%d-%m-%Y"),
                    "agency": a.agency.display_name,
                }
                for a in owned
            ]
            body = "\n".join(
                [
                    _("These follow-up actions you own are overdue:"),
                    "",
                    *lines,
                    "",
                    _("Please update their status in BinaASN."),
                ]
            )
            subject = _("BinaASN: %(n)d overdue follow-up actions") % {"n": len(owned)}
        send_mail(subject, body, None, [email])
        FollowUpAction.objects.with_scopes_disabled().filter(pk__in=[a.pk for a in owned]).update(
            last_reminded_on=today
        )
        sent += 1
    return sent
