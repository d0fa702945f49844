"""Master data in the browser: the admin finds an employee; an ASN asks for a correction, the
admin approves it and the ASN's profile shows the new value."""

from django_scopes import scopes_disabled

from tests.e2e.conftest import axe_violations, log_in


def test_admin_finds_an_employee_by_name_and_by_nip_and_opens_the_detail(
    cast, new_page, transactional_db
):
    page = new_page(bypass_csp=True)
    with scopes_disabled():
        nip = cast.employee.nip
    log_in(page, cast.admin.username, cast.password)
    page.goto("/alpha/pegawai/")
    assert axe_violations(page) == []
    page.fill("input[name=q]", "aminah")
    page.press("input[name=q]", "Enter")
    page.wait_for_load_state("networkidle")
    rows = page.locator("main table tbody tr")
    assert rows.count() == 1
    assert "Siti Aminah" in rows.first.inner_text()

    page.fill("input[name=q]", nip)
    page.press("input[name=q]", "Enter")
    page.wait_for_load_state("networkidle")
    assert page.locator("main table tbody tr").count() == 1
    assert nip not in page.url  # NIPs are personal data and stay out of URLs
    page.get_by_role("link", name="Siti Aminah").click()
    page.wait_for_load_state("networkidle")
    assert page.get_by_role("heading", name="Siti Aminah", level=1).is_visible()
    assert nip in page.locator("main").inner_text()
    assert "Puskesmas Telaga" in page.locator("main").inner_text()
    assert axe_violations(page) == []


def test_employee_asks_for_a_correction_and_the_admin_approves_it(cast, new_page, transactional_db):
    employee_page = new_page(bypass_csp=True)
    log_in(employee_page, cast.employee_user.username, cast.password)
    employee_page.goto("/alpha/pegawai/saya/")
    employee_page.click("a[href$='/pegawai/saya/koreksi/']")
    employee_page.wait_for_load_state("networkidle")
    employee_page.select_option("select[name=field]", "birth_place")
    employee_page.fill("input[name=new_value]", "Limboto")
    employee_page.fill("textarea[name=reason]", "Sesuai akta kelahiran")
    employee_page.click("main form button[type=submit]")
    employee_page.wait_for_load_state("networkidle")
    assert employee_page.url.endswith("/alpha/pegawai/saya/")
    assert "Limboto" in employee_page.locator("main").inner_text()
    assert axe_violations(employee_page) == []

    admin_page = new_page()
    log_in(admin_page, cast.admin.username, cast.password)
    admin_page.goto("/alpha/pegawai/koreksi/")
    admin_page.get_by_role("link", name="Siti Aminah").click()
    admin_page.wait_for_load_state("networkidle")
    admin_page.check("input[name=decision][value=approve]")
    admin_page.fill("textarea[name=note]", "Sesuai dokumen")
    admin_page.click("main form button[type=submit]")
    admin_page.wait_for_load_state("networkidle")
    assert admin_page.locator("main .badge.text-bg-success").count() == 1

    employee_page.reload()
    profile = employee_page.locator("section[aria-labelledby=profile-heading] dl").inner_text()
    assert "Limboto" in profile
