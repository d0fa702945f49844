"""The agency settings page: an admin edits the agency and its second-factor policy, audited."""

import io
import re

import pytest
from allauth.mfa.models import Authenticator
from django.urls import reverse
from django_scopes import scopes_disabled

from binaasn.core.models import Agency, AuditEntry
from binaasn.core.tests.samples import EXE_HEADER, image_bytes, upload

URL = reverse("core:agency-settings", kwargs={"agency": "alpha"})


def form_data(**overrides):
    data = {
        "name": "Pemerintah Kabupaten Alpha",
        "short_name": "Kab. Alpha",
        "kind": "kabupaten",
        "region_code": "75.01",
        "seat": "Limboto",
        "mfa_roles": [],
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def agency_a():
    with scopes_disabled():
        return Agency.objects.get(slug="alpha")


def test_admin_sees_the_settings_with_the_current_values(cast, login):
    html = login(cast.admin).get(URL).content.decode()
    assert 'value="Pemerintah Kabupaten Alpha"' in html
    assert 'value="75.01"' in html
    for role in ("admin", "operator", "leader"):
        assert f'name="mfa_roles" value="{role}"' in html
    assert 'enctype="multipart/form-data"' in html


def test_admin_changes_name_seat_and_region_code(cast, login):
    client = login(cast.admin)
    response = client.post(URL, form_data(name="Pemerintah Kabupaten Alpha Raya", seat="Tilamuta"))
    assert response.status_code == 302
    agency = agency_a()
    assert agency.name == "Pemerintah Kabupaten Alpha Raya"
    assert agency.seat == "Tilamuta"
    assert agency.short_name == "Kab. Alpha"
    assert agency.slug == "alpha"  # the address does not move


def give_totp(user):
    Authenticator.objects.create(user=user, type=Authenticator.Type.TOTP, data={})


def test_admin_extends_the_second_factor_to_operators_and_leaders(cast, login):
    give_totp(cast.admin)
    client = login(cast.admin)
    client.post(URL, form_data(mfa_roles=["leader", "admin", "operator"]))
    agency = agency_a()
    assert agency.mfa_required_roles == "admin,operator,leader"
    assert agency.requires_mfa_for("operator") and agency.requires_mfa_for("leader")
    html = client.get(URL).content.decode()
    checked = re.findall(r'name="mfa_roles" value="(\w+)"\s+id="id_mfa_roles_\d" checked', html)
    assert checked == ["admin", "operator", "leader"]


def test_admin_without_totp_who_requires_it_of_admins_is_sent_to_set_it_up(cast, login):
    client = login(cast.admin)
    response = client.post(URL, form_data(mfa_roles=["admin"]), follow=True)
    assert agency_a().mfa_required_roles == "admin"
    assert response.redirect_chain[-1][0].startswith("/akun/")  # set-up, via password check
    assert response.status_code == 200


def test_admin_switches_the_second_factor_off(cast, login):
    with scopes_disabled():
        Agency.objects.filter(pk=cast.a.pk).update(mfa_required_roles="admin,operator")
    give_totp(cast.admin)
    assert login(cast.admin).post(URL, form_data(mfa_roles=None)).status_code == 302
    assert agency_a().mfa_required_roles == ""


def test_roles_outside_the_list_cannot_be_smuggled_in(cast, login):
    response = login(cast.admin).post(URL, form_data(mfa_roles=["admin", "superuser"]))
    assert response.status_code == 200
    assert agency_a().mfa_required_roles == ""
    assert "superuser" in response.content.decode()  # "Select a valid choice. superuser is not..."


@pytest.mark.parametrize(
    ("kind", "code"),
    [("kabupaten", "7501"), ("kota", "75"), ("provinsi", "75.01"), ("kecamatan", "75.01")],
)
def test_region_code_must_fit_the_kind_of_agency(cast, login, kind, code):
    response = login(cast.admin).post(URL, form_data(kind=kind, region_code=code))
    assert response.status_code == 200
    assert "id_region_code" in response.content.decode()
    assert agency_a().region_code == "75.01"


@pytest.mark.parametrize(
    ("kind", "code"), [("provinsi", "75"), ("kota", "75.71"), ("kecamatan", "75.01.02")]
)
def test_region_codes_of_each_kind_are_accepted(cast, login, kind, code):
    assert login(cast.admin).post(URL, form_data(kind=kind, region_code=code)).status_code == 302
    assert agency_a().region_code == code


def test_admin_uploads_a_png_logo(cast, login):
    data = form_data()
    data["logo"] = upload("logo.png", image_bytes("PNG"), "image/png")
    response = login(cast.admin).post(URL, data)
    assert response.status_code == 302
    agency = agency_a()
    assert agency.logo.name.startswith("agency-logos/")
    assert agency.logo.read().startswith(b"\x89PNG")


def test_jpeg_logo_is_accepted(cast, login):
    data = form_data(logo=upload("logo.jpg", image_bytes("JPEG"), "image/jpeg"))
    assert login(cast.admin).post(URL, data).status_code == 302


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("logo.png", EXE_HEADER + b"\x00" * 200),
        ("logo.png", b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>"),
        ("logo.gif", image_bytes("GIF")),
    ],
    ids=["program-named-png", "svg-with-script", "gif"],
)
def test_logo_that_is_not_a_png_or_jpeg_is_refused(cast, login, name, content):
    data = form_data(logo=upload(name, content, "image/png"))
    response = login(cast.admin).post(URL, data)
    assert response.status_code == 200
    assert (
        'id="error_1_id_logo"' in response.content.decode()
        or "id_logo" in response.content.decode()
    )
    assert not agency_a().logo


def test_logo_of_50_mb_is_refused_with_its_size_named(cast, login):
    big = io.BytesIO(image_bytes("PNG") + b"\x00" * (50 * 1024 * 1024))
    big.name = "logo.png"
    response = login(cast.admin).post(URL, {**form_data(), "logo": big})
    assert response.status_code == 200
    html = response.content.decode()
    assert "50.0 MB" in html and "20 MB" in html
    assert not agency_a().logo


def test_change_appears_in_the_audit_trail_with_before_and_after(cast, login):
    client = login(cast.admin)
    client.post(
        URL, form_data(seat="Tilamuta", mfa_roles=["operator", "leader"]), REMOTE_ADDR="10.1.2.3"
    )
    entry = AuditEntry.objects.filter(agency=cast.a, content_type__model="agency").latest(
        "timestamp"
    )
    assert entry.action == AuditEntry.Action.UPDATE
    assert entry.actor == cast.admin
    assert entry.remote_addr == "10.1.2.3"
    assert entry.changes_dict["mfa_required_roles"] == ["", "operator,leader"]
    html = client.get(reverse("core:audit-list", kwargs={"agency": "alpha"})).content.decode()
    assert "Tilamuta" in html and "operator,leader" in html and "10.1.2.3" in html


def test_invalid_form_changes_nothing_and_keeps_the_page_usable(cast, login):
    client = login(cast.admin)
    response = client.post(URL, form_data(name=""))
    assert response.status_code == 200
    assert agency_a().name == "Pemerintah Kabupaten Alpha"
    assert "BinaASN · <span" in response.content.decode()  # navbar still shows the agency
    changes = AuditEntry.objects.filter(agency=cast.a, content_type__model="agency")
    assert not changes.filter(action=AuditEntry.Action.UPDATE).exists()


def test_settings_link_is_in_the_admins_navigation_only(cast, login):
    assert URL in login(cast.admin).get("/alpha/").content.decode()
    assert URL not in login(cast.operator).get("/alpha/").content.decode()
