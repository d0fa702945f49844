"""Time the JP compliance page of an agency with N employees and M JP-ledger rows.

    python bench/compliance_bench.py --employees 100000 --ledger-rows 2000000 [--requests 15]
        [--warmup 3] [--seed 1]

Generates the agency (bench/generate.py), then writes M learning records (the JP ledger) spread
over five years, most of them in the current year, with one ``executemany`` per batch, and builds
the per-employee-year totals from them with one ``INSERT … SELECT`` (the same rows the ledger
service keeps up to date when it credits JP one record at a time; one credit through the service
is timed too). It logs in the agency admin and an operator of the largest OPD with Django's test
client and requests, a few times to warm up and ``--requests`` times each: an empty page of the
same layout behind the same middleware (the same-run baseline), the compliance page of the whole
agency, a later page of it, one OPD chosen in the filter, the operator's own subtree, and — outside
the goal — the Excel export of that OPD. It also times, in the same run, the aggregate the page
would need without the totals table (summing this year's ledger rows per employee), to show what
the table saves. Goal: every compliance page within 200 ms server time at 100,000 employees and
2,000,000 ledger rows. Prints JSON.
"""

import argparse
import datetime
import random
import sys
import time

from benchlib import (
    add_database_arguments,
    emit,
    environment,
    measure,
    median_ms,
    page_urlpatterns,
    setup_django,
    timed,
)

GOAL_MS = 200
YEARS = 5
PLAIN_STATIC = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
ACTIVITIES = [
    ("KL10", 8, "Bimbingan Teknis Aplikasi SIASN", 24),
    ("KL03", 3, "Pelatihan Teknis Pelayanan Publik", 24),
    ("KL06", 9, "Seminar Reformasi Birokrasi", 4),
    ("KL07", 4, "Workshop Penyusunan SKP", 8),
    ("NKL03", 3, "E-learning Literasi Digital", 6),
    ("NKL02", 3, "Mentoring", 8),
    ("KL11", 7, "Sosialisasi Manajemen Talenta", 3),
    ("KL02", 5, "Pelatihan Manajerial", 32),
]


def __getattr__(name):
    # This module is the URLconf while measuring: the project's URLs plus the baseline page.
    if name == "urlpatterns":
        return page_urlpatterns()
    raise AttributeError(name)


def write_ledger(agency, rows, year, rng, *, chunk=20_000):
    """``rows`` ledger rows over YEARS years (three in ten in ``year``), straight into the table:
    the rows the ledger service writes, without building two million model instances. Learning
    is uneven, as in the field: a few ASN take many courses, many take few or none."""
    from django.db import connection, transaction
    from django.utils import timezone

    from binaasn.learning.models import LearningRecord
    from binaasn.people.models import Employee

    employees = list(Employee.objects.for_agency(agency).values_list("pk", flat=True))
    rng.shuffle(employees)  # who learns much is unrelated to id or name order
    table = connection.ops.quote_name(LearningRecord._meta.db_table)
    columns = [
        "agency_id",
        "employee_id",
        "year",
        "source",
        "source_pk",
        "path_code",
        "siasn_type",
        "name",
        "organiser",
        "starts_on",
        "ends_on",
        "jp",
        "minutes",
        "jp_basis",
        "counts_toward_target",
        "certificate_number",
        "certificate_type",
        "created_at",
    ]
    sql = (
        f"INSERT INTO {table} ({', '.join(connection.ops.quote_name(c) for c in columns)}) "
        f"VALUES ({', '.join(['%s'] * len(columns))})"
    )
    now = timezone.now()
    letters = {1: "", 2: "F", 3: "T", 4: "P", 5: "", 6: "", 7: "P", 8: "P", 9: "P", 10: "P"}
    written = 0
    with transaction.atomic(), connection.cursor() as cursor:
        while written < rows:
            batch = []
            for index in range(written, min(rows, written + chunk)):
                code, type_id, name, jp = ACTIVITIES[index % len(ACTIVITIES)]
                row_year = year if rng.random() < 0.3 else year - rng.randint(1, YEARS - 1)
                day = datetime.date(row_year, rng.randint(1, 12), rng.randint(1, 28))
                batch.append(
                    [
                        agency.pk,
                        employees[int(len(employees) * rng.random() ** 3)],
                        row_year,
                        "external",
                        index + 1,
                        code,
                        type_id,
                        name,
                        "BKPSDM",
                        day,
                        day,
                        jp,
                        jp * 45,
                        "certificate",
                        True,
                        f"SERT/{row_year}/{index + 1:07d}",
                        letters[type_id],
                        now,
                    ]
                )
            cursor.executemany(sql, batch)
            written += len(batch)
    return written


def build_totals(agency):
    """The per-employee-year totals from the ledger, in one statement."""
    from django.db import connection, transaction

    from binaasn.learning.models import JpYearTotal, LearningRecord

    totals = connection.ops.quote_name(JpYearTotal._meta.db_table)
    ledger = connection.ops.quote_name(LearningRecord._meta.db_table)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {totals} (agency_id, employee_id, year, jp) "
            f"SELECT agency_id, employee_id, year, SUM(jp) FROM {ledger} "
            f"WHERE agency_id = %s AND counts_toward_target GROUP BY agency_id, employee_id, year",
            [agency.pk],
        )
        cursor.execute(f"SELECT COUNT(*) FROM {totals} WHERE agency_id = %s", [agency.pk])
        return cursor.fetchone()[0]


def analyse():
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def ledger_aggregate_ms(agency, year, repeats=3):
    """What the page would pay without the totals table: sum this year's ledger per employee."""
    from django.db import connection

    from binaasn.learning.models import LearningRecord

    ledger = connection.ops.quote_name(LearningRecord._meta.db_table)
    sql = (
        f"SELECT COUNT(*) FROM (SELECT employee_id, SUM(jp) AS jp FROM {ledger} "
        f"WHERE agency_id = %s AND year = %s AND counts_toward_target GROUP BY employee_id) t "
        f"WHERE t.jp >= 20"
    )
    samples = []
    with connection.cursor() as cursor:
        for _ in range(repeats):
            start = time.perf_counter()
            cursor.execute(sql, [agency.pk, year])
            cursor.fetchone()
            samples.append(time.perf_counter() - start)
    return median_ms(samples)


def credit_one(agency, year):
    """One credit through the ledger service with the full ledger in place: the write path."""
    from binaasn.learning import jp
    from binaasn.learning.services import ledger
    from binaasn.people.models import Employee

    employee = Employee.objects.for_agency(agency).active().order_by("pk").first()
    before = ledger.year_total(agency, employee, year)
    start = time.perf_counter()
    ledger.credit(
        employee,
        source="external",
        source_pk=10**9,
        path_code="KL06",
        name="Seminar uji beban",
        organiser="BKPSDM",
        starts_on=datetime.date(year, 6, 1),
        ends_on=datetime.date(year, 6, 1),
        credit=jp.Credit(4, jp.BASIS_CERTIFICATE),
    )
    elapsed = time.perf_counter() - start
    assert ledger.year_total(agency, employee, year) == before + 4
    return round(elapsed * 1000, 2)


def largest_opd(agency):
    from binaasn.people.models import Employee, OrgUnit

    opds = OrgUnit.objects.for_agency(agency).filter(depth=1)
    sizes = {
        unit.pk: Employee.objects.for_agency(agency)
        .filter(unit__path__startswith=unit.path)
        .count()
        for unit in opds
    }
    return opds.get(pk=max(sizes, key=sizes.get)), max(sizes.values())


def run(employees, ledger_rows, *, seed="1", requests=15, warmup=3):
    from auditlog.context import disable_auditlog
    from django.test import Client, override_settings
    from django.urls import reverse
    from django.utils import timezone
    from django_scopes import scopes_disabled
    from generate import generate

    from binaasn.core.models import Membership, User

    rng = random.Random(f"compliance-bench:{seed}")
    year = timezone.localdate().year
    timings = {}
    with scopes_disabled():
        agency, plan_people, people_timings = generate(employees, seed=seed, slug="kepatuhan")
        with disable_auditlog():
            with timed(timings, "ledger_write_seconds"):
                written = write_ledger(agency, ledger_rows, year, rng)
            with timed(timings, "totals_build_seconds"):
                totals = build_totals(agency)
            analyse()
            credit_ms = credit_one(agency, year)
        without_totals_ms = ledger_aggregate_ms(agency, year)
        from binaasn.learning.queries import compliance_summary

        summary = compliance_summary(agency, year=year)
        opd, opd_size = largest_opd(agency)
        admin = User.objects.create_user("admin.kepatuhan", email="admin@kepatuhan.binaasn.test")
        Membership.objects.create(user=admin, agency=agency, role="admin")
        operator = User.objects.create_user("operator.kepatuhan", email="op@kepatuhan.binaasn.test")
        Membership.objects.create(user=operator, agency=agency, role="operator", unit=opd)

    admin_client, operator_client = Client(), Client()
    admin_client.force_login(admin, backend="django.contrib.auth.backends.ModelBackend")
    operator_client.force_login(operator, backend="django.contrib.auth.backends.ModelBackend")
    pages = {}
    with override_settings(ROOT_URLCONF=__name__, STORAGES=PLAIN_STATIC):
        slug = agency.slug
        compliance = reverse("learning:compliance", kwargs={"agency": slug})
        urls = {
            "baseline_empty_page": (
                admin_client,
                reverse("bench-baseline", kwargs={"agency": slug}),
            ),
            "agency_first_page": (admin_client, f"{compliance}?year={year}"),
            "agency_page_10": (admin_client, f"{compliance}?year={year}&page=10"),
            "opd_filter": (admin_client, f"{compliance}?year={year}&unit={opd.pk}"),
            "operator_subtree": (operator_client, f"{compliance}?year={year}"),
            "opd_xlsx_export": (
                admin_client,
                f"{compliance}?year={year}&unit={opd.pk}&format=xlsx",
            ),
        }
        for key, (client, url) in urls.items():
            light = key == "opd_xlsx_export"  # a download of every row: a few samples
            pages[key] = measure(
                client, url, requests=3 if light else requests, warmup=1 if light else warmup
            )
    baseline = pages["baseline_empty_page"]["median_ms"]
    for page in pages.values():
        page["ratio_to_baseline"] = round(page["median_ms"] / baseline, 1) if baseline else None
    in_goal = ("agency_first_page", "agency_page_10", "opd_filter", "operator_subtree")
    return {
        "benchmark": "compliance",
        "employees": len(plan_people.employees),
        "units": len(plan_people.units),
        "ledger_rows": written,
        "year": year,
        "employee_year_totals": totals,
        "largest_opd_employees": opd_size,
        "pns_cpns_active": summary["total"],
        "below_20_jp": summary["below"],
        "generate_seconds": round(
            people_timings["plan_seconds"] + people_timings["write_seconds"], 1
        ),
        **timings,
        "credit_one_record_ms": credit_ms,
        "aggregate_without_totals_ms": without_totals_ms,
        "requests_per_page": requests,
        "pages": pages,
        "goal_ms": GOAL_MS,
        "goal_pages": list(in_goal),
        "meets_goal": all(pages[key]["median_ms"] <= GOAL_MS for key in in_goal),
    }


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--employees", type=int, default=100_000)
    parser.add_argument("--ledger-rows", type=int, default=2_000_000)
    parser.add_argument("--requests", type=int, default=15, help="Timed requests per page.")
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--seed", default="1")
    add_database_arguments(parser)
    args = parser.parse_args(argv)
    db = setup_django(keep_db=args.keep_db, fast_schema=args.fast_schema)
    try:
        result = run(
            args.employees,
            args.ledger_rows,
            seed=args.seed,
            requests=args.requests,
            warmup=args.warmup,
        )
        result["environment"] = environment(db)
        emit(result)
    finally:
        db.drop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
