"""The navbar's agency and role switcher for people with several memberships."""

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from binaasn.core.tests.factories import MembershipFactory


@pytest.fixture
def two_hats(cast):
    """admin_a is also an employee of agency A and the leader of agency B."""
    with scopes_disabled():
        MembershipFactory(user=cast.admin, agency=cast.a, role="employee")
        MembershipFactory(user=cast.admin, agency=cast.b, role="leader")
    return cast


def switch(client, agency, role):
    return client.post(reverse("core:switch-role", kwargs={"agency": agency}), {"role": role})


def test_navbar_offers_every_agency_and_role_of_the_user(two_hats, login):
    html = login(two_hats.admin).get("/alpha/").content.decode()
    assert 'id="agency-switcher"' in html
    for agency, role in (("alpha", "admin"), ("alpha", "employee"), ("beta", "leader")):
        form = f'action="/{agency}/peran/"'
        assert form in html
        assert f'name="role" value="{role}"' in html


def test_switching_role_within_an_agency_changes_what_the_user_may_do(two_hats, login):
    client = login(two_hats.admin)
    assert client.get("/alpha/audit/").status_code == 200
    response = switch(client, "alpha", "employee")
    assert response.status_code == 302 and response["Location"] == "/alpha/"
    assert client.get("/alpha/audit/").status_code == 403
    assert (
        "Employee (ASN)" in client.get("/alpha/").content.decode()
        or "Pegawai" in client.get("/alpha/").content.decode()
    )
    switch(client, "alpha", "admin")
    assert client.get("/alpha/audit/").status_code == 200


def test_switching_to_another_agency_opens_it_and_remembers_it(two_hats, login):
    client = login(two_hats.admin)
    response = switch(client, "beta", "leader")
    assert response["Location"] == "/beta/"
    assert "Pemerintah Kota Beta" in client.get("/beta/").content.decode()
    assert client.get(reverse("home"))["Location"] == "/beta/"


def test_a_role_the_user_does_not_hold_is_ignored(two_hats, login):
    client = login(two_hats.admin)
    switch(client, "beta", "admin")
    assert client.get("/beta/audit/").status_code == 403  # still the leader of B


def test_switching_into_an_agency_without_membership_is_a_404(cast, login):
    assert switch(login(cast.employee_user), "beta", "employee").status_code == 404


def test_switch_is_post_only(two_hats, login):
    response = login(two_hats.admin).get(reverse("core:switch-role", kwargs={"agency": "alpha"}))
    assert response.status_code == 405


def test_user_with_one_membership_still_sees_where_they_are(cast, login):
    html = login(cast.employee_user).get("/alpha/").content.decode()
    assert 'action="/alpha/peran/"' in html
    assert 'action="/beta/peran/"' not in html
