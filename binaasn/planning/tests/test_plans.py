"""Plan pages: programmes, budget, workflow with versions, exports, calendar and coverage."""

import io
from decimal import Decimal

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled
from python_calamine import CalamineWorkbook

from binaasn.people.tests.factories import EmployeeFactory
from binaasn.planning import services
from binaasn.planning.models import BudgetLine, Partner, Plan, PlanVersion, Programme
from binaasn.planning.tests import factories as f


def url(name, **kwargs):
    return reverse(f"planning:{name}", kwargs={"agency": "alpha", **kwargs})


@pytest.fixture
def plan(cast):
    with scopes_disabled():
        return f.make_plan(cast.a, year=2026)


@pytest.fixture
def programme(plan):
    with scopes_disabled():
        programme = f.make_programme(
            plan, title="Pelatihan E-Government", participant_count=30, jp_per_participant=24
        )
        f.make_line(
            programme,
            volume="2",
            unit_cost="1500000",
            category="honorarium",
            description="Narasumber",
        )
        f.make_line(
            programme,
            volume="90",
            unit_cost="50000",
            category="consumption",
            description="Snack dan makan siang",
        )
    return programme


PROGRAMME_DATA = {
    "title": "Magang di Universitas",
    "form": "internship",
    "path_code": "NKL12",
    "participant_count": "5",
    "jp_per_participant": "40",
    "planned_month": "7",
    "end_month": "8",
    "delivery_mode": "offline",
    "provider_kind": "own",
}


def test_a_plan_with_no_programme_cannot_be_submitted(cast, login, plan):
    response = login(cast.admin).post(url("plan-submit", pk=plan.pk), follow=True)
    assert "A plan with no programme cannot be submitted" in response.content.decode()
    with scopes_disabled():
        plan.refresh_from_db()
    assert plan.status == Plan.Status.DRAFT


def test_programme_with_zero_jp_is_refused_and_not_saved(cast, login, plan):
    response = login(cast.admin).post(
        url("programme-create", pk=plan.pk), PROGRAMME_DATA | {"jp_per_participant": "0"}
    )
    assert response.status_code == 200
    assert "JP per participant" in response.content.decode()
    assert (
        "greater than or equal to 1" in response.content.decode()
        or "more than 0" in response.content.decode()
    )
    with scopes_disabled():
        assert not Programme.objects.exists()


def test_programme_path_code_must_fit_its_form(cast, login, plan):
    response = login(cast.admin).post(
        url("programme-create", pk=plan.pk), PROGRAMME_DATA | {"path_code": "KL03"}
    )
    assert "The path code of Internship (magang) must be NKL12" in response.content.decode()


def test_programme_with_named_participants_and_a_partner(cast, login, plan):
    with scopes_disabled():
        partner = f.make_partner(cast.a, name="Universitas Syiah Kuala")
        speaker = f.make_speaker(cast.a, partner=partner)
    data = PROGRAMME_DATA | {
        "provider_kind": "partner",
        "partner": partner.pk,
        "speakers": [speaker.pk],
        "target_employees": f"{cast.employee.nip}\n{cast.outsider.nip}",
    }
    response = login(cast.admin).post(url("programme-create", pk=plan.pk), data)
    assert response.status_code == 302
    with scopes_disabled():
        programme = Programme.objects.get()
        assert set(programme.target_employees.all()) == {cast.employee, cast.outsider}
        assert programme.track == "non_classical" and not programme.is_classical
        assert programme.partner == partner and list(programme.speakers.all()) == [speaker]


def test_unknown_nip_in_named_participants_is_named_in_the_error(cast, login, plan):
    response = login(cast.admin).post(
        url("programme-create", pk=plan.pk),
        PROGRAMME_DATA | {"target_employees": "199001012020011001"},
    )
    assert "199001012020011001" in response.content.decode()


def test_partner_provider_needs_a_partner(cast, login, plan):
    response = login(cast.admin).post(
        url("programme-create", pk=plan.pk), PROGRAMME_DATA | {"provider_kind": "partner"}
    )
    assert "Choose the partner institution" in response.content.decode()


@pytest.mark.parametrize(
    ("volume", "unit_cost", "message"),
    [
        ("-3", "50000", "The volume must be more than 0."),
        ("3", "-50000", "The unit cost cannot be negative."),
        ("3", "999999999999", "A unit cost above Rp 1.000.000.000 is not plausible"),
        ("5000000", "1", "is not plausible"),
    ],
)
def test_negative_or_absurd_budget_numbers_are_refused(
    cast, login, programme, volume, unit_cost, message
):
    response = login(cast.admin).post(
        url("budgetline-create", pk=programme.pk),
        {
            "category": "venue",
            "description": "Aula",
            "volume": volume,
            "unit_label": "hari",
            "unit_cost": unit_cost,
            "source": "apbd",
        },
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    with scopes_disabled():
        assert BudgetLine.objects.count() == 2


def test_programme_page_shows_totals_per_participant_and_per_jp_in_rupiah(cast, login, programme):
    page = login(cast.leader).get(url("programme-detail", pk=programme.pk)).content.decode()
    # 2 × 1.500.000 + 90 × 50.000 = 7.500.000; ÷ 30 = 250.000; ÷ (30 × 24) = 10.417
    assert "Rp 7,500,000" in page or "Rp 7.500.000" in page
    assert "Rp 250,000" in page or "Rp 250.000" in page
    assert "Rp 10,417" in page or "Rp 10.417" in page


def test_rupiah_filter_groups_thousands_with_dots_in_indonesian(settings):
    from django.utils import translation

    from binaasn.core.templatetags.binaasn import rupiah

    with translation.override("id"):
        assert rupiah(Decimal("1250000")) == "Rp 1.250.000"


def test_plan_over_the_ceiling_shows_a_warning(cast, login, programme):
    with scopes_disabled():
        services.set_budget_ceiling(cast.a, year=2026, amount=Decimal("5000000"))
    page = login(cast.admin).get(url("plan-detail", pk=programme.plan.pk)).content.decode()
    assert "more than the budget ceiling (pagu)" in page
    assert "Rp 2,500,000 over" in page or "Rp 2.500.000 over" in page


def test_negative_ceiling_is_refused(cast, login):
    response = login(cast.admin).post(
        url("ceiling-list"), {"year": "2026", "amount": "-5", "note": ""}
    )
    assert "The ceiling cannot be negative." in response.content.decode()


def test_submit_approve_revise_and_approve_again_keeps_versions(cast, login, programme):
    client = login(cast.admin)
    plan = programme.plan
    client.post(url("plan-submit", pk=plan.pk))
    client.post(url("plan-approve", pk=plan.pk))
    with scopes_disabled():
        plan.refresh_from_db()
        assert plan.status == "approved" and plan.version == 1
        first = PlanVersion.objects.get(plan=plan, number=1)
        assert first.snapshot["programmes"][0]["total"] == "7500000.00"
    # An approved plan cannot be changed without a revision.
    response = client.post(url("programme-create", pk=plan.pk), PROGRAMME_DATA, follow=True)
    assert "start a revision" in response.content.decode()
    assert (
        client.post(url("plan-revise", pk=plan.pk), {"note": ""}, follow=True)
        .content.decode()
        .count("Describe what the revision changes")
        == 1
    )
    client.post(url("plan-revise", pk=plan.pk), {"note": "Menambah program magang"})
    assert client.post(url("programme-create", pk=plan.pk), PROGRAMME_DATA).status_code == 302
    client.post(url("plan-submit", pk=plan.pk))
    client.post(url("plan-approve", pk=plan.pk))
    with scopes_disabled():
        plan.refresh_from_db()
        second = PlanVersion.objects.get(plan=plan, number=2)
    assert plan.version == 2 and second.change_note == "Menambah program magang"
    assert len(second.snapshot["programmes"]) == 2 and len(first.snapshot["programmes"]) == 1
    page = client.get(url("plan-versions", pk=plan.pk)).content.decode()
    assert "Menambah program magang" in page


def test_plan_pdf_has_cover_objectives_programmes_and_budget(cast, login, programme):
    response = login(cast.leader).get(url("plan-pdf", pk=programme.plan.pk))
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert len(response.content) > 1500


def test_plan_xlsx_holds_programmes_and_budget_lines(cast, login, programme):
    response = login(cast.operator).get(url("plan-detail", pk=programme.plan.pk) + "?format=xlsx")
    workbook = CalamineWorkbook.from_filelike(io.BytesIO(response.content))
    assert workbook.sheet_names == ["Plan", "Programmes", "Budget lines", "Budget recap"]
    programmes = workbook.get_sheet_by_name("Programmes").to_python()
    assert programmes[1][0] == "Pelatihan E-Government" and programmes[1][2] == "KL03"
    lines = workbook.get_sheet_by_name("Budget lines").to_python()
    assert ["Pelatihan E-Government", "Honorarium", "Narasumber"] == lines[1][:3]


def test_calendar_marks_the_months_of_each_programme(cast, login, plan):
    with scopes_disabled():
        f.make_programme(
            plan, title="Magang", form="internship", path_code="NKL12", planned_month=7, end_month=9
        )
    page = login(cast.admin).get(url("plan-calendar", pk=plan.pk)).content.decode()
    assert page.count('class="month on nonclassical"') == 3


def test_coverage_forecast_lists_pns_below_20_jp_and_pppk_above_24(cast, login, plan):
    with scopes_disabled():
        pppk = EmployeeFactory(
            agency=cast.a, name="Nina PPPK", status="PPPK", unit=cast.puskesmas, golongan="IX"
        )
        training = f.make_programme(
            plan, title="Pelatihan 24 JP", participant_count=10, jp_per_participant=24
        )
        training.target_units.set([cast.dinkes])
        coaching = f.make_programme(
            plan,
            title="Coaching",
            form="coaching",
            path_code="NKL01",
            participant_count=1,
            jp_per_participant=8,
            planned_month=9,
        )
        coaching.target_employees.set([pppk])
    page = login(cast.admin).get(url("plan-coverage", pk=plan.pk)).content.decode()
    # Dinkes subtree: Budi, Siti, Nina get 24 JP; Andi (Disdukcapil) gets nothing.
    assert "Andi Luar" in page
    assert "Siti Aminah" not in page.split("PNS who would not reach 20 JP")[1]
    assert "Nina PPPK" in page.split("PPPK who would go beyond 24 JP")[1]


def test_operator_reads_plans_but_cannot_change_them(cast, login, programme):
    client = login(cast.operator)
    assert client.get(url("plan-detail", pk=programme.plan.pk)).status_code == 200
    assert client.post(url("plan-submit", pk=programme.plan.pk)).status_code == 403
    assert client.get(url("programme-edit", pk=programme.pk)).status_code == 403


def test_operator_records_an_interview_in_their_unit_only(cast, login):
    with scopes_disabled():
        campaign = f.make_campaign(cast.a)
    client = login(cast.operator)
    data = {
        "held_on": "2026-02-01",
        "interviewer": "Operator",
        "employee": cast.employee.nip,
        "notes": "Butuh pelatihan komunikasi",
        "proposed_forms": ["mentoring"],
    }
    assert client.post(url("interview-create", pk=campaign.pk), data).status_code == 302
    refused = client.post(
        url("interview-create", pk=campaign.pk), data | {"employee": cast.outsider.nip}
    )
    assert f"No employee you may choose has NIP {cast.outsider.nip}" in refused.content.decode()
    with scopes_disabled():
        interview = campaign.interviews.get()
    assert interview.unit == cast.puskesmas and interview.proposed_forms == ["mentoring"]


def test_partner_and_speaker_lists_export_to_excel(cast, login):
    with scopes_disabled():
        partner = f.make_partner(cast.a, name="Universitas Diponegoro", mou_number="MoU/12/2025")
        f.make_speaker(cast.a, name="Dr. Ani", partner=partner)
    client = login(cast.leader)
    partners = CalamineWorkbook.from_filelike(
        io.BytesIO(client.get(url("partner-list") + "?format=xlsx").content)
    )
    assert partners.get_sheet_by_index(0).to_python()[1][:3] == [
        "Universitas Diponegoro",
        "University",
        "MoU/12/2025",
    ]
    speakers = CalamineWorkbook.from_filelike(
        io.BytesIO(client.get(url("speaker-list") + "?format=xlsx").content)
    )
    assert speakers.get_sheet_by_index(0).to_python()[1][2] == "Universitas Diponegoro"


def test_mou_cannot_end_before_it_starts(cast, login):
    response = login(cast.admin).post(
        url("partner-create"),
        {
            "name": "LAN",
            "kind": "central",
            "mou_starts_on": "2026-05-01",
            "mou_ends_on": "2026-01-01",
            "is_active": "on",
        },
    )
    assert "The MoU cannot end before it starts." in response.content.decode()
    with scopes_disabled():
        assert not Partner.objects.exists()


@pytest.mark.parametrize(
    ("name", "queries"),
    [("plan-list", 6), ("campaign-list", 6), ("partner-list", 7), ("speaker-list", 7)],
)
def test_list_pages_query_count_does_not_grow(
    cast, login, django_assert_num_queries, name, queries
):
    client = login(cast.admin)

    def add(count, offset):
        with scopes_disabled():
            for index in range(offset, offset + count):
                plan = f.make_plan(cast.a, year=2000 + index)
                f.make_campaign(cast.a, year=2000 + index)
                partner = f.make_partner(cast.a, name=f"Mitra {index}")
                f.make_speaker(cast.a, name=f"Narasumber {index}", partner=partner)
                f.make_programme(plan, partner=partner, provider_kind="partner")

    add(1, 0)
    client.get(url(name))
    with django_assert_num_queries(queries):
        client.get(url(name))
    add(8, 10)
    with django_assert_num_queries(queries):
        client.get(url(name))


def test_plan_detail_query_count_does_not_grow_with_programmes(
    cast, login, plan, django_assert_num_queries
):
    client = login(cast.admin)
    with scopes_disabled():
        f.make_line(f.make_programme(plan))
    client.get(url("plan-detail", pk=plan.pk))
    with django_assert_num_queries(9):
        client.get(url("plan-detail", pk=plan.pk))
    with scopes_disabled():
        for index in range(10):
            f.make_line(f.make_programme(plan, title=f"Program {index}"))
    with django_assert_num_queries(9):
        client.get(url("plan-detail", pk=plan.pk))


def test_interview_list_query_count_does_not_grow(cast, login, django_assert_num_queries):
    from binaasn.competencies.models import Competency

    with scopes_disabled():
        campaign = f.make_campaign(cast.a)
        komunikasi = Competency.objects.get(agency=None, name="Komunikasi")

    def add(count):
        with scopes_disabled():
            for _index in range(count):
                interview = f.make_interview(campaign, unit=cast.puskesmas, employee=cast.employee)
                interview.competencies.set([komunikasi])

    client = login(cast.operator)
    add(1)
    client.get(url("interview-list", pk=campaign.pk))
    with django_assert_num_queries(9):
        client.get(url("interview-list", pk=campaign.pk))
    add(8)
    with django_assert_num_queries(9):
        assert "Siti Aminah" in client.get(url("interview-list", pk=campaign.pk)).content.decode()


def test_trainers_and_employees_do_not_see_plans(cast, login, plan):
    assert login(cast.trainer).get(url("plan-detail", pk=plan.pk)).status_code == 403
    assert login(cast.employee_user).get(url("plan-list")).status_code == 403
