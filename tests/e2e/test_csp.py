"""The main pages under the real Content-Security-Policy: no violation, no console error.

Violations are caught twice: the browser's ``securitypolicyviolation`` events (recorded by a
script Chromium injects itself, outside the page's policy) and console errors."""

import pytest
from django.core.files.base import ContentFile
from django_scopes import scopes_disabled

from binaasn.core.models import Job
from tests.e2e.conftest import log_in

RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(
    `${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}`
  );
});
"""

ADMIN_PAGES = [
    "/alpha/",
    "/alpha/gaya/",
    "/alpha/audit/",
    "/alpha/pengguna/",
    "/alpha/pengguna/tambah/",
    "/alpha/pengaturan/",
    "/alpha/pegawai/",
    "/akun/password/change/",
    "/akun/2fa/",
]
ANONYMOUS_PAGES = ["/akun/login/", "/akun/password/reset/", "/halaman-yang-tidak-ada/"]


@pytest.fixture
def watched_page(new_page):
    """A page under the real policy (bypass_csp off) that records violations and errors."""
    page = new_page(bypass_csp=False)
    page.add_init_script(RECORD_VIOLATIONS)
    problems = []
    page.on(
        "console",
        lambda m: problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None,
    )
    page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    page.problems = problems
    return page


def visit(page, path):
    page.goto(path)
    page.wait_for_load_state("networkidle")
    violations = page.evaluate("window.__cspViolations || []")
    found = [f"{path}: {v}" for v in violations] + [f"{path}: {p}" for p in page.problems]
    page.problems.clear()
    return found


def test_anonymous_pages_load_without_csp_violations(cast, watched_page, transactional_db):
    problems = []
    for path in ANONYMOUS_PAGES:
        problems += visit(watched_page, path)
    # the 404 page is expected to be a 404, which Chromium reports as a failed resource
    problems = [p for p in problems if "status of 404" not in p]
    assert problems == []


def test_admin_pages_load_without_csp_violations(cast, watched_page, transactional_db):
    with scopes_disabled():
        job = Job.objects.create(
            agency=cast.a,
            kind="export",
            title="Ekspor",
            created_by=cast.admin,
            status="running",
            progress_done=1,
            progress_total=3,
        )
        done = Job.objects.create(
            agency=cast.a, kind="export", title="Selesai", created_by=cast.admin, status="succeeded"
        )
        done.result_file.save("hasil.xlsx", ContentFile(b"PK"))
    page = watched_page
    log_in(page, cast.admin.username, cast.password)
    problems = []
    for path in [*ADMIN_PAGES, f"/alpha/tugas/{job.pk}/", f"/alpha/tugas/{done.pk}/"]:
        problems += visit(page, path)
    assert problems == []


def test_scripts_work_under_the_policy(cast, watched_page, transactional_db):
    """Bootstrap's dropdown, our app.js (progress widths) and htmx polling all run."""
    with scopes_disabled():
        job = Job.objects.create(
            agency=cast.a,
            kind="export",
            title="Ekspor",
            created_by=cast.admin,
            status="running",
            progress_done=1,
            progress_total=4,
        )
    page = watched_page
    log_in(page, cast.admin.username, cast.password)
    visit(page, "/alpha/gaya/")
    assert page.locator(".progress-bar[data-width='35']").evaluate("el => el.style.width") == "35%"
    page.click("#user-menu")
    assert page.locator("#user-menu + .dropdown-menu").is_visible()

    page.goto(f"/alpha/tugas/{job.pk}/")
    with scopes_disabled():
        Job.objects.filter(pk=job.pk).update(progress_done=3)
    page.wait_for_selector("#job-progress .progress-bar[data-width='75']")  # htmx swapped it in
    assert page.locator("#job-progress .progress-bar").evaluate("el => el.style.width") == "75%"
    assert page.evaluate("window.__cspViolations") == [] and page.problems == []


def test_the_watch_itself_catches_a_violation(db, watched_page, live_server):
    """Guard for the tests above: a page with an inline script and style is reported."""
    policy = "default-src 'self'; script-src 'self'; style-src 'self'"
    watched_page.route(
        "**/csp-probe/",
        lambda route: route.fulfill(
            status=200,
            content_type="text/html",
            headers={"Content-Security-Policy": policy},
            body="<p style='color:red'>x</p><script>document.title = 'ran'</script>",
        ),
    )
    problems = visit(watched_page, "/csp-probe/")
    assert any("script-src" in p for p in problems), problems
    assert any("style-src" in p for p in problems), problems
    assert watched_page.title() != "ran"
