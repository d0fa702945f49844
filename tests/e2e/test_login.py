from django_scopes import scopes_disabled

from tests.e2e.conftest import axe_violations, log_in


def test_admin_logs_in_and_sees_agency_home(cast, page, transactional_db):
    log_in(page, cast.admin.username, cast.password)
    assert page.url.endswith("/alpha/")
    assert page.get_by_role("heading", name="Pemerintah Kabupaten Alpha").is_visible()


def test_employee_logs_in_with_email(cast, new_page, transactional_db):
    page = new_page(bypass_csp=True)
    with scopes_disabled():
        email = cast.employee_user.email
    log_in(page, email, cast.password)
    assert "/alpha/" in page.url
    assert axe_violations(page) == []
