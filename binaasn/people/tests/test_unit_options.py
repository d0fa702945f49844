from django_scopes import scope

from binaasn.people import filters
from binaasn.people.models import OrgUnit
from binaasn.people.tests.factories import OrgUnitFactory


def test_unit_filter_lists_top_levels_and_the_chosen_unit_in_a_large_agency(cast, monkeypatch):
    monkeypatch.setattr(filters, "UNIT_OPTIONS_LIMIT", 4)
    seksi = OrgUnitFactory(
        agency=cast.a, name="Seksi Imunisasi", parent=cast.puskesmas, kind="seksi"
    )
    admin = cast.a.memberships.get(role="admin")
    with scope(agency=cast.a):
        units = OrgUnit.objects.for_agency(cast.a)
        names = [label for _pk, label in filters.unit_options(units, admin)]
        chosen = [label for _pk, label in filters.unit_options(units, admin, selected=seksi.pk)]
    assert "— Dinas Kesehatan" in names
    assert not any("Puskesmas Telaga" in label or "Seksi Imunisasi" in label for label in names)
    assert "— — — Seksi Imunisasi" in chosen


def test_unit_filter_lists_every_unit_in_a_small_agency(cast):
    admin = cast.a.memberships.get(role="admin")
    with scope(agency=cast.a):
        units = OrgUnit.objects.for_agency(cast.a)
        labels = [label for _pk, label in filters.unit_options(units, admin)]
    assert labels == [
        "---------",
        "Pemerintah Kabupaten Alpha",
        "— Dinas Kesehatan",
        "— — Puskesmas Telaga",
        "— Disdukcapil",
    ]
