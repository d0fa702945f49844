"""Employee pages as the cast uses them: filters, search, sort, export, forms, operator limits."""

import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django_scopes import scopes_disabled
from python_calamine import CalamineWorkbook

from binaasn.people.models import CareerEntry, Employee
from binaasn.people.tests.factories import EmployeeFactory, OrgUnitFactory, PositionFactory


@pytest.fixture(autouse=True)
def _unscoped():
    with scopes_disabled():
        yield


@pytest.fixture(autouse=True)
def _english(settings):
    # Messages are asserted in the English source text, whatever the translation catalogue says.
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


def url(name, **kwargs):
    return reverse(f"people:{name}", kwargs={"agency": "alpha", **kwargs})


def names_on(response):
    return [e.name for e in response.context["page_obj"]]


def valid_form(cast, **overrides):
    data = {
        "nip": "199203042018011002",
        "name": "Rahmat Hidayat",
        "front_title": "",
        "back_title": "S.Kep",
        "gender": "L",
        "birth_place": "Gorontalo",
        "birth_date": "1992-03-04",
        "status": "PNS",
        "golongan": "III/a",
        "tmt_golongan": "2018-01-01",
        "tmt_cpns": "2018-01-01",
        "unit": cast.puskesmas.pk,
        "position": cast.nurse.pk,
        "supervisor_nip": cast.supervisor.nip,
        "education_level": "S-1",
    }
    data.update(overrides)
    return data


# The list ------------------------------------------------------------------------------------


def test_admin_sees_every_active_employee_sorted_by_name(cast, login):
    response = login(cast.admin).get(url("employee-list"))
    assert names_on(response) == ["Andi Luar", "Budi Kepala", "Siti Aminah"]


def test_unit_filter_includes_the_units_below(cast, login):
    response = login(cast.admin).get(url("employee-list"), {"unit": cast.dinkes.pk})
    assert names_on(response) == ["Budi Kepala", "Siti Aminah"]


def test_filters_by_golongan_position_type_status_and_education(cast, login):
    client = login(cast.admin)
    assert names_on(client.get(url("employee-list"), {"golongan": "IV/a"})) == ["Budi Kepala"]
    response = client.get(url("employee-list"), {"position_type": "fungsional_keterampilan"})
    assert names_on(response) == ["Siti Aminah"]
    with scopes_disabled():
        EmployeeFactory(
            agency=cast.a,
            name="Putri Kontrak",
            status="PPPK",
            golongan="IX",
            education_level="D-III",
            unit=cast.dukcapil,
        )
    assert names_on(client.get(url("employee-list"), {"status": "PPPK"})) == ["Putri Kontrak"]
    assert names_on(client.get(url("employee-list"), {"education_level": "D-III"})) == [
        "Putri Kontrak"
    ]


def test_inactive_employees_are_listed_only_when_asked(cast, login):
    Employee.objects.filter(pk=cast.outsider.pk).update(is_active=False, inactive_reason="pensiun")
    client = login(cast.admin)
    assert "Andi Luar" not in names_on(client.get(url("employee-list")))
    assert names_on(client.get(url("employee-list"), {"active": "inactive"})) == ["Andi Luar"]
    assert len(names_on(client.get(url("employee-list"), {"active": "all"}))) == 3


def search(client, text, **filters):
    """Search as the page does: the form is posted, the list follows the redirect."""
    return client.post(url("employee-list"), {"q": text, **filters}, follow=True)


def test_search_by_name_or_by_the_start_of_the_nip(cast, login):
    client = login(cast.admin)
    assert names_on(search(client, "aminah")) == ["Siti Aminah"]
    assert names_on(search(client, cast.employee.nip[:10])) == ["Siti Aminah"]
    assert names_on(search(client, cast.employee.nip)) == ["Siti Aminah"]


def test_a_nip_search_never_puts_the_nip_in_the_url(cast, login):
    client = login(cast.admin)
    response = search(client, cast.employee.nip, unit=cast.dinkes.pk, sort="-name")
    final_url, status = response.redirect_chain[-1]
    assert status == 302
    assert cast.employee.nip not in final_url
    assert f"unit={cast.dinkes.pk}" in final_url and "sort=-name" in final_url
    assert cast.employee.nip not in "".join(
        link for link in response.content.decode().split('"') if link.startswith("?")
    )
    # The token in the URL keeps the search for pagination, sorting and the export.
    assert names_on(client.get(final_url)) == ["Siti Aminah"]
    export = client.get(final_url + "&format=xlsx")
    rows = CalamineWorkbook.from_filelike(io.BytesIO(export.content)).get_sheet_by_index(0)
    assert len(rows.to_python()) == 2


def test_an_unknown_search_token_shows_the_unsearched_list(cast, login):
    response = login(cast.admin).get(url("employee-list"), {"cari": "tidak-ada"})
    assert len(names_on(response)) == 3


def test_sort_by_golongan_nip_and_unit(cast, login):
    client = login(cast.admin)
    Employee.objects.filter(pk=cast.outsider.pk).update(golongan="II/c")
    assert names_on(client.get(url("employee-list"), {"sort": "-golongan"})) == [
        "Budi Kepala",
        "Siti Aminah",
        "Andi Luar",
    ]
    assert names_on(client.get(url("employee-list"), {"sort": "golongan"}))[0] == "Andi Luar"
    by_unit = names_on(client.get(url("employee-list"), {"sort": "unit"}))
    assert by_unit == [
        "Budi Kepala",
        "Andi Luar",
        "Siti Aminah",
    ]  # Dinas Kesehatan, Disdukcapil, Puskesmas
    nips = sorted([cast.employee.nip, cast.supervisor.nip, cast.outsider.nip])
    response = client.get(url("employee-list"), {"sort": "nip"})
    assert [e.nip for e in response.context["page_obj"]] == nips


def test_the_list_is_paginated_on_the_server(cast, login):
    EmployeeFactory.create_batch(55, agency=cast.a, unit=cast.dukcapil)
    client = login(cast.admin)
    first = client.get(url("employee-list"))
    assert len(first.context["page_obj"]) == 50
    assert first.context["page_obj"].paginator.count == 58
    assert len(client.get(url("employee-list"), {"page": 2}).context["page_obj"]) == 8


def test_the_list_query_count_does_not_grow_with_rows(cast, login, django_assert_num_queries):
    client = login(cast.admin)
    client.get(url("employee-list"))  # warm caches (content types, session)
    with CaptureQueriesContext(connection) as few:
        client.get(url("employee-list"))
    positions = PositionFactory.create_batch(3, agency=cast.a, unit=cast.dukcapil)
    units = OrgUnitFactory.create_batch(3, agency=cast.a, parent=cast.dukcapil)
    for i in range(40):
        EmployeeFactory(
            agency=cast.a, unit=units[i % 3], position=positions[i % 3], supervisor=cast.supervisor
        )
    with django_assert_num_queries(len(few.captured_queries)):
        response = client.get(url("employee-list"))
    assert len(response.context["page_obj"]) == 43


def test_export_contains_the_filtered_rows(cast, login):
    response = login(cast.admin).get(
        url("employee-list"), {"unit": cast.dinkes.pk, "format": "xlsx"}
    )
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    rows = (
        CalamineWorkbook.from_filelike(io.BytesIO(response.content))
        .get_sheet_by_index(0)
        .to_python()
    )
    assert rows[0][:2] == ["NIP", "Name"]
    assert sorted(r[1] for r in rows[1:]) == ["Budi Kepala", "Siti Aminah"]
    siti = next(r for r in rows[1:] if r[1] == "Siti Aminah")
    assert siti[0] == cast.employee.nip  # the NIP stays text, never a number
    assert "Perawat Terampil" in siti
    assert "Puskesmas Telaga" in siti


# Operators see their own unit subtree ----------------------------------------------------------


def test_operator_sees_only_their_unit_subtree(cast, login):
    client = login(cast.operator)
    assert names_on(client.get(url("employee-list"))) == ["Budi Kepala", "Siti Aminah"]
    assert names_on(search(client, "Andi")) == []


def test_operator_cannot_open_or_edit_another_units_employee(cast, login):
    client = login(cast.operator)
    assert client.get(url("employee-detail", pk=cast.outsider.pk)).status_code == 404
    assert (
        client.post(url("employee-edit", pk=cast.outsider.pk), valid_form(cast)).status_code == 404
    )
    assert client.get(url("employee-deactivate", pk=cast.outsider.pk)).status_code == 404


def test_operator_cannot_create_an_employee_in_another_unit(cast, login):
    response = login(cast.operator).post(
        url("employee-create"), valid_form(cast, unit=cast.dukcapil.pk)
    )
    assert response.status_code == 200
    assert response.context["form"].errors["unit"]
    assert not Employee.objects.filter(nip="199203042018011002").exists()


def test_operator_creates_an_employee_inside_their_subtree(cast, login):
    response = login(cast.operator).post(url("employee-create"), valid_form(cast))
    employee = Employee.objects.get(nip="199203042018011002")
    assert response.status_code == 302
    assert employee.supervisor == cast.supervisor
    assert employee.full_name == "Rahmat Hidayat, S.Kep"


# Forms ---------------------------------------------------------------------------------------


def test_a_failed_form_keeps_what_the_user_typed_and_names_the_field(cast, login):
    data = valid_form(cast, birth_date="1992-03-05", birth_place="Limboto", golongan="III/b")
    response = login(cast.admin).post(url("employee-create"), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'value="Rahmat Hidayat"' in html
    assert 'value="Limboto"' in html
    assert 'value="1992-03-05"' in html
    assert 'value="199203042018011002"' in html
    assert "04-03-1992" in response.context["form"].errors["nip"][0]


def test_every_broken_rule_is_shown_at_once(cast, login):
    future = (datetime.date.today() + datetime.timedelta(days=3)).isoformat()
    data = valid_form(
        cast, status="PPPK", golongan="III/a", tmt_golongan=future, supervisor_nip="123"
    )
    errors = login(cast.admin).post(url("employee-create"), data).context["form"].errors
    assert "supervisor_nip" in errors  # unknown NIP
    data["supervisor_nip"] = ""
    errors = login(cast.admin).post(url("employee-create"), data).context["form"].errors
    assert {"nip", "golongan", "tmt_golongan"} <= set(errors)


def test_editing_golongan_with_a_decree_adds_career_history_and_shows_the_audit(cast, login):
    client = login(cast.admin)
    data = valid_form(
        cast,
        nip=cast.employee.nip,
        name="Siti Aminah",
        gender="P",
        birth_date="1990-06-15",
        golongan="III/b",
        tmt_golongan="2024-04-01",
        tmt_cpns="2015-02-01",
        decree_number="823/BKPSDM/77/2024",
        decree_on="2024-03-15",
    )
    response = client.post(url("employee-edit", pk=cast.employee.pk), data)
    assert response.status_code == 302, response.context["form"].errors
    entry = CareerEntry.objects.get(employee=cast.employee, kind="rank")
    assert (entry.old_value, entry.new_value, entry.decree_number) == (
        "III/a",
        "III/b",
        "823/BKPSDM/77/2024",
    )
    detail = client.get(url("employee-detail", pk=cast.employee.pk)).content.decode()
    assert "823/BKPSDM/77/2024" in detail
    assert "Penata Muda Tingkat I (III/b)" in detail
    assert "III/a → III/b" in detail  # audit: before → after
    assert "admin_a" in detail
    assert "127.0.0.1" in detail


def test_detail_shows_profile_unit_path_supervisor_and_pangkat(cast, login):
    html = login(cast.leader).get(url("employee-detail", pk=cast.employee.pk)).content.decode()
    for text in (
        "Siti Aminah",
        cast.employee.nip,
        "Penata Muda (III/a)",
        "Perawat Terampil",
        "Pemerintah Kabupaten Alpha",
        "Dinas Kesehatan",
        "Puskesmas Telaga",
        "Budi Kepala",
        "S-1",
    ):
        assert text in html
    assert url("employee-edit", pk=cast.employee.pk) not in html  # the leader only reads


def test_deactivate_with_reason_then_reactivate(cast, login):
    client = login(cast.operator)
    response = client.post(
        url("employee-deactivate", pk=cast.employee.pk),
        {"reason": "mutasi_keluar", "on": "2025-02-01"},
    )
    assert response.status_code == 302
    cast.employee.refresh_from_db()
    assert (cast.employee.is_active, cast.employee.inactive_reason) == (False, "mutasi_keluar")
    client.post(url("employee-reactivate", pk=cast.employee.pk))
    cast.employee.refresh_from_db()
    assert cast.employee.is_active


def test_deactivate_without_reason_shows_the_error(cast, login):
    response = login(cast.admin).post(
        url("employee-deactivate", pk=cast.employee.pk), {"on": "2025-02-01"}
    )
    assert response.context["form"].errors["reason"]
    cast.employee.refresh_from_db()
    assert cast.employee.is_active


def test_a_past_career_record_is_added_and_edited(cast, login):
    client = login(cast.admin)
    response = client.post(
        url("career-create", pk=cast.employee.pk),
        {
            "kind": "position",
            "effective_on": "2015-02-01",
            "new_value": "Perawat Pelaksana",
            "decree_number": "",
            "decree_on": "",
            "old_value": "",
            "note": "",
        },
    )
    assert response.status_code == 302
    entry = CareerEntry.objects.get(employee=cast.employee)
    response = client.post(
        url("career-edit", pk=cast.employee.pk, entry_pk=entry.pk),
        {
            "kind": "position",
            "effective_on": "2015-02-01",
            "new_value": "Perawat Pelaksana",
            "decree_number": "SK-2015/7",
            "decree_on": "2015-01-20",
            "old_value": "",
            "note": "",
        },
    )
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.decree_number == "SK-2015/7"


def test_a_career_record_of_another_employee_is_a_404(cast, login):
    with scopes_disabled():
        other = CareerEntry.objects.create(
            agency=cast.a, employee=cast.outsider, kind="rank", new_value="III/a"
        )
    response = login(cast.admin).get(url("career-edit", pk=cast.employee.pk, entry_pk=other.pk))
    assert response.status_code == 404
