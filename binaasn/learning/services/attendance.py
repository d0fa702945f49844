"""Attendance: the trainer's list, and self check-in with the rotating QR code."""

import datetime

from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from .. import checkin
from ..models import Attendance, Enrolment, Offering, Session
from .results import evaluate

EARLY_CHECKIN = datetime.timedelta(minutes=15)
CONFIRM_MAX_AGE = 300


class CheckinRefused(ValidationError):
    pass


@transaction.atomic
def record_attendance(session, present_enrolment_ids, *, by):
    """The trainer's list: every enrolled participant is present or absent for this session.
    A QR check-in already recorded stays unless the trainer unticks it."""
    present_enrolment_ids = set(present_enrolment_ids)
    enrolments = list(
        Enrolment.objects.for_agency(session.agency)
        .filter(offering=session.offering, status=Enrolment.Status.ENROLLED)
        .select_related("employee", "offering")
    )
    existing = {
        a.enrolment_id: a
        for a in Attendance.objects.for_agency(session.agency).filter(session=session)
    }
    now = timezone.now()
    changed = []
    for enrolment in enrolments:
        present = enrolment.pk in present_enrolment_ids
        record = existing.get(enrolment.pk)
        if record is None:
            Attendance.objects.create(
                agency=session.agency,
                session=session,
                enrolment=enrolment,
                is_present=present,
                method=Attendance.Method.LIST,
                recorded_at=now,
                recorded_by=by,
            )
            changed.append(enrolment)
        elif record.is_present != present:
            record.is_present = present
            record.method = Attendance.Method.LIST
            record.recorded_at = now
            record.recorded_by = by
            record.save()
            changed.append(enrolment)
    if session.offering.status == Offering.Status.FINISHED:
        for enrolment in changed:
            evaluate(enrolment)
    return sum(1 for e in enrolments if e.pk in present_enrolment_ids), len(enrolments)


def current_code(session, now=None):
    now = now or timezone.now()
    return checkin.make_code(session.pk, now.timestamp())


def session_for_code(agency, code, now=None):
    """The session a scanned code names, or CheckinRefused with the reason in words."""
    now = now or timezone.now()
    try:
        session_id = checkin.read_code(code, now.timestamp())
    except checkin.CodeError as error:
        if error.code == "expired":
            raise CheckinRefused(
                _(
                    "This check-in code has expired (codes change every minute). Scan the code on "
                    "the trainer's screen again."
                ),
                code="expired",
            ) from None
        raise CheckinRefused(_("This is not a valid check-in code."), code="invalid") from None
    session = (
        Session.objects.for_agency(agency).select_related("offering").filter(pk=session_id).first()
    )
    if session is None:
        raise CheckinRefused(_("This is not a valid check-in code."), code="invalid")
    return session


def check_window(session, now=None):
    now = now or timezone.now()
    start, end = session.window()
    if now < start - EARLY_CHECKIN or now > end:
        raise CheckinRefused(
            _(
                "Check-in for “%(topic)s” is open only during the session: %(date)s, "
                "%(start)s–%(end)s (from 15 minutes before)."
            )
            % {
                "topic": session.topic,
                "date": date_format(session.held_on, "d F Y"),
                "start": session.starts_at.strftime("%H:%M"),
                "end": session.ends_at.strftime("%H:%M"),
            },
            code="outside_window",
        )


def own_enrolment(session, employee):
    if employee is None:
        raise CheckinRefused(
            _("Your login is not linked to an ASN record, so you cannot check in."),
            code="no_employee",
        )
    enrolment = (
        Enrolment.objects.for_agency(session.agency)
        .filter(offering=session.offering, employee=employee, status=Enrolment.Status.ENROLLED)
        .first()
    )
    if enrolment is None:
        raise CheckinRefused(
            _("You are not enrolled in %(offering)s, so you cannot check in to this session.")
            % {"offering": session.offering},
            code="not_enrolled",
        )
    return enrolment


def check_not_yet(session, enrolment):
    existing = (
        Attendance.objects.for_agency(session.agency)
        .filter(session=session, enrolment=enrolment, is_present=True)
        .first()
    )
    if existing is not None:
        raise CheckinRefused(
            _("You already checked in to this session at %(time)s.")
            % {"time": timezone.localtime(existing.recorded_at).strftime("%H:%M")},
            code="already",
        )


def confirmation_token(session, user):
    """A short-lived signed token for the confirm button, so a participant who scanned a valid
    code has five minutes to press it (logging in on a phone takes a moment)."""
    return signing.dumps({"s": session.pk, "u": user.pk}, salt="learning.checkin")


def read_confirmation(token, user):
    try:
        data = signing.loads(token, salt="learning.checkin", max_age=CONFIRM_MAX_AGE)
    except signing.SignatureExpired:
        raise CheckinRefused(
            _("The check-in page was open too long. Scan the code again."), code="expired"
        ) from None
    except signing.BadSignature:
        raise CheckinRefused(_("This is not a valid check-in code."), code="invalid") from None
    if data.get("u") != user.pk:
        raise CheckinRefused(
            _("This check-in belongs to someone else's scan. Scan the code yourself."),
            code="invalid",
        )
    return data["s"]


@transaction.atomic
def check_in(session, employee, *, by, now=None):
    """Record a participant's own presence: only during the session window, only for their own
    enrolment, only once."""
    now = now or timezone.now()
    check_window(session, now)
    enrolment = own_enrolment(session, employee)
    check_not_yet(session, enrolment)
    attendance, _created = Attendance.objects.update_or_create(
        agency=session.agency,
        session=session,
        enrolment=enrolment,
        defaults={
            "is_present": True,
            "method": Attendance.Method.QR,
            "recorded_at": now,
            "recorded_by": by,
        },
    )
    if session.offering.status == Offering.Status.FINISHED:
        evaluate(enrolment)
    return attendance
