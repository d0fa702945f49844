"""Complaint patterns: recurring complaints per service unit and category, and the follow-up
actions created from them."""

import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from django_scopes import scope, scopes_disabled
from python_calamine import CalamineWorkbook

from binaasn.actions.models import FollowUpAction
from binaasn.citizens.models import Complaint, ComplaintPattern
from binaasn.citizens.tests.factories import ComplaintFactory
from binaasn.core.models import AuditEntry

PERIOD = {"periode": "2026-S1"}


def received(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(9, 0)))


def complaints(unit, category, count, day=datetime.date(2026, 3, 10)):
    with scopes_disabled():
        for _index in range(count):
            ComplaintFactory(
                agency=unit.agency, unit=unit, category=category, received_at=received(day)
            )


@pytest.fixture
def queues(cast, dukcapil_unit, puskesmas_unit):
    """Disdukcapil: 4 complaints about service time (3 in March, 1 in May), 2 about fees;
    the puskesmas: 3 about staff conduct; one more outside the semester."""
    complaints(dukcapil_unit, Complaint.Category.TIME, 3)
    complaints(dukcapil_unit, Complaint.Category.TIME, 1, day=datetime.date(2026, 5, 4))
    complaints(dukcapil_unit, Complaint.Category.FEES, 2)
    complaints(puskesmas_unit, Complaint.Category.CONDUCT, 3)
    complaints(dukcapil_unit, Complaint.Category.FEES, 1, day=datetime.date(2026, 8, 1))
    return cast


def patterns_url(**query):
    url = reverse("citizens:complaint-patterns", kwargs={"agency": "alpha"})
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def action_url(unit, category, **query):
    url = reverse(
        "citizens:complaint-pattern-action",
        kwargs={"agency": "alpha", "pk": unit.pk, "category": category},
    )
    return url + "?" + "&".join(f"{k}={v}" for k, v in (query or PERIOD).items())


def test_patterns_are_unit_and_category_with_at_least_three_complaints(queues, login):
    response = login(queues.admin).get(patterns_url(**PERIOD))
    rows = [(r["unit_name"], r["category"], r["count"]) for r in response.context["rows"]]
    assert rows == [
        ("Dinas Kependudukan dan Pencatatan Sipil", "time", 4),
        ("Puskesmas Telaga", "conduct", 3),
    ]
    assert "Create follow-up action" in response.content.decode()


def test_the_minimum_can_be_lowered_and_counts_shown_per_month(queues, login):
    response = login(queues.leader).get(patterns_url(minimum=2, per_month="on", **PERIOD))
    rows = {(r["unit_name"], r["category"]): r for r in response.context["rows"]}
    assert ("Dinas Kependudukan dan Pencatatan Sipil", "fees") in rows
    time_row = rows[("Dinas Kependudukan dan Pencatatan Sipil", "time")]
    assert len(response.context["months"]) == 6  # January to June
    assert time_row["months"] == [0, 0, 3, 0, 1, 0]
    assert "Create follow-up action" not in response.content.decode()  # leaders read only


def test_a_bad_minimum_says_so_and_keeps_the_default(queues, login):
    response = login(queues.admin).get(patterns_url(minimum="0", **PERIOD))
    assert response.context["minimum"] == 3
    assert "Ensure this value is greater than or equal to 1." in response.content.decode()


def test_operator_sees_only_the_units_of_their_subtree(queues, login):
    response = login(queues.operator).get(patterns_url(**PERIOD))
    assert [r["unit_name"] for r in response.context["rows"]] == ["Puskesmas Telaga"]


def test_page_query_count_does_not_grow_with_rows(
    queues, dukcapil_unit, login, django_assert_max_num_queries
):
    client = login(queues.admin)
    url = patterns_url(minimum=1, per_month="on", **PERIOD)
    with django_assert_max_num_queries(12) as first:
        client.get(url)
    first_count = len(first.captured_queries)  # read now: the next request empties the log
    complaints(dukcapil_unit, Complaint.Category.CONDUCT, 3)
    complaints(dukcapil_unit, Complaint.Category.FACILITIES, 2)
    with scope(agency=queues.a):
        for pattern_category in ("time", "fees"):
            client.post(
                action_url(dukcapil_unit, pattern_category),
                {"title": "Perbaiki", "kind": "general", "owner_employee": queues.outsider.pk},
            )
    with django_assert_max_num_queries(first_count):
        response = client.get(url)
    assert len(response.context["rows"]) == 5


def test_creating_an_action_notes_the_pattern_and_links_back(queues, dukcapil_unit, login):
    client = login(queues.admin)
    page = client.get(action_url(dukcapil_unit, "time"))
    assert "4 complaints about Service time at Dinas Kependudukan" in page.content.decode()
    response = client.post(
        action_url(dukcapil_unit, "time"),
        {
            "title": "Tambah loket antrean",
            "kind": "service_improvement",
            "unit": queues.dukcapil.pk,
            "owner_employee": queues.outsider.pk,
            "due_on": "2026-09-30",
        },
    )
    with scopes_disabled():
        pattern = ComplaintPattern.objects.get()
        action = FollowUpAction.objects.get()
        assert AuditEntry.objects.filter(
            content_type__model="complaintpattern", object_pk=str(pattern.pk)
        ).exists()
    assert response.status_code == 302 and response.url == pattern.staff_url
    assert (pattern.unit, pattern.category, pattern.complaint_count) == (dukcapil_unit, "time", 4)
    assert (pattern.starts_on, pattern.ends_on) == (
        datetime.date(2026, 1, 1),
        datetime.date(2026, 6, 30),
    )
    assert pattern.noted_by == queues.admin
    assert action.source == pattern and action.title == "Tambah loket antrean"
    assert str(pattern) == (
        "Service time at Dinas Kependudukan dan Pencatatan Sipil, 1 January 2026 – 30 June 2026 "
        "(4 complaints)"
    )
    # The patterns page, filtered to the pattern, shows the action on its row and in the list.
    shown = client.get(pattern.staff_url)
    assert [(r["unit_name"], r["category"]) for r in shown.context["rows"]] == [
        ("Dinas Kependudukan dan Pencatatan Sipil", "time")
    ]
    assert shown.context["rows"][0]["actions"] == [action]
    assert shown.content.decode().count("Tambah loket antrean") == 2
    # The action page links back to the pattern.
    detail = client.get(
        reverse("actions:action-detail", kwargs={"agency": "alpha", "pk": action.pk})
    )
    assert pattern.staff_url.replace("&", "&amp;") in detail.content.decode()


def test_a_second_action_reuses_the_pattern_of_the_same_period(queues, dukcapil_unit, login):
    client = login(queues.admin)
    for title in ("Tambah loket", "Pelatihan petugas"):
        client.post(
            action_url(dukcapil_unit, "time"),
            {"title": title, "kind": "general", "owner_employee": queues.outsider.pk},
        )
    with scopes_disabled():
        assert ComplaintPattern.objects.count() == 1
        assert FollowUpAction.objects.count() == 2


def test_an_action_without_owner_is_refused_and_keeps_what_was_typed(queues, dukcapil_unit, login):
    response = login(queues.admin).post(
        action_url(dukcapil_unit, "time"),
        {"title": "Tambah loket antrean", "kind": "general", "due_on": "2026-09-30"},
    )
    assert response.status_code == 400
    text = response.content.decode()
    assert "Choose who owns the action." in text
    assert 'value="Tambah loket antrean"' in text and 'value="2026-09-30"' in text
    with scopes_disabled():
        assert not ComplaintPattern.objects.exists() and not FollowUpAction.objects.exists()


def test_no_pattern_without_complaints(queues, puskesmas_unit, login):
    response = login(queues.admin).post(
        action_url(puskesmas_unit, "fees"),
        {"title": "Cek", "kind": "general", "owner_employee": queues.outsider.pk},
    )
    assert response.status_code == 400
    assert "No complaints of this category about this unit in the period." in (
        response.content.decode()
    )


def test_operator_cannot_note_a_pattern_outside_their_subtree(queues, dukcapil_unit, login):
    response = login(queues.operator).get(action_url(dukcapil_unit, "time"))
    assert response.status_code == 404


def test_unknown_category_is_not_found(queues, dukcapil_unit, login):
    assert login(queues.admin).get(action_url(dukcapil_unit, "weather")).status_code == 404


def test_excel_export_lists_the_patterns(queues, login):
    response = login(queues.admin).get(patterns_url(format="xlsx", per_month="on", **PERIOD))
    book = CalamineWorkbook.from_filelike(io.BytesIO(response.content))
    rows = book.get_sheet_by_name(book.sheet_names[0]).to_python()
    assert rows[0][:3] == ["Service unit", "Category", "Complaints"]
    assert rows[1][:3] == ["Dinas Kependudukan dan Pencatatan Sipil", "Service time", 4]
    assert rows[0][3] == "2026-01"


def test_complaint_list_links_to_the_patterns(queues, login):
    response = login(queues.admin).get(
        reverse("citizens:complaint-list", kwargs={"agency": "alpha"})
    )
    assert patterns_url() in response.content.decode()
