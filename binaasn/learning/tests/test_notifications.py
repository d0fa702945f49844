"""Reminders the day before, change notices, and the audit trail of scores."""

import datetime
import io
import zoneinfo
from decimal import Decimal

import time_machine
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command

from binaasn.core.models import AuditEntry, Notification
from binaasn.learning.models import Enrolment, Session
from binaasn.learning.services import offerings, results

JAKARTA = zoneinfo.ZoneInfo("Asia/Jakarta")


def test_reminder_goes_out_once_the_day_before(alpha, running_offering, mailoutbox):
    _offering, sessions, _enrolment = running_offering
    alpha.employee_user.email = "siti@example.test"
    alpha.employee_user.save()
    day_before = datetime.datetime.combine(
        sessions[0].held_on - datetime.timedelta(days=1), datetime.time(7), tzinfo=JAKARTA
    )
    with time_machine.travel(day_before, tick=False):
        call_command("send_session_reminders", stdout=io.StringIO())
        call_command("send_session_reminders", stdout=io.StringIO())
    reminders = Notification.objects.for_agency(alpha.a).filter(kind="learning.reminder")
    assert reminders.count() == 1 and "Tomorrow" in reminders.get().title
    assert Session.objects.for_agency(alpha.a).get(pk=sessions[0].pk).reminder_sent_at is not None


def test_moving_a_session_tells_the_participants(alpha, running_offering):
    _offering, sessions, _enrolment = running_offering
    session = sessions[1]
    session.starts_at = datetime.time(13)
    session.ends_at = datetime.time(16)
    offerings.save_session(session, by=alpha.operator, changed_fields=["starts_at", "ends_at"])
    note = Notification.objects.for_agency(alpha.a).get(
        user=alpha.employee_user, kind="learning.changed"
    )
    assert "13:00" in note.body


def test_cancelling_an_offering_cancels_every_place_and_tells_them(alpha, running_offering):
    offering, _sessions, _enrolment = running_offering
    offerings.cancel_offering(offering, by=alpha.admin, reason="Anggaran dialihkan")
    assert set(Enrolment.objects.for_agency(alpha.a).values_list("status", flat=True)) == {
        "cancelled"
    }
    assert (
        "Anggaran dialihkan"
        in Notification.objects.for_agency(alpha.a).get(kind="learning.cancelled").body
    )


def test_score_changes_are_audited_with_the_agency(alpha, running_offering):
    _offering, _sessions, enrolment = running_offering
    results.set_scores(enrolment, pre_test=Decimal(40), post_test=Decimal(80), by=alpha.trainer)
    entries = AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Enrolment), object_pk=str(enrolment.pk)
    )
    assert any("post_test" in (entry.changes or {}) for entry in entries)
    assert all(entry.agency_id == alpha.a.pk for entry in entries)
