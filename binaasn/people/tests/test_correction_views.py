"""Self-service profile and correction requests: the ASN asks, the admin decides."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from django_scopes import scopes_disabled
from python_calamine import CalamineWorkbook

from binaasn.core.tests.factories import MembershipFactory, UserFactory
from binaasn.people import services
from binaasn.people.models import CorrectionRequest


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


def pdf(name="akta.pdf"):
    return SimpleUploadedFile(
        name, b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n", content_type="application/pdf"
    )


def ask(client, **data):
    payload = {"field": "birth_place", "new_value": "Limboto", "reason": "Sesuai akta kelahiran"}
    payload.update(data)
    return client.post(url("correction-create"), payload)


def test_the_employee_sees_their_own_profile_and_career(cast, login):
    with scopes_disabled():
        services.add_career_entry(cast.employee, kind="rank", new_value="III/a", effective_on=None)
    html = login(cast.employee_user).get(url("my-profile")).content.decode()
    assert "Siti Aminah" in html and cast.employee.nip in html
    assert "Penata Muda (III/a)" in html
    assert "Budi Kepala" in html


def test_a_login_without_an_employee_record_is_told_so(cast, login):
    response = login(cast.trainer).get(url("my-profile"))
    assert response.status_code == 200
    assert response.context["employee"] is None
    assert login(cast.trainer).get(url("correction-create")).status_code == 404


def test_an_employee_asks_for_a_correction_with_evidence_and_sees_it_pending(cast, login):
    client = login(cast.employee_user)
    response = ask(client, evidence=pdf())
    assert response.status_code == 302
    correction = CorrectionRequest.objects.get(employee=cast.employee)
    assert (correction.field, correction.new_value, correction.status) == (
        "birth_place",
        "Limboto",
        "pending",
    )
    assert correction.requested_by == cast.employee_user
    assert correction.evidence.name.endswith(".pdf")
    html = client.get(url("my-profile")).content.decode()
    assert "Limboto" in html
    assert "text-bg-warning" in html  # the pending badge


def test_evidence_that_is_not_a_document_is_refused_and_the_typed_values_stay(cast, login):
    program = SimpleUploadedFile(
        "bukti.pdf", b"MZ\x90\x00 not a document", content_type="application/pdf"
    )
    response = ask(login(cast.employee_user), evidence=program, new_value="Kota Gorontalo")
    assert response.status_code == 200
    assert response.context["form"].errors["evidence"]
    assert 'value="Kota Gorontalo"' in response.content.decode()
    assert not CorrectionRequest.objects.exists()


def test_a_badly_written_value_is_refused_on_the_value_field(cast, login):
    response = ask(login(cast.employee_user), field="birth_date", new_value="tanggal 5")
    assert "dd-mm-yyyy" in response.context["form"].errors["new_value"][0]


def test_admin_sees_pending_requests_first(cast, login):
    first = services.request_correction(cast.employee, field="phone", new_value="0811")
    services.reject_correction(first, by=cast.admin, note="Tidak sesuai")
    second = services.request_correction(cast.employee, field="phone", new_value="0812")
    response = login(cast.admin).get(url("correction-list"))
    assert [c.pk for c in response.context["page_obj"]] == [second.pk, first.pk]
    filtered = login(cast.admin).get(url("correction-list"), {"status": "rejected"})
    assert [c.pk for c in filtered.context["page_obj"]] == [first.pk]


def test_the_correction_export_lists_the_requests(cast, login):
    services.request_correction(cast.employee, field="phone", new_value="0811", reason="Nomor baru")
    response = login(cast.admin).get(url("correction-list"), {"format": "xlsx"})
    rows = (
        CalamineWorkbook.from_filelike(io.BytesIO(response.content))
        .get_sheet_by_index(0)
        .to_python()
    )
    assert len(rows) == 2
    assert cast.employee.nip in rows[1]
    assert "0811" in rows[1]


def test_admin_approves_and_the_profile_shows_the_new_value(cast, login):
    correction = services.request_correction(
        cast.employee, field="birth_place", new_value="Limboto"
    )
    response = login(cast.admin).post(
        url("correction-detail", pk=correction.pk), {"decision": "approve", "note": "OK"}
    )
    assert response.status_code == 302
    correction.refresh_from_db()
    assert correction.status == "approved"
    html = login(cast.employee_user).get(url("my-profile")).content.decode()
    assert "Limboto" in html
    assert "text-bg-success" in html
    detail = login(cast.admin).get(url("employee-detail", pk=cast.employee.pk)).content.decode()
    assert "→ Limboto" in detail  # the audit history of the employee


def test_an_approval_that_breaks_a_rule_says_why_and_changes_nothing(cast, login):
    correction = services.request_correction(cast.employee, field="gender", new_value="L")
    response = login(cast.admin).post(
        url("correction-detail", pk=correction.pk), {"decision": "approve"}
    )
    assert response.status_code == 200
    assert "gender" in " ".join(response.context["form"].non_field_errors()).lower()
    cast.employee.refresh_from_db()
    correction.refresh_from_db()
    assert cast.employee.gender == "P"
    assert correction.status == "pending"


def test_a_rejection_needs_a_note_and_the_employee_reads_it(cast, login):
    correction = services.request_correction(cast.employee, field="phone", new_value="0811")
    client = login(cast.admin)
    response = client.post(
        url("correction-detail", pk=correction.pk), {"decision": "reject", "note": ""}
    )
    assert response.context["form"].errors["note"]
    client.post(
        url("correction-detail", pk=correction.pk),
        {"decision": "reject", "note": "Lampirkan bukti"},
    )
    html = login(cast.employee_user).get(url("my-profile")).content.decode()
    assert "Lampirkan bukti" in html


def test_evidence_is_for_the_admin_and_the_requester_only(cast, login):
    correction = services.request_correction(
        cast.employee, field="birth_place", new_value="Limboto", evidence=pdf()
    )
    assert login(cast.admin).get(url("correction-evidence", pk=correction.pk)).status_code == 200
    response = login(cast.employee_user).get(url("correction-evidence", pk=correction.pk))
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    # Andi, another ASN of the agency with his own login, cannot fetch Siti's document.
    andi = UserFactory(username=cast.outsider.nip)
    MembershipFactory(user=andi, agency=cast.a, role="employee")
    assert login(andi).get(url("correction-evidence", pk=correction.pk)).status_code == 404


def test_admin_searches_requests_by_nip_without_the_nip_in_the_url(cast, login):
    services.request_correction(cast.employee, field="phone", new_value="0811")
    response = login(cast.admin).post(url("correction-list"), {"q": cast.employee.nip}, follow=True)
    assert cast.employee.nip not in response.redirect_chain[-1][0]
    assert [c.employee for c in response.context["page_obj"]] == [cast.employee]
    response = login(cast.admin).post(url("correction-list"), {"q": cast.outsider.nip}, follow=True)
    assert list(response.context["page_obj"]) == []
