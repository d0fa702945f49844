"""Certificates: bulk generation as a background job, the PDF, revocation, public verification."""

import re
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django_scopes import scopes_disabled

from binaasn.core.models import Job
from binaasn.learning.models import Certificate
from binaasn.learning.services import attendance as attendance_services
from binaasn.learning.services import certificates as services
from binaasn.learning.services import ledger, results


@pytest.fixture
def immediate_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def completed(alpha, running_offering):
    offering, sessions, enrolment = running_offering
    offering.signatory_name = "Dr. Hj. Rahmawati, M.Si"
    offering.signatory_position = "Kepala BKPSDM Kabupaten Alpha"
    offering.signatory_nip = "197001011995032001"
    offering.save()
    for session in sessions:
        attendance_services.record_attendance(session, {enrolment.pk}, by=alpha.trainer)
    results.set_scores(enrolment, pre_test=Decimal(40), post_test=Decimal(90), by=alpha.trainer)
    results.close_offering(offering, by=alpha.operator)
    return offering, enrolment


def test_generating_for_an_offering_without_completions_is_refused_clearly(alpha, running_offering):
    offering, _sessions, _enrolment = running_offering
    with pytest.raises(ValidationError, match="Nobody has completed"):
        services.start_bulk_generation(offering, by=alpha.operator, base_url="http://testserver/")
    results.close_offering(offering, by=alpha.operator)
    with pytest.raises(ValidationError, match="No participant of"):
        services.start_bulk_generation(offering, by=alpha.operator, base_url="http://testserver/")
    assert not Job.objects.for_agency(alpha.a).exists()


def test_generation_needs_a_signatory(alpha, completed):
    offering, _enrolment = completed
    offering.signatory_name = ""
    offering.save()
    with pytest.raises(ValidationError, match="signing official"):
        services.start_bulk_generation(offering, by=alpha.operator, base_url="http://testserver/")


def test_bulk_generation_job_issues_numbered_certificates_and_a_pdf(
    alpha, completed, immediate_tasks, django_capture_on_commit_callbacks
):
    offering, enrolment = completed
    with django_capture_on_commit_callbacks(execute=True):
        job = services.start_bulk_generation(
            offering, by=alpha.operator, base_url="http://testserver/"
        )
    with scopes_disabled():
        job.refresh_from_db()
    assert job.status == "succeeded", job.message
    assert job.percent == 100 and job.result["count"] == 1
    pdf = job.result_file.read()
    assert pdf.startswith(b"%PDF") and len(re.findall(rb"/Type\s*/Page(?!s)", pdf)) == 1
    certificate = Certificate.objects.for_agency(alpha.a).get()
    assert certificate.number.startswith("SERT/2026/")
    assert certificate.recipient_name == "Siti Aminah" and certificate.jp == 16
    assert certificate.record.certificate_number == certificate.number
    assert len(certificate.code) >= 20


def test_generating_twice_does_not_duplicate(alpha, completed):
    offering, _enrolment = completed
    services.issue_for_offering(offering, by=alpha.admin)
    services.issue_for_offering(offering, by=alpha.admin)
    assert Certificate.objects.for_agency(alpha.a).count() == 1


def test_the_pdf_carries_the_verification_link(alpha, completed):
    offering, _enrolment = completed
    certificate = services.issue_for_offering(offering, by=alpha.admin)[0]
    content = services.render([certificate], alpha.a, "https://binaasn.example/")
    assert content.startswith(b"%PDF")
    assert len(content) > 2000


def test_revoking_stops_the_jp_counting(alpha, completed):
    offering, _enrolment = completed
    certificate = services.issue_for_offering(offering, by=alpha.admin)[0]
    assert ledger.year_total(alpha.a, alpha.employee, 2026) == 16
    with pytest.raises(ValidationError):
        services.revoke(certificate, by=alpha.admin, reason="")
    services.revoke(certificate, by=alpha.admin, reason="Data kehadiran dipalsukan")
    assert ledger.year_total(alpha.a, alpha.employee, 2026) == 0
    with pytest.raises(ValidationError, match="already revoked"):
        services.revoke(certificate, by=alpha.admin, reason="lagi")


def test_public_page_shows_only_name_programme_dates_jp_and_validity(alpha, completed, client):
    offering, _enrolment = completed
    certificate = services.issue_for_offering(offering, by=alpha.admin)[0]
    url = reverse(
        "learning_public:certificate-verify",
        kwargs={"public_agency": "alpha", "code": certificate.code},
    )
    page = client.get(url).content.decode()
    assert "Siti Aminah" in page and offering.title in page and "16" in page and "valid" in page
    assert alpha.employee.nip not in page and "Puskesmas" not in page


def test_public_page_says_revoked_with_date_and_reason(alpha, completed, client):
    offering, _enrolment = completed
    certificate = services.issue_for_offering(offering, by=alpha.admin)[0]
    services.revoke(certificate, by=alpha.admin, reason="Data kehadiran dipalsukan")
    url = reverse(
        "learning_public:certificate-verify",
        kwargs={"public_agency": "alpha", "code": certificate.code},
    )
    page = client.get(url).content.decode()
    assert "REVOKED" in page and "Data kehadiran dipalsukan" in page


def test_an_unknown_code_is_a_clear_404(alpha, client):
    response = client.get(
        reverse(
            "learning_public:certificate-verify",
            kwargs={"public_agency": "alpha", "code": "tebakan"},
        )
    )
    assert (
        response.status_code == 404 and "No certificate with this code" in response.content.decode()
    )


def test_the_asn_downloads_their_own_certificate(alpha, completed, login):
    offering, _enrolment = completed
    certificate = services.issue_for_offering(offering, by=alpha.admin)[0]
    response = login(alpha.employee_user).get(
        reverse("learning:certificate-download", kwargs={"agency": "alpha", "pk": certificate.pk})
    )
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
