"""The fixed cast every test speaks of (CONVENTIONS.md, Tests).

Agency A ("alpha"): admin, operator (Dinas Kesehatan subtree), leader, trainer, employee.
Agency B ("beta"): an admin. Units of A: Pemda → Dinas Kesehatan → Puskesmas Telaga;
Pemda → Disdukcapil. The employee works at Puskesmas Telaga; "outsider" at Disdukcapil.
"""

import datetime
import importlib
from types import SimpleNamespace

import pytest
from django_scopes import scopes_disabled

from binaasn.core.tests.factories import (
    TEST_PASSWORD,
    AgencyFactory,
    MembershipFactory,
    UserFactory,
)
from binaasn.people.tests.factories import EmployeeFactory, OrgUnitFactory, PositionFactory


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def restore_seeded_lists():
    """Lists that data migrations seed (the national competency dictionary) are wiped when a
    browser test flushes the database; put them back so every test sees what production has."""
    from django.apps import apps

    seed = importlib.import_module("binaasn.competencies.migrations.0002_seed_national_dictionary")
    if not apps.get_model("competencies", "Competency").objects.filter(agency=None).exists():
        seed.seed(apps, None)


@pytest.fixture
def cast(db):
    with scopes_disabled():
        restore_seeded_lists()
        a = AgencyFactory(name="Pemerintah Kabupaten Alpha", slug="alpha", region_code="75.01")
        b = AgencyFactory(
            name="Pemerintah Kota Beta", slug="beta", kind="kota", region_code="75.71"
        )
        pemda = OrgUnitFactory(agency=a, name="Pemerintah Kabupaten Alpha", kind="pemda")
        dinkes = OrgUnitFactory(agency=a, name="Dinas Kesehatan", parent=pemda, code="DINKES")
        puskesmas = OrgUnitFactory(
            agency=a, name="Puskesmas Telaga", parent=dinkes, kind="puskesmas"
        )
        dukcapil = OrgUnitFactory(agency=a, name="Disdukcapil", parent=pemda, code="DUKCAPIL")
        b_root = OrgUnitFactory(agency=b, name="Pemerintah Kota Beta", kind="pemda")
        b_unit = OrgUnitFactory(agency=b, name="Dinas Kesehatan Beta", parent=b_root)
        nurse = PositionFactory(
            agency=a,
            name="Perawat Terampil",
            position_type="fungsional_keterampilan",
            level="terampil",
            unit=puskesmas,
        )

        def member(agency, role, username, unit=None):
            user = UserFactory(username=username, full_name=username.replace("_", " ").title())
            MembershipFactory(user=user, agency=agency, role=role, unit=unit)
            return user

        admin = member(a, "admin", "admin_a")
        operator = member(a, "operator", "operator_a", unit=dinkes)
        leader = member(a, "leader", "leader_a")
        trainer = member(a, "trainer", "trainer_a")
        employee_user = member(a, "employee", "198505172010031001")
        admin_b = member(b, "admin", "admin_b")
        supervisor = EmployeeFactory(
            agency=a,
            name="Budi Kepala",
            unit=dinkes,
            golongan="IV/a",
            birth_date=datetime.date(1975, 1, 2),
            tmt_cpns=datetime.date(2000, 3, 1),
        )
        employee = EmployeeFactory(
            agency=a,
            name="Siti Aminah",
            gender="P",
            unit=puskesmas,
            position=nurse,
            user=employee_user,
            supervisor=supervisor,
            birth_date=datetime.date(1990, 6, 15),
            tmt_cpns=datetime.date(2015, 2, 1),
        )
        outsider = EmployeeFactory(agency=a, name="Andi Luar", unit=dukcapil)
        employee_b = EmployeeFactory(agency=b, name="Rina Beta", unit=b_unit)
    return SimpleNamespace(
        a=a,
        b=b,
        pemda=pemda,
        dinkes=dinkes,
        puskesmas=puskesmas,
        dukcapil=dukcapil,
        b_unit=b_unit,
        nurse=nurse,
        admin=admin,
        operator=operator,
        leader=leader,
        trainer=trainer,
        employee_user=employee_user,
        admin_b=admin_b,
        employee=employee,
        supervisor=supervisor,
        outsider=outsider,
        employee_b=employee_b,
        password=TEST_PASSWORD,
    )


@pytest.fixture
def login(client):
    """``login(user)`` returns the test client logged in as that user."""

    def _login(user):
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        return client

    return _login
