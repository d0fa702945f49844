"""Staff pages of SKM/IKM: results per unit and agency, exports, paper entry, import, method."""

import datetime
import io
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_scopes import scope, scopes_disabled
from python_calamine import CalamineWorkbook

from binaasn.citizens import queries
from binaasn.citizens.models import HistoricalIkm, ServiceUnit, ServiceUserCount, SkmResponse
from binaasn.citizens.services import units as unit_services
from binaasn.citizens.tests.factories import ServiceUnitFactory, SkmResponseFactory

SAMPLE = Path(__file__).parent / "data" / "skm-sample.csv"


def url(name, **kwargs):
    return reverse(f"citizens:{name}", kwargs={"agency": "alpha", **kwargs})


def answers(unit, count, value=3, day=datetime.date(2026, 3, 2), **overrides):
    with scopes_disabled():
        for _ in range(count):
            SkmResponseFactory(
                unit=unit,
                answered_on=day,
                **{**{f"u{n}": value for n in range(1, 10)}, **overrides},
            )


def test_unit_page_shows_ikm_weakest_element_and_sample_warning(cast, login, dukcapil_unit):
    answers(dukcapil_unit, 4, value=3)
    answers(dukcapil_unit, 1, value=4, u8=1)
    with scopes_disabled():
        ServiceUserCount.objects.create(
            agency=cast.a,
            unit=dukcapil_unit,
            start_on=datetime.date(2026, 1, 1),
            end_on=datetime.date(2026, 6, 30),
            count=1000,
        )
    html = (
        login(cast.admin)
        .get(url("ikm-unit", pk=dukcapil_unit.pk) + "?periode=2026-S1")
        .content.decode()
    )
    # U8 = (4·3 + 1) / 5 = 2.6; others (4·3 + 4) / 5 = 3.2 → mean 28.2/9 = 3.1333 → 78.33 B
    assert "78.33" in html
    assert "2.600" in html and "3.200" in html
    assert 'class="table-warning"><td>U8</td>' in html  # the weakest, highlighted
    assert "minimum 278 for N = 1,000" in html or "minimum 278 for N = 1000" in html
    assert "Only 5 respondents" in html
    assert "Exact mean of the NRR values" in html


def test_answers_count_in_the_period_of_their_own_date(cast, login, dukcapil_unit):
    client = login(cast.admin)
    data = {
        "unit": dukcapil_unit.pk,
        "answered_on": "2025-12-30",
        **{f"u{n}": "4" for n in range(1, 10)},
    }
    assert client.post(url("response-create"), data).status_code == 302  # typed in now, dated 2025
    with scope(agency=cast.a):
        assert (
            queries.ikm_for_unit(
                cast.a, dukcapil_unit, datetime.date(2025, 7, 1), datetime.date(2025, 12, 31)
            ).respondents
            == 1
        )
        assert (
            queries.ikm_for_unit(
                cast.a, dukcapil_unit, datetime.date(2026, 1, 1), datetime.date(2026, 6, 30)
            )
            is None
        )


def test_paper_entry_refuses_a_missing_element_by_name(cast, login, dukcapil_unit):
    data = {
        "unit": dukcapil_unit.pk,
        "answered_on": "2026-03-02",
        **{f"u{n}": "3" for n in range(1, 9)},
    }
    response = login(cast.admin).post(url("response-create"), data)
    assert response.status_code == 200
    assert "Choose an answer for U9." in response.content.decode()
    with scopes_disabled():
        assert not SkmResponse.objects.exists()


def test_import_page_is_all_or_nothing_with_a_row_and_column_report(cast, login, dukcapil_unit):
    client = login(cast.admin)
    lines = SAMPLE.read_text(encoding="utf-8").splitlines()
    bad_row = lines[2].split(",")
    bad_row[0] = "31/02/2026"
    content = "\n".join([lines[0], lines[1], ",".join(bad_row), lines[3]]).encode()
    response = client.post(
        url("response-import"),
        {"unit": dukcapil_unit.pk, "file": SimpleUploadedFile("skm.csv", content)},
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "Nothing was imported" in html
    assert "<td>3</td><td>tanggal</td>" in html
    with scopes_disabled():
        assert not SkmResponse.objects.exists()
    response = client.post(
        url("response-import"),
        {"unit": dukcapil_unit.pk, "file": SimpleUploadedFile("skm.csv", SAMPLE.read_bytes())},
    )
    assert response.status_code == 302
    with scopes_disabled():
        assert SkmResponse.objects.filter(unit=dukcapil_unit).count() == 60


def test_import_accepts_xlsx_with_real_dates(cast, login, dukcapil_unit):
    import xlsxwriter

    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer)
    sheet = book.add_worksheet()
    sheet.write_row(
        0,
        0,
        [
            "tanggal",
            "layanan",
            "usia",
            "jenis_kelamin",
            "pendidikan",
            "pekerjaan",
            "U1",
            "U2",
            "U3",
            "U4",
            "U5",
            "U6",
            "U7",
            "U8",
            "U9",
            "saran",
        ],
    )
    sheet.write_datetime(
        1, 0, datetime.datetime(2026, 2, 3), book.add_format({"num_format": "dd/mm/yyyy"})
    )
    sheet.write_row(
        1, 1, ["Pelayanan KTP-el", 41, "P", "S1", "PNS", 4, 4, 3, 3, 3, 3, 3, 3, 3, "Bagus"]
    )
    book.close()
    upload = SimpleUploadedFile("skm.xlsx", buffer.getvalue())
    response = login(cast.admin).post(
        url("response-import"), {"unit": dukcapil_unit.pk, "file": upload}
    )
    assert response.status_code == 302
    with scopes_disabled():
        answer = SkmResponse.objects.get(unit=dukcapil_unit)
    assert answer.answered_on == datetime.date(2026, 2, 3)
    assert (answer.education, answer.age_group, answer.suggestion) == ("D4-S1", "40-49", "Bagus")


def test_import_refuses_a_file_that_is_not_a_spreadsheet(cast, login, dukcapil_unit):
    upload = SimpleUploadedFile("skm.csv", b"MZ\x90\x00\x03binary")
    response = login(cast.admin).post(
        url("response-import"), {"unit": dukcapil_unit.pk, "file": upload}
    )
    assert response.status_code == 400
    assert "not a spreadsheet" in response.content.decode()


def test_agency_page_lists_units_with_their_ikm_in_constant_queries(
    cast, login, dukcapil_unit, puskesmas_unit, django_assert_num_queries
):
    answers(dukcapil_unit, 3, value=4)
    answers(puskesmas_unit, 3, value=2)
    client = login(cast.admin)
    page = url("ikm-agency") + "?periode=2026-S1"
    client.get(page)
    with CaptureQueriesContext(connection) as captured:
        html = client.get(page).content.decode()
    assert "100.00" in html and "50.00" in html  # per unit: all 4s, all 2s
    assert "75.00" in html  # the agency: all answers pooled
    with scopes_disabled():
        for n in range(4):
            ServiceUnitFactory(agency=cast.a, org_unit=cast.pemda, public_code=f"EXTRA-{n}")
    with django_assert_num_queries(len(captured.captured_queries)):
        client.get(page)


def test_operator_sees_only_units_of_their_subtree_and_no_agency_total(
    cast, login, dukcapil_unit, puskesmas_unit
):
    answers(dukcapil_unit, 1)
    html = login(cast.operator).get(url("ikm-agency") + "?periode=2026-S1").content.decode()
    assert "Puskesmas Telaga" in html
    assert "Dinas Kependudukan" not in html
    assert "Elements for the whole agency" not in html


def test_report_exports_name_the_method_and_carry_the_nrr_table(cast, login, dukcapil_unit):
    answers(dukcapil_unit, 2, value=3)
    client = login(cast.admin)
    with scope(agency=cast.a):
        unit_services.set_ikm_method(cast.a, "weight_0111")
    xlsx = client.get(url("ikm-unit", pk=dukcapil_unit.pk) + "?periode=2026-S1&format=xlsx")
    book = CalamineWorkbook.from_filelike(io.BytesIO(xlsx.content))
    summary = dict(row[:2] for row in book.get_sheet_by_index(0).to_python()[1:])
    assert summary["Converted IKM (× 25)"] == 74.93  # 3 × 9 × 0,111 × 25 = 74.925 → 74.93
    assert summary["Mutu"] == "C"
    assert summary["Method"].startswith("Weight 0,111")
    elements = book.get_sheet_by_index(1).to_python()
    assert elements[1][:3] == ["U1", "Persyaratan", 3.0]
    pdf = client.get(url("ikm-unit", pk=dukcapil_unit.pk) + "?periode=2026-S1&format=pdf")
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")


def test_custom_period_and_year_choices(cast, login, dukcapil_unit):
    answers(dukcapil_unit, 1, day=datetime.date(2026, 2, 10))
    answers(dukcapil_unit, 1, day=datetime.date(2026, 8, 10), value=4)
    client = login(cast.admin)
    html = client.get(
        url("ikm-unit", pk=dukcapil_unit.pk) + "?periode=custom&dari=2026-08-01&sampai=2026-08-31"
    ).content.decode()
    assert "100.00" in html
    html = client.get(url("ikm-unit", pk=dukcapil_unit.pk) + "?periode=2026").content.decode()
    assert "87.50" in html


def test_method_setting_is_admin_only_and_changes_the_result(cast, login, dukcapil_unit):
    answers(dukcapil_unit, 1, value=4)
    client = login(cast.admin)
    assert client.post(url("settings"), {"ikm_method": "weight_0111"}).status_code == 302
    html = client.get(url("ikm-unit", pk=dukcapil_unit.pk) + "?periode=2026-S1").content.decode()
    assert "99.90" in html and "Weight 0,111" in html
    assert login(cast.operator).get(url("settings")).status_code == 403


def test_old_results_keep_their_regulation_and_mutu(cast, login, dukcapil_unit):
    client = login(cast.admin)
    data = {
        "unit": dukcapil_unit.pk,
        "regulation": "kepmenpan-25-2004",
        "period_label": "Tahun 2015",
        "start_on": "2015-01-01",
        "end_on": "2015-12-31",
        "element_count": "14",
        "converted": "70.00",
        "mutu": "",
        "kinerja": "",
        "respondents": "150",
        "note": "Laporan IKM 2015",
    }
    assert client.post(url("historical-create"), data).status_code == 302
    with scopes_disabled():
        old = HistoricalIkm.objects.get()
    assert (old.mutu, old.kinerja, old.element_count) == (
        "B",
        "Baik",
        14,
    )  # B under 2004 bands, not C
    html = client.get(url("ikm-unit", pk=dukcapil_unit.pk) + "?periode=2026-S1").content.decode()
    assert "Tahun 2015" in html and "KEP/25/M.PAN/2/2004" in html


def test_population_per_period_gives_the_minimum_sample(cast, dukcapil_unit):
    with scope(agency=cast.a):
        unit_services.set_service_user_count(
            dukcapil_unit,
            start_on=datetime.date(2026, 1, 1),
            end_on=datetime.date(2026, 12, 31),
            count=20000,
        )
        # a semester inside a recorded year: its share by days, rounded up
        check = queries.sample_check(
            dukcapil_unit, datetime.date(2026, 1, 1), datetime.date(2026, 6, 30), 10
        )
    assert check["population"] == 9918  # 181 / 365 × 20,000 rounded up
    assert check["minimum"] == 370
    assert check["is_enough"] is False


def test_service_unit_codes_are_unique_in_the_agency(cast, login, dukcapil_unit):
    client = login(cast.admin)
    data = {
        "name": "Kantor lain",
        "org_unit": cast.pemda.pk,
        "public_code": "disdukcapil",
        "services": "",
    }
    response = client.post(url("unit-create"), data)
    assert response.status_code == 200
    assert "already uses the code DISDUKCAPIL" in response.content.decode()
    data["public_code"] = "CAPIL-2"
    assert client.post(url("unit-create"), data).status_code == 302
    with scopes_disabled():
        assert ServiceUnit.objects.filter(agency=cast.a, public_code="CAPIL-2").exists()


def test_operator_creates_units_only_under_their_subtree(cast, login):
    client = login(cast.operator)
    data = {
        "name": "Unit Disdukcapil",
        "org_unit": cast.dukcapil.pk,
        "public_code": "X-1",
        "services": "",
    }
    response = client.post(url("unit-create"), data)
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()


def test_qr_poster_is_an_a4_pdf(cast, login, dukcapil_unit):
    response = login(cast.admin).get(url("unit-poster", pk=dukcapil_unit.pk))
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert b"/MediaBox [0 0 595.28 841.89]" in response.content


def test_unit_page_offers_the_kiosk_link_to_staff_who_manage(cast, login, dukcapil_unit):
    html = login(cast.admin).get(url("unit-detail", pk=dukcapil_unit.pk)).content.decode()
    assert "/publik/alpha/skm/DISDUKCAPIL/kios/" in html
    html = login(cast.leader).get(url("unit-detail", pk=dukcapil_unit.pk)).content.decode()
    assert "/kios/" not in html


def test_an_import_writes_one_audit_entry_for_the_batch(cast, login, dukcapil_unit):
    from binaasn.core.models import AuditEntry

    upload = SimpleUploadedFile("skm-sample.csv", SAMPLE.read_bytes())
    login(cast.admin).post(url("response-import"), {"unit": dukcapil_unit.pk, "file": upload})
    entries = AuditEntry.objects.filter(agency=cast.a, changes_text__startswith="SKM import")
    assert [e.changes_text for e in entries] == [
        "SKM import skm-sample.csv: 60 answers for Dinas Kependudukan dan Pencatatan Sipil."
    ]


def test_only_typed_in_surveys_can_be_deleted_and_the_deletion_is_audited(
    cast, login, dukcapil_unit
):
    from binaasn.core.models import AuditEntry

    with scopes_disabled():
        paper = SkmResponseFactory(unit=dukcapil_unit, source="paper")
        online = SkmResponseFactory(unit=dukcapil_unit, source="online")
    client = login(cast.admin)
    client.post(url("response-delete", pk=paper.pk))
    client.post(url("response-delete", pk=online.pk))
    with scopes_disabled():
        assert list(SkmResponse.objects.filter(unit=dukcapil_unit)) == [online]
    assert AuditEntry.objects.filter(agency=cast.a, action=AuditEntry.Action.DELETE).count() == 1
