"""Enrolment: nomination, self-registration with the supervisor's approval, the quota with its
waitlist that moves up automatically, cancellation, and the warnings an operator must see."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from .. import jp as jp_rules
from ..models import Enrolment, Offering, Session
from . import notifications
from .ledger import year_total

HOLDING = (Enrolment.Status.PENDING, Enrolment.Status.ENROLLED, Enrolment.Status.WAITLISTED)


def _lock(offering):
    """Serialise seat counting per offering (a row lock on PostgreSQL; SQLite's IMMEDIATE
    transactions already serialise writers)."""
    return Offering.objects.for_agency(offering.agency).select_for_update().get(pk=offering.pk)


def seats_taken(offering):
    return (
        Enrolment.objects.for_agency(offering.agency)
        .filter(offering=offering, status=Enrolment.Status.ENROLLED)
        .count()
    )


def seats_left(offering):
    return max(0, offering.quota - seats_taken(offering))


def check_can_enrol(offering, employee):
    if offering.status in (Offering.Status.FINISHED, Offering.Status.CANCELLED):
        raise ValidationError(
            _("%(offering)s is %(status)s; nobody can be enrolled any more.")
            % {"offering": offering, "status": offering.get_status_display().lower()}
        )
    if not employee.is_active:
        reason = employee.get_inactive_reason_display() or _("inactive")
        raise ValidationError(
            _("%(name)s is no longer an active ASN (%(reason)s) and cannot be enrolled.")
            % {"name": employee.full_name, "reason": reason}
        )
    existing = (
        Enrolment.objects.for_agency(offering.agency)
        .filter(offering=offering, employee=employee, status__in=HOLDING)
        .first()
    )
    if existing is not None:
        raise ValidationError(
            _("%(name)s is already on the list of %(offering)s (%(status)s).")
            % {
                "name": employee.full_name,
                "offering": offering,
                "status": existing.get_status_display().lower(),
            }
        )


def overlapping_sessions(offering, employee):
    """Sessions of the employee's other current enrolments that overlap this offering's."""
    own = list(Session.objects.for_agency(offering.agency).filter(offering=offering))
    others = (
        Session.objects.for_agency(offering.agency)
        .filter(
            offering__enrolments__employee=employee,
            offering__enrolments__status__in=HOLDING,
        )
        .exclude(offering=offering)
        .select_related("offering")
    )
    if own:
        dates = {s.held_on for s in own}
        clashes = []
        for other in others.filter(held_on__in=dates):
            for session in own:
                if (
                    session.held_on == other.held_on
                    and session.starts_at < other.ends_at
                    and other.starts_at < session.ends_at
                ):
                    clashes.append(other)
                    break
        return clashes
    return list(others.filter(held_on__gte=offering.starts_on, held_on__lte=offering.ends_on))


def warnings_for(offering, employee):
    """What the operator should know before enrolling: overlapping sessions, PPPK ceiling."""
    warnings = []
    for other in overlapping_sessions(offering, employee)[:3]:
        warnings.append(
            _(
                "%(name)s already has a session at that time: %(session)s (%(offering)s, %(date)s "
                "%(start)s–%(end)s)."
            )
            % {
                "name": employee.full_name,
                "session": other.topic,
                "offering": other.offering,
                "date": date_format(other.held_on, "d F Y"),
                "start": other.starts_at.strftime("%H:%M"),
                "end": other.ends_at.strftime("%H:%M"),
            }
        )
    if jp_rules.is_pppk(employee.status) and offering.jp:
        year = offering.ends_on.year
        current = year_total(offering.agency, employee, year)
        if jp_rules.exceeds_ceiling(current, offering.jp, employee.status):
            warnings.append(
                _(
                    "%(name)s is PPPK: with %(current)d JP already in %(year)d, this offering "
                    "(%(jp)d JP) goes beyond the %(ceiling)d JP ceiling."
                )
                % {
                    "name": employee.full_name,
                    "current": current,
                    "year": year,
                    "jp": offering.jp,
                    "ceiling": jp_rules.PPPK_CEILING_JP,
                }
            )
    return warnings


def _needs_approval(employee, by):
    supervisor = employee.supervisor
    return bool(supervisor and supervisor.user_id and supervisor.user_id != by.pk)


def _place(enrolment, offering):
    """Give a seat when one is free, else put on the waitlist (first come, first served)."""
    now = timezone.now()
    if seats_left(offering) > 0:
        enrolment.status = Enrolment.Status.ENROLLED
        enrolment.waitlisted_at = None
    else:
        enrolment.status = Enrolment.Status.WAITLISTED
        enrolment.waitlisted_at = now


def _save_new(offering, employee, *, status, source, by, warnings):
    enrolment = (
        Enrolment.objects.for_agency(offering.agency)
        .filter(offering=offering, employee=employee)
        .first()
    )
    if enrolment is None:
        enrolment = Enrolment(agency=offering.agency, offering=offering, employee=employee)
    enrolment.status = status
    enrolment.source = source
    enrolment.requested_by = by
    enrolment.requested_at = timezone.now()
    enrolment.decided_by = None
    enrolment.decided_at = None
    enrolment.cancelled_at = None
    enrolment.note = ""
    enrolment.warnings = warnings
    enrolment.result = Enrolment.Result.UNDECIDED
    return enrolment


def _announce(enrolment):
    offering, employee, agency = enrolment.offering, enrolment.employee, enrolment.agency
    url = notifications.my_learning_url(agency)
    context = {"offering": offering.title, "start": date_format(offering.starts_on, "d F Y")}
    if enrolment.status == Enrolment.Status.ENROLLED:
        notifications.notify_employee(
            agency,
            employee,
            kind=notifications.INVITATION,
            title=_("Invitation: %(offering)s") % context,
            body=_("You are enrolled in %(offering)s, starting %(start)s.") % context,
            url=url,
        )
    elif enrolment.status == Enrolment.Status.WAITLISTED:
        notifications.notify_employee(
            agency,
            employee,
            kind=notifications.WAITLISTED,
            title=_("Waitlisted: %(offering)s") % context,
            body=_(
                "%(offering)s is full; you are on the waitlist and move up automatically when a "
                "place frees."
            )
            % context,
            url=url,
        )
    elif enrolment.status == Enrolment.Status.PENDING:
        context["name"] = employee.full_name
        notifications.notify_employee(
            agency,
            employee.supervisor,
            kind=notifications.APPROVAL_NEEDED,
            title=_("Approval needed: %(name)s for %(offering)s") % context,
            body=_(
                "%(name)s is proposed for %(offering)s (from %(start)s). Please approve or reject."
            )
            % context,
            url=notifications.approvals_url(agency),
        )


@transaction.atomic
def nominate(offering, employee, *, by, as_supervisor=False):
    """An operator (or the supervisor) puts an ASN on an offering. An operator's nomination
    waits for the supervisor's approval when the supervisor has a login; the supervisor's own
    nomination is approved by the act. Returns the enrolment; its ``warnings`` say what to check."""
    offering = _lock(offering)
    check_can_enrol(offering, employee)
    warnings = warnings_for(offering, employee)
    if as_supervisor and not (employee.supervisor and employee.supervisor.user_id == by.pk):
        raise ValidationError(
            _("Only the supervisor of %(name)s can nominate them as supervisor.")
            % {"name": employee.full_name}
        )
    source = Enrolment.Source.SUPERVISOR if as_supervisor else Enrolment.Source.OPERATOR
    pending = not as_supervisor and _needs_approval(employee, by)
    enrolment = _save_new(
        offering, employee, status=Enrolment.Status.PENDING, source=source, by=by, warnings=warnings
    )
    if not pending:
        _place(enrolment, offering)
        enrolment.decided_by = by
        enrolment.decided_at = timezone.now()
    enrolment.save()
    _announce(enrolment)
    return enrolment


@transaction.atomic
def register_self(offering, employee, *, by):
    """An ASN registers for an open offering; the supervisor approves (an operator may approve
    when no supervisor with a login is on record)."""
    offering = _lock(offering)
    if (
        not Offering.objects.for_agency(offering.agency)
        .open_for_registration()
        .filter(pk=offering.pk)
        .exists()
    ):
        raise ValidationError(
            _("Registration for %(offering)s is not open.") % {"offering": offering}
        )
    check_can_enrol(offering, employee)
    enrolment = _save_new(
        offering,
        employee,
        status=Enrolment.Status.PENDING,
        source=Enrolment.Source.SELF,
        by=by,
        warnings=warnings_for(offering, employee),
    )
    enrolment.save()
    if employee.supervisor and employee.supervisor.user_id:
        _announce(enrolment)
    return enrolment


def can_decide(enrolment, user, membership):
    """The nominee's supervisor decides; admins, and operators over the nominee's unit, may too."""
    supervisor = enrolment.employee.supervisor
    if supervisor is not None and supervisor.user_id == user.pk:
        return True
    if membership is None:
        return False
    if membership.role == "admin":
        return True
    if membership.role == "operator" and membership.unit_id and enrolment.employee.unit_id:
        return enrolment.employee.unit.path.startswith(membership.unit.path)
    return False


@transaction.atomic
def approve(enrolment, *, by):
    if enrolment.status != Enrolment.Status.PENDING:
        raise ValidationError(
            _("This request is no longer awaiting approval (%(status)s).")
            % {"status": enrolment.get_status_display().lower()}
        )
    offering = _lock(enrolment.offering)
    check_can_enrol_after_approval(offering, enrolment)
    _place(enrolment, offering)
    enrolment.decided_by = by
    enrolment.decided_at = timezone.now()
    enrolment.save()
    _announce(enrolment)
    return enrolment


def check_can_enrol_after_approval(offering, enrolment):
    if offering.status in (Offering.Status.FINISHED, Offering.Status.CANCELLED):
        raise ValidationError(
            _("%(offering)s is closed; the request can no longer be approved.")
            % {"offering": offering}
        )
    if not enrolment.employee.is_active:
        raise ValidationError(
            _("%(name)s is no longer an active ASN and cannot be enrolled.")
            % {"name": enrolment.employee.full_name}
        )


@transaction.atomic
def reject(enrolment, *, by, note=""):
    if enrolment.status != Enrolment.Status.PENDING:
        raise ValidationError(
            _("This request is no longer awaiting approval (%(status)s).")
            % {"status": enrolment.get_status_display().lower()}
        )
    enrolment.status = Enrolment.Status.REJECTED
    enrolment.decided_by = by
    enrolment.decided_at = timezone.now()
    enrolment.note = note[:300]
    enrolment.save()
    context = {"offering": enrolment.offering.title}
    notifications.notify_employee(
        enrolment.agency,
        enrolment.employee,
        kind=notifications.REJECTED,
        title=_("Not approved: %(offering)s") % context,
        body=(_("Your place in %(offering)s was not approved.") % context)
        + (f" {note}" if note else ""),
        url=notifications.my_learning_url(enrolment.agency),
    )
    return enrolment


@transaction.atomic
def cancel(enrolment, *, by, reason=""):
    """Cancel a place; a freed seat goes to the first on the waitlist at once."""
    if enrolment.status not in HOLDING:
        raise ValidationError(
            _("This enrolment is already %(status)s.")
            % {"status": enrolment.get_status_display().lower()}
        )
    if enrolment.offering.status == Offering.Status.FINISHED:
        raise ValidationError(
            _("The offering has finished; its participants can no longer be cancelled.")
        )
    offering = _lock(enrolment.offering)
    was_enrolled = enrolment.status == Enrolment.Status.ENROLLED
    enrolment.status = Enrolment.Status.CANCELLED
    enrolment.cancelled_at = timezone.now()
    enrolment.decided_by = by
    enrolment.note = reason[:300]
    enrolment.waitlisted_at = None
    enrolment.save()
    context = {"offering": offering.title}
    notifications.notify_employee(
        enrolment.agency,
        enrolment.employee,
        kind=notifications.CANCELLED,
        title=_("Cancelled: %(offering)s") % context,
        body=_("Your place in %(offering)s has been cancelled.") % context
        + (f" {reason}" if reason else ""),
        url=notifications.my_learning_url(enrolment.agency),
    )
    promoted = promote_waitlist(offering) if was_enrolled else []
    return promoted


def promote_waitlist(offering):
    """Move waitlisted ASN up, oldest first, while seats are free. Returns who moved up."""
    promoted = []
    free = seats_left(offering)
    if free <= 0:
        return promoted
    waiting = (
        Enrolment.objects.for_agency(offering.agency)
        .filter(offering=offering, status=Enrolment.Status.WAITLISTED)
        .select_related("employee__user")
        .order_by("waitlisted_at", "pk")[:free]
    )
    for enrolment in waiting:
        enrolment.status = Enrolment.Status.ENROLLED
        enrolment.waitlisted_at = None
        enrolment.save(update_fields=["status", "waitlisted_at"])
        promoted.append(enrolment)
        context = {"offering": offering.title, "start": date_format(offering.starts_on, "d F Y")}
        notifications.notify_employee(
            offering.agency,
            enrolment.employee,
            kind=notifications.PROMOTED,
            title=_("A place is free: %(offering)s") % context,
            body=_(
                "You moved up from the waitlist and are now enrolled in %(offering)s, starting "
                "%(start)s."
            )
            % context,
            url=notifications.my_learning_url(offering.agency),
        )
    return promoted
