"""Dialogue forums: issues turn into follow-up actions; the public summary names nobody."""

import datetime

from django.urls import reverse
from django_scopes import scopes_disabled

from binaasn.actions.models import FollowUpAction
from binaasn.citizens.models import Forum
from binaasn.citizens.tests.factories import ForumFactory


def url(name, **kwargs):
    return reverse(f"citizens:{name}", kwargs={"agency": "alpha", **kwargs})


def test_admin_plans_a_forum_and_records_attendance(cast, login):
    client = login(cast.admin)
    data = {
        "theme": "Pelayanan KTP-el di kecamatan",
        "held_on": "2026-10-05",
        "place": "Aula Kecamatan Telaga",
        "unit": cast.dukcapil.pk,
        "community_groups": "Karang Taruna\nPKK Kelurahan",
        "community_attendance": "35",
        "invited_employees": [cast.outsider.pk, cast.supervisor.pk],
        "attended_employees": [cast.outsider.pk],
        "minutes": "Warga meminta layanan Sabtu.",
        "is_published": "on",
    }
    response = client.post(url("forum-create"), data)
    assert response.status_code == 302
    with scopes_disabled():
        forum = Forum.objects.get(agency=cast.a)
        assert list(forum.attended_employees.all()) == [cast.outsider]
        assert forum.group_list == ["Karang Taruna", "PKK Kelurahan"]
    html = client.get(response["Location"]).content.decode()
    assert "Andi Luar" in html and "35" in html


def test_an_issue_becomes_a_follow_up_action_with_owner_and_due_date(cast, login):
    with scopes_disabled():
        forum = ForumFactory(agency=cast.a, unit=cast.dukcapil)
    client = login(cast.admin)
    data = {
        "title": "Layanan KTP-el hari Sabtu",
        "raised_by": "Karang Taruna",
        "owner_employee": cast.outsider.pk,
        "due_on": "2026-12-31",
        "action_title": "Buka loket Sabtu",
    }
    assert client.post(url("forum-issue-create", pk=forum.pk), data).status_code == 302
    with scopes_disabled():
        [action] = FollowUpAction.objects.filter(agency=cast.a)
        issue = forum.issues.get()
    assert action.source == issue
    assert (action.title, action.owner_employee, action.due_on, action.unit) == (
        "Buka loket Sabtu",
        cast.outsider,
        datetime.date(2026, 12, 31),
        cast.dukcapil,
    )
    assert action.kind == "service_improvement" and action.status == "open"
    html = client.get(url("forum-detail", pk=forum.pk)).content.decode()
    assert "Buka loket Sabtu" in html


def test_public_forum_summary_shows_issues_and_progress_but_no_names(client, cast, login):
    with scopes_disabled():
        forum = ForumFactory(
            agency=cast.a,
            unit=cast.dukcapil,
            minutes="Bapak Andi Luar menjelaskan...",
            community_attendance=20,
        )
        forum.attended_employees.set([cast.outsider])
    login(cast.admin).post(
        url("forum-issue-create", pk=forum.pk),
        {"title": "Antrean panjang", "owner_employee": cast.outsider.pk, "due_on": "2026-12-31"},
    )
    client.logout()
    public = reverse(
        "citizens_public:forum", kwargs={"public_agency": "alpha", "code": forum.public_code}
    )
    html = client.get(public).content.decode()
    assert "Antrean panjang" in html and "Open" in html
    assert "20 members of the public, 1 ASN" in html
    assert "Andi Luar" not in html  # neither the owner, the ASN present nor the minutes


def test_unpublished_forum_has_no_public_page(client, cast):
    with scopes_disabled():
        forum = ForumFactory(agency=cast.a, is_published=False)
    public = reverse(
        "citizens_public:forum", kwargs={"public_agency": "alpha", "code": forum.public_code}
    )
    assert client.get(public).status_code == 404


def test_operator_sees_forums_of_their_subtree(cast, login):
    with scopes_disabled():
        ForumFactory(agency=cast.a, unit=cast.dinkes, theme="Forum kesehatan")
        ForumFactory(agency=cast.a, unit=cast.dukcapil, theme="Forum kependudukan")
    html = login(cast.operator).get(url("forum-list")).content.decode()
    assert "Forum kesehatan" in html and "Forum kependudukan" not in html
