"""Completion, JP credit to the ledger, scores (typed and imported), external learning."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from binaasn.core.exports import build_workbook
from binaasn.learning.models import Attendance, JpYearTotal, LearningRecord, PathRule
from binaasn.learning.services import attendance as attendance_services
from binaasn.learning.services import certificates as certificate_services
from binaasn.learning.services import ledger, results
from binaasn.learning.tests.factories import EnrolmentFactory


def attend(sessions, enrolment, user, count):
    for session in sessions[:count]:
        attendance_services.record_attendance(session, {enrolment.pk}, by=user)


def test_finishing_credits_minutes_of_attended_sessions_when_the_offering_states_no_jp(
    alpha, running_offering
):
    offering, sessions, enrolment = running_offering
    attend(sessions, enrolment, alpha.trainer, 3)
    results.set_scores(enrolment, pre_test=Decimal(50), post_test=Decimal(80), by=alpha.trainer)
    completed, total = results.close_offering(offering, by=alpha.operator)
    record = LearningRecord.objects.for_agency(alpha.a).get(employee=alpha.employee)
    # three sessions of 4 hours: 720 minutes ÷ 45 = 16 JP
    assert (completed, total) == (1, 1)
    assert record.jp == 16 and record.jp_basis == "minutes" and record.minutes == 720
    assert record.siasn_type == 3 and record.certificate_type == "T" and record.year == 2026
    assert JpYearTotal.objects.for_agency(alpha.a).get(employee=alpha.employee, year=2026).jp == 16


def test_jp_stated_on_the_offering_wins(alpha, running_offering):
    offering, sessions, enrolment = running_offering
    offering.jp = 24
    offering.save()
    attend(sessions, enrolment, alpha.trainer, 3)
    results.set_scores(enrolment, pre_test=None, post_test=Decimal(70), by=alpha.trainer)
    results.close_offering(offering, by=alpha.operator)
    assert LearningRecord.objects.for_agency(alpha.a).get().jp_basis == "certificate"
    assert ledger.year_total(alpha.a, alpha.employee, 2026) == 24


def test_agency_rule_per_day_replaces_minutes(alpha, running_offering):
    offering, sessions, enrolment = running_offering
    PathRule.objects.create(agency=alpha.a, path_code="KL03", unit="day", jp_per_unit=8)
    attend(sessions, enrolment, alpha.trainer, 3)
    results.set_scores(enrolment, pre_test=None, post_test=Decimal(90), by=alpha.trainer)
    results.close_offering(offering, by=alpha.operator)
    assert LearningRecord.objects.for_agency(alpha.a).get().jp == 24


def test_too_little_attendance_means_no_credit(alpha, running_offering):
    offering, sessions, enrolment = running_offering
    attend(sessions, enrolment, alpha.trainer, 2)  # 66.67% < 80%
    results.set_scores(enrolment, pre_test=None, post_test=Decimal(95), by=alpha.trainer)
    results.close_offering(offering, by=alpha.operator)
    enrolment.refresh_from_db()
    assert enrolment.result == "not_completed" and enrolment.attendance_percent == Decimal("66.67")
    assert not LearningRecord.objects.for_agency(alpha.a).exists()


def test_a_late_score_after_finishing_is_evaluated_automatically(alpha, running_offering):
    offering, sessions, enrolment = running_offering
    attend(sessions, enrolment, alpha.trainer, 3)
    results.close_offering(offering, by=alpha.operator)
    enrolment.refresh_from_db()
    assert enrolment.result == "not_completed"
    results.set_scores(enrolment, pre_test=None, post_test=Decimal(75), by=alpha.trainer)
    enrolment.refresh_from_db()
    assert enrolment.result == "completed"
    assert ledger.year_total(alpha.a, alpha.employee, 2026) == 16
    results.set_scores(enrolment, pre_test=None, post_test=Decimal(60), by=alpha.trainer)
    assert ledger.year_total(alpha.a, alpha.employee, 2026) == 0


def test_scores_are_locked_once_a_certificate_is_issued(alpha, running_offering):
    offering, sessions, enrolment = running_offering
    attend(sessions, enrolment, alpha.trainer, 3)
    results.set_scores(enrolment, pre_test=None, post_test=Decimal(80), by=alpha.trainer)
    results.close_offering(offering, by=alpha.operator)
    offering.signatory_name, offering.signatory_position = "Dr. Kepala", "Kepala BKPSDM"
    offering.save()
    certificate_services.issue_for_offering(offering, by=alpha.admin)
    with pytest.raises(ValidationError, match="locked"):
        results.set_scores(enrolment, pre_test=None, post_test=Decimal(10), by=alpha.trainer)


@pytest.mark.parametrize("raw", ["101", "-1", "abc", "nan", "1e3"])
def test_a_score_outside_zero_to_a_hundred_is_refused_naming_the_field(raw):
    with pytest.raises(ValidationError) as error:
        results.parse_score(raw, "Post-test")
    assert "Post-test" in error.value.messages[0]


def test_scores_accept_a_decimal_comma():
    assert results.parse_score("87,5", "Post-test") == Decimal("87.50")
    assert results.parse_score("", "Post-test") is None


def _csv(text):
    return SimpleUploadedFile("nilai.csv", text.encode(), content_type="text/csv")


def test_score_import_is_all_or_nothing_with_row_and_column_errors(alpha, running_offering):
    offering, _sessions, enrolment = running_offering
    other = EnrolmentFactory(offering=offering, employee=alpha.outsider)
    upload = _csv(
        "NIP;Nama;Pre-test;Post-test\n"
        f"{alpha.employee.nip};Siti;40;85\n"
        f"{alpha.outsider.nip};Andi;50;120\n"
        "123456789012345678;X;10;20\n"
    )
    count, errors = results.import_scores(offering, upload, "csv", by=alpha.trainer)
    assert count == 0
    assert any("Row 3" in e and "Post-test" in e for e in errors)
    assert any("Row 4" in e and "NIP" in e for e in errors)
    enrolment.refresh_from_db()
    other.refresh_from_db()
    assert enrolment.post_test is None and other.post_test is None


def test_score_import_from_the_downloaded_sheet(alpha, running_offering):
    offering, _sessions, enrolment = running_offering
    rows = [(nip, name, 45, 88) for nip, name, _pre, _post in results.score_template_rows(offering)]
    content = build_workbook([("Nilai", results.SCORE_HEADERS, rows)])
    upload = SimpleUploadedFile("nilai.xlsx", content)
    count, errors = results.import_scores(offering, upload, "xlsx", by=alpha.trainer)
    assert (count, errors) == (1, [])
    enrolment.refresh_from_db()
    assert enrolment.pre_test == Decimal(45) and enrolment.post_test == Decimal(88)


def test_a_missing_column_is_named(alpha, running_offering):
    offering, _sessions, _enrolment = running_offering
    count, errors = results.import_scores(
        offering, _csv("NIP,Nilai\n1,2\n"), "csv", by=alpha.trainer
    )
    assert count == 0 and "Pre-test" in errors[0]


def test_yearly_total_is_the_sum_of_counting_rows(alpha):
    for pk, jp_value, year in [(1, 8, 2026), (2, 6, 2026), (3, 10, 2025)]:
        ledger.credit(
            alpha.employee,
            source="external",
            source_pk=pk,
            path_code="KL06",
            name=f"Seminar {pk}",
            organiser="X",
            starts_on=datetime.date(year, 5, 1),
            ends_on=datetime.date(year, 5, 1),
            credit=ledger.jp_rules.Credit(jp_value, "certificate"),
        )
    assert ledger.year_total(alpha.a, alpha.employee, 2026) == 14
    assert ledger.year_total(alpha.a, alpha.employee, 2025) == 10
    ledger.withdraw(alpha.employee, source="external", source_pk=2)
    assert ledger.year_total(alpha.a, alpha.employee, 2026) == 8


def _external(alpha, **kwargs):
    values = dict(
        title="Webinar Literasi Digital",
        organiser="Kominfo",
        path_code="KL06",
        starts_on=datetime.date(2026, 2, 3),
        ends_on=datetime.date(2026, 2, 3),
        evidence=SimpleUploadedFile("s.pdf", b"%PDF-1.4\n"),
    )
    values.update(kwargs)
    return ledger.submit_external(employee=alpha.employee, by=alpha.employee_user, **values)


def test_verified_external_learning_credits_jp_by_minutes(alpha):
    item = _external(alpha, minutes=200)
    credit = ledger.verify_external(item, by=alpha.operator)
    assert credit.jp == 4
    assert ledger.year_total(alpha.a, alpha.employee, 2026) == 4


def test_external_learning_with_certificate_jp(alpha):
    item = _external(alpha, certificate_jp=6, minutes=1000)
    assert ledger.verify_external(item, by=alpha.operator).jp == 6


def test_external_learning_needs_some_measure_of_jp(alpha):
    with pytest.raises(ValidationError, match="minutes"):
        _external(alpha)


def test_rejecting_external_learning_needs_a_reason(alpha):
    item = _external(alpha, certificate_jp=2)
    with pytest.raises(ValidationError):
        ledger.reject_external(item, by=alpha.operator, note=" ")
    ledger.reject_external(item, by=alpha.operator, note="Sertifikat tidak terbaca")
    assert ledger.year_total(alpha.a, alpha.employee, 2026) == 0


def test_attendance_rows_exist_once_per_session(alpha, running_offering):
    _offering, sessions, enrolment = running_offering
    attend(sessions, enrolment, alpha.trainer, 1)
    attend(sessions, enrolment, alpha.trainer, 1)
    assert Attendance.objects.for_agency(alpha.a).count() == 1
