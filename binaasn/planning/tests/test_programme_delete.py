"""A programme whose material offerings used is kept, so evaluations keep their comparison."""

import pytest
from django.core.exceptions import ValidationError
from django_scopes import scope

from binaasn.learning.tests.factories import OfferingFactory
from binaasn.planning.models import MaterialModule, Programme
from binaasn.planning.services import delete_programme, materials
from binaasn.planning.tests import factories as f


@pytest.fixture
def alpha(cast):
    with scope(agency=cast.a):
        yield cast


def test_programme_with_offerings_on_its_material_cannot_be_deleted(alpha):
    plan = f.make_plan(alpha.a, year=2026)
    programme = f.make_programme(plan, title="Pelatihan Pelayanan Publik", jp_per_participant=8)
    version = materials.create_version(programme, by=alpha.admin)
    materials.save_module(
        MaterialModule(agency=alpha.a, version=version, title="Etika", jp=8, method="lecture")
    )
    materials.publish_version(version, by=alpha.admin)
    OfferingFactory(agency=alpha.a, programme=programme, material_version=version)

    with pytest.raises(ValidationError) as error:
        delete_programme(programme, by=alpha.admin)

    assert "cannot be deleted" in " ".join(error.value.messages)
    assert Programme.objects.filter(pk=programme.pk).exists()


def test_programme_without_used_material_is_deleted(alpha):
    plan = f.make_plan(alpha.a, year=2026)
    programme = f.make_programme(plan, title="Pelatihan Arsip", jp_per_participant=8)

    delete_programme(programme, by=alpha.admin)

    assert not Programme.objects.filter(pk=programme.pk).exists()
