"""Production settings, cookies and headers, CSRF on every form, and templates the
Content-Security-Policy can allow without 'unsafe-inline'."""

import json
import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client, RequestFactory, override_settings
from django.urls import reverse
from django_scopes import scopes_disabled

from binaasn.core.client_ip import client_ip
from binaasn.core.models import AuditEntry
from binaasn.core.tests.test_permissions import ROWS, _url
from binaasn.core.tests.test_permissions import matrix_cast as matrix_cast  # the fixture

PROJECT = Path(__file__).resolve().parents[3]
PACKAGE = PROJECT / "binaasn"
PRODUCTION_HOST = "binaasn.example.go.id"


def production_env(**extra):
    """What a production deploy sets at the least, and nothing inherited from this test run."""
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": os.environ.get("HOME", "/tmp"),
        "PYTHONPATH": str(PROJECT),
        "DJANGO_SETTINGS_MODULE": "binaasn.settings",
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": PRODUCTION_HOST,
    }
    env.update(extra)
    return env


def run(args, env):
    return subprocess.run(
        [sys.executable, *args], cwd=PROJECT, env=env, capture_output=True, text=True, timeout=120
    )


# -- check --deploy -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "extra",
    [
        {},
        # behind a TLS-terminating reverse proxy (README, Production)
        {"BEHIND_PROXY": "1", "CSRF_TRUSTED_ORIGINS": f"https://{PRODUCTION_HOST}"},
    ],
    ids=["direct", "behind-proxy"],
)
def test_check_deploy_reports_no_issues_in_production(extra):
    result = run(["manage.py", "check", "--deploy"], production_env(**extra))
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "System check identified no issues (0 silenced)." in output, output


def test_production_refuses_to_start_without_a_secret_key():
    env = production_env()
    del env["SECRET_KEY"]
    result = run(["manage.py", "check"], env)
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


@pytest.fixture(scope="module")
def production():
    """Log in over HTTPS in a production process and report headers and cookie flags."""
    result = run(
        [str(Path(__file__).with_name("production_probe.py"))],
        production_env(DATABASE_URL="sqlite://:memory:"),
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_redirects_plain_http_to_https(production):
    assert production["debug"] is False
    assert production["plain_http"]["status"] == 301
    assert production["plain_http"]["location"] == f"https://{PRODUCTION_HOST}/akun/login/"


def test_production_sends_hsts_csp_and_the_other_security_headers(production):
    page = production["login_page"]
    assert page["status"] == 200
    headers = page["headers"]
    assert headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert headers["Content-Security-Policy"] == settings.CONTENT_SECURITY_POLICY
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"


def test_every_production_cookie_is_secure_and_httponly(production):
    cookies = {}
    for step in ("login_page", "login", "language"):
        cookies.update(production[step]["cookies"])
    assert production["login"]["status"] == 302  # logged in
    assert {"csrftoken", "sessionid", "django_language"} <= set(cookies)
    for name, flags in cookies.items():
        assert flags["secure"] and flags["httponly"], (name, flags)
        assert flags["samesite"] == "Lax", (name, flags)


# -- headers in every response ---------------------------------------------------------------


def test_pages_carry_a_csp_without_unsafe_inline(cast, login):
    client = login(cast.admin)
    for url in ("/akun/login/", "/alpha/", "/alpha/audit/", "/tidak-ada/"):
        policy = client.get(url)["Content-Security-Policy"]
        assert "script-src 'self'" in policy and "style-src 'self'" in policy, url
        assert "unsafe-inline" not in policy and "unsafe-eval" not in policy, url
        assert "frame-ancestors 'none'" in policy and "object-src 'none'" in policy, url


def test_https_responses_carry_hsts(db, client):
    response = client.get(reverse("account_login"), secure=True)
    assert response["Strict-Transport-Security"].startswith("max-age=31536000; includeSubDomains")


# -- CSRF ------------------------------------------------------------------------------------

# Views exempt from CSRF on purpose, each with the reason; every other POST needs the token.
CSRF_EXEMPT = {
    "citizens_public:skm-kiosk-submit": "a kiosk posts with the signed link it was set up with, "
    "not with a browser session",
}
POST_ROWS = [row for row in ROWS if row.method == "post" and row.url_name not in CSRF_EXEMPT]
ACCOUNT_POSTS = [
    ("account_login", False),
    ("account_reset_password", False),
    ("set_language", False),
    ("account_logout", True),
    ("account_change_password", True),
    ("mfa_activate_totp", True),
]


@pytest.mark.parametrize(
    ("url_name", "signed_in"), ACCOUNT_POSTS, ids=[n for n, _ in ACCOUNT_POSTS]
)
def test_account_form_without_csrf_token_is_refused(cast, url_name, signed_in):
    client = Client(enforce_csrf_checks=True)
    if signed_in:
        client.force_login(cast.admin, backend="django.contrib.auth.backends.ModelBackend")
    response = client.post(reverse(url_name), {"login": "admin_a", "password": cast.password})
    assert response.status_code == 403
    assert "BinaASN" in response.content.decode()  # our 403_csrf.html, not Django's page
    assert "_auth_user_id" not in client.session or signed_in


@pytest.mark.parametrize("row", POST_ROWS, ids=lambda r: r.url_name)
def test_every_post_url_refuses_a_request_without_csrf_token(row, matrix_cast):
    cast = matrix_cast
    client = Client(enforce_csrf_checks=True)
    if not row.public:
        client.force_login(cast.admin, backend="django.contrib.auth.backends.ModelBackend")
    response = client.post(_url(row, cast, row.kwargs(cast)), row.data(cast))
    assert response.status_code == 403


def test_login_with_the_csrf_token_from_the_form_works(cast):
    client = Client(enforce_csrf_checks=True)
    html = client.get(reverse("account_login")).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    response = client.post(
        reverse("account_login"),
        {"login": "admin_a", "password": cast.password, "csrfmiddlewaretoken": token},
    )
    assert response.status_code == 302


def test_only_the_listed_views_are_exempt_from_csrf():
    from django.urls import get_resolver

    exempt = set()

    def walk(patterns, namespace):
        for entry in patterns:
            if hasattr(entry, "url_patterns"):
                walk(
                    entry.url_patterns,
                    f"{namespace}{entry.namespace}:" if entry.namespace else namespace,
                )
            elif getattr(entry.callback, "csrf_exempt", False) and entry.name:
                exempt.add(f"{namespace}{entry.name}")

    walk(get_resolver().url_patterns, "")
    assert exempt == set(CSRF_EXEMPT)


# -- templates the CSP allows -----------------------------------------------------------------


def project_templates():
    return sorted(
        path
        for path in PACKAGE.rglob("*.html")
        if "static/vendor" not in path.as_posix() and "/media/" not in path.as_posix()
    )


TEMPLATES = project_templates()
TAG = re.compile(r"<[a-zA-Z][^>]*>", re.S)
INLINE_HANDLER = re.compile(r"(?<![\w:-])on[a-z]+\s*=|(?<![\w-])(data-)?hx-on", re.I)
STYLE_ATTRIBUTE = re.compile(r"(?<![\w:-])style\s*=", re.I)
SCRIPT = re.compile(r"<script\b([^>]*)>", re.I)


def test_templates_are_found():
    names = {path.name for path in TEMPLATES}
    assert {"base.html", "404.html", "login.html", "agency_settings.html"} <= names


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_template_has_no_inline_script_handler_or_style(path):
    text = path.read_text(encoding="utf-8")
    problems = []
    for match in SCRIPT.finditer(text):
        attributes = match.group(1)
        if "src=" not in attributes and "application/json" not in attributes:
            problems.append(f"inline <script>: {match.group(0)}")
    for tag in TAG.findall(text):
        if INLINE_HANDLER.search(tag):
            problems.append(f"event handler attribute: {tag[:120]}")
        if STYLE_ATTRIBUTE.search(tag):
            problems.append(f"style attribute: {tag[:120]}")
    if re.search(r"<style\b", text, re.I):
        problems.append("<style> element")
    if re.search(r"""href\s*=\s*["']\s*javascript:""", text, re.I):
        problems.append("javascript: link")
    assert not problems, problems


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_every_post_form_in_templates_carries_the_csrf_token(path):
    text = path.read_text(encoding="utf-8")
    missing = []
    for match in re.finditer(r"<form\b[^>]*>(.*?)</form>", text, re.S | re.I):
        opening = match.group(0)[: match.group(0).index(">") + 1]
        body = match.group(1)
        has_token = "csrf_token" in body or 'name="csrfmiddlewaretoken"' in body
        if re.search(r"""method\s*=\s*["']?post""", opening, re.I) and not has_token:
            missing.append(opening)
    if (
        re.search(r"""\{%\s*element\s+form[^%]*method=["']post""", text)
        and "csrf_token" not in text
    ):
        missing.append("{% element form method=post %}")
    assert not missing, missing


# -- request size ------------------------------------------------------------------------------


def test_too_large_form_body_gets_the_400_page_naming_the_limit(cast, login):
    client = login(cast.admin)
    body = "name=" + "a" * (6 * 1024 * 1024)
    response = client.post(
        reverse("core:agency-settings", kwargs={"agency": "alpha"}),
        body,
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert '<html lang="id">' in html
    assert f"{settings.UPLOAD_MAX_MB} MB" in html


# -- client address -----------------------------------------------------------------------------


def test_forwarded_for_is_ignored_without_a_trusted_proxy():
    request = RequestFactory().get("/", REMOTE_ADDR="203.0.113.9", HTTP_X_FORWARDED_FOR="6.6.6.6")
    assert client_ip(request) == "203.0.113.9"


@override_settings(ALLAUTH_TRUSTED_PROXY_COUNT=1)
def test_behind_one_proxy_the_address_it_appended_is_the_client():
    request = RequestFactory().get(
        "/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="6.6.6.6, 198.51.100.7"
    )
    assert client_ip(request) == "198.51.100.7"


def test_audit_trail_keeps_the_real_address_not_a_forged_header(cast, login):
    client = login(cast.admin)
    client.post(
        reverse("core:agency-settings", kwargs={"agency": "alpha"}),
        {"name": "Kabupaten Alpha", "kind": "kabupaten", "region_code": "75.01"},
        REMOTE_ADDR="203.0.113.9",
        HTTP_X_FORWARDED_FOR="6.6.6.6",
    )
    with scopes_disabled():
        entry = AuditEntry.objects.filter(agency=cast.a, action=AuditEntry.Action.UPDATE).get()
    assert entry.remote_addr == "203.0.113.9"
