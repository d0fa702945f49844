"""Targeting: invitations of ASN (units, supervisors, named people), e-mails and reminders."""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from binaasn.people.models import Employee, OrgUnit

from ..models import Invitation, Response
from .building import _audit, _day


@dataclass
class InviteResult:
    created: list = field(default_factory=list)
    skipped: list = field(
        default_factory=list
    )  # employees (or "supervisor → subject") already invited
    emailed: int = 0


def _outside(employee, within):
    return within is not None and (
        employee.unit is None or not employee.unit.path.startswith(within.path)
    )


def _invite_targets(questionnaire, employees, units, supervisors_of, within):
    """(invitee, subject, relation) triples, in a stable order, without repeats."""
    agency = questionnaire.agency
    active = Employee.objects.for_agency(agency).active().select_related("unit")
    targets = []
    for unit in units:
        if unit.agency_id != agency.pk:
            raise ValidationError({"units": _("This unit belongs to another agency.")})
        if within is not None and not unit.path.startswith(within.path):
            raise ValidationError(
                {"units": _("%(unit)s is outside your unit.") % {"unit": unit.name}}
            )
        targets += [
            (e, e, Invitation.Relation.SELF) for e in active.in_subtree(unit).order_by("name")
        ]
    for target in supervisors_of:
        if isinstance(target, OrgUnit):
            if target.agency_id != agency.pk:
                raise ValidationError({"supervisors_of": _("This unit belongs to another agency.")})
            if within is not None and not target.path.startswith(within.path):
                raise ValidationError(
                    {"supervisors_of": _("%(unit)s is outside your unit.") % {"unit": target.name}}
                )
            subjects = active.in_subtree(target).order_by("name")
        else:
            if target.agency_id != agency.pk:
                raise ValidationError(
                    {"supervisors_of": _("This employee belongs to another agency.")}
                )
            if _outside(target, within):
                raise ValidationError(
                    {
                        "supervisors_of": _("%(name)s works outside your unit.")
                        % {"name": target.full_name}
                    }
                )
            subjects = [target]
        subjects = [s for s in subjects if s.supervisor_id]
        supervisors = active.in_bulk({s.supervisor_id for s in subjects})
        targets += [
            (supervisors[s.supervisor_id], s, Invitation.Relation.SUPERVISOR)
            for s in subjects
            if s.supervisor_id in supervisors and s.supervisor_id != s.pk
        ]
    for employee in employees:
        if employee.agency_id != agency.pk:
            raise ValidationError({"employees": _("This employee belongs to another agency.")})
        if not employee.is_active:
            raise ValidationError(
                {"employees": _("%(name)s is no longer active.") % {"name": employee.full_name}}
            )
        if _outside(employee, within):
            raise ValidationError(
                {"employees": _("%(name)s works outside your unit.") % {"name": employee.full_name}}
            )
        targets.append((employee, employee, Invitation.Relation.SELF))
    seen, unique = set(), []
    for invitee, subject, relation in targets:
        key = (invitee.pk, subject.pk)
        if key not in seen:
            seen.add(key)
            unique.append((invitee, subject, relation))
    return unique


def _invitee_label(invitee, subject):
    if invitee.pk == subject.pk:
        return invitee.full_name
    return _("%(invitee)s (about %(subject)s)") % {
        "invitee": invitee.full_name,
        "subject": subject.full_name,
    }


@transaction.atomic
def invite(
    questionnaire,
    *,
    employees=(),
    units=(),
    supervisors_of=(),
    by=None,
    within=None,
    base_url="",
    send_emails=True,
):
    """Invite ASN (see the module docstring). Refuses when nobody new would be invited."""
    if questionnaire.is_template:
        raise ValidationError(_("A template cannot be sent; copy it to a questionnaire first."))
    if questionnaire.is_closed:
        raise ValidationError(_("This questionnaire is closed; nobody can be invited any more."))
    targets = _invite_targets(
        questionnaire, list(employees), list(units), list(supervisors_of), within
    )
    if not targets:
        raise ValidationError(_("Nobody to invite: the chosen targets have no active employees."))
    existing = set(
        questionnaire.invitations.filter(employee__in={t[0].pk for t in targets}).values_list(
            "employee_id", "subject_id"
        )
    )
    result = InviteResult()
    new = []
    for invitee, subject, relation in targets:
        if (invitee.pk, subject.pk) in existing:
            result.skipped.append(_invitee_label(invitee, subject))
            continue
        new.append(
            Invitation(
                agency_id=questionnaire.agency_id,
                questionnaire=questionnaire,
                employee=invitee,
                subject=subject,
                relation=relation,
                unit_id=invitee.unit_id,
                invited_by=by if by is not None and by.is_authenticated else None,
            )
        )
    if not new:
        names = result.skipped
        shown = ", ".join(names[:5]) + (" …" if len(names) > 5 else "")
        if len(names) == 1:
            message = _("%(name)s has already been invited to this questionnaire.") % {
                "name": shown
            }
        else:
            message = _(
                "Everyone chosen has already been invited to this questionnaire: %(names)s."
            ) % {"names": shown}
        raise ValidationError(message)
    result.created = Invitation.objects.bulk_create(new)
    _audit(questionnaire, f"{len(new)} invitations", by)
    if questionnaire.is_open and send_emails:
        result.emailed = _send_invitation_emails(
            Invitation.objects.filter(pk__in=[i.pk for i in result.created]),
            reminder=False,
            base_url=base_url,
        )
    return result


@transaction.atomic
def cancel_invitation(invitation, *, by=None):
    """Withdraw an invitation nobody has answered yet."""
    if (
        invitation.responded_at is not None
        or Response.objects.filter(invitation=invitation).exists()
    ):
        raise ValidationError(_("This invitation has been answered and cannot be withdrawn."))
    questionnaire = invitation.questionnaire
    label = _invitee_label(invitation.employee, invitation.subject)
    invitation.delete()
    _audit(questionnaire, f"invitation withdrawn: {label}", by)


@dataclass
class ReminderResult:
    reminded: int = 0
    emailed: int = 0


@transaction.atomic
def send_reminders(questionnaire, *, by=None, base_url=""):
    """Remind every invitee who has not answered: in the app, and by e-mail when possible."""
    if not questionnaire.accepts_responses():
        raise ValidationError(
            _("Reminders can only be sent while the questionnaire takes responses.")
        )
    pending = questionnaire.invitations.pending()
    now = timezone.now()
    reminded = pending.update(reminded_at=now, reminder_count=F("reminder_count") + 1)
    emailed = _send_invitation_emails(
        questionnaire.invitations.pending(), reminder=True, base_url=base_url
    )
    if reminded:
        _audit(questionnaire, f"{reminded} reminders", by)
    return ReminderResult(reminded=reminded, emailed=emailed)


def respond_path(invitation, agency_slug):
    return reverse("surveys:respond", kwargs={"agency": agency_slug, "pk": invitation.pk})


def _send_invitation_emails(invitations, *, reminder, base_url=""):
    """E-mail the invitees that have an address, over one connection; returns how many."""
    invitations = list(
        invitations.select_related(
            "employee", "subject", "questionnaire", "questionnaire__agency"
        ).exclude(employee__email="")
    )
    if not invitations:
        return 0
    messages = []
    for invitation in invitations:
        questionnaire = invitation.questionnaire
        values = {
            "name": invitation.employee.full_name,
            "title": questionnaire.title,
            "agency": questionnaire.agency.name,
            "url": base_url.rstrip("/") + respond_path(invitation, questionnaire.agency.slug),
            "about": invitation.subject.full_name,
            "closes": _day(questionnaire.closes_on) if questionnaire.closes_on else "-",
        }
        if reminder:
            subject = _("Reminder: please fill in %(title)s") % values
        else:
            subject = _("Invitation to fill in %(title)s") % values
        body = (
            _(
                'Dear %(name)s,\n\n%(agency)s asks you to fill in the questionnaire "%(title)s".\n'
                "Close date: %(closes)s.\n\nOpen it here after logging in: %(url)s\n"
            )
            % values
        )
        if invitation.is_about_someone_else:
            body += "\n" + _("Your answers are about %(about)s.") % values + "\n"
        messages.append(EmailMessage(subject, body, to=[invitation.employee.email]))
    get_connection().send_messages(messages)
    now = timezone.now()
    Invitation.objects.filter(pk__in=[i.pk for i in invitations], emailed_at__isnull=True).update(
        emailed_at=now
    )
    return len(messages)
