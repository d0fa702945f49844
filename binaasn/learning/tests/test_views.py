"""Pages: what users see and submit, and query counts of list views that do not grow with rows."""

import datetime
import io
import zoneinfo
from decimal import Decimal

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from python_calamine import CalamineWorkbook

from binaasn.learning import jp
from binaasn.learning.models import (
    Attendance,
    Enrolment,
    ExternalLearning,
    LearningRecord,
    Offering,
)
from binaasn.learning.services import attendance as attendance_services
from binaasn.learning.services import ledger
from binaasn.learning.tests.factories import EnrolmentFactory, OfferingFactory, SessionFactory
from binaasn.people.tests.factories import EmployeeFactory

JAKARTA = zoneinfo.ZoneInfo("Asia/Jakarta")


def url(name, **kwargs):
    return reverse(f"learning:{name}", kwargs={"agency": "alpha", **kwargs})


def test_operator_creates_an_offering_for_their_unit(alpha, login):
    client = login(alpha.operator)
    response = client.post(
        url("offering-create"),
        {
            "title": "Bimtek Aplikasi SIASN",
            "path_code": "KL10",
            "unit": alpha.puskesmas.pk,
            "organiser": "BKPSDM",
            "starts_on": "2026-05-04",
            "ends_on": "2026-05-05",
            "quota": 25,
            "min_attendance_percent": 80,
            "allows_self_registration": "on",
            "jp": 16,
        },
    )
    offering = Offering.objects.for_agency(alpha.a).get()
    assert response.status_code == 302 and response["Location"] == url(
        "offering-detail", pk=offering.pk
    )
    assert offering.form == "bimtek" and offering.created_by == alpha.operator


def test_operator_cannot_organise_for_another_unit(alpha, login):
    response = login(alpha.operator).post(
        url("offering-create"),
        {
            "title": "X",
            "path_code": "KL10",
            "unit": alpha.dukcapil.pk,
            "starts_on": "2026-05-04",
            "ends_on": "2026-05-05",
            "quota": 5,
            "min_attendance_percent": 80,
        },
    )
    assert response.status_code == 200 and "unit" in response.context["form"].errors


def test_end_before_start_is_named_on_the_field(alpha, login):
    response = login(alpha.admin).post(
        url("offering-create"),
        {
            "title": "X",
            "path_code": "KL10",
            "starts_on": "2026-05-04",
            "ends_on": "2026-05-01",
            "quota": 5,
            "min_attendance_percent": 80,
        },
    )
    assert "ends_on" in response.context["form"].errors


def test_operator_nominates_only_within_their_subtree(alpha, login):
    offering = OfferingFactory(agency=alpha.a, unit=alpha.dinkes)
    client = login(alpha.operator)
    page = client.get(url("participant-add", pk=offering.pk), {"q": "a"}).content.decode()
    assert "Siti Aminah" in page and "Andi Luar" not in page
    response = client.post(url("participant-add", pk=offering.pk), {"employee": alpha.outsider.pk})
    assert response.status_code == 404
    client.post(url("participant-add", pk=offering.pk), {"employee": alpha.employee.pk})
    assert Enrolment.objects.for_agency(alpha.a).get().status == "enrolled"


def test_nominating_an_inactive_asn_shows_why(alpha, login):
    offering = OfferingFactory(agency=alpha.a, unit=alpha.dinkes)
    alpha.employee.is_active = False
    alpha.employee.inactive_reason = "mutasi_keluar"
    alpha.employee.save()
    response = login(alpha.admin).post(
        url("participant-add", pk=offering.pk), {"employee": alpha.employee.pk}, follow=True
    )
    assert "no longer an active ASN" in response.content.decode()
    assert not Enrolment.objects.for_agency(alpha.a).exists()


def test_supervisor_sees_and_approves_their_staff(alpha, login, supervisor_user):
    offering = OfferingFactory(agency=alpha.a, unit=alpha.dinkes)
    enrolment = EnrolmentFactory(
        offering=offering, employee=alpha.employee, status="pending", source="operator"
    )
    client = login(supervisor_user)
    assert "Siti Aminah" in client.get(url("approval-list")).content.decode()
    client.post(url("enrolment-approve", pk=enrolment.pk))
    enrolment.refresh_from_db()
    assert enrolment.status == "enrolled"


def test_self_registration_from_the_catalogue(alpha, login, supervisor_user):
    offering = OfferingFactory(
        agency=alpha.a, unit=alpha.dinkes, title="Kursus Excel untuk Pelayanan"
    )
    client = login(alpha.employee_user)
    assert "Kursus Excel untuk Pelayanan" in client.get(url("catalogue")).content.decode()
    response = client.post(url("offering-register", pk=offering.pk), follow=True)
    assert "supervisor is asked to approve" in response.content.decode()
    assert Enrolment.objects.for_agency(alpha.a).get().status == "pending"


def test_score_sheet_refuses_a_score_above_a_hundred_and_saves_nothing(
    alpha, login, running_offering
):
    offering, _sessions, enrolment = running_offering
    other = EnrolmentFactory(offering=offering, employee=alpha.outsider)
    response = login(alpha.trainer).post(
        url("score-sheet", pk=offering.pk),
        {
            f"pre_{enrolment.pk}": "40",
            f"post_{enrolment.pk}": "150",
            f"pre_{other.pk}": "50",
            f"post_{other.pk}": "80",
        },
    )
    page = response.content.decode()
    assert response.status_code == 200 and "between 0 and 100" in page and "Siti Aminah" in page
    other.refresh_from_db()
    assert other.post_test is None


def test_score_sheet_saves_valid_scores(alpha, login, running_offering):
    offering, _sessions, enrolment = running_offering
    login(alpha.trainer).post(
        url("score-sheet", pk=offering.pk),
        {f"pre_{enrolment.pk}": "40", f"post_{enrolment.pk}": "85,5"},
    )
    enrolment.refresh_from_db()
    assert enrolment.post_test == Decimal("85.5")


def test_score_import_that_is_not_a_spreadsheet_is_refused(alpha, login, running_offering):
    offering, _sessions, _enrolment = running_offering
    response = login(alpha.trainer).post(
        url("score-import", pk=offering.pk),
        {"file": SimpleUploadedFile("nilai.xlsx", b"MZ\x90\x00binary")},
    )
    assert response.status_code == 200 and "not a spreadsheet" in response.content.decode()


def test_qr_check_in_by_url_records_presence(alpha, login, running_offering):
    _offering, sessions, enrolment = running_offering
    session = sessions[0]
    moment = datetime.datetime.combine(session.held_on, datetime.time(9, 5), tzinfo=JAKARTA)
    with time_machine.travel(moment, tick=False):
        code = attendance_services.current_code(session)
        client = login(alpha.employee_user)
        page = client.get(url("checkin", code=code))
        assert page.status_code == 200 and "Check in" in page.content.decode()
        client.post(url("checkin", code=code), {"token": page.context["token"]})
    attendance = Attendance.objects.for_agency(alpha.a).get()
    assert attendance.enrolment == enrolment and attendance.method == "qr"


def test_a_replayed_old_code_is_refused_with_a_clear_message(alpha, login, running_offering):
    _offering, sessions, _enrolment = running_offering
    session = sessions[0]
    start = datetime.datetime.combine(session.held_on, datetime.time(9), tzinfo=JAKARTA)
    with time_machine.travel(start, tick=False):
        code = attendance_services.current_code(session)
    with time_machine.travel(start + datetime.timedelta(minutes=5), tick=False):
        page = login(alpha.employee_user).get(url("checkin", code=code)).content.decode()
    assert "expired" in page and not Attendance.objects.for_agency(alpha.a).exists()


def test_check_in_outside_the_session_window_is_refused(alpha, login, running_offering):
    _offering, sessions, _enrolment = running_offering
    evening = datetime.datetime.combine(sessions[0].held_on, datetime.time(19), tzinfo=JAKARTA)
    with time_machine.travel(evening, tick=False):
        code = attendance_services.current_code(sessions[0])
        page = login(alpha.employee_user).get(url("checkin", code=code)).content.decode()
    assert "open only during the session" in page


def test_trainer_screen_shows_an_svg_qr_that_htmx_refreshes(alpha, login, running_offering):
    _offering, sessions, _enrolment = running_offering
    page = login(alpha.trainer).get(url("session-qr", pk=sessions[0].pk)).content.decode()
    assert "<svg" in page and 'hx-trigger="every 10s"' in page and "/hadir/" in page


def test_external_learning_evidence_must_be_a_document(alpha, login):
    response = login(alpha.employee_user).post(
        url("external-create"),
        {
            "title": "Webinar",
            "organiser": "Kominfo",
            "path_code": "KL06",
            "starts_on": "2026-02-03",
            "ends_on": "2026-02-03",
            "certificate_jp": 2,
            "evidence": SimpleUploadedFile("s.pdf", b"#!/bin/sh\nrm -rf /"),
        },
    )
    assert response.status_code == 200 and "evidence" in response.context["form"].errors
    assert not ExternalLearning.objects.for_agency(alpha.a).exists()


def test_an_oversized_upload_is_refused(alpha, login, settings):
    settings.UPLOAD_MAX_MB = 1
    response = login(alpha.employee_user).post(
        url("external-create"),
        {
            "title": "Webinar",
            "organiser": "Kominfo",
            "path_code": "KL06",
            "starts_on": "2026-02-03",
            "ends_on": "2026-02-03",
            "certificate_jp": 2,
            "evidence": SimpleUploadedFile("s.pdf", b"%PDF-1.4\n" + b"0" * (1024 * 1024 + 10)),
        },
    )
    assert "the limit is 1 MB" in response.content.decode()


def test_logbook_entry_outside_the_placement_shows_the_reason(alpha, login):
    from binaasn.learning.models import Internship

    internship = Internship.objects.create(
        agency=alpha.a,
        employee=alpha.employee,
        partner_name="Universitas Gunung Leuser",
        starts_on=datetime.date(2026, 3, 2),
        ends_on=datetime.date(2026, 4, 24),
        partner_supervisor_name="Dr. X",
    )
    response = login(alpha.employee_user).post(
        url("internship-log-add", pk=internship.pk),
        {
            "entry_on": "2026-06-01",
            "hours": "10",
            "activities": "Praktik",
        },
        follow=True,
    )
    assert "outside the placement" in response.content.decode() and not internship.logbook.exists()


def test_home_page_shows_my_jp_progress_bar(alpha, login):
    ledger.credit(
        alpha.employee,
        source="external",
        source_pk=1,
        path_code="KL06",
        name="Seminar",
        organiser="X",
        starts_on=datetime.date.today(),
        ends_on=datetime.date.today(),
        credit=jp.Credit(15, "certificate"),
    )
    page = (
        login(alpha.employee_user)
        .get(reverse("core:home-agency", kwargs={"agency": "alpha"}))
        .content.decode()
    )
    assert "15 of 20 JP" in page and 'data-width="75"' in page


def test_compliance_lists_who_is_below_twenty_jp_and_exports(alpha, login):
    year = datetime.date.today().year
    ledger.credit(
        alpha.employee,
        source="external",
        source_pk=1,
        path_code="KL06",
        name="Seminar",
        organiser="X",
        starts_on=datetime.date(year, 1, 5),
        ends_on=datetime.date(year, 1, 5),
        credit=jp.Credit(24, "certificate"),
    )
    client = login(alpha.operator)
    page = client.get(url("compliance")).content.decode()
    assert "Budi Kepala" in page and "Siti Aminah" not in page and "Andi Luar" not in page
    response = client.get(url("compliance"), {"format": "xlsx"})
    rows = (
        CalamineWorkbook.from_filelike(io.BytesIO(response.content))
        .get_sheet_by_index(0)
        .to_python()
    )
    assert [r[1] for r in rows[1:]] == ["Budi Kepala"]


def test_compliance_reminder_reaches_everyone_below(
    alpha, login, django_capture_on_commit_callbacks, mailoutbox
):
    alpha.supervisor.email = "budi@example.test"
    alpha.supervisor.save()
    with django_capture_on_commit_callbacks(execute=True):
        response = login(alpha.operator).post(
            url("compliance-remind"), {"year": datetime.date.today().year}
        )
    assert response.status_code == 302
    # Budi (his employee e-mail) and Siti (her login's) have 0 JP; Andi is outside the unit.
    assert sorted(m.to[0] for m in mailoutbox) == [
        "198505172010031001@example.test",
        "budi@example.test",
    ]


def test_siasn_export_has_the_siasn_columns(alpha, login):
    ledger.credit(
        alpha.employee,
        source="offering",
        source_pk=9,
        path_code="KL07",
        name="Workshop Pelayanan",
        organiser="BKPSDM",
        starts_on=datetime.date(2026, 3, 2),
        ends_on=datetime.date(2026, 3, 3),
        credit=jp.Credit(16, "certificate"),
        certificate_number="SERT/2026/000009",
    )
    response = login(alpha.admin).get(url("siasn-export"), {"year": 2026, "format": "csv"})
    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("NIP;NAMA;JENIS_DIKLAT_ID")
    assert lines[1].split(";")[2:] == [
        "4",
        "Workshop",
        "Workshop Pelayanan",
        "BKPSDM",
        "02-03-2026",
        "03-03-2026",
        "2026",
        "16",
        "SERT/2026/000009",
        "P",
    ]


def test_community_photo_that_is_not_an_image_is_refused(alpha, login):
    from binaasn.learning.models import CommunityActivity

    activity = CommunityActivity.objects.create(
        agency=alpha.a,
        kind="penyuluhan",
        title="Penyuluhan gizi",
        held_on=datetime.date(2026, 4, 4),
        place="Telaga",
        organiser_unit=alpha.dinkes,
        hours=Decimal(3),
    )
    response = login(alpha.operator).post(
        url("community-photo-upload", pk=activity.pk),
        {
            "image": SimpleUploadedFile("foto.jpg", b"%PDF-1.4\n"),
        },
        follow=True,
    )
    assert "PNG or JPEG" in response.content.decode() and not activity.photos.exists()


# Query counts of list views stay the same whatever the number of rows ---------------------------


def _count(client, path):
    client.get(path)  # the first visit also records the agency on the user
    with CaptureQueriesContext(connection) as context:
        assert client.get(path).status_code == 200
    return len(context)


def _more_offerings(alpha, n):
    for _ in range(n):
        offering = OfferingFactory(agency=alpha.a, unit=alpha.dinkes)
        SessionFactory(offering=offering)
        for employee in EmployeeFactory.create_batch(2, agency=alpha.a, unit=alpha.puskesmas):
            EnrolmentFactory(offering=offering, employee=employee)


def _more_records(alpha, n):
    for i in range(n):
        employee = EmployeeFactory(agency=alpha.a, unit=alpha.puskesmas)
        ledger.credit(
            employee,
            source="external",
            source_pk=1000 + i,
            path_code="KL06",
            name="Seminar",
            organiser="X",
            starts_on=datetime.date(datetime.date.today().year, 1, 5),
            ends_on=datetime.date(datetime.date.today().year, 1, 5),
            credit=jp.Credit(4, "certificate"),
        )


@pytest.mark.parametrize(
    "name,role,grow",
    [
        ("offering-list", "admin", _more_offerings),
        ("offering-list", "trainer", _more_offerings),
        ("catalogue", "employee_user", _more_offerings),
        ("compliance", "operator", _more_records),
        ("record-list", "admin", _more_records),
        ("my-learning", "employee_user", _more_offerings),
    ],
)
def test_list_views_query_count_does_not_grow_with_rows(
    alpha, login, django_assert_num_queries, name, role, grow
):
    client = login(getattr(alpha, role))
    grow(alpha, 2)
    before = _count(client, url(name))
    grow(alpha, 5)
    with django_assert_num_queries(before):
        client.get(url(name))


def test_participant_list_query_count_does_not_grow(alpha, login, django_assert_num_queries):
    offering = OfferingFactory(agency=alpha.a, unit=alpha.dinkes, quota=100)
    client = login(alpha.operator)
    for employee in EmployeeFactory.create_batch(2, agency=alpha.a, unit=alpha.puskesmas):
        EnrolmentFactory(offering=offering, employee=employee)
    before = _count(client, url("participant-list", pk=offering.pk))
    for employee in EmployeeFactory.create_batch(6, agency=alpha.a, unit=alpha.puskesmas):
        EnrolmentFactory(offering=offering, employee=employee)
    with django_assert_num_queries(before):
        client.get(url("participant-list", pk=offering.pk))


def test_certificate_and_ledger_registers_are_scoped_to_the_operator_unit(alpha, login):
    ledger.credit(
        alpha.outsider,
        source="external",
        source_pk=5,
        path_code="KL06",
        name="Seminar Dukcapil",
        organiser="X",
        starts_on=datetime.date(2026, 1, 5),
        ends_on=datetime.date(2026, 1, 5),
        credit=jp.Credit(4, "certificate"),
    )
    page = login(alpha.operator).get(url("record-list"), {"year": 2026}).content.decode()
    assert "Seminar Dukcapil" not in page
    assert LearningRecord.objects.for_agency(alpha.a).count() == 1


def test_forms_carry_unformatted_ids_when_ids_pass_a_thousand(alpha, login, running_offering):
    """Numbers are shown with thousand separators; ids in form fields must not be."""
    offering, sessions, _enrolment = running_offering
    big = EnrolmentFactory(pk=12345, offering=offering, employee=alpha.outsider)
    client = login(alpha.trainer)
    page = client.get(url("session-attendance", pk=sessions[0].pk)).content.decode()
    assert 'value="12345"' in page
    client.post(url("score-sheet", pk=offering.pk), {f"pre_{big.pk}": "30", f"post_{big.pk}": "75"})
    big.refresh_from_db()
    assert big.post_test == Decimal(75)


def test_compliance_counts_pppk_above_the_ceiling_apart(alpha):
    from binaasn.learning import queries

    year = datetime.date.today().year
    pppk = EmployeeFactory(agency=alpha.a, status="PPPK", golongan="IX", unit=alpha.puskesmas)
    for pk, person, value in ((1, pppk, 30), (2, alpha.employee, 20)):
        ledger.credit(
            person,
            source="external",
            source_pk=pk,
            path_code="KL06",
            name="Seminar",
            organiser="X",
            starts_on=datetime.date(year, 1, 5),
            ends_on=datetime.date(year, 1, 5),
            credit=jp.Credit(value, "certificate"),
        )
    summary = queries.compliance_summary(alpha.a, year=year, unit=alpha.dinkes)
    assert summary == {"total": 2, "meeting": 1, "below": 1, "pppk_over": 1}
