"""Competency pages as the cast uses them."""

import datetime
import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django_scopes import scopes_disabled

from binaasn.competencies import services
from binaasn.competencies.models import Assessment, Competency, CurrentLevel, PositionStandard
from binaasn.competencies.tests.factories import TechnicalCompetencyFactory, national
from binaasn.core.exports import build_workbook
from binaasn.core.models import AuditEntry
from binaasn.people.tests.factories import EmployeeFactory, PositionFactory

PDF = b"%PDF-1.4\n%bukti penilaian\n"


def url(name, **kwargs):
    return reverse(f"competencies:{name}", kwargs={"agency": "alpha", **kwargs})


def xlsx_upload(rows, headers=("Jabatan", "Kompetensi", "Level")):
    content = build_workbook([("Standar", list(headers), rows)])
    return SimpleUploadedFile("standar.xlsx", content, content_type="application/octet-stream")


@pytest.fixture
def standard(cast):
    """The nurse position requires Komunikasi 3 and Asuhan Keperawatan 4."""
    with scopes_disabled():
        technical = TechnicalCompetencyFactory(agency=cast.a, name="Asuhan Keperawatan", code="T1")
        services.set_position_standards(cast.nurse, {national("Komunikasi"): 3, technical: 4})
    return technical


def test_dictionary_lists_the_nine_national_competencies_for_every_agency(cast, login):
    response = login(cast.employee_user).get(url("competency-list"))
    page = response.content.decode()
    for name in [
        "Integritas",
        "Kerjasama",
        "Komunikasi",
        "Orientasi pada Hasil",
        "Pelayanan Publik",
        "Pengembangan Diri dan Orang Lain",
        "Mengelola Perubahan",
        "Pengambilan Keputusan",
        "Perekat Bangsa",
    ]:
        assert name in page
    with scopes_disabled():
        assert Competency.objects.filter(agency=None).count() == 9
        assert all(c.level_5 for c in Competency.objects.filter(agency=None))


def test_technical_competency_of_one_agency_is_invisible_to_another(cast, login):
    client = login(cast.admin)
    response = client.post(
        url("competency-create"),
        {
            "code": "T9",
            "name": "Administrasi Kependudukan Digital",
            "group": "Kependudukan",
            "level_1": "a",
            "level_2": "b",
            "level_3": "c",
            "level_4": "d",
            "level_5": "e",
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    with scopes_disabled():
        competency = Competency.objects.get(name="Administrasi Kependudukan Digital")
    assert competency.agency == cast.a
    other = Client()
    other.force_login(cast.admin_b, backend="django.contrib.auth.backends.ModelBackend")
    assert (
        "Administrasi Kependudukan Digital"
        not in other.get(
            reverse("competencies:competency-list", kwargs={"agency": "beta"})
        ).content.decode()
    )
    assert (
        other.get(
            reverse(
                "competencies:competency-detail", kwargs={"agency": "beta", "pk": competency.pk}
            )
        ).status_code
        == 404
    )


def test_the_national_dictionary_cannot_be_edited_by_an_agency(cast, login):
    with scopes_disabled():
        integritas = national("Integritas")
    assert login(cast.admin).get(url("competency-edit", pk=integritas.pk)).status_code == 404


def test_technical_name_may_not_repeat_a_national_one(cast, login):
    response = login(cast.admin).post(
        url("competency-create"),
        {
            "name": "integritas",
            "level_1": "a",
            "level_2": "b",
            "level_3": "c",
            "level_4": "d",
            "level_5": "e",
        },
    )
    assert response.status_code == 200
    assert "already exists" in response.content.decode()


def test_admin_sets_a_position_standard(cast, login):
    with scopes_disabled():
        komunikasi = national("Komunikasi")
        integritas = national("Integritas")
    response = login(cast.admin).post(
        url("standard-edit", pk=cast.nurse.pk), {f"c{komunikasi.pk}": "3", f"c{integritas.pk}": "2"}
    )
    assert response.status_code == 302
    with scopes_disabled():
        levels = dict(
            PositionStandard.objects.filter(position=cast.nurse).values_list(
                "competency__name", "required_level"
            )
        )
    assert levels == {"Komunikasi": 3, "Integritas": 2}


def test_standard_is_copied_from_another_position(cast, login, standard):
    with scopes_disabled():
        target = PositionFactory(agency=cast.a, name="Perawat Mahir")
    response = login(cast.admin).post(url("standard-copy", pk=target.pk), {"source": cast.nurse.pk})
    assert response.status_code == 302
    with scopes_disabled():
        assert PositionStandard.objects.filter(position=target).count() == 2


def test_import_writes_every_row(cast, login):
    upload = xlsx_upload([["Perawat Terampil", "Integritas", 3], ["Perawat Terampil", "M3", 2]])
    response = login(cast.admin).post(url("standard-import"), {"file": upload})
    assert response.status_code == 302
    with scopes_disabled():
        levels = dict(
            PositionStandard.objects.filter(position=cast.nurse).values_list(
                "competency__name", "required_level"
            )
        )
    assert levels == {"Integritas": 3, "Komunikasi": 2}


def test_import_with_an_unknown_competency_names_row_and_column_and_saves_nothing(cast, login):
    upload = xlsx_upload(
        [
            ["Perawat Terampil", "Integritas", 3],
            ["Perawat Terampil", "Menyulap Anggaran", 2],
            ["Perawat Terampil", "Komunikasi", 7],
        ]
    )
    response = login(cast.admin).post(url("standard-import"), {"file": upload})
    page = response.content.decode()
    assert response.status_code == 200
    assert re.search(r"<td>3</td><td>Kompetensi</td><td>[^<]*Menyulap Anggaran", page)
    assert re.search(r"<td>4</td><td>Level</td>", page)
    with scopes_disabled():
        assert not PositionStandard.objects.filter(position=cast.nurse).exists()


def test_import_refuses_a_file_that_is_not_a_spreadsheet(cast, login):
    upload = SimpleUploadedFile(
        "x.xlsx", b"MZ\x90\x00binary", content_type="application/octet-stream"
    )
    response = login(cast.admin).post(url("standard-import"), {"file": upload})
    assert "not a spreadsheet" in response.content.decode()


def test_operator_assesses_an_employee_of_their_unit_with_evidence(cast, login, standard):
    with scopes_disabled():
        komunikasi = national("Komunikasi")
    evidence = SimpleUploadedFile("bukti.pdf", PDF, content_type="application/pdf")
    response = login(cast.operator).post(
        url("assessment-create", employee_pk=cast.employee.pk),
        {
            "source": "supervisor",
            "assessed_on": "2025-06-01",
            "assessor": "Budi Kepala",
            f"c{komunikasi.pk}": "2",
            f"c{standard.pk}": "3",
            "evidence": evidence,
        },
    )
    assert response.status_code == 302
    with scopes_disabled():
        assessment = Assessment.objects.get(employee=cast.employee)
        assert assessment.evidence.name.endswith(".pdf")
        levels = dict(
            CurrentLevel.objects.filter(employee=cast.employee).values_list(
                "competency__name", "level"
            )
        )
        assert AuditEntry.objects.filter(
            object_repr__contains="Siti Aminah", agency=cast.a
        ).exists()
    assert levels == {"Komunikasi": 2, "Asuhan Keperawatan": 3}


def test_operator_cannot_assess_an_employee_outside_their_unit(cast, login):
    assert (
        login(cast.operator).get(url("assessment-create", employee_pk=cast.outsider.pk)).status_code
        == 404
    )


def test_evidence_that_is_not_a_document_is_refused(cast, login, standard):
    with scopes_disabled():
        komunikasi = national("Komunikasi")
    evidence = SimpleUploadedFile(
        "bukti.exe", b"MZ\x90\x00", content_type="application/octet-stream"
    )
    response = login(cast.admin).post(
        url("assessment-create", employee_pk=cast.employee.pk),
        {
            "source": "test",
            "assessed_on": "2025-06-01",
            f"c{komunikasi.pk}": "2",
            "evidence": evidence,
        },
    )
    assert response.status_code == 200
    assert "Upload a PDF" in response.content.decode()
    with scopes_disabled():
        assert not Assessment.objects.exists()


def test_employee_self_assesses_and_sees_gaps_jpm_and_the_precedence(cast, login, standard):
    with scopes_disabled():
        komunikasi = national("Komunikasi")
    client = login(cast.employee_user)
    response = client.post(
        url("self-assessment"),
        {"assessed_on": "2025-06-01", f"c{komunikasi.pk}": "3", f"c{standard.pk}": "2"},
    )
    assert response.status_code == 302
    page = client.get(url("my-competencies")).content.decode()
    # JPM = (min(3,3) + min(2,4)) / (3 + 4) × 100 = 5 / 7 × 100 = 71.43
    assert "71.43%" in page or "71,43%" in page
    assert "Assessment centre &gt; Test &gt; Supervisor &gt; Self-assessment" in page
    assert "JPM = Σ min(current, required) / Σ required × 100" in page
    assert 'class="text-center gap-2"' in page


def test_supervisor_assessment_outranks_a_later_self_assessment(cast, login, standard):
    with scopes_disabled():
        komunikasi = national("Komunikasi")
        services.record_assessment(
            cast.employee,
            source="supervisor",
            assessed_on=datetime.date(2025, 1, 1),
            levels={komunikasi: 2},
        )
        services.record_assessment(
            cast.employee,
            source="self",
            assessed_on=datetime.date(2025, 5, 1),
            levels={komunikasi: 5},
        )
        current = CurrentLevel.objects.get(employee=cast.employee, competency=komunikasi)
    assert (current.level, current.source) == (2, "supervisor")


def test_deleting_an_assessment_recomputes_the_profile(cast, login, standard):
    with scopes_disabled():
        komunikasi = national("Komunikasi")
        services.record_assessment(
            cast.employee,
            source="self",
            assessed_on=datetime.date(2025, 1, 1),
            levels={komunikasi: 4},
        )
        test = services.record_assessment(
            cast.employee,
            source="test",
            assessed_on=datetime.date(2025, 2, 1),
            levels={komunikasi: 1},
        )
    login(cast.admin).post(url("assessment-delete", pk=test.pk))
    with scopes_disabled():
        assert CurrentLevel.objects.get(employee=cast.employee, competency=komunikasi).level == 4


def test_heat_map_colours_gaps_with_classes_and_no_inline_style(cast, login, standard):
    with scopes_disabled():
        komunikasi = national("Komunikasi")
        services.record_assessment(
            cast.employee,
            source="supervisor",
            assessed_on=datetime.date(2025, 1, 1),
            levels={komunikasi: 1},
        )
    page = login(cast.admin).get(url("unit-heatmap")).content.decode()
    assert 'class="cell gap-2"' in page  # Komunikasi: 3 − 1
    assert 'class="cell gap-4"' in page  # Asuhan Keperawatan: 4 − 0, not assessed
    assert "style=" not in page


def test_operator_heat_map_shows_only_their_subtree(cast, login, standard):
    with scopes_disabled():
        EmployeeFactory(
            agency=cast.a, name="Joko Dukcapil", unit=cast.dukcapil, position=cast.nurse
        )
    page = login(cast.operator).get(url("unit-heatmap")).content.decode()
    assert "Siti Aminah" in page
    assert "Joko Dukcapil" not in page


def test_employee_sees_only_their_own_assessment(cast, login):
    with scopes_disabled():
        komunikasi = national("Komunikasi")
        other = services.record_assessment(
            cast.outsider,
            source="self",
            assessed_on=datetime.date(2025, 1, 1),
            levels={komunikasi: 3},
        )
        own = services.record_assessment(
            cast.employee,
            source="self",
            assessed_on=datetime.date(2025, 1, 1),
            levels={komunikasi: 3},
        )
    client = login(cast.employee_user)
    assert client.get(url("assessment-detail", pk=own.pk)).status_code == 200
    assert client.get(url("assessment-detail", pk=other.pk)).status_code == 404


def test_jpm_categories_follow_the_agency_settings(cast, login, standard):
    client = login(cast.admin)
    data = {
        "form-TOTAL_FORMS": "2",
        "form-INITIAL_FORMS": "0",
        "form-MIN_NUM_FORMS": "0",
        "form-MAX_NUM_FORMS": "8",
        "form-0-label": "Memenuhi",
        "form-0-min_percent": "70",
        "form-0-css_class": "good",
        "form-1-label": "Belum memenuhi",
        "form-1-min_percent": "0",
        "form-1-css_class": "poor",
    }
    assert client.post(url("jpm-settings"), data).status_code == 302
    with scopes_disabled():
        komunikasi = national("Komunikasi")
        services.record_assessment(
            cast.employee,
            source="test",
            assessed_on=datetime.date(2025, 1, 1),
            levels={komunikasi: 3, standard: 2},
        )
    page = client.get(url("employee-profile", pk=cast.employee.pk)).content.decode()
    assert "Memenuhi" in page  # 71.43 ≥ 70


def test_jpm_categories_need_one_starting_at_zero(cast, login):
    data = {
        "form-TOTAL_FORMS": "1",
        "form-INITIAL_FORMS": "0",
        "form-MIN_NUM_FORMS": "0",
        "form-MAX_NUM_FORMS": "8",
        "form-0-label": "Tinggi",
        "form-0-min_percent": "50",
        "form-0-css_class": "good",
    }
    response = login(cast.admin).post(url("jpm-settings"), data, follow=True)
    assert "must start at 0%" in response.content.decode()


def test_standards_export_is_an_xlsx(cast, login, standard):
    response = login(cast.leader).get(url("standard-list") + "?format=xlsx")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    from python_calamine import CalamineWorkbook

    rows = (
        CalamineWorkbook.from_filelike(io.BytesIO(response.content))
        .get_sheet_by_index(0)
        .to_python()
    )
    assert ["Perawat Terampil", "Komunikasi", 3.0] in rows


@pytest.mark.parametrize(
    ("name", "queries"),
    [("competency-list", 6), ("standard-list", 7), ("assessment-list", 7), ("unit-heatmap", 12)],
)
def test_list_pages_query_count_does_not_grow_with_rows(
    cast, login, django_assert_num_queries, name, queries, standard
):
    client = login(cast.admin)
    with scopes_disabled():
        komunikasi = national("Komunikasi")

    def add_rows(count):
        with scopes_disabled():
            for _index in range(count):
                employee = EmployeeFactory(agency=cast.a, unit=cast.puskesmas, position=cast.nurse)
                services.record_assessment(
                    employee,
                    source="self",
                    assessed_on=datetime.date(2025, 1, 1),
                    levels={komunikasi: 2},
                )
                PositionFactory(agency=cast.a)

    add_rows(1)
    client.get(url(name))  # warm caches (content types, session)
    with django_assert_num_queries(queries):
        assert client.get(url(name)).status_code == 200
    add_rows(12)
    with django_assert_num_queries(queries):
        assert client.get(url(name)).status_code == 200
