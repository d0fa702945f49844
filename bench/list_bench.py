"""Time the employee list page of an agency with N employees.

    python bench/list_bench.py --employees 100000 [--requests 15] [--seed 1]

Generates the agency (bench/generate.py), logs in its admin with Django's test client and
requests the list (people:employee-list) — the first page, a name search, a filtered page
(unit subtree + status + position type) and the last page — a few times to warm up, then
``--requests`` times each, reporting the median server time and the number of queries. The same
run measures a baseline: an empty page of the same layout behind the same middleware (session,
login, agency and membership, scope), so the ratio shows what the list itself costs. Goal: the
first page within 100 ms at 100,000 employees. Prints JSON.
"""

import argparse
import sys
from collections import Counter

from benchlib import (
    add_database_arguments,
    emit,
    environment,
    measure,
    page_urlpatterns,
    setup_django,
)

GOAL_MS = 100
PLAIN_STATIC = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # The benchmark has no collectstatic manifest; URLs of static files cost the same.
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}


def __getattr__(name):
    # This module is the URLconf while measuring: the project's URLs plus the baseline page.
    if name == "urlpatterns":
        return page_urlpatterns()
    raise AttributeError(name)


def common_surname(plan):
    """The most frequent last word of the generated names: a realistic, busy search."""
    words = Counter(e.name.split()[-1] for e in plan.employees if len(e.name.split()) > 1)
    return words.most_common(1)[0][0]


def run(employees, *, seed="1", requests=15, warmup=3):
    from django.test import Client, override_settings
    from django.urls import reverse
    from django_scopes import scopes_disabled
    from generate import generate

    from binaasn.core.models import Membership, User
    from binaasn.people.models import OrgUnit

    with scopes_disabled():
        agency, plan, timings = generate(employees, seed=seed, slug="daftar")
        admin = User.objects.create_user("admin.daftar", email="admin@daftar.binaasn.test")
        Membership.objects.create(user=admin, agency=agency, role="admin")
        dinkes = OrgUnit.objects.for_agency(agency).get(code="DINKES")
    surname = common_surname(plan)
    last_page = max(1, -(-sum(e.is_active for e in plan.employees) // 50))

    client = Client()
    client.force_login(admin, backend="django.contrib.auth.backends.ModelBackend")
    pages = {}
    with override_settings(ROOT_URLCONF=__name__, STORAGES=PLAIN_STATIC):
        base = reverse("people:employee-list", kwargs={"agency": agency.slug})
        urls = {
            "baseline_empty_page": reverse("bench-baseline", kwargs={"agency": agency.slug}),
            "first_page": base,
            "search": f"{base}?q={surname}",
            "filtered": f"{base}?unit={dinkes.pk}&status=PNS&position_type=fungsional_keterampilan",
            "last_page": f"{base}?page={last_page}",
        }
        for key, url in urls.items():
            pages[key] = measure(client, url, requests=requests, warmup=warmup)
    baseline = pages["baseline_empty_page"]["median_ms"]
    for page in pages.values():
        page["ratio_to_baseline"] = round(page["median_ms"] / baseline, 1) if baseline else None
    return {
        "benchmark": "employee_list",
        "employees": len(plan.employees),
        "units": len(plan.units),
        "generate_seconds": round(timings["plan_seconds"] + timings["write_seconds"], 1),
        "requests_per_page": requests,
        "search_term": surname,
        "pages": pages,
        "goal_ms": GOAL_MS,
        "first_page_meets_goal": pages["first_page"]["median_ms"] <= GOAL_MS,
    }


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--employees", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=15, help="Timed requests per page.")
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--seed", default="1")
    add_database_arguments(parser)
    args = parser.parse_args(argv)
    db = setup_django(keep_db=args.keep_db, fast_schema=args.fast_schema)
    try:
        result = run(args.employees, seed=args.seed, requests=args.requests, warmup=args.warmup)
        result["environment"] = environment(db)
        emit(result)
    finally:
        db.drop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
