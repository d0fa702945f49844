"""The demo data a newcomer sees after `make run`: three agencies, their people, their logins."""

import io
from collections import Counter

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django_scopes import scopes_disabled

from binaasn.core.demo import DEMO_AGENCIES, demo_logins
from binaasn.core.models import Agency, AuditEntry, Membership, User
from binaasn.core.tests.factories import AgencyFactory
from binaasn.people import ranks
from binaasn.people.demo import DEMO_PEOPLE, plan_demo_people
from binaasn.people.models import CareerEntry, Employee, OrgUnit, Position
from binaasn.people.nip import validate_nip

SLUGS = ["gorontalo", "candisari", "kutacane"]


def seed(*args):
    out = io.StringIO()
    call_command("seed_demo", *args, stdout=out)
    return out.getvalue()


def test_if_empty_seeds_a_database_without_agencies(db):
    assert not Agency.objects.exists()
    seed("--if-empty")
    assert sorted(Agency.objects.values_list("slug", flat=True)) == sorted(SLUGS)


def test_if_empty_leaves_a_database_with_an_agency_alone(db):
    AgencyFactory(slug="sendiri")
    output = seed("--if-empty")
    assert list(Agency.objects.values_list("slug", flat=True)) == ["sendiri"]
    assert "not seeded" in output


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    """Seed once for the tests below, inside a transaction rolled back when they are done."""
    # English, so the assertions below can read the stored audit summaries.
    with django_db_blocker.unblock(), transaction.atomic(), translation.override("en"):
        seed()
        yield
        transaction.set_rollback(True)


@pytest.fixture
def demo(seeded, db):
    with scopes_disabled():
        yield {agency.slug: agency for agency in Agency.objects.filter(slug__in=SLUGS)}


def table_counts():
    models = [Agency, User, Membership, OrgUnit, Position, Employee, CareerEntry, AuditEntry]
    with scopes_disabled():
        return {m.__name__: m._base_manager.count() for m in models}


def test_three_agencies_with_their_regions(demo):
    gorontalo, candisari, kutacane = demo["gorontalo"], demo["candisari"], demo["kutacane"]
    assert (gorontalo.name, gorontalo.region_code, gorontalo.kind, gorontalo.seat) == (
        "Pemerintah Kabupaten Gorontalo", "75.01", "kabupaten", "Limboto",
    )  # fmt: skip
    assert (candisari.name, candisari.region_code, candisari.kind) == (
        "Kecamatan Candisari", "33.74.06", "kecamatan",
    )  # fmt: skip
    assert "Kota Semarang" in candisari.seat
    assert (kutacane.name, kutacane.region_code, kutacane.kind, kutacane.seat) == (
        "Pemerintah Kabupaten Aceh Tenggara", "11.02", "kabupaten", "Kutacane",
    )  # fmt: skip
    assert all(agency.mfa_required_roles == "" for agency in demo.values())


@pytest.mark.parametrize("slug", ["gorontalo", "kutacane"])
def test_kabupaten_have_the_opd_a_newcomer_expects(demo, slug):
    units = OrgUnit.objects.filter(agency=demo[slug])
    names = set(units.values_list("name", flat=True))
    dinkes = units.get(name="Dinas Kesehatan")
    assert units.filter(parent=dinkes, kind="puskesmas").count() >= 2
    assert any(name.startswith("Dinas Pendidikan") for name in names)
    assert {"Dinas Kependudukan dan Pencatatan Sipil", "Sekretariat Daerah"} <= names
    assert units.filter(code="BKPSDM").exists()
    setda = units.get(name="Sekretariat Daerah")
    assert units.filter(parent=setda, name__startswith="Bagian ").count() >= 4
    assert units.filter(kind="sekolah").count() >= 3


def test_candisari_is_the_camat_office_with_its_seksi_and_seven_kelurahan(demo):
    units = OrgUnit.objects.filter(agency=demo["candisari"])
    root = units.get(parent=None)
    assert (root.name, root.kind) == ("Kecamatan Candisari", "kecamatan")
    kelurahan = set(units.filter(kind="kelurahan").values_list("name", flat=True))
    assert kelurahan == {
        f"Kelurahan {name}"
        for name in ("Candi", "Jatingaleh", "Jomblang", "Kaliwiru", "Karanganyar Gunung",
                     "Tegalsari", "Wonotingal")
    }  # fmt: skip
    assert units.filter(parent=root, kind="seksi", name__startswith="Seksi ").count() >= 4
    assert units.filter(name="Sekretariat Kecamatan", parent=root).exists()


@pytest.mark.parametrize("slug", SLUGS)
def test_every_position_type_appears(demo, slug):
    types = set(Position.objects.filter(agency=demo[slug]).values_list("position_type", flat=True))
    assert types == set(Position.Type.values)


@pytest.mark.parametrize("slug", SLUGS)
def test_more_than_300_active_asn_whose_nip_matches_birth_date_gender_and_status(demo, slug):
    employees = list(Employee.objects.filter(agency=demo[slug]))
    assert sum(e.is_active for e in employees) >= 300
    for employee in employees:
        validate_nip(
            employee.nip, birth_date=employee.birth_date, gender=employee.gender,
            status=employee.status,
        )  # fmt: skip
        assert employee.tmt_cpns <= employee.tmt_golongan
        assert employee.tmt_cpns <= employee.tmt_jabatan
        assert employee.education_level and employee.position_id and employee.unit_id
    statuses = Counter(e.status for e in employees)
    assert statuses["PNS"] > statuses["PPPK"] > 0 and statuses["CPNS"] > 0
    assert Counter(e.gender for e in employees).keys() == {"L", "P"}


@pytest.mark.parametrize("slug", SLUGS)
def test_pns_carry_a_pns_rank_and_pppk_a_pppk_golongan(demo, slug):
    for status, golongan in Employee.objects.filter(agency=demo[slug]).values_list(
        "status", "golongan"
    ):
        if status == "PPPK":
            assert golongan in ranks.PPPK_GOLONGAN
        else:
            assert golongan in ranks.PANGKAT


@pytest.mark.parametrize("slug", SLUGS)
def test_supervisors_follow_the_org_chart(demo, slug):
    employees = Employee.objects.filter(agency=demo[slug]).select_related(
        "unit", "supervisor__unit", "supervisor__position"
    )
    with_supervisor = [e for e in employees if e.supervisor_id]
    assert len(with_supervisor) > 0.9 * len(employees)
    for employee in with_supervisor:
        boss = employee.supervisor
        assert boss.position.position_type != "pelaksana"
        # The supervisor leads the employee's unit or a unit above it; OPD heads report to the
        # Sekretaris Daerah.
        above = employee.unit.path.startswith(boss.unit.path)
        assert above or boss.position.name == "Sekretaris Daerah"


@pytest.mark.parametrize("slug", SLUGS)
def test_a_few_are_inactive_with_a_reason_and_many_have_career_history(demo, slug):
    employees = Employee.objects.filter(agency=demo[slug])
    inactive = employees.filter(is_active=False)
    assert 1 <= inactive.count() <= 20
    assert not inactive.filter(inactive_reason="").exists()
    assert not inactive.filter(inactive_on=None).exists()
    with_history = CareerEntry.objects.filter(agency=demo[slug]).values("employee").distinct()
    assert with_history.count() > employees.count() / 2


def test_names_come_from_each_region(demo):
    def names(slug):
        return " ".join(Employee.objects.filter(agency=demo[slug]).values_list("name", flat=True))

    gorontalo, candisari, kutacane = names("gorontalo"), names("candisari"), names("kutacane")
    assert any(fam in gorontalo for fam in ("Pakaya", "Mohamad", "Katili", "Lihawa"))
    assert not any(fam in candisari for fam in ("Pakaya", "Katili", "Selian", "Ginting"))
    assert any(marga in kutacane for marga in ("Selian", "Desky", "Pinem", "Sekedang"))
    assert " br. " in kutacane  # Batak women: boru/beru


def test_one_login_per_role_per_agency_with_the_demo_password(demo):
    rows = demo_logins()
    assert len(rows) == 15
    by_role = {(slug, role): username for slug, role, username, _ in rows}
    for slug in SLUGS:
        assert by_role[(slug, "admin")] == f"admin.{slug}"
        assert by_role[(slug, "operator")] == f"operator.{slug}"
        assert by_role[(slug, "leader")] == f"pimpinan.{slug}"
        assert by_role[(slug, "trainer")] == f"pelatih.{slug}"
        assert User.objects.get(username=f"admin.{slug}").email == f"admin@{slug}.binaasn.test"
    assert {password for *_, password in rows} == {settings.BINAASN_DEMO_PASSWORD}
    for _, _, username, _ in rows:
        assert User.objects.get(username=username).check_password(settings.BINAASN_DEMO_PASSWORD)


@pytest.mark.parametrize("slug", SLUGS)
def test_the_asn_logs_in_with_their_nip_and_is_linked_to_their_record(demo, slug):
    membership = Membership.objects.get(agency=demo[slug], role="employee")
    employee = Employee.objects.get(agency=demo[slug], user=membership.user)
    assert membership.user.username == employee.nip
    assert membership.user.email == f"asn@{slug}.binaasn.test"
    assert employee.is_active and employee.supervisor_id
    operator = Membership.objects.get(agency=demo[slug], role="operator")
    assert employee.unit.path.startswith(operator.unit.path)


def test_operator_works_in_dinas_kesehatan(demo):
    operator = Membership.objects.get(agency=demo["gorontalo"], role="operator")
    assert operator.unit.name == "Dinas Kesehatan"


@pytest.mark.parametrize("role", ["admin", "operator", "leader", "trainer", "employee"])
def test_every_demo_login_opens_its_agency_home_without_a_second_factor(demo, client, role):
    username = next(u for slug, r, u, _ in demo_logins() if slug == "gorontalo" and r == role)
    assert client.login(username=username, password=settings.BINAASN_DEMO_PASSWORD)
    response = client.get(reverse("core:home-agency", kwargs={"agency": "gorontalo"}))
    assert response.status_code == 200


def test_the_bulk_write_is_one_audit_entry_per_agency(demo):
    for agency in demo.values():
        entries = AuditEntry.objects.filter(agency=agency, changes_text__contains="employees")
        assert entries.count() == 1
        employees = Employee.objects.filter(agency=agency).count()
        assert f"{employees} employees" in entries.get().changes_text


def test_seeding_again_creates_and_changes_nothing(demo):
    before = table_counts()
    with scopes_disabled():
        stamps = sorted(Employee.objects.values_list("pk", "updated_at"))
        passwords = sorted(User.objects.values_list("pk", "password"))
    output = seed()
    assert table_counts() == before
    with scopes_disabled():
        assert sorted(Employee.objects.values_list("pk", "updated_at")) == stamps
        assert sorted(User.objects.values_list("pk", "password")) == passwords
    assert "employees+0" in output


def test_the_demo_is_the_same_every_time():
    for spec in DEMO_AGENCIES:
        agency = Agency(slug=spec.slug, name=spec.name)
        first, _, asn_first = plan_demo_people(agency, seed="x")
        second, _, asn_second = plan_demo_people(agency, seed="x")
        people = [(e.nip, e.full_name, e.unit.name, e.golongan) for e in first.employees]
        assert people == [(e.nip, e.full_name, e.unit.name, e.golongan) for e in second.employees]
        assert asn_first.nip == asn_second.nip
    assert set(DEMO_PEOPLE) == set(SLUGS)


def test_demo_logins_prints_the_table(demo):
    out = io.StringIO()
    call_command("demo_logins", stdout=out)
    text = out.getvalue()
    assert "admin.gorontalo" in text and "pelatih.kutacane" in text
    assert settings.BINAASN_DEMO_PASSWORD in text
    asn = Membership.objects.get(agency=demo["candisari"], role="employee").user.username
    assert asn in text
