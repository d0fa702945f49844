"""The agency's audit trail: who changed what, when, from where, before → after; filters, export."""

import datetime
import io

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone, translation
from django_scopes import scopes_disabled
from python_calamine import CalamineWorkbook

from binaasn.core.models import Agency, AuditEntry, Membership

URL = reverse("core:audit-list", kwargs={"agency": "alpha"})


def entry(
    agency,
    actor,
    *,
    repr_,
    changes=None,
    action=AuditEntry.Action.UPDATE,
    model=Agency,
    at=None,
    ip="10.0.0.1",
):
    return AuditEntry.objects.create(
        agency=agency,
        actor=actor,
        content_type=ContentType.objects.get_for_model(model),
        object_pk="1",
        object_repr=repr_,
        action=action,
        changes=changes or {},
        remote_addr=ip,
        timestamp=at or timezone.now(),
    )


@pytest.fixture
def trail(cast):
    """Entries of agency A by two people on two days, and one of agency B."""
    day = timezone.make_aware(datetime.datetime(2026, 3, 10, 9, 30))
    entry(
        cast.a,
        cast.admin,
        repr_="Bidang Mutasi",
        changes={"name": ["Bid. Mutasi", "Bidang Mutasi"]},
        at=day,
    )
    entry(
        cast.a,
        cast.operator,
        repr_="Seksi Diklat",
        changes={"code": ["", "SKD-01"]},
        model=Membership,
        action=AuditEntry.Action.CREATE,
        at=day + datetime.timedelta(days=5),
        ip="10.0.0.2",
    )
    entry(
        cast.b, cast.admin_b, repr_="Rahasia Beta", changes={"name": ["x", "Rahasia Beta"]}, at=day
    )
    return cast


def rows(response):
    return [r.strip() for r in response.content.decode().split("<tr>")[2:]]


def test_admin_sees_who_when_from_where_and_before_after(trail, login):
    html = login(trail.admin).get(URL).content.decode()
    assert "Admin A" in html and "admin_a" in html  # who
    assert "10.0.0.1" in html  # from where
    assert "Bid. Mutasi → Bidang Mutasi" in html  # before → after
    assert "10-03-2026 09:30" in html  # when, in Asia/Jakarta


def test_entries_of_another_agency_never_appear(trail, login):
    client = login(trail.admin)
    assert "Rahasia Beta" not in client.get(URL).content.decode()
    assert "Rahasia Beta" not in client.get(URL + "?q=Rahasia").content.decode()
    export = client.get(URL + "?format=xlsx")
    assert b"Rahasia" not in export.content
    values = (
        CalamineWorkbook.from_filelike(io.BytesIO(export.content)).get_sheet_by_index(0).to_python()
    )
    assert not any("Rahasia" in str(cell) for row in values for cell in row)


def test_agency_b_admin_sees_only_agency_b(trail, login):
    html = (
        login(trail.admin_b)
        .get(reverse("core:audit-list", kwargs={"agency": "beta"}))
        .content.decode()
    )
    assert "Rahasia Beta" in html and "Bidang Mutasi" not in html


@pytest.mark.parametrize(
    ("query", "present", "absent"),
    [
        ("q=Diklat", "Seksi Diklat", "Bidang Mutasi"),
        ("q=SKD-01", "Seksi Diklat", "Bidang Mutasi"),  # inside the changes
        ("actor=operator", "Seksi Diklat", "Bidang Mutasi"),
        ("actor=Admin+A", "Bidang Mutasi", "Seksi Diklat"),  # by full name
        ("action=0", "Seksi Diklat", "Bidang Mutasi"),
        ("date_from=2026-03-12", "Seksi Diklat", "Bidang Mutasi"),
        ("date_to=2026-03-11", "Bidang Mutasi", "Seksi Diklat"),
        ("date_from=2026-03-10&date_to=2026-03-10", "Bidang Mutasi", "Seksi Diklat"),
    ],
)
def test_filters_narrow_the_trail(trail, login, query, present, absent):
    html = login(trail.admin).get(f"{URL}?{query}").content.decode()
    assert present in html
    assert absent not in html


def test_kind_filter_lists_audited_models_and_narrows(trail, login):
    client = login(trail.admin)
    membership_type = ContentType.objects.get_for_model(Membership)
    html = client.get(URL).content.decode()
    assert f'<option value="{membership_type.pk}">' in html
    html = client.get(f"{URL}?model={membership_type.pk}").content.decode()
    assert "Seksi Diklat" in html and "Bidang Mutasi" not in html


def test_excel_export_follows_the_filters_and_spells_out_changes(trail, login):
    response = login(trail.admin).get(f"{URL}?format=xlsx&actor=admin_a")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="audit-')
    values = (
        CalamineWorkbook.from_filelike(io.BytesIO(response.content))
        .get_sheet_by_index(0)
        .to_python()
    )
    header, *body = values
    assert len(body) == 1
    row = dict(zip(header, body[0], strict=True))
    assert row[header[0]] == "10-03-2026 09:30"  # Asia/Jakarta, as the page shows it
    assert "admin_a" in body[0] and "Admin A" in body[0]
    with translation.override("id"):
        name = str(Agency._meta.get_field("name").verbose_name)
    assert f"{name}: Bid. Mutasi → Bidang Mutasi" in body[0]
    assert "10.0.0.1" in body[0]


def test_real_changes_are_recorded_with_actor_and_address(cast, login):
    client = login(cast.admin)
    with scopes_disabled():
        membership = Membership.objects.get(user=cast.trainer, agency=cast.a)
    client.post(
        reverse("core:membership-toggle", kwargs={"agency": "alpha", "pk": membership.pk}),
        REMOTE_ADDR="192.0.2.44",
    )
    html = client.get(URL + "?actor=admin_a").content.decode()
    assert "192.0.2.44" in html
    assert "Ya → Tidak" in html  # is_active, in words


def test_audit_list_runs_a_fixed_number_of_queries(trail, login, django_assert_num_queries):
    client = login(trail.admin)
    client.get(URL)  # warm the content-type cache
    with scopes_disabled():
        for n in range(30):
            entry(trail.a, trail.admin, repr_=f"Unit {n}", changes={"name": ["a", "b"]})
    with django_assert_num_queries(7):
        response = client.get(URL)
    assert response.status_code == 200


def test_other_roles_cannot_open_the_trail(cast, login):
    for user in (cast.operator, cast.leader, cast.trainer, cast.employee_user):
        assert login(user).get(URL).status_code == 403


def test_field_names_are_shown_in_words_and_values_as_stored(cast, login):
    entry(
        cast.a,
        cast.admin,
        repr_="Kab. Alpha",
        changes={"kind": ["kabupaten", "kota"], "items": ["abcd", "efgh"]},
    )
    html = login(cast.admin).get(URL).content.decode()
    with translation.override("id"):
        kind = str(Agency._meta.get_field("kind").verbose_name)
    assert f"<strong>{kind}</strong>: kabupaten → kota" in html
    assert "<strong>items</strong>: abcd → efgh" in html  # a key that is no field stays as it is
