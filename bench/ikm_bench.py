"""Time the IKM of an agency with N survey answers (SKM) against the same aggregate in raw SQL.

    python bench/ikm_bench.py --answers 1000000 [--units 20] [--repeat 9]

Fills the benchmark database (bench/benchlib.py: a temporary SQLite file, or the PostgreSQL
database binaasn_bench when DATABASE_URL names a server) with one agency holding ``--answers``
answers over one year across ``--units`` service units, plus a second agency with a tenth as many
(the query must pick one agency's rows). Then, in the same run, times ``--repeat`` times:

- ``orm``: ``binaasn.citizens.queries.ikm_for_agency`` — what the pages call: the agency's IKM
  method, one aggregate query, the exact formula (ikm.py);
- ``raw_sql``: the same aggregate as one handwritten SQL statement through a cursor;
- ``raw_sql_nine_sums``: for comparison, SUM over the nine answer columns one by one.

Goal: the ORM path within 300 ms and within 1.5× of ``raw_sql``. Prints JSON.
"""

import argparse
import os
import statistics
import sys
import time

from benchlib import add_database_arguments, emit, environment, setup_django, timed

GOAL_MS = 300
GOAL_RATIO = 1.5
PAIR_BASE = 2**32
YEAR_START = "2025-01-01"
YEAR_END = "2025-12-31"
# Odd multipliers give each unsur its own deterministic, roughly uniform spread of answers 1–4.
MULTIPLIERS = (
    2654435761,
    2246822519,
    3266489917,
    668265263,
    374761393,
    1103515245,
    12345679,
    40503,
    2147483647,
)


def insert_sql(vendor, table, agency_id, first_unit, units, count):
    """One INSERT … SELECT that writes ``count`` answers in the database itself: mostly 3s and
    4s (about 10 % ones, 20 % twos), a deterministic spread per unsur, dates over one year."""
    spread = [f"((x * {m}) % 1000003) % 10" for m in MULTIPLIERS]
    answers = ", ".join(
        f"CASE WHEN {r} < 1 THEN 1 WHEN {r} < 3 THEN 2 WHEN {r} < 7 THEN 3 ELSE 4 END AS u{n}"
        for n, r in enumerate(spread, start=1)
    )
    day = (
        f"DATE '{YEAR_START}' + (x % 365)::int"
        if vendor == "postgresql"
        else f"date('{YEAR_START}', '+' || (x % 365) || ' days')"
    )
    now = "now()" if vendor == "postgresql" else "datetime('now')"
    if vendor == "postgresql":
        series = f"generate_series(1::bigint, {count}) AS s(x)"
        prefix = ""
    else:
        recursion = f"SELECT x + 1 FROM seq WHERE x < {count}"
        prefix = f"WITH RECURSIVE seq(x) AS (SELECT 1 UNION ALL {recursion}) "
        series = "seq"
    columns = ", ".join(f"u{n}" for n in range(1, 10))
    pairs = ", ".join(f"u{low} + u{low + 1} * {PAIR_BASE}" for low in (1, 3, 5, 7))
    return (
        f"{prefix}INSERT INTO {table} (agency_id, unit_id, answered_on, {columns}, "
        "pair_12, pair_34, pair_56, pair_78, age_group, gender, education, occupation, service, "
        "suggestion, source, created_at) "
        f"SELECT {agency_id}, unit_id, answered_on, {columns}, {pairs}, "
        "CASE x % 6 WHEN 0 THEN 'lt20' WHEN 1 THEN '20-29' WHEN 2 THEN '30-39' WHEN 3 THEN '40-49' "
        "WHEN 4 THEN '50-59' ELSE '60+' END, CASE x % 2 WHEN 0 THEN 'L' ELSE 'P' END, "
        f"'SMA', 'Swasta', 'Pelayanan KTP-el', '', 'online', {now} "
        f"FROM (SELECT x, {first_unit} + x % {units} AS unit_id, {day} AS answered_on, {answers} "
        f"FROM {series}) AS generated"
    )


def fill(count, units):
    from django.db import connection, transaction
    from django_scopes import scopes_disabled

    from binaasn.citizens.models import ServiceUnit, SkmResponse
    from binaasn.core.models import Agency
    from binaasn.people.models import OrgUnit

    table = SkmResponse._meta.db_table
    agencies = []
    with scopes_disabled(), transaction.atomic():
        for slug, n in (("ikm", count), ("lain", max(1, count // 10))):
            agency = Agency.objects.create(
                name=f"Pemerintah Kabupaten {slug.title()}", slug=slug, kind="kabupaten"
            )
            root = OrgUnit.objects.create(agency=agency, name=agency.name, kind="pemda")
            created = [
                ServiceUnit.objects.create(
                    agency=agency, org_unit=root, name=f"Unit {i}", public_code=f"U{i}"
                )
                for i in range(units)
            ]
            with connection.cursor() as cursor:
                cursor.execute(
                    insert_sql(connection.vendor, table, agency.pk, created[0].pk, units, n)
                )
            agencies.append(agency)
    with connection.cursor() as cursor:
        # PostgreSQL reads an index alone only where the visibility map says so: vacuum as
        # autovacuum would after a bulk load.
        cursor.execute(
            f"VACUUM ANALYZE {table}" if connection.vendor == "postgresql" else "ANALYZE"
        )
    return agencies[0]


RAW_PACKED = (
    "SELECT COUNT(*), SUM(pair_12), SUM(pair_34), SUM(pair_56), SUM(pair_78), SUM(u9) "
    "FROM {table} WHERE agency_id = %s AND answered_on BETWEEN %s AND %s"
)
RAW_NINE = (
    "SELECT COUNT(*), SUM(u1), SUM(u2), SUM(u3), SUM(u4), SUM(u5), SUM(u6), SUM(u7), SUM(u8), "
    "SUM(u9) FROM {table} WHERE agency_id = %s AND answered_on BETWEEN %s AND %s"
)


def time_calls(call, repeat):
    """Wall-clock and CPU seconds of ``repeat`` calls. On a busy machine the wall clock includes
    waiting for a core; with SQLite the query runs in this process, so its CPU time shows the work
    itself (with PostgreSQL the work is in the server and the CPU figure means little)."""
    call()  # warm the caches once
    wall, cpu = [], []
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        value = call()
        wall.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return value, (wall, cpu)


def summary(samples):
    wall, cpu = samples
    return {
        "median_ms": round(statistics.median(wall) * 1000, 1),
        "min_ms": round(min(wall) * 1000, 1),
        "max_ms": round(max(wall) * 1000, 1),
        "median_cpu_ms": round(statistics.median(cpu) * 1000, 1),
    }


def run(count, units, repeat):
    import datetime

    from django.db import connection
    from django_scopes import scope

    from binaasn.citizens import ikm, queries
    from binaasn.citizens.models import SkmResponse

    result = {"benchmark": "ikm_agency", "answers": count, "units": units, "repeat": repeat}
    with timed(result, "fill_seconds"):
        agency = fill(count, units)
    start, end = datetime.date.fromisoformat(YEAR_START), datetime.date.fromisoformat(YEAR_END)
    table = SkmResponse._meta.db_table
    params = [agency.pk, YEAR_START, YEAR_END]

    def raw(sql):
        def call():
            with connection.cursor() as cursor:
                cursor.execute(sql.format(table=table), params)
                return cursor.fetchone()

        return call

    with scope(agency=agency):
        ikm_result, orm_samples = time_calls(
            lambda: queries.ikm_for_agency(agency, start, end), repeat
        )
        packed_row, raw_samples = time_calls(raw(RAW_PACKED), repeat)
        nine_row, nine_samples = time_calls(raw(RAW_NINE), repeat)
    sums = []
    for total in packed_row[1:5]:
        sums.extend(ikm.unpack_pair(total))
    sums.append(int(packed_row[5]))
    assert [int(v) for v in nine_row[1:]] == sums, "packed and plain sums differ"
    assert ikm_result.respondents == packed_row[0] == count
    with connection.cursor() as cursor:
        explain = "EXPLAIN QUERY PLAN " if connection.vendor == "sqlite" else "EXPLAIN "
        cursor.execute(explain + RAW_PACKED.format(table=table), params)
        plan = [" ".join(str(c) for c in row) for row in cursor.fetchall()]
    orm, raw_sql = summary(orm_samples), summary(raw_samples)
    ratio = round(orm["median_ms"] / raw_sql["median_ms"], 2)
    result.update({
        "ikm": {"converted": str(ikm_result.converted), "mutu": ikm_result.mutu,
                "respondents": ikm_result.respondents},
        "orm": orm,
        "raw_sql": raw_sql,
        "raw_sql_nine_sums": summary(nine_samples),
        "ratio_orm_to_raw": ratio,
        "query_plan": plan,
        "load_average_1m": round(os.getloadavg()[0], 2),
        "goal": {"max_ms": GOAL_MS, "max_ratio": GOAL_RATIO},
        "meets_goal": orm["median_ms"] <= GOAL_MS and ratio <= GOAL_RATIO,
    })  # fmt: skip
    return result


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--answers", type=int, default=1_000_000)
    parser.add_argument("--units", type=int, default=20)
    parser.add_argument("--repeat", type=int, default=9)
    add_database_arguments(parser)
    args = parser.parse_args(argv)
    db = setup_django(keep_db=args.keep_db, fast_schema=args.fast_schema)
    try:
        result = run(args.answers, args.units, args.repeat)
        result["environment"] = environment(db)
        emit(result)
    finally:
        db.drop()
    return 0 if result["meets_goal"] else 1


if __name__ == "__main__":
    sys.exit(main())
