"""Notifications of training delivery: one in-app message (core.Notification) per user and an
e-mail when an address is known. Sent after the surrounding transaction commits."""

import contextlib
import contextvars

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse

from binaasn.core.models import Notification

INVITATION = "learning.invitation"
APPROVAL_NEEDED = "learning.approval_needed"
APPROVED = "learning.approved"
REJECTED = "learning.rejected"
WAITLISTED = "learning.waitlisted"
PROMOTED = "learning.promoted"
REMINDER = "learning.reminder"
CHANGED = "learning.changed"
CANCELLED = "learning.cancelled"
COMPLIANCE = "learning.compliance_reminder"


_email_muted = contextvars.ContextVar("learning_email_muted", default=False)


@contextlib.contextmanager
def emails_muted():
    """In-app notifications only (demo data must not send e-mail to invented people)."""
    token = _email_muted.set(True)
    try:
        yield
    finally:
        _email_muted.reset(token)


def email_of(employee):
    if employee.user_id and employee.user.email:
        return employee.user.email
    return employee.email


def absolute(path):
    base = getattr(settings, "BINAASN_BASE_URL", "").rstrip("/")
    return f"{base}{path}" if base else path


def notify_employee(agency, employee, *, kind, title, body, url=""):
    """Tell one ASN: in-app when they have a login, by e-mail when an address is known."""
    recipients = []
    if employee.user_id:
        Notification.objects.create(
            agency=agency, user_id=employee.user_id, kind=kind, title=title, body=body, url=url
        )
    address = email_of(employee)
    if address and not _email_muted.get():
        recipients.append(address)
    if recipients:
        text = f"{body}\n\n{absolute(url)}" if url else body
        transaction.on_commit(
            lambda: send_mail(
                title, text, settings.DEFAULT_FROM_EMAIL, recipients, fail_silently=True
            )
        )


def notify_many(agency, employees, *, kind, title, body, url=""):
    for employee in employees:
        notify_employee(agency, employee, kind=kind, title=title, body=body, url=url)


def my_learning_url(agency):
    return reverse("learning:my-learning", kwargs={"agency": agency.slug})


def approvals_url(agency):
    return reverse("learning:approval-list", kwargs={"agency": agency.slug})


def mark_read(agency, user, pk=None):
    notifications = Notification.objects.for_agency(agency).filter(user=user).unread()
    if pk is not None:
        notifications = notifications.filter(pk=pk)
    from django.utils import timezone

    return notifications.update(read_at=timezone.now())
