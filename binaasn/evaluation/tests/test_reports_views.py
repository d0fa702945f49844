"""The evaluation index, the offering and programme reports (page, Excel, PDF) and the
findings with their follow-up actions, as the admin, the operator and the leader see them."""

import datetime
import io

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled
from python_calamine import CalamineWorkbook

from binaasn.actions.models import FollowUpAction
from binaasn.evaluation.models import Finding
from binaasn.planning.models import MaterialVersion
from binaasn.planning.tests.factories import make_plan, make_programme

from .factories_reports import answers, finished_offering, scored, service_unit


def url(name, **kwargs):
    return reverse(f"evaluation:{name}", kwargs={"agency": "alpha", **kwargs})


@pytest.fixture
def world(cast):
    """A programme with two finished offerings of Dinas Kesehatan on two material versions."""
    with scopes_disabled():
        plan = make_plan(cast.a, year=2025)
        programme = make_programme(plan, title="Pelayanan Prima")
        first = MaterialVersion.objects.create(
            agency=cast.a, programme=programme, number=1, status="published"
        )
        second = MaterialVersion.objects.create(
            agency=cast.a, programme=programme, number=2, status="published"
        )
        old = finished_offering(
            cast.a,
            title="Pelayanan Prima Angkatan I",
            programme=programme,
            material_version=first,
            unit=cast.dinkes,
        )
        new = finished_offering(
            cast.a,
            title="Pelayanan Prima Angkatan II",
            programme=programme,
            material_version=second,
            unit=cast.dinkes,
            starts_on=datetime.date(2025, 4, 7),
            ends_on=datetime.date(2025, 4, 9),
        )
        scored(old, cast.puskesmas, "40", "55", employee=cast.employee)  # g 0.25, fails 70
        scored(new, cast.puskesmas, "40", "85")  # g 0.75, passes
        scored(new, cast.puskesmas, "60", "80")  # g 0.50, passes
        elsewhere = finished_offering(cast.a, title="Arsip Dukcapil", unit=cast.dukcapil)
        scored(elsewhere, cast.dukcapil, "50", "60", employee=cast.outsider)
    return {"programme": programme, "old": old, "new": new, "elsewhere": elsewhere}


def test_index_lists_finished_offerings_with_their_learning_figures(
    cast, login, world, django_assert_max_num_queries
):
    client = login(cast.admin)
    with django_assert_max_num_queries(16):
        response = client.get(url("index"))
    page = response.content.decode()
    assert "Pelayanan Prima Angkatan II" in page
    assert "Arsip Dukcapil" in page
    # Angkatan II: g (0.75 + 0.50) / 2 = 0.63 (half-up), both pass the minimum of 70
    assert "0.63" in page
    assert "100.0%" in page
    with scopes_disabled():
        for n in range(5):
            finished_offering(cast.a, title=f"Tambahan {n}", unit=cast.dinkes)
    with django_assert_max_num_queries(16):
        client.get(url("index"))


def test_index_filters_and_exports(cast, login, world):
    client = login(cast.admin)
    page = client.get(url("index"), {"programme": world["programme"].pk}).content.decode()
    assert "Arsip Dukcapil" not in page
    assert "Pelayanan Prima Angkatan I" in page
    response = client.get(url("index"), {"format": "xlsx", "unit": cast.dukcapil.pk})
    rows = CalamineWorkbook.from_filelike(io.BytesIO(response.content)).get_sheet_by_index(0)
    data = rows.to_python()
    assert [row[0] for row in data[1:]] == ["Arsip Dukcapil"]


def test_operator_sees_only_offerings_of_their_subtree(cast, login, world):
    client = login(cast.operator)
    page = client.get(url("index")).content.decode()
    assert "Pelayanan Prima Angkatan I" in page
    assert "Arsip Dukcapil" not in page
    assert client.get(url("offering-report", pk=world["elsewhere"].pk)).status_code == 404
    assert client.get(url("programme-report", pk=world["programme"].pk)).status_code == 200


def test_offering_report_says_why_there_is_no_results_figure(cast, login, world):
    with scopes_disabled():
        service_unit(cast.a, cast.puskesmas, "Puskesmas Telaga")
    page = login(cast.leader).get(url("offering-report", pk=world["new"].pk)).content.decode()
    assert "Normalised gain (mean of individual g)" in page
    assert "0.63" in page
    assert "No comparison units" in page
    assert "association, not proof" in page
    assert "No performance data exists yet" in page


def test_offering_report_says_when_answers_are_too_few(cast, login, world):
    with scopes_disabled():
        treated = service_unit(cast.a, cast.puskesmas, "Puskesmas Telaga")
        comparison = service_unit(cast.a, cast.dukcapil, "Disdukcapil")
        answers(treated, datetime.date(2024, 12, 2), 5)
        answers(comparison, datetime.date(2024, 12, 2), 5)
    # Disdukcapil sent someone to another offering, not to this one: it is a comparison unit.
    page = login(cast.admin).get(url("offering-report", pk=world["new"].pk)).content.decode()
    assert "Too few answers for a figure" in page
    assert "at least 30 respondents" in page


def test_reports_download_as_pdf_and_excel_with_the_figures(cast, login, world):
    client = login(cast.admin)
    pdf = client.get(url("offering-report-pdf", pk=world["new"].pk))
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    xlsx = client.get(url("offering-report", pk=world["new"].pk), {"format": "xlsx"})
    book = CalamineWorkbook.from_filelike(io.BytesIO(xlsx.content))
    assert "L2 learning" in book.sheet_names
    assert "L4 results" in book.sheet_names
    learning = dict(row[:2] for row in book.get_sheet_by_name("L2 learning").to_python()[1:])
    assert learning["Normalised gain (mean of individual g)"] == 0.63
    assert learning["Pass rate (%)"] == 100.0
    programme_pdf = client.get(url("programme-report-pdf", pk=world["programme"].pk))
    assert programme_pdf.content.startswith(b"%PDF")


def test_programme_report_compares_material_versions(cast, login, world):
    client = login(cast.admin)
    page = client.get(url("programme-report", pk=world["programme"].pk)).content.decode()
    assert "Comparison of material versions" in page
    assert "Version 1" in page and "Version 2" in page
    xlsx = client.get(url("programme-report", pk=world["programme"].pk), {"format": "xlsx"})
    book = CalamineWorkbook.from_filelike(io.BytesIO(xlsx.content))
    versions = book.get_sheet_by_name("Material versions").to_python()
    # version, offerings, participants, L1 mean, L2 g, pass rate, L3 mean
    assert versions[1][:3] == ["Version 1", 1.0, 1.0]
    assert versions[1][4:6] == [0.25, 0.0]
    assert versions[2][:3] == ["Version 2", 1.0, 2.0]
    assert versions[2][4:6] == [0.63, 100.0]


def test_a_finding_with_a_follow_up_action_is_recorded_together(cast, login, world):
    client = login(cast.operator)
    form = client.get(url("finding-create"), {"offering": world["old"].pk, "level": "l2"})
    assert form.status_code == 200
    assert 'value="revise_material" selected' in form.content.decode()
    response = client.post(
        url("finding-create"),
        {
            "offering": world["old"].pk,
            "level": "l2",
            "text": "Nilai post-test rendah pada modul 2.",
            "with_action": "on",
            "action-title": "Revisi modul 2",
            "action-kind": "revise_material",
            "action-owner_employee": cast.supervisor.pk,
            "action-due_on": "2025-12-01",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == url("offering-report", pk=world["old"].pk)
    with scopes_disabled():
        finding = Finding.objects.get()
        assert finding.programme == world["programme"]
        action = FollowUpAction.objects.get()
        assert action.source == finding
        assert action.kind == "revise_material"


def test_an_action_without_owner_is_refused_and_the_finding_text_is_kept(cast, login, world):
    client = login(cast.admin)
    response = client.post(
        url("finding-create"),
        {
            "programme": world["programme"].pk,
            "level": "l2",
            "text": "Versi 2 lebih baik; terapkan di semua angkatan.",
            "with_action": "on",
            "action-title": "Terapkan versi 2",
            "action-kind": "revise_material",
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Choose who owns the action." in page
    assert "Versi 2 lebih baik; terapkan di semua angkatan." in page
    assert "Terapkan versi 2" in page
    with scopes_disabled():
        assert not Finding.objects.exists()
        assert not FollowUpAction.objects.exists()


def test_a_finding_without_action_and_the_list(cast, login, world):
    client = login(cast.admin)
    response = client.post(
        url("finding-create"),
        {"programme": world["programme"].pk, "level": "l1", "text": "Konsumsi kurang."},
    )
    assert response["Location"] == url("programme-report", pk=world["programme"].pk)
    page = login(cast.leader).get(url("finding-list")).content.decode()
    assert "Konsumsi kurang." in page
    xlsx = client.get(url("finding-list"), {"format": "xlsx"})
    rows = CalamineWorkbook.from_filelike(io.BytesIO(xlsx.content)).get_sheet_by_index(0)
    assert rows.to_python()[1][2] == "Konsumsi kurang."


def test_a_finding_about_an_offering_the_operator_cannot_see_is_a_404(cast, login, world):
    response = login(cast.operator).get(url("finding-create"), {"offering": world["elsewhere"].pk})
    assert response.status_code == 404
