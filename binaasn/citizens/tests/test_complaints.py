"""Complaints: the public form and status page, the staff workflow with its deadlines."""

import datetime
import io

import time_machine
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_scopes import scopes_disabled
from python_calamine import CalamineWorkbook

from binaasn.citizens.models import Complaint
from binaasn.citizens.periods import add_working_days
from binaasn.citizens.services import complaints as services
from binaasn.citizens.tests.factories import ComplaintFactory

FORM = {
    "kind": "complaint",
    "category": "time",
    "subject": "Antrean KTP-el lama",
    "description": "Saya menunggu empat jam di loket.",
}
JAKARTA_NOON = "2026-11-27 05:00:00+00:00"  # a Friday, 12:00 in Asia/Jakarta


def form_url():
    return reverse("citizens_public:complaint-create", kwargs={"public_agency": "alpha"})


def status_url(code, agency="alpha"):
    return reverse(
        "citizens_public:complaint-status", kwargs={"public_agency": agency, "code": code}
    )


def only_complaint(agency):
    with scopes_disabled():
        return Complaint.objects.get(agency=agency)


def test_working_days_skip_the_weekend():
    friday = datetime.date(2026, 11, 27)
    assert add_working_days(friday, 3) == datetime.date(2026, 12, 2)  # Mon, Tue, Wed
    assert add_working_days(datetime.date(2026, 11, 28), 5) == datetime.date(
        2026, 12, 4
    )  # from a Saturday


@time_machine.travel(JAKARTA_NOON, tick=False)
def test_anonymous_complaint_gets_a_tracking_code_and_a_verification_due_date(
    client, cast, dukcapil_unit
):
    response = client.post(form_url(), {**FORM, "unit": dukcapil_unit.pk})
    complaint = only_complaint(cast.a)
    assert response.status_code == 302
    assert response["Location"] == status_url(complaint.tracking_code) + "?baru=1"
    assert len(complaint.tracking_code) == 14 and complaint.tracking_code.count("-") == 2
    assert complaint.verify_due_on == datetime.date(2026, 12, 2)  # 3 working days after Friday
    assert complaint.unit == dukcapil_unit and complaint.reporter_name == ""
    page = client.get(response["Location"]).content.decode()
    assert complaint.tracking_code in page
    assert "Received" in page
    assert mail.outbox == []  # no e-mail given, none sent


def test_with_an_email_the_tracking_code_is_mailed(
    client, cast, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(form_url(), {**FORM, "reporter_email": "warga@example.test"})
    complaint = only_complaint(cast.a)
    [message] = mail.outbox
    assert message.to == ["warga@example.test"]
    assert complaint.tracking_code in message.body
    assert status_url(complaint.tracking_code) in message.body


def test_tracking_codes_are_unguessable_and_differ(cast):
    with scopes_disabled():
        codes = {ComplaintFactory(agency=cast.a).tracking_code for _ in range(20)}
    assert len(codes) == 20


def test_attachments_are_kept_and_executables_refused(client, cast):
    pdf = SimpleUploadedFile("bukti.pdf", b"%PDF-1.4 bukti antrean", content_type="application/pdf")
    client.post(form_url(), {**FORM, "attachments": [pdf]})
    complaint = only_complaint(cast.a)
    with scopes_disabled():
        assert [a.original_name for a in complaint.attachments.all()] == ["bukti.pdf"]
    exe = SimpleUploadedFile("foto.jpg", b"MZ\x90\x00 not a photo", content_type="image/jpeg")
    response = client.post(form_url(), {**FORM, "attachments": [exe]})
    assert response.status_code == 200
    assert "foto.jpg" in response.content.decode()
    with scopes_disabled():
        assert Complaint.objects.filter(agency=cast.a).count() == 1


def test_a_too_large_attachment_is_refused_with_the_limit(client, cast, settings):
    settings.UPLOAD_MAX_MB = 1
    big = SimpleUploadedFile(
        "besar.pdf", b"%PDF-1.4 " + b"x" * (1024 * 1024 + 10), content_type="application/pdf"
    )
    response = client.post(form_url(), {**FORM, "attachments": [big]})
    assert response.status_code == 200
    assert "the limit is 1 MB" in response.content.decode()
    with scopes_disabled():
        assert not Complaint.objects.filter(agency=cast.a).exists()


def test_a_wrong_tracking_code_gives_a_neutral_not_found(client, cast):
    with scopes_disabled():
        ComplaintFactory(agency=cast.a)
    response = client.get(status_url("AAAA-BBBB-CCCC"))
    assert response.status_code == 404
    assert "No report was found with this tracking code." in response.content.decode()
    lookup = reverse("citizens_public:complaint-lookup", kwargs={"public_agency": "alpha"})
    assert client.get(lookup + "?kode=nonsense").status_code == 404


def test_lookup_accepts_a_code_typed_loosely(client, cast):
    with scopes_disabled():
        complaint = ComplaintFactory(agency=cast.a)
    lookup = reverse("citizens_public:complaint-lookup", kwargs={"public_agency": "alpha"})
    typed = complaint.tracking_code.replace("-", " ").lower()
    response = client.get(lookup, {"kode": typed})
    assert response.status_code == 302
    assert response["Location"] == status_url(complaint.tracking_code)


def test_another_agencys_code_is_not_found_here(client, cast):
    with scopes_disabled():
        complaint_b = ComplaintFactory(agency=cast.b, subject="Rahasia Beta")
    response = client.get(status_url(complaint_b.tracking_code, agency="alpha"))
    assert response.status_code == 404
    assert "Rahasia Beta" not in response.content.decode()


def test_guessing_codes_is_rate_limited(client, cast, settings):
    settings.CITIZENS_RATE_LIMITS = {"lookup": (5, 600)}
    statuses = [client.get(status_url(f"AAAA-BBBB-CCC{n}")).status_code for n in range(7)]
    assert statuses == [404] * 5 + [429] * 2


def test_status_page_shows_no_contact_details_or_employee(client, cast):
    with scopes_disabled():
        complaint = ComplaintFactory(
            agency=cast.a,
            reporter_name="Warga Pelapor",
            reporter_email="pelapor@example.test",
            reporter_phone="08123456789",
            employee=cast.outsider,
        )
    html = client.get(status_url(complaint.tracking_code)).content.decode()
    for private in ("Warga Pelapor", "pelapor@example.test", "08123456789", "Andi Luar"):
        assert private not in html


def test_workflow_from_receipt_to_reply_that_the_complainant_reads(
    client, cast, login, dukcapil_unit, django_capture_on_commit_callbacks
):
    client.post(
        form_url(), {**FORM, "unit": dukcapil_unit.pk, "reporter_email": "warga@example.test"}
    )
    complaint = only_complaint(cast.a)
    staff = login(cast.admin)
    act = reverse("citizens:complaint-act", kwargs={"agency": "alpha", "pk": complaint.pk})
    assert staff.post(act, {"do": "verify"}).status_code == 302
    staff.post(act, {"do": "forward", "unit": dukcapil_unit.pk, "body": "Mohon ditindaklanjuti"})
    complaint = only_complaint(cast.a)
    assert complaint.status == "forwarded"
    assert complaint.follow_up_due_on == add_working_days(
        complaint.forwarded_at.astimezone().date(), 5
    )
    staff.post(act, {"do": "note", "body": "Catatan internal: cek CCTV"})
    with django_capture_on_commit_callbacks(execute=True):
        staff.post(act, {"do": "respond", "body": "Mohon maaf, loket kedua kini dibuka."})
    complaint = only_complaint(cast.a)
    assert complaint.status == "responded"
    assert (
        complaint.auto_close_on
        == complaint.responded_at.astimezone().date() + datetime.timedelta(days=10)
    )
    assert "There is a reply to your report" in mail.outbox[-1].body
    staff.logout()
    html = client.get(status_url(complaint.tracking_code)).content.decode()
    assert "Mohon maaf, loket kedua kini dibuka." in html
    assert "cek CCTV" not in html  # internal notes stay internal
    assert "Mohon ditindaklanjuti" not in html


def test_complainant_reply_sends_it_back_to_the_unit(client, cast, dukcapil_unit):
    with scopes_disabled():
        complaint = ComplaintFactory(agency=cast.a, unit=dukcapil_unit)
        services.forward_complaint(complaint, by=cast.admin)
        services.respond_to_complaint(complaint, body="Sudah kami perbaiki.", by=cast.admin)
    reply = reverse(
        "citizens_public:complaint-reply",
        kwargs={"public_agency": "alpha", "code": complaint.tracking_code},
    )
    assert client.post(reply, {"body": "Belum, antrean masih lama."}).status_code == 302
    complaint = only_complaint(cast.a)
    assert complaint.status == "forwarded"
    assert complaint.auto_close_on is None
    assert (
        "Belum, antrean masih lama."
        in client.get(status_url(complaint.tracking_code)).content.decode()
    )


def test_responded_complaint_closes_itself_after_ten_days(client, cast, dukcapil_unit):
    with time_machine.travel("2026-11-02 03:00:00+00:00", tick=False):
        with scopes_disabled():
            complaint = ComplaintFactory(agency=cast.a, unit=dukcapil_unit)
            services.forward_complaint(complaint, by=cast.admin)
            services.respond_to_complaint(complaint, body="Selesai.", by=cast.admin)
    with time_machine.travel("2026-11-11 03:00:00+00:00", tick=False):
        call_command("close_stale_complaints", stdout=open("/dev/null", "w"))
        assert only_complaint(cast.a).status == "responded"  # day 9
    with time_machine.travel("2026-11-12 03:00:00+00:00", tick=False):
        html = client.get(status_url(complaint.tracking_code)).content.decode()  # the check on read
        complaint = only_complaint(cast.a)
        assert complaint.status == "closed" and complaint.closed_automatically
        assert "Closed" in html


def test_rejection_needs_a_reason_the_complainant_reads(client, cast, login):
    with scopes_disabled():
        complaint = ComplaintFactory(agency=cast.a)
    staff = login(cast.admin)
    act = reverse("citizens:complaint-act", kwargs={"agency": "alpha", "pk": complaint.pk})
    staff.post(act, {"do": "reject", "body": ""})
    assert only_complaint(cast.a).status == "received"
    staff.post(act, {"do": "reject", "body": "Bukan kewenangan pemerintah kabupaten."})
    staff.logout()
    assert only_complaint(cast.a).status == "rejected"
    assert "Bukan kewenangan" in client.get(status_url(complaint.tracking_code)).content.decode()


def test_overdue_verification_is_flagged_in_the_staff_list(cast, login):
    with time_machine.travel("2026-11-02 03:00:00+00:00", tick=False):
        with scopes_disabled():
            late = ComplaintFactory(
                agency=cast.a,
                subject="Terlambat diverifikasi",
                verify_due_on=datetime.date(2026, 11, 5),
            )
    with time_machine.travel("2026-11-09 03:00:00+00:00", tick=False):
        html = (
            login(cast.admin)
            .get(reverse("citizens:complaint-list", kwargs={"agency": "alpha"}) + "?overdue=on")
            .content.decode()
        )
    assert late.subject in html
    assert "Overdue" in html


def test_operator_sees_only_complaints_of_units_in_their_subtree(
    cast, login, dukcapil_unit, puskesmas_unit
):
    with scopes_disabled():
        ComplaintFactory(agency=cast.a, unit=dukcapil_unit, subject="Keluhan Disdukcapil")
        ComplaintFactory(agency=cast.a, unit=puskesmas_unit, subject="Keluhan Puskesmas")
    html = (
        login(cast.operator)
        .get(reverse("citizens:complaint-list", kwargs={"agency": "alpha"}))
        .content.decode()
    )
    assert "Keluhan Puskesmas" in html
    assert "Keluhan Disdukcapil" not in html


def test_operator_cannot_verify_but_can_answer(cast, login, puskesmas_unit):
    with scopes_disabled():
        complaint = ComplaintFactory(agency=cast.a, unit=puskesmas_unit)
    client = login(cast.operator)
    act = reverse("citizens:complaint-act", kwargs={"agency": "alpha", "pk": complaint.pk})
    assert client.post(act, {"do": "verify"}).status_code == 404
    with scopes_disabled():
        services.forward_complaint(complaint, by=cast.admin)
    client.post(act, {"do": "respond", "body": "Kami perbaiki."})
    assert only_complaint(cast.a).status == "responded"


def test_employee_concerned_is_chosen_by_staff_and_never_listed_publicly(client, cast, login):
    html = client.get(form_url()).content.decode()
    assert (
        "Siti Aminah" not in html and "Andi Luar" not in html
    )  # no employee list on the public form
    with scopes_disabled():
        complaint = ComplaintFactory(agency=cast.a)
    staff = login(cast.admin)
    act = reverse("citizens:complaint-act", kwargs={"agency": "alpha", "pk": complaint.pk})
    staff.post(act, {"do": "assign", "employee": cast.outsider.pk})
    assert only_complaint(cast.a).employee == cast.outsider


def test_complaint_list_query_count_does_not_grow_with_rows(
    cast, login, dukcapil_unit, django_assert_num_queries
):
    client = login(cast.admin)
    url = reverse("citizens:complaint-list", kwargs={"agency": "alpha"})
    with scopes_disabled():
        ComplaintFactory(agency=cast.a, unit=dukcapil_unit)
    client.get(url)  # the first visit also records the user's last agency
    expected = len(_queries(client, url))
    with scopes_disabled():
        for _ in range(5):
            ComplaintFactory(agency=cast.a, unit=dukcapil_unit)
    with django_assert_num_queries(expected):
        assert client.get(url).status_code == 200


def _queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return captured.captured_queries


def test_statistics_per_category_unit_and_month_export_to_excel(cast, login, dukcapil_unit):
    with scopes_disabled():
        ComplaintFactory(agency=cast.a, unit=dukcapil_unit, category="time")
        ComplaintFactory(agency=cast.a, unit=dukcapil_unit, category="fees")
        ComplaintFactory(agency=cast.a, category="fees")
    client = login(cast.admin)
    year = datetime.date.today().year
    url = reverse("citizens:complaint-stats", kwargs={"agency": "alpha"}) + f"?periode={year}"
    html = client.get(url).content.decode()
    assert "Fees and illegal charges" in html and "No unit given" in html
    response = client.get(url + "&format=xlsx")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    book = CalamineWorkbook.from_filelike(io.BytesIO(response.content))
    per_category = book.get_sheet_by_index(0).to_python()
    assert ["Fees and illegal charges", 2.0] in per_category or [
        "Fees and illegal charges",
        2,
    ] in per_category
