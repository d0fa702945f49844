"""Organisation units and positions: the tree with counts, and the admin's forms."""

import pytest
from django.urls import reverse
from django.utils import translation
from django_scopes import scopes_disabled

from binaasn.people.models import OrgUnit, Position


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


def test_the_unit_tree_is_indented_with_employee_counts(cast, login):
    response = login(cast.leader).get(url("unit-list"))
    units = {u.name: u for u in response.context["units"]}
    assert [u.name for u in response.context["units"]] == [
        "Pemerintah Kabupaten Alpha",
        "Dinas Kesehatan",
        "Puskesmas Telaga",
        "Disdukcapil",
    ]
    assert units["Puskesmas Telaga"].depth == 2
    assert (units["Dinas Kesehatan"].direct_count, units["Dinas Kesehatan"].total_count) == (1, 2)
    assert units["Pemerintah Kabupaten Alpha"].total_count == 3


def test_the_operator_sees_their_own_subtree_of_units_and_positions(cast, login):
    client = login(cast.operator)
    assert [u.name for u in client.get(url("unit-list")).context["units"]] == [
        "Dinas Kesehatan",
        "Puskesmas Telaga",
    ]
    with scopes_disabled():
        Position.objects.create(
            agency=cast.a, name="Analis Kependudukan", position_type="pelaksana", unit=cast.dukcapil
        )
    names = [p.name for p in client.get(url("position-list")).context["page_obj"]]
    assert names == ["Perawat Terampil"]


def test_admin_adds_a_unit_below_another(cast, login):
    response = login(cast.admin).post(
        url("unit-create"),
        {"name": "Seksi Gizi", "code": "GIZI", "kind": "seksi", "parent": cast.puskesmas.pk},
    )
    assert response.status_code == 302
    unit = OrgUnit.objects.get(code="GIZI")
    assert unit.path == f"{cast.puskesmas.path}{unit.pk}/"


def test_a_unit_cannot_become_its_own_descendant(cast, login):
    response = login(cast.admin).post(
        url("unit-edit", pk=cast.dinkes.pk),
        {
            "name": "Dinas Kesehatan",
            "code": "DINKES",
            "kind": "opd",
            "parent": cast.puskesmas.pk,
            "is_active": "on",
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["parent"]


def test_a_functional_position_needs_a_matching_level(cast, login):
    client = login(cast.admin)
    data = {
        "name": "Pranata Komputer",
        "position_type": "fungsional_keahlian",
        "level": "mahir",
        "kelas_jabatan": "8",
    }
    response = client.post(url("position-create"), data)
    assert response.status_code == 200
    assert "ahli" in response.context["form"].errors["level"][0]
    assert 'value="Pranata Komputer"' in response.content.decode()
    data["level"] = "ahli_pertama"
    assert client.post(url("position-create"), data).status_code == 302
    assert Position.objects.get(name="Pranata Komputer").level == "ahli_pertama"


def test_kelas_jabatan_above_17_is_refused(cast, login):
    response = login(cast.admin).post(
        url("position-edit", pk=cast.nurse.pk),
        {
            "name": "Perawat Terampil",
            "position_type": "fungsional_keterampilan",
            "level": "terampil",
            "kelas_jabatan": "18",
            "unit": cast.puskesmas.pk,
            "is_active": "on",
        },
    )
    assert response.context["form"].errors["kelas_jabatan"]


def test_the_position_list_counts_employees_per_position(cast, login):
    response = login(cast.admin).get(url("position-list"))
    nurse = next(p for p in response.context["page_obj"] if p.pk == cast.nurse.pk)
    assert nurse.employee_count == 1
