"""Browser tests: Playwright driving Debian's Chromium (/usr/bin/chromium) against live_server.

When Debian's Chromium is missing we try Playwright's own browser; when neither exists the tests
fail (never skip) with a message telling how to install one.
"""

import os
import shutil
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in this thread; the ORM calls the tests make for
# set-up are still synchronous and safe here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

AXE = Path(__file__).parent / "vendor" / "axe.min.js"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


def chromium_path():
    for candidate in (
        os.environ.get("CHROMIUM_PATH"),
        "/usr/bin/chromium",
        shutil.which("chromium"),
    ):
        if candidate and Path(candidate).exists():
            return candidate
    return None


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import Error, sync_playwright

    with sync_playwright() as playwright:
        executable = chromium_path()
        try:
            if executable:
                instance = playwright.chromium.launch(
                    executable_path=executable, args=CHROMIUM_ARGS
                )
            else:
                instance = playwright.chromium.launch(args=CHROMIUM_ARGS)
        except Error as error:
            pytest.fail(
                "No browser for the browser tests. Install Debian's Chromium "
                "(`apt-get install chromium`) or Playwright's own "
                "(`playwright install chromium`).\n"
                f"{error}",
                pytrace=False,
            )
        yield instance
        instance.close()


@pytest.fixture
def new_page(browser, live_server):
    """``new_page(**context_options)`` opens a page on the live server; closed after the test."""
    contexts = []

    def _open(**options):
        options.setdefault("locale", "id-ID")
        options.setdefault("bypass_csp", False)
        context = browser.new_context(base_url=live_server.url, **options)
        context.set_default_timeout(15_000)
        contexts.append(context)
        return context.new_page()

    yield _open
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page):
    return new_page()


def log_in(page, username, password):
    page.goto("/akun/login/")
    page.fill("input[name=login]", username)
    page.fill("input[name=password]", password)
    page.click("form button[type=submit]")
    page.wait_for_load_state("networkidle")


def axe_violations(page, impacts=("critical", "serious")):
    """Run axe-core on the current page and return the violations of the given impacts."""
    page.add_script_tag(content=AXE.read_text())
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [v for v in result["violations"] if v.get("impact") in impacts]
