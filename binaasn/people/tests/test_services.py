"""The master-data services: validation, career history written on change, audit trail."""

import datetime

import pytest
from auditlog.context import set_actor
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.utils import translation
from django_scopes import scopes_disabled

from binaasn.core.models import AuditEntry
from binaasn.core.services import grant_membership
from binaasn.core.tests.factories import UserFactory
from binaasn.people import services
from binaasn.people.models import CareerEntry, CorrectionRequest, Employee
from binaasn.people.nip import compose_nip
from binaasn.people.tests.factories import (
    CareerEntryFactory,
    OrgUnitFactory,
    PositionFactory,
)


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


def new_employee_fields(cast, **overrides):
    fields = {
        "nip": "199203042018011002",
        "name": "Rahmat Hidayat",
        "gender": "L",
        "birth_date": datetime.date(1992, 3, 4),
        "status": "PNS",
        "golongan": "III/a",
        "tmt_golongan": datetime.date(2018, 1, 1),
        "unit": cast.puskesmas,
        "position": cast.nurse,
    }
    fields.update(overrides)
    return fields


def errors_of(call):
    with pytest.raises(ValidationError) as caught:
        call()
    return caught.value.message_dict


def audit_entries(employee):
    return AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Employee), object_pk=str(employee.pk)
    ).order_by("timestamp", "pk")


# Creating and editing employees -------------------------------------------------------------


def test_create_employee_records_the_starting_position_rank_and_unit(cast):
    employee = services.create_employee(cast.a, **new_employee_fields(cast))
    kinds = {e.kind: e.new_value for e in employee.career.all()}
    assert kinds == {"position": "Perawat Terampil", "rank": "III/a", "unit": "Puskesmas Telaga"}


def test_create_employee_stores_the_canonical_golongan(cast):
    employee = services.create_employee(cast.a, **new_employee_fields(cast, golongan="3b"))
    assert employee.golongan == "III/b"


def test_a_nip_that_does_not_match_the_birth_date_is_refused_on_the_nip_field(cast):
    errors = errors_of(
        lambda: services.create_employee(
            cast.a, **new_employee_fields(cast, birth_date=datetime.date(1992, 3, 5))
        )
    )
    assert "04-03-1992" in errors["nip"][0]
    assert not Employee.objects.filter(nip="199203042018011002").exists()


def test_a_nip_with_the_other_gender_is_refused(cast):
    errors = errors_of(
        lambda: services.create_employee(cast.a, **new_employee_fields(cast, gender="P"))
    )
    assert "nip" in errors


def test_a_pppk_number_for_a_pns_is_refused(cast):
    fields = new_employee_fields(cast, nip="199203042024211002")
    assert "NI PPPK" in errors_of(lambda: services.create_employee(cast.a, **fields))["nip"][0]


def test_a_duplicate_nip_in_the_agency_is_refused(cast):
    services.create_employee(cast.a, **new_employee_fields(cast))
    errors = errors_of(
        lambda: services.create_employee(cast.a, **new_employee_fields(cast, name="Lain"))
    )
    assert "already" in errors["nip"][0]


def test_the_same_nip_may_exist_in_another_agency(cast):
    services.create_employee(cast.a, **new_employee_fields(cast))
    other = services.create_employee(
        cast.b, **new_employee_fields(cast, unit=cast.b_unit, position=None)
    )
    assert other.agency == cast.b


def test_a_pppk_needs_a_roman_golongan_and_a_pns_a_pns_rank(cast):
    pppk = new_employee_fields(
        cast, nip="199203042022211002", status="PPPK", golongan="III/a", tmt_golongan=None
    )
    assert "I to XVII" in errors_of(lambda: services.create_employee(cast.a, **pppk))["golongan"][0]
    pppk["golongan"] = "9"
    assert services.create_employee(cast.a, **pppk).golongan == "IX"
    pns = new_employee_fields(cast, golongan="IX")
    assert (
        "I/a to IV/e" in errors_of(lambda: services.create_employee(cast.a, **pns))["golongan"][0]
    )


def test_tmt_dates_in_the_future_are_refused(cast):
    tomorrow = datetime.date.today() + datetime.timedelta(days=2)
    fields = new_employee_fields(cast, tmt_golongan=tomorrow, tmt_jabatan=tomorrow)
    errors = errors_of(lambda: services.create_employee(cast.a, **fields))
    assert "future" in errors["tmt_golongan"][0]
    assert "tmt_jabatan" in errors


def test_supervisor_must_be_in_the_agency_and_not_the_employee(cast):
    errors = errors_of(lambda: services.update_employee(cast.employee, supervisor=cast.employee))
    assert "own supervisor" in errors["supervisor"][0]
    errors = errors_of(lambda: services.update_employee(cast.employee, supervisor=cast.employee_b))
    assert "same agency" in errors["supervisor"][0]


def test_a_supervisor_who_reports_to_the_employee_is_refused(cast):
    # Siti reports to Budi; Budi cannot then report to Siti.
    errors = errors_of(lambda: services.update_employee(cast.supervisor, supervisor=cast.employee))
    assert "reports to" in errors["supervisor"][0]


def test_unit_and_position_must_belong_to_the_agency(cast):
    position_b = PositionFactory(agency=cast.b)
    errors = errors_of(
        lambda: services.update_employee(cast.employee, unit=cast.b_unit, position=position_b)
    )
    assert set(errors) >= {"unit", "position"}


def test_an_operator_may_only_place_employees_inside_their_subtree(cast):
    membership = cast.operator.memberships.get()
    fields = new_employee_fields(cast, unit=cast.dukcapil)
    errors = errors_of(lambda: services.create_employee(cast.a, membership=membership, **fields))
    assert "Dinas Kesehatan" in errors["unit"][0]
    fields["unit"] = cast.puskesmas
    assert services.create_employee(cast.a, membership=membership, **fields).unit == cast.puskesmas


def test_an_operator_cannot_update_an_employee_outside_their_subtree(cast):
    membership = cast.operator.memberships.get()
    with pytest.raises(ValidationError):
        services.update_employee(cast.outsider, membership=membership, phone="0811")


def test_update_employee_writes_a_career_entry_per_change_with_the_decree(cast):
    head_nurse = PositionFactory(
        agency=cast.a, name="Kepala Puskesmas", position_type="administrator"
    )
    services.update_employee(
        cast.employee,
        position=head_nurse,
        golongan="III/b",
        tmt_golongan=datetime.date(2024, 4, 1),
        decree={"decree_number": "800/123/BKPSDM/2024", "decree_on": datetime.date(2024, 3, 20)},
    )
    entries = {e.kind: e for e in CareerEntry.objects.filter(employee=cast.employee)}
    assert entries["position"].old_value == "Perawat Terampil"
    assert entries["position"].new_value == "Kepala Puskesmas"
    assert entries["rank"].old_value == "III/a"
    assert entries["rank"].new_value == "III/b"
    assert entries["rank"].effective_on == datetime.date(2024, 4, 1)
    assert entries["rank"].decree_number == "800/123/BKPSDM/2024"
    assert "unit" not in entries


def test_a_unit_move_is_recorded_and_an_unchanged_save_records_nothing(cast):
    services.update_employee(cast.employee, phone="08123")
    assert not CareerEntry.objects.filter(employee=cast.employee).exists()
    services.update_employee(cast.employee, unit=cast.dinkes)
    entry = CareerEntry.objects.get(employee=cast.employee)
    assert (entry.kind, entry.old_value, entry.new_value) == (
        "unit",
        "Puskesmas Telaga",
        "Dinas Kesehatan",
    )


def test_changes_through_services_appear_in_the_audit_trail_with_before_and_after(cast):
    with set_actor(cast.admin, remote_addr="10.1.2.3"):
        services.update_employee(cast.employee, golongan="III/b", phone="0812-1111")
    entry = audit_entries(cast.employee).last()
    assert entry.actor == cast.admin
    assert entry.remote_addr == "10.1.2.3"
    assert entry.agency == cast.a
    assert entry.changes_dict["golongan"] == ["III/a", "III/b"]
    assert entry.changes_dict["phone"] == ["", "0812-1111"]


def test_deactivate_keeps_the_record_with_reason_and_date_and_reactivate_clears_them(cast):
    with set_actor(cast.admin):
        services.deactivate_employee(cast.employee, reason="pensiun", on=datetime.date(2025, 1, 1))
    employee = Employee.objects.get(pk=cast.employee.pk)
    assert (employee.is_active, employee.inactive_reason) == (False, "pensiun")
    assert employee.inactive_on == datetime.date(2025, 1, 1)
    assert audit_entries(employee).last().changes_dict["is_active"] == ["True", "False"]
    services.reactivate_employee(employee)
    employee.refresh_from_db()
    assert (employee.is_active, employee.inactive_reason, employee.inactive_on) == (True, "", None)


def test_deactivate_needs_a_known_reason(cast):
    errors = errors_of(
        lambda: services.deactivate_employee(
            cast.employee, reason="cuti", on=datetime.date(2025, 1, 1)
        )
    )
    assert "reason" in errors


# Career history ---------------------------------------------------------------------------


def test_a_past_rank_can_be_added_in_any_common_spelling(cast):
    entry = services.add_career_entry(
        cast.employee,
        kind="rank",
        new_value="2d",
        old_value="II/c",
        effective_on=datetime.date(2016, 4, 1),
        decree_number="SK-1",
    )
    assert entry.new_value == "II/d"


def test_a_career_entry_in_the_future_or_with_an_unknown_rank_is_refused(cast):
    errors = errors_of(
        lambda: services.add_career_entry(
            cast.employee,
            kind="rank",
            new_value="III/z",
            effective_on=datetime.date.today() + datetime.timedelta(days=5),
        )
    )
    assert set(errors) == {"new_value", "effective_on"}


def test_update_career_entry_completes_the_decree(cast):
    entry = CareerEntryFactory(employee=cast.employee, agency=cast.a)
    services.update_career_entry(
        entry, decree_number="821/45/2020", decree_on=datetime.date(2020, 3, 1)
    )
    entry.refresh_from_db()
    assert entry.decree_number == "821/45/2020"


# Units and positions ----------------------------------------------------------------------


def test_moving_a_unit_rewrites_the_paths_below_it(cast):
    seksi = OrgUnitFactory(agency=cast.a, name="Seksi Gizi", parent=cast.puskesmas, kind="seksi")
    services.update_unit(cast.puskesmas, parent=cast.dukcapil)
    seksi.refresh_from_db()
    cast.puskesmas.refresh_from_db()
    assert cast.puskesmas.path == f"{cast.dukcapil.path}{cast.puskesmas.pk}/"
    assert seksi.path == f"{cast.puskesmas.path}{seksi.pk}/"
    assert seksi.depth == 3
    assert cast.employee in Employee.objects.in_subtree(cast.dukcapil)


def test_a_unit_cannot_move_below_itself(cast):
    errors = errors_of(lambda: services.update_unit(cast.dinkes, parent=cast.puskesmas))
    assert "parent" in errors


def test_a_unit_with_active_employees_cannot_be_switched_off(cast):
    errors = errors_of(lambda: services.update_unit(cast.dinkes, is_active=False))
    assert "2 active employees" in errors["is_active"][0]


def test_unit_codes_are_unique_in_the_agency(cast):
    errors = errors_of(
        lambda: services.create_unit(cast.a, name="Lain", code="DINKES", parent=cast.pemda)
    )
    assert "DINKES" in errors["code"][0]


@pytest.mark.parametrize(
    "position_type,level,field",
    [
        ("fungsional_keahlian", "terampil", "level"),
        ("fungsional_keterampilan", "ahli_muda", "level"),
        ("fungsional_keahlian", "", "level"),
        ("pelaksana", "ahli_muda", "level"),
    ],
)
def test_the_functional_level_must_match_the_position_type(cast, position_type, level, field):
    errors = errors_of(
        lambda: services.create_position(
            cast.a, name="Analis", position_type=position_type, level=level
        )
    )
    assert field in errors


def test_kelas_jabatan_runs_from_1_to_17(cast):
    errors = errors_of(
        lambda: services.create_position(
            cast.a, name="Analis", position_type="pelaksana", kelas_jabatan=18
        )
    )
    assert "kelas_jabatan" in errors
    position = services.create_position(
        cast.a,
        name="Pranata Komputer Ahli Muda",
        position_type="fungsional_keahlian",
        level="ahli_muda",
        kelas_jabatan=9,
        unit=cast.dinkes,
    )
    assert position.level == "ahli_muda"


# Correction requests ----------------------------------------------------------------------


def test_an_approved_correction_is_applied_through_update_employee_and_audited(cast):
    correction = services.request_correction(
        cast.employee, field="birth_place", new_value="Limboto", reason="KTP", by=cast.employee_user
    )
    assert correction.status == "pending" and correction.old_value == ""
    with set_actor(cast.admin):
        services.approve_correction(correction, by=cast.admin, note="Sesuai KTP")
    cast.employee.refresh_from_db()
    assert cast.employee.birth_place == "Limboto"
    assert correction.status == "approved" and correction.decided_by == cast.admin
    assert audit_entries(cast.employee).last().changes_dict["birth_place"] == ["", "Limboto"]


def test_an_invalid_correction_fails_with_a_message_and_changes_nothing(cast):
    # The NIP carries the birth date, so a different birth date cannot be applied.
    correction = services.request_correction(
        cast.employee, field="birth_date", new_value="16-06-1990"
    )
    with pytest.raises(services.CorrectionNotApplied) as caught:
        services.approve_correction(correction, by=cast.admin)
    assert "15-06-1990" in str(caught.value)
    cast.employee.refresh_from_db()
    correction.refresh_from_db()
    assert cast.employee.birth_date == datetime.date(1990, 6, 15)
    assert correction.status == CorrectionRequest.Status.PENDING


def test_a_correction_value_is_checked_when_requested(cast):
    errors = errors_of(
        lambda: services.request_correction(cast.employee, field="gender", new_value="X")
    )
    assert "new_value" in errors
    errors = errors_of(
        lambda: services.request_correction(cast.employee, field="nip", new_value="1")
    )
    assert "field" in errors


def test_rejecting_needs_a_note(cast):
    correction = services.request_correction(cast.employee, field="phone", new_value="0813")
    assert "note" in errors_of(
        lambda: services.reject_correction(correction, by=cast.admin, note="")
    )
    services.reject_correction(correction, by=cast.admin, note="Nomor tidak aktif")
    assert correction.status == "rejected"


# Linking logins ---------------------------------------------------------------------------


def test_a_membership_whose_username_is_an_employee_nip_links_the_login(cast):
    andi = cast.outsider
    user = UserFactory(username=andi.nip)
    grant_membership(user=user, agency=cast.a, role="employee")
    andi.refresh_from_db()
    assert andi.user == user


def test_a_membership_in_another_agency_does_not_link(cast):
    user = UserFactory(username=cast.outsider.nip)
    grant_membership(user=user, agency=cast.b, role="employee")
    cast.outsider.refresh_from_db()
    assert cast.outsider.user is None


def test_an_employee_created_after_the_login_is_linked_too(cast):
    nip = compose_nip(datetime.date(1992, 3, 4), "L", 2, tmt=datetime.date(2018, 1, 1))
    user = UserFactory(username=nip)
    grant_membership(user=user, agency=cast.a, role="employee")
    employee = services.create_employee(cast.a, **new_employee_fields(cast, nip=nip))
    assert employee.user == user


def test_the_created_audit_entry_lists_only_the_employee_own_fields(cast):
    employee = services.create_employee(cast.a, **new_employee_fields(cast))
    created = audit_entries(employee).first()
    assert created.changes_dict["name"][1] == "Rahmat Hidayat"
    assert not {"career", "corrections", "subordinates", "id", "agency"} & set(created.changes_dict)
