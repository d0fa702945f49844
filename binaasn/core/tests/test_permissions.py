"""Walk every URL of the project with every role, anonymous visitors, agency B's admin, and
agency B's object ids (tenant isolation, issue "Foundation")."""

import importlib
import pkgutil

import pytest
from django.core.files.base import ContentFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django_scopes import scopes_disabled

import binaasn
from binaasn.core.models import Job
from binaasn.core.tests.factories import MembershipFactory
from binaasn.core.tests.matrix import ROLES

# URL names outside the tenant tree that need no row: third-party account pages and the root.
NON_TENANT_PREFIXES = ("admin:", "account_", "mfa_", "set_language", "home")


def collect_rows():
    rows = []
    for module in pkgutil.iter_modules(binaasn.__path__):
        try:
            rows_module = importlib.import_module(f"binaasn.{module.name}.tests.permission_rows")
        except ModuleNotFoundError:
            continue
        rows.extend(rows_module.ROWS)
    return rows


ROWS = collect_rows()


def tenant_url_names():
    names = set()

    def walk(patterns, namespace, params):
        for entry in patterns:
            if isinstance(entry, URLResolver):
                ns = namespace
                if entry.namespace:
                    ns = f"{namespace}{entry.namespace}:"
                walk(entry.url_patterns, ns, params | set(entry.pattern.regex.groupindex))
            elif isinstance(entry, URLPattern) and entry.name:
                keys = params | set(entry.pattern.regex.groupindex)
                if {"agency", "public_agency"} & keys:
                    names.add(f"{namespace}{entry.name}")

    walk(get_resolver().url_patterns, "", set())
    return names


def test_every_tenant_url_has_a_row():
    covered = {row.url_name for row in ROWS}
    missing = sorted(tenant_url_names() - covered)
    assert not missing, f"URL names without a permission row: {missing}"


@pytest.fixture
def matrix_cast(cast):
    with scopes_disabled():
        cast.extra_membership = MembershipFactory(agency=cast.a, role="employee")
        cast.job = Job.objects.create(
            agency=cast.a, kind="test", title="Job A", created_by=cast.admin, status="succeeded"
        )
        cast.job.result_file.save("hasil.xlsx", ContentFile(b"data"))
        cast.job_b = Job.objects.create(
            agency=cast.b, kind="test", title="Job B", created_by=cast.admin_b, status="succeeded"
        )
        cast.job_b.result_file.save("hasil.xlsx", ContentFile(b"data"))
        for module in pkgutil.iter_modules(binaasn.__path__):
            try:
                setup = importlib.import_module(f"binaasn.{module.name}.tests.permission_rows")
            except ModuleNotFoundError:
                continue
            if hasattr(setup, "prepare"):
                setup.prepare(cast)
    return cast


def _url(row, cast, kwargs):
    key = "public_agency" if row.public else "agency"
    url = reverse(row.url_name, kwargs={key: cast.a.slug, **kwargs})
    return f"{url}?{row.query}" if row.query else url


def _request(client, row, cast, kwargs):
    url = _url(row, cast, kwargs)
    if row.method == "post":
        return client.post(url, row.data(cast))
    return client.get(url)


def _user_for(cast, role):
    return {
        "admin": cast.admin,
        "operator": cast.operator,
        "leader": cast.leader,
        "trainer": cast.trainer,
        "employee": cast.employee_user,
    }[role]


@pytest.mark.parametrize(
    "row", ROWS, ids=lambda r: f"{r.url_name}{'?' + r.query if r.query else ''}"
)
def test_permission_matrix(row, matrix_cast, client):
    cast = matrix_cast
    failures = []
    if row.public:
        response = _request(client, row, cast, row.kwargs(cast))
        expected = row.expect.get("anonymous", 200)
        if response.status_code != expected:
            failures.append(f"anonymous: {response.status_code} != {expected}")
    else:
        for role in ROLES:
            client.force_login(
                _user_for(cast, role), backend="django.contrib.auth.backends.ModelBackend"
            )
            response = _request(client, row, cast, row.kwargs(cast))
            if response.status_code != row.status_for(role):
                failures.append(f"{role}: {response.status_code} != {row.status_for(role)}")
            client.logout()
        response = _request(client, row, cast, row.kwargs(cast))
        if response.status_code != 302 or "/akun/login/" not in response["Location"]:
            failures.append(f"anonymous: {response.status_code}, expected redirect to login")
        client.force_login(cast.admin_b, backend="django.contrib.auth.backends.ModelBackend")
        response = _request(client, row, cast, row.kwargs(cast))
        if response.status_code != 404:
            failures.append(f"admin of agency B: {response.status_code} != 404")
        client.logout()
    if row.foreign is not None:
        roles = ROLES if not row.public else ()
        for role in roles:
            client.force_login(
                _user_for(cast, role), backend="django.contrib.auth.backends.ModelBackend"
            )
            response = _request(client, row, cast, row.foreign(cast))
            if response.status_code not in (403, 404):
                failures.append(f"{role} with agency B's ids: {response.status_code}")
            client.logout()
        if row.public:
            response = _request(client, row, cast, row.foreign(cast))
            if response.status_code != 404:
                failures.append(f"anonymous with agency B's ids: {response.status_code} != 404")
    assert not failures, "; ".join(failures)
