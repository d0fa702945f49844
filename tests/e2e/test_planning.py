"""A needs analysis end to end: the admin publishes the needs questionnaire, two ASN answer,
the admin analyses, turns the top need into a programme, adds its budget, submits and
approves the plan, and downloads the plan as PDF."""

import datetime

from django_scopes import scopes_disabled

from binaasn.competencies import services as competency_services
from binaasn.competencies.models import Competency
from binaasn.core.tests.factories import MembershipFactory, UserFactory
from binaasn.people.tests.factories import EmployeeFactory
from binaasn.planning.models import Need, Plan, Programme
from binaasn.surveys.models import Response
from tests.e2e.conftest import axe_violations, log_in


def submit(page, form_selector="main form[method=post]"):
    page.locator(form_selector).locator("button[type=submit]").last.click()
    page.wait_for_load_state("networkidle")


def answer_needs_questionnaire(page, username, password, level):
    log_in(page, username, password)
    page.goto("/alpha/kuesioner/saya/")
    page.get_by_role("link", name="Competency development needs", exact=False).first.click()
    page.wait_for_load_state("networkidle")
    for radio in page.locator(f"input[type=radio][value='{level}']").all():
        radio.check()
    page.locator("textarea").first.fill("Pelatihan dan pendampingan")
    submit(page)


def test_needs_analysis_to_an_approved_plan_with_pdf(cast, new_page, transactional_db):
    with scopes_disabled():
        komunikasi = Competency.objects.get(agency=None, name="Komunikasi")
        integritas = Competency.objects.get(agency=None, name="Integritas")
        competency_services.set_position_standards(cast.nurse, {komunikasi: 3, integritas: 2})
        rudi_user = UserFactory(username="199201012019031002", full_name="Rudi Hartono")
        MembershipFactory(user=rudi_user, agency=cast.a, role="employee")
        rudi = EmployeeFactory(
            agency=cast.a,
            name="Rudi Hartono",
            unit=cast.puskesmas,
            position=cast.nurse,
            user=rudi_user,
            supervisor=cast.supervisor,
        )
        day = datetime.date(2026, 1, 10)
        competency_services.record_assessment(
            cast.employee,
            source="supervisor",
            assessed_on=day,
            levels={komunikasi: 1, integritas: 2},
        )
        competency_services.record_assessment(
            rudi, source="supervisor", assessed_on=day, levels={komunikasi: 2, integritas: 2}
        )

    # English pages: the assertions read the English source text.
    admin = new_page(bypass_csp=True, locale="en-US")  # axe-core is injected as an inline script
    log_in(admin, cast.admin.username, cast.password)

    # A needs analysis for the year, and its questionnaire for Dinas Kesehatan and supervisors.
    admin.goto("/alpha/perencanaan/akpk/tambah/")
    admin.fill("input[name=year]", "2026")
    admin.fill("input[name=title]", "AKPK 2026")
    submit(admin)
    admin.get_by_label("— Dinas Kesehatan").check()
    submit(admin, "form[action$='/kuesioner/']")
    assert admin.get_by_text("The needs questionnaire is open").is_visible()

    # Two ASN answer.
    answer_needs_questionnaire(
        new_page(locale="en-US"), cast.employee_user.username, cast.password, "5"
    )
    answer_needs_questionnaire(new_page(locale="en-US"), rudi_user.username, cast.password, "4")
    with scopes_disabled():
        assert Response.objects.filter(questionnaire__purpose="needs_analysis").count() == 2

    # The admin analyses and sees the prioritised needs, Komunikasi at Dinas Kesehatan first.
    admin.goto("/alpha/perencanaan/akpk/")
    admin.get_by_role("link", name="AKPK 2026").click()
    submit(admin, "form[action$='/analisis/']")
    first_row = admin.locator("main table tbody tr").first
    assert "Komunikasi" in first_row.inner_text() and "Dinas Kesehatan" in first_row.inner_text()
    assert axe_violations(admin) == []

    # Every score opens to its arithmetic; the top need becomes a programme in one step.
    first_row.locator("a").first.click()
    admin.wait_for_load_state("networkidle")
    assert admin.get_by_role("heading", name="How this score was computed").is_visible()
    admin.select_option("select[name=planned_month]", "5")
    admin.fill("input[name=jp_per_participant]", "24")
    submit(admin, "form[action$='/program/']")
    with scopes_disabled():
        programme = Programme.objects.get()
        assert Need.objects.get(programmes=programme).status == "accepted"
    assert admin.get_by_role("heading", name=programme.title).is_visible()

    # Its budget: two lines.
    for category, description, volume, cost in [
        ("honorarium", "Narasumber", "2", "1500000"),
        ("consumption", "Makan siang", "60", "50000"),
    ]:
        admin.select_option("select[name=category]", category)
        admin.fill("input[name=description]", description)
        admin.fill("input[name=volume]", volume)
        admin.fill("input[name=unit_cost]", cost)
        submit(admin, "form[action$='/anggaran/tambah/']")
    assert "Rp 6,000,000" in admin.get_by_role("row", name="Programme total").inner_text()

    # Submit and approve the plan, then download it as PDF.
    admin.get_by_role("link", name=programme.plan.title).first.click()
    admin.wait_for_load_state("networkidle")
    submit(admin, "form[action$='/ajukan/']")
    submit(admin, "form[action$='/setujui/']")
    with scopes_disabled():
        plan = Plan.objects.get()
    assert plan.status == "approved" and plan.version == 1
    assert axe_violations(admin) == []
    with admin.expect_download() as download_info:
        admin.get_by_role("link", name="Download PDF").click()
    path = download_info.value.path()
    with open(path, "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"
