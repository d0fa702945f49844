"""Django admin for platform admins: every registered model's pages open, across agencies,
without tripping over the scoped managers of tenant models."""

import pytest
from django.contrib import admin
from django.core.files.base import ContentFile
from django.urls import reverse
from django_scopes import scopes_disabled

from binaasn.core.models import Agency, AuditEntry, Job, Membership, User


@pytest.fixture
def platform_admin(cast, client):
    with scopes_disabled():
        root = User.objects.create_superuser("platform", "platform@example.test", cast.password)
        job = Job.objects.create(
            agency=cast.b, kind="export", title="Ekspor B", created_by=cast.admin_b
        )
        job.result_file.save("hasil.xlsx", ContentFile(b"PK"))
    client.force_login(root, backend="django.contrib.auth.backends.ModelBackend")
    return client


def admin_url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


REGISTERED = sorted(admin.site._registry, key=lambda m: m._meta.label)


@pytest.mark.parametrize("model", REGISTERED, ids=lambda m: m._meta.label)
def test_every_admin_page_opens(platform_admin, model):
    model_admin = admin.site._registry[model]
    client = platform_admin
    response = client.get(admin_url(model, "changelist"))
    assert response.status_code == 200, "changelist"
    if model_admin.search_fields:
        assert client.get(admin_url(model, "changelist") + "?q=a").status_code == 200, "search"
    if model_admin.has_add_permission(response.wsgi_request):
        assert client.get(admin_url(model, "add")).status_code == 200, "add"
    with scopes_disabled():
        instance = model._base_manager.order_by("pk").last()
    if instance is not None:
        assert client.get(admin_url(model, "change", instance.pk)).status_code == 200, "change"
        assert client.get(admin_url(model, "history", instance.pk)).status_code == 200, "history"


def test_agency_page_lists_its_memberships_with_units_of_that_agency_only(platform_admin, cast):
    html = platform_admin.get(admin_url(Agency, "change", cast.a.pk)).content.decode()
    assert 'name="memberships-TOTAL_FORMS"' in html
    assert "Dinas Kesehatan" in html  # a unit of agency A in the unit choices
    assert "Dinas Kesehatan Beta" not in html  # never a unit of agency B


def test_platform_admin_creates_an_agency(platform_admin):
    data = {
        "name": "Pemerintah Kabupaten Gamma",
        "short_name": "Kab. Gamma",
        "slug": "gamma",
        "kind": "kabupaten",
        "region_code": "75.02",
        "seat": "",
        "mfa_required_roles": "admin",
        "is_active": "on",
        "memberships-TOTAL_FORMS": "0",
        "memberships-INITIAL_FORMS": "0",
        "memberships-MIN_NUM_FORMS": "0",
        "memberships-MAX_NUM_FORMS": "1000",
    }
    response = platform_admin.post(admin_url(Agency, "add"), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Agency.objects.get(slug="gamma").requires_mfa_for("admin")


def test_platform_admin_grants_a_role_from_the_agency_page(platform_admin, cast):
    with scopes_disabled():
        existing = list(Membership.objects.filter(agency=cast.a).order_by("pk"))
    data = {
        "name": cast.a.name,
        "short_name": "",
        "slug": "alpha",
        "kind": "kabupaten",
        "region_code": "75.01",
        "seat": "",
        "mfa_required_roles": "",
        "is_active": "on",
        "memberships-TOTAL_FORMS": str(len(existing) + 1),
        "memberships-INITIAL_FORMS": str(len(existing)),
        "memberships-MIN_NUM_FORMS": "0",
        "memberships-MAX_NUM_FORMS": "1000",
    }
    for index, membership in enumerate(existing):
        prefix = f"memberships-{index}-"
        data.update(
            {
                prefix + "id": str(membership.pk),
                prefix + "agency": str(cast.a.pk),
                prefix + "user": str(membership.user_id),
                prefix + "role": membership.role,
                prefix + "unit": str(membership.unit_id or ""),
                prefix + "is_active": "on",
            }
        )
    new = f"memberships-{len(existing)}-"
    data.update(
        {
            new + "agency": str(cast.a.pk),
            new + "user": str(cast.admin_b.pk),
            new + "role": "operator",
            new + "unit": str(cast.puskesmas.pk),
            new + "is_active": "on",
        }
    )
    response = platform_admin.post(admin_url(Agency, "change", cast.a.pk), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    with scopes_disabled():
        granted = Membership.objects.get(user=cast.admin_b, agency=cast.a)
    assert granted.role == "operator" and granted.unit == cast.puskesmas


def test_a_unit_of_another_agency_is_refused_for_a_membership(platform_admin, cast):
    data = {
        "name": cast.a.name,
        "short_name": "",
        "slug": "alpha",
        "kind": "kabupaten",
        "region_code": "75.01",
        "seat": "",
        "mfa_required_roles": "",
        "is_active": "on",
        "memberships-TOTAL_FORMS": "1",
        "memberships-INITIAL_FORMS": "0",
        "memberships-MIN_NUM_FORMS": "0",
        "memberships-MAX_NUM_FORMS": "1000",
        "memberships-0-agency": str(cast.a.pk),
        "memberships-0-user": str(cast.admin_b.pk),
        "memberships-0-role": "operator",
        "memberships-0-unit": str(cast.b_unit.pk),
        "memberships-0-is_active": "on",
    }
    response = platform_admin.post(admin_url(Agency, "change", cast.a.pk), data)
    assert response.status_code == 200  # the form comes back with an error
    with scopes_disabled():
        assert not Membership.objects.filter(user=cast.admin_b, agency=cast.a).exists()


def test_agencies_are_switched_off_not_deleted(platform_admin, cast):
    response = platform_admin.get(admin_url(Agency, "delete", cast.a.pk))
    assert response.status_code == 403


def test_platform_admin_creates_a_login(platform_admin, cast):
    response = platform_admin.post(
        admin_url(User, "add"),
        {
            "username": "199001012015031002",
            "full_name": "Rudi Hartono",
            "email": "rudi@example.test",
            "password1": "Gunung-Merapi-Jogja-7",
            "password2": "Gunung-Merapi-Jogja-7",
            "memberships-TOTAL_FORMS": "0",
            "memberships-INITIAL_FORMS": "0",
            "memberships-MIN_NUM_FORMS": "0",
            "memberships-MAX_NUM_FORMS": "1000",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    user = User.objects.get(username="199001012015031002")
    assert user.full_name == "Rudi Hartono" and user.check_password("Gunung-Merapi-Jogja-7")


def test_jobs_of_every_agency_are_listed(platform_admin, cast):
    html = platform_admin.get(admin_url(Job, "changelist")).content.decode()
    assert "Ekspor B" in html


def test_agency_staff_cannot_open_the_admin(cast, login):
    response = login(cast.admin).get(reverse("admin:index"))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_audit_entries_can_be_read_in_the_admin(platform_admin, cast):
    assert AuditEntry.objects.exists()
    assert platform_admin.get(admin_url(AuditEntry, "changelist")).status_code == 200
