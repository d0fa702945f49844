"""The complaint workflow (SP4N-LAPOR!, PermenPANRB 62/2018):
received → verified → forwarded to the unit → responded → closed, or rejected with a reason.

Deadlines (DOMAIN.md "Complaints"): verification and forwarding within 3 working days of
receipt; the unit's follow-up within 5 working days of receiving it; a responded complaint with
no reply from the complainant closes automatically 10 days after the response. Working days are
Monday to Friday.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from binaasn.core.uploads import validate_document

from ..models import Complaint, ComplaintAttachment, ComplaintMessage
from ..periods import add_working_days

VERIFY_WORKING_DAYS = 3
FOLLOW_UP_WORKING_DAYS = 5
AUTO_CLOSE_DAYS = 10
MAX_ATTACHMENTS = 3

Status = Complaint.Status


def check_attachments(files):
    """Each attachment a PDF, image or office document within the size limit; no executables."""
    files = [f for f in files if f]
    if len(files) > MAX_ATTACHMENTS:
        raise ValidationError(
            {"attachments": _("Attach at most %(n)d files.") % {"n": MAX_ATTACHMENTS}}
        )
    for upload in files:
        try:
            validate_document(upload)
        except ValidationError as error:
            raise ValidationError(
                {
                    "attachments": _("%(name)s: %(error)s")
                    % {"name": upload.name, "error": " ".join(error.messages)}
                }
            ) from None
    return files


@transaction.atomic
def submit_complaint(
    *,
    agency,
    category,
    subject,
    description,
    kind=Complaint.Kind.COMPLAINT,
    unit=None,
    reporter_name="",
    reporter_email="",
    reporter_phone="",
    attachments=(),
    status_url_for=None,
):
    """Store a complaint from the public form and, when an e-mail is given, send its tracking code
    (with the link ``status_url_for(complaint)`` returns)."""
    if unit is not None and (unit.agency_id != agency.pk or not unit.is_active):
        raise ValidationError({"unit": _("Choose one of the listed service units.")})
    files = check_attachments(attachments)
    received_at = timezone.now()
    complaint = Complaint(
        agency=agency,
        kind=kind,
        category=category,
        unit=unit,
        subject=subject.strip(),
        description=description.strip(),
        reporter_name=reporter_name.strip(),
        reporter_email=reporter_email.strip(),
        reporter_phone=reporter_phone.strip(),
        received_at=received_at,
        verify_due_on=add_working_days(timezone.localdate(received_at), VERIFY_WORKING_DAYS),
    )
    complaint.full_clean(
        exclude=["unit", "employee"], validate_unique=False, validate_constraints=False
    )
    complaint.save()
    for upload in files:
        ComplaintAttachment.objects.create(
            agency=agency,
            complaint=complaint,
            file=upload,
            original_name=upload.name[:200],
            size=upload.size,
        )
    if complaint.reporter_email:
        status_url = status_url_for(complaint) if status_url_for else None
        transaction.on_commit(lambda: _mail_tracking_code(complaint, status_url))
    return complaint


def _mail_tracking_code(complaint, status_url):
    with override(settings.LANGUAGE_CODE):
        lines = [
            _("Thank you. Your report to %(agency)s has been received.")
            % {"agency": complaint.agency.name},
            "",
            _("Tracking code: %(code)s") % {"code": complaint.tracking_code},
        ]
        if status_url:
            lines.append(_("Follow its status at %(url)s") % {"url": status_url})
        lines += ["", _("Keep this code: anyone who holds it can read the replies.")]
        subject = _("Tracking code of your report: %(code)s") % {"code": complaint.tracking_code}
    send_mail(subject, "\n".join(lines), None, [complaint.reporter_email])


def _mail_reply_notice(complaint, status_url):
    with override(settings.LANGUAGE_CODE):
        body = _("There is a reply to your report %(code)s.") % {"code": complaint.tracking_code}
        if status_url:
            body += "\n" + _("Read it at %(url)s") % {"url": status_url}
        subject = _("Reply to your report %(code)s") % {"code": complaint.tracking_code}
    send_mail(subject, body, None, [complaint.reporter_email])


def _require(complaint, allowed, action):
    if complaint.status not in allowed:
        raise ValidationError(
            _("A complaint that is %(status)s cannot be %(action)s.")
            % {"status": complaint.get_status_display().lower(), "action": action}
        )


def _note(complaint, body, by, *, public, author=ComplaintMessage.Author.STAFF):
    if body and body.strip():
        ComplaintMessage.objects.create(
            agency=complaint.agency,
            complaint=complaint,
            author_kind=author,
            author=by,
            body=body.strip(),
            is_public=public,
        )


@transaction.atomic
def verify_complaint(complaint, *, by, note=""):
    _require(complaint, (Status.RECEIVED,), _("verified"))
    complaint.status = Status.VERIFIED
    complaint.verified_at = timezone.now()
    complaint.save(update_fields=["status", "verified_at"])
    _note(complaint, note, by, public=False)
    return complaint


@transaction.atomic
def forward_complaint(complaint, *, by, unit=None, note=""):
    """Send the complaint to the responsible unit; its 5 working days start today."""
    _require(complaint, (Status.RECEIVED, Status.VERIFIED), _("forwarded"))
    if unit is not None:
        if unit.agency_id != complaint.agency_id:
            raise ValidationError({"unit": _("This unit belongs to another agency.")})
        complaint.unit = unit
    if complaint.unit_id is None:
        raise ValidationError({"unit": _("Choose the unit the complaint goes to.")})
    now = timezone.now()
    complaint.verified_at = complaint.verified_at or now
    complaint.status = Status.FORWARDED
    complaint.forwarded_at = now
    complaint.follow_up_due_on = add_working_days(timezone.localdate(now), FOLLOW_UP_WORKING_DAYS)
    complaint.save(
        update_fields=["unit", "status", "verified_at", "forwarded_at", "follow_up_due_on"]
    )
    _note(complaint, note, by, public=False)
    return complaint


@transaction.atomic
def respond_to_complaint(complaint, *, body, by, status_url=None):
    """The unit's answer, visible to the complainant; it closes by itself after 10 days unless
    the complainant replies."""
    _require(complaint, (Status.VERIFIED, Status.FORWARDED, Status.RESPONDED), _("answered"))
    if not body or not body.strip():
        raise ValidationError({"body": _("Write the reply.")})
    now = timezone.now()
    if complaint.forwarded_at is None:
        complaint.forwarded_at = now
    complaint.status = Status.RESPONDED
    complaint.responded_at = now
    complaint.auto_close_on = timezone.localdate(now) + datetime.timedelta(days=AUTO_CLOSE_DAYS)
    complaint.save(update_fields=["status", "forwarded_at", "responded_at", "auto_close_on"])
    _note(complaint, body, by, public=True)
    if complaint.reporter_email:
        transaction.on_commit(lambda: _mail_reply_notice(complaint, status_url))
    return complaint


@transaction.atomic
def reply_as_complainant(complaint, *, body):
    """The complainant answers on the status page: a reply to a response sends the complaint
    back to the unit with a new 5-working-day follow-up."""
    if complaint.is_final:
        raise ValidationError(_("This complaint is closed; submit a new one if needed."))
    if not body or not body.strip():
        raise ValidationError({"body": _("Write your reply.")})
    _note(complaint, body, None, public=True, author=ComplaintMessage.Author.CITIZEN)
    if complaint.status == Status.RESPONDED:
        complaint.status = Status.FORWARDED
        complaint.auto_close_on = None
        complaint.follow_up_due_on = add_working_days(timezone.localdate(), FOLLOW_UP_WORKING_DAYS)
        complaint.save(update_fields=["status", "auto_close_on", "follow_up_due_on"])
    return complaint


@transaction.atomic
def add_internal_note(complaint, *, body, by):
    if not body or not body.strip():
        raise ValidationError({"body": _("Write the note.")})
    _note(complaint, body, by, public=False)
    return complaint


@transaction.atomic
def reject_complaint(complaint, *, reason, by):
    _require(complaint, (Status.RECEIVED, Status.VERIFIED), _("rejected"))
    if not reason or not reason.strip():
        raise ValidationError(
            {"reason": _("Give the reason for rejecting it; the complainant will read it.")}
        )
    complaint.status = Status.REJECTED
    complaint.rejection_reason = reason.strip()
    complaint.closed_at = timezone.now()
    complaint.save(update_fields=["status", "rejection_reason", "closed_at"])
    return complaint


@transaction.atomic
def close_complaint(complaint, *, by, note=""):
    _require(complaint, (Status.RESPONDED,), _("closed"))
    complaint.status = Status.CLOSED
    complaint.closed_at = timezone.now()
    complaint.save(update_fields=["status", "closed_at"])
    _note(complaint, note, by, public=True)
    return complaint


@transaction.atomic
def assign_employee(complaint, employee, *, by):
    """Name the employee concerned (staff only; never shown on public pages)."""
    if employee is not None and employee.agency_id != complaint.agency_id:
        raise ValidationError({"employee": _("This employee belongs to another agency.")})
    complaint.employee = employee
    complaint.save(update_fields=["employee"])
    return complaint


@transaction.atomic
def set_lapor_tracking_id(complaint, lapor_id, *, by):
    complaint.lapor_tracking_id = (lapor_id or "").strip()[:50]
    complaint.save(update_fields=["lapor_tracking_id"])
    return complaint


def close_if_stale(complaint, today=None):
    """Close a responded complaint whose 10 days have passed; True when it was closed."""
    today = today or timezone.localdate()
    if (
        complaint.status != Status.RESPONDED
        or complaint.auto_close_on is None
        or complaint.auto_close_on > today
    ):
        return False
    updated = (
        Complaint.objects.with_scopes_disabled()
        .filter(pk=complaint.pk, status=Status.RESPONDED)
        .update(status=Status.CLOSED, closed_at=timezone.now(), closed_automatically=True)
    )
    if updated:
        complaint.refresh_from_db(fields=["status", "closed_at", "closed_automatically"])
    return bool(updated)


def close_stale_complaints(today=None, agency=None):
    """Close every responded complaint whose 10 days have passed; return how many."""
    today = today or timezone.localdate()
    stale = Complaint.objects.with_scopes_disabled().filter(
        status=Status.RESPONDED, auto_close_on__lte=today
    )
    if agency is not None:
        stale = stale.filter(agency=agency)
    return stale.update(status=Status.CLOSED, closed_at=timezone.now(), closed_automatically=True)
