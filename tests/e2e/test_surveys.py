"""An admin builds a questionnaire, invites a unit, an ASN answers, the admin reads the results."""

import datetime

from django.utils import timezone
from django_scopes import scopes_disabled

from binaasn.surveys.models import Questionnaire, Response
from tests.e2e.conftest import axe_violations, log_in


def submit(page, form_selector="main form[method=post]"):
    page.locator(form_selector).locator("button[type=submit]").last.click()
    page.wait_for_load_state("networkidle")


def test_admin_runs_a_questionnaire_and_sees_the_answer_and_response_rate(
    cast, new_page, transactional_db
):
    admin = new_page()
    log_in(admin, cast.admin.username, cast.password)

    # Create the questionnaire.
    admin.goto("/alpha/kuesioner/baru/")
    admin.fill("input[name=title]", "Evaluasi Bimtek Pelayanan Prima")
    closes_on = timezone.localdate() + datetime.timedelta(days=14)
    admin.fill("input[name=closes_on]", closes_on.isoformat())
    submit(admin)
    with scopes_disabled():
        questionnaire = Questionnaire.objects.get(title="Evaluasi Bimtek Pelayanan Prima")

    # A Likert question with labels, then an optional text question in the same section.
    admin.click("a[href$='/pertanyaan/tambah/']")
    admin.select_option("select[name=kind]", "likert")
    admin.fill("textarea[name=text]", "Materi relevan dengan pekerjaan saya")
    admin.fill(
        "textarea[name=scale_labels_text]",
        "Sangat tidak setuju\nTidak setuju\nRagu-ragu\nSetuju\nSangat setuju",
    )
    submit(admin)
    admin.click("a[href*='/pertanyaan/tambah/?section=']")
    admin.select_option("select[name=kind]", "long_text")
    admin.fill("textarea[name=text]", "Saran untuk penyelenggara")
    admin.uncheck("input[name=is_required]")
    submit(admin)
    assert admin.get_by_text("Saran untuk penyelenggara").is_visible()

    # Publish, then invite the Puskesmas unit.
    submit(admin, "form[action$='/terbitkan/']")
    admin.click("a[href$='/sasaran/']")
    admin.check("input[name=target][value=units]")
    admin.select_option("select[name=units]", label="— — Puskesmas Telaga")
    submit(admin, "#invite-form")
    assert admin.get_by_role("cell", name="Siti Aminah").is_visible()

    # The ASN finds the invitation on their page and answers (a plain form, no script needed).
    employee = new_page(bypass_csp=True)  # axe-core is injected as an inline script
    log_in(employee, cast.employee_user.username, cast.password)
    employee.goto("/alpha/kuesioner/saya/")
    employee.get_by_role("link", name="Evaluasi Bimtek Pelayanan Prima").click()
    employee.wait_for_load_state("networkidle")
    assert axe_violations(employee) == []
    employee.check("input[type=radio][value='4']")
    employee.fill("textarea", "Tambah sesi praktik")
    submit(employee)
    with scopes_disabled():
        assert Response.objects.filter(questionnaire=questionnaire).count() == 1

    # The admin sees the result, its chart and the response rate of the unit.
    admin.goto(f"/alpha/kuesioner/{questionnaire.pk}/hasil/")
    assert admin.get_by_text("Tambah sesi praktik").is_visible()
    rate_row = admin.locator("table tbody tr", has_text="Puskesmas Telaga")
    assert rate_row.locator(".progress-bar").inner_text() == "100%"
    assert admin.evaluate(
        "() => Boolean(Chart.getChart(document.querySelector('canvas[data-chart]')))"
    )
    assert admin.get_by_role("row", name="Setuju 1 100", exact=True).is_visible()
