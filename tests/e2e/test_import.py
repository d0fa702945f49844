"""An admin imports employees in the browser: a file with errors first, then the valid one."""

from pathlib import Path

from playwright.sync_api import expect
from python_calamine import load_workbook

from tests.e2e.conftest import axe_violations, log_in

DATA = Path(__file__).resolve().parents[2] / "binaasn" / "people" / "tests" / "data"
IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def upload(page, path):
    page.goto("/alpha/pegawai/impor/")
    page.set_input_files("input[name=file]", str(path))
    page.check("input[name=create_units]")
    page.locator("form[enctype='multipart/form-data'] button[type=submit]").click()
    # The job page; the import ran in the immediate task backend, so it is already done.
    continue_link = page.locator("main a.btn-primary[href*='/pegawai/impor/']")
    expect(continue_link).to_be_visible()
    continue_link.click()
    page.wait_for_load_state()


def test_admin_imports_employees_in_the_browser(cast, page, transactional_db, settings):
    settings.TASKS = IMMEDIATE
    log_in(page, cast.admin.username, cast.password)

    upload(page, DATA / "employees-sample-with-errors.csv")
    expect(page.locator("#import-rejected")).to_be_visible()
    rows = page.locator("#import-errors tbody tr td:first-child")
    expect(rows).to_have_text(["13", "14", "15", "16", "21", "24", "25", "39"])
    expect(page.locator("#commit-import")).to_have_count(0)
    with page.expect_download() as download_info:
        page.click("#error-report")
    workbook = load_workbook(download_info.value.path())
    sheet = workbook.get_sheet_by_index(0).to_python()
    header = sheet[0]
    assert header[1] == "NIP BARU"
    error_column = len(header) - 1
    assert header[error_column] not in ("", "ESELON NAMA")
    assert "NIP BARU" in sheet[13][error_column]
    assert sheet[1][error_column] == ""

    upload(page, DATA / "employees-sample.csv")
    expect(page.locator("#count-created")).to_have_text("40")
    page.once("dialog", lambda dialog: dialog.accept())
    page.click("#commit-import")
    continue_link = page.locator("main a.btn-primary[href*='/pegawai/impor/']")
    expect(continue_link).to_be_visible()
    continue_link.click()
    expect(page.locator("#import-committed")).to_be_visible()
    page.locator("#import-committed a").click()
    page.wait_for_load_state()
    expect(page.get_by_text("Agus Kurniawan").first).to_be_visible()
    page.goto("/alpha/pegawai/?q=Hasna")
    expect(page.get_by_text("Hasna Santoso").first).to_be_visible()


def test_import_pages_have_no_serious_accessibility_problems(
    cast, new_page, transactional_db, settings
):
    settings.TASKS = IMMEDIATE
    page = new_page(bypass_csp=True)
    log_in(page, cast.admin.username, cast.password)
    page.goto("/alpha/pegawai/impor/")
    assert axe_violations(page) == []
    upload(page, DATA / "employees-sample-with-errors.csv")
    expect(page.locator("#import-errors")).to_be_visible()
    assert axe_violations(page) == []
