"""Follow-up actions: one model for every area, an overdue list and e-mailed reminders."""

import datetime
from io import StringIO

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_scopes import scope, scopes_disabled

from binaasn.actions import services
from binaasn.actions.models import FollowUpAction
from binaasn.actions.tests.factories import FollowUpActionFactory
from binaasn.citizens.tests.factories import ForumFactory


@pytest.fixture(autouse=True)
def _english(settings):
    settings.LANGUAGE_CODE = "en"


def url(name, **kwargs):
    return reverse(f"actions:{name}", kwargs={"agency": "alpha", **kwargs})


def test_any_object_can_own_actions_through_the_generic_source(cast):
    with scope(agency=cast.a):
        forum = ForumFactory(agency=cast.a, unit=cast.dukcapil)
        issue = forum.issues.create(agency=cast.a, title="Parkir sempit")
        action = services.create_action(
            agency=cast.a,
            title="Tambah lahan parkir",
            source=issue,
            owner_employee=cast.outsider,
            due_on=datetime.date(2026, 12, 1),
            kind="service_improvement",
        )
        assert list(FollowUpAction.objects.for_source(issue)) == [action]
        assert list(issue.actions.all()) == [action]


def test_an_owner_from_another_agency_is_refused(cast):
    with scopes_disabled(), pytest.raises(ValidationError):
        services.create_action(agency=cast.a, title="X", owner_employee=cast.employee_b)


def test_closing_with_evidence_stamps_the_time_and_refuses_executables(cast):
    with scopes_disabled():
        action = FollowUpActionFactory(agency=cast.a, owner_employee=cast.employee)
        with pytest.raises(ValidationError) as error:
            services.close_action(action, evidence=SimpleUploadedFile("bukti.pdf", b"MZ\x90 exe"))
        assert "evidence" in error.value.message_dict
        services.close_action(
            action, evidence=SimpleUploadedFile("bukti.pdf", b"%PDF-1.4 bukti"), note="Selesai"
        )
        action.refresh_from_db()
    assert action.status == "done" and action.closed_at is not None and action.evidence


def test_cancelling_needs_a_reason(cast):
    with scopes_disabled():
        action = FollowUpActionFactory(agency=cast.a)
        with pytest.raises(ValidationError):
            services.set_action_status(action, "cancelled")


def test_owner_employee_updates_the_status_of_their_action(cast, login):
    with scopes_disabled():
        action = FollowUpActionFactory(agency=cast.a, owner_employee=cast.employee)
    client = login(cast.employee_user)
    response = client.post(
        url("action-detail", pk=action.pk), {"status": "in_progress", "note": ""}
    )
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.status == "in_progress"


def test_overdue_page_lists_only_open_actions_past_their_due_date(cast, login):
    with scopes_disabled():
        FollowUpActionFactory(
            agency=cast.a, title="Lewat tenggat", due_on=datetime.date(2026, 11, 1)
        )
        FollowUpActionFactory(agency=cast.a, title="Masih lama", due_on=datetime.date(2027, 1, 1))
        FollowUpActionFactory(
            agency=cast.a, title="Sudah selesai", due_on=datetime.date(2026, 11, 1), status="done"
        )
    with time_machine.travel("2026-11-20 03:00:00+00:00", tick=False):
        html = login(cast.admin).get(url("action-overdue")).content.decode()
    assert "Lewat tenggat" in html
    assert "Masih lama" not in html and "Sudah selesai" not in html


def test_reminders_email_each_overdue_owner_once_a_day(cast):
    with scopes_disabled():
        FollowUpActionFactory(
            agency=cast.a,
            title="Revisi modul",
            owner_employee=cast.outsider,
            due_on=datetime.date(2026, 11, 1),
        )
        FollowUpActionFactory(
            agency=cast.a,
            title="Perbaiki ruang tunggu",
            owner_employee=cast.outsider,
            due_on=datetime.date(2026, 11, 2),
        )
        FollowUpActionFactory(
            agency=cast.a,
            title="Belum jatuh tempo",
            owner_user=cast.admin,
            due_on=datetime.date(2027, 1, 1),
        )
        cast.outsider.email = "andi@example.test"
        cast.outsider.save()
    with time_machine.travel("2026-11-20 03:00:00+00:00", tick=False):
        out = StringIO()
        call_command("remind_overdue_actions", stdout=out)
        call_command("remind_overdue_actions", stdout=StringIO())  # same day: nothing new
    [message] = mail.outbox
    assert message.to == ["andi@example.test"]
    assert "Revisi modul" in message.body and "Perbaiki ruang tunggu" in message.body
    assert "Belum jatuh tempo" not in message.body
    assert "reminders sent: 1" in out.getvalue()


def test_list_query_count_does_not_grow_with_rows(cast, login, django_assert_num_queries):
    client = login(cast.admin)
    with scopes_disabled():
        FollowUpActionFactory(agency=cast.a, owner_employee=cast.employee, unit=cast.dinkes)
    client.get(url("action-list"))
    with CaptureQueriesContext(connection) as captured:
        client.get(url("action-list"))
    with scopes_disabled():
        for _ in range(5):
            FollowUpActionFactory(agency=cast.a, owner_employee=cast.outsider, unit=cast.dukcapil)
    with django_assert_num_queries(len(captured.captured_queries)):
        client.get(url("action-list"))


def test_employee_sees_only_their_own_actions(cast, login):
    with scopes_disabled():
        FollowUpActionFactory(agency=cast.a, title="Milik Siti", owner_employee=cast.employee)
        FollowUpActionFactory(agency=cast.a, title="Milik Andi", owner_employee=cast.outsider)
    html = login(cast.employee_user).get(url("action-list")).content.decode()
    assert "Milik Siti" in html and "Milik Andi" not in html
