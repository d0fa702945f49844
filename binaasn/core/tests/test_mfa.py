"""The second factor (TOTP): required per role by the agency, enforced by the agency middleware."""

import base64
import hashlib
import hmac
import struct
import time

import pytest
import time_machine
from allauth.mfa.models import Authenticator
from django.urls import reverse
from django_scopes import scopes_disabled

from binaasn.core.models import Agency

ACTIVATE = "/akun/2fa/totp/activate/"


def totp(secret, at=None):
    """RFC 6238 code (SHA-1, 30 s, 6 digits), written here so the test does not trust allauth."""
    counter = int(at if at is not None else time.time()) // 30
    digest = hmac.new(base64.b32decode(secret), struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{value % 1_000_000:06d}"


def require_mfa(agency, roles):
    with scopes_disabled():
        Agency.objects.filter(pk=agency.pk).update(mfa_required_roles=roles)


def log_in(client, user, password):
    """Through the login form, as a person does (allauth records the fresh authentication)."""
    response = client.post(reverse("account_login"), {"login": user.username, "password": password})
    assert response.status_code == 302, response.content.decode()[:500]
    return client


def activate_totp(client, password):
    """Set up the authenticator app: allauth first asks for the password again."""
    response = client.get(reverse("mfa_activate_totp"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_reauthenticate"))
    response = client.post(response["Location"], {"password": password}, follow=True)
    assert response.status_code == 200
    secret = response.context["form"].secret
    now = time.time()
    with time_machine.travel(now, tick=False):  # code made and checked in the same 30 s step
        response = client.post(reverse("mfa_activate_totp"), {"code": totp(secret, now)})
    assert response.status_code == 302, response.content.decode()[:1000]
    return secret


def test_a_new_agency_requires_the_second_factor_of_its_admins_only(db):
    agency = Agency.objects.create(name="Pemerintah Kota Gamma", slug="gamma", kind="kota")
    assert agency.mfa_required_roles == "admin"
    assert agency.requires_mfa_for("admin")
    assert not agency.requires_mfa_for("operator")
    assert not agency.requires_mfa_for("employee")


def test_admin_without_totp_is_sent_to_set_it_up(cast, client):
    require_mfa(cast.a, "admin")
    log_in(client, cast.admin, cast.password)
    response = client.get("/alpha/pegawai/")
    assert response.status_code == 302
    assert response["Location"] == f"{ACTIVATE}?next=/alpha/pegawai/"


def test_admin_forced_to_totp_setup_is_not_caught_in_a_loop(cast, client):
    """/alpha/ → TOTP set-up → password confirmation: every step lives outside /<agency>/."""
    require_mfa(cast.a, "admin")
    log_in(client, cast.admin, cast.password)
    response = client.get("/alpha/", follow=True)
    assert response.status_code == 200
    chain = [url for url, _status in response.redirect_chain]
    assert chain[0] == f"{ACTIVATE}?next=/alpha/"
    assert len(chain) == 2 and chain[1].startswith(reverse("account_reauthenticate"))
    response = client.post(chain[1], {"password": cast.password}, follow=True)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Aktifkan Aplikasi Autentikator" in html
    assert 'src="data:image/svg+xml;base64,' in html  # the QR code, allowed by img-src data:


def test_pages_outside_the_agency_stay_reachable_while_totp_is_missing(cast, client):
    require_mfa(cast.a, "admin")
    log_in(client, cast.admin, cast.password)
    for url_name in ("mfa_index", "account_reauthenticate", "account_change_password", "home"):
        response = client.get(reverse(url_name))
        assert response.status_code in (200, 302), url_name
        assert not response.get("Location", "").startswith(ACTIVATE), url_name
    assert client.post(reverse("account_logout")).status_code == 302


def test_after_activating_totp_the_admin_reaches_the_agency(cast, client):
    require_mfa(cast.a, "admin")
    log_in(client, cast.admin, cast.password)
    activate_totp(client, cast.password)
    assert Authenticator.objects.filter(user=cast.admin, type=Authenticator.Type.TOTP).exists()
    response = client.get("/alpha/")
    assert response.status_code == 200
    assert "Pemerintah Kabupaten Alpha" in response.content.decode()


def test_next_login_asks_for_the_code_and_accepts_it(cast, client):
    require_mfa(cast.a, "admin")
    log_in(client, cast.admin, cast.password)
    secret = activate_totp(client, cast.password)
    client.post(reverse("account_logout"))

    response = client.post(
        reverse("account_login"), {"login": "admin_a", "password": cast.password}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_authenticate")
    assert client.get("/alpha/").status_code == 302  # not logged in until the code is given
    at = time.time() + 90  # a later step than the activation code, which cannot be reused
    with time_machine.travel(at, tick=False):
        wrong = client.post(reverse("mfa_authenticate"), {"code": "000000"})
        assert "Kode salah." in wrong.content.decode()
        response = client.post(reverse("mfa_authenticate"), {"code": totp(secret, at)})
    assert response.status_code == 302
    assert client.get("/alpha/").status_code == 200


def test_operator_is_not_forced_by_default(cast, client):
    require_mfa(cast.a, "admin")
    log_in(client, cast.operator, cast.password)
    assert client.get("/alpha/").status_code == 200


@pytest.mark.parametrize("role", ["operator", "leader"])
def test_agency_can_extend_the_second_factor_to_operators_and_leaders(cast, client, role):
    require_mfa(cast.a, f"admin,{role}")
    user = {"operator": cast.operator, "leader": cast.leader}[role]
    log_in(client, user, cast.password)
    response = client.get("/alpha/")
    assert response.status_code == 302
    assert response["Location"].startswith(ACTIVATE)
    activate_totp(client, cast.password)
    assert client.get("/alpha/").status_code == 200


def test_employee_is_never_forced_when_not_chosen(cast, client):
    require_mfa(cast.a, "admin,operator,leader")
    log_in(client, cast.employee_user, cast.password)
    assert client.get("/alpha/").status_code == 200


def test_agency_with_the_second_factor_switched_off_lets_admins_in(cast, client):
    require_mfa(cast.a, "")
    log_in(client, cast.admin, cast.password)
    assert client.get("/alpha/").status_code == 200


def test_requirement_follows_the_role_the_user_acts_in(cast, client):
    """A person who is admin and employee of one agency may act as employee without TOTP."""
    from binaasn.core.tests.factories import MembershipFactory

    require_mfa(cast.a, "admin")
    with scopes_disabled():
        MembershipFactory(user=cast.admin, agency=cast.a, role="employee")
    log_in(client, cast.admin, cast.password)
    assert client.get("/alpha/").status_code == 302
    session = client.session
    session[f"role:{cast.a.pk}"] = "employee"
    session.save()
    assert client.get("/alpha/").status_code == 200
