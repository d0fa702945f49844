"""Time the employee import against a raw insert of the same rows.

    python bench/import_bench.py --rows 100000 [--seed 1] [--preview]

Generates a SIASN-style CSV of that many people (bench/generate.py), imports it into a new agency
through the code path of the import page and the CLI — ``run_import(agency, path, file_name,
dry_run=False, create_units=True)``: read, check every row, create units and positions, write
employees, career entries and the audit entry — and, in the same run, inserts the same employee
rows into the same table with ``executemany`` on a raw cursor in a fresh agency: the floor any
importer stands on. Prints JSON with rows/s of both and their ratio.
"""

import argparse
import os
import sys
import tempfile
from pathlib import Path

from benchlib import add_database_arguments, emit, environment, setup_django, timed


def create_root(agency):
    from binaasn.people import services
    from binaasn.people.models import OrgUnit

    return services.create_unit(agency, name=agency.name, kind=OrgUnit.Kind.PEMDA)


def import_csv(agency, path, *, dry_run):
    from binaasn.people.importer import run_import

    return run_import(agency, path, Path(path).name, dry_run=dry_run, create_units=True)


def raw_insert(agency, employees):
    """The same employee rows into the same table with one executemany on a raw cursor, in one
    transaction; units, positions and supervisors are the importer's work and left empty."""
    from django.db import transaction

    from binaasn.people.demo.writer import insert_rows
    from binaasn.people.models import Employee

    for employee in employees:
        employee.agency = agency
        employee.unit = employee.position = employee.supervisor = None
    with transaction.atomic():
        return insert_rows(Employee, employees)


GOAL = 20_000  # rows per second, wall clock, on PostgreSQL


def database_cpu_seconds():
    """CPU seconds of this connection's PostgreSQL backend so far, when the server runs on this
    machine (read from /proc); None otherwise. The import's share of the database's work."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        (pid,) = cursor.fetchone()
    try:
        with open(f"/proc/{pid}/stat") as handle:
            fields = handle.read().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def run(rows, *, seed="1", preview=False, again=False, workdir=None):
    """Generate, import, insert raw; returns the result dict."""
    from django_scopes import scopes_disabled
    from generate import create_bench_agency, plan_bench_people, write_siasn_csv

    from binaasn.people.models import Employee, OrgUnit, Position

    workdir = Path(workdir or tempfile.mkdtemp(prefix="binaasn-import-"))
    path = workdir / f"siasn-{rows}.csv"
    timings = {}
    with scopes_disabled():
        agency = create_bench_agency("impor", rows)
        create_root(agency)
        with timed(timings, "csv_seconds"):
            plan = plan_bench_people(agency, rows, seed)
            write_siasn_csv(plan, path)
        if preview:
            with timed(timings, "preview_seconds"):
                checked = import_csv(agency, path, dry_run=True)
            assert checked.ok, [str(e) for e in checked.errors[:10]]
        load_before = os.getloadavg()
        server_cpu = database_cpu_seconds()
        with timed(timings, "import_seconds"):
            result = import_csv(agency, path, dry_run=False)
        if server_cpu is not None:
            timings["import_database_cpu_seconds"] = round(database_cpu_seconds() - server_cpu, 3)
        load_after = os.getloadavg()
        if not result.ok:
            return {"benchmark": "import", "rows": rows, "ok": False,
                    "errors": [str(e) for e in result.errors[:10]]}  # fmt: skip
        if again:
            # The same file once more: every row is found unchanged and nothing is written.
            with timed(timings, "again_seconds"):
                repeated = import_csv(agency, path, dry_run=False)
            timings["again_rows_per_second"] = round(rows / timings["again_seconds"])
            timings["again_summary"] = repeated.summary_line()
            timings["again_changes_nothing"] = (
                repeated.ok and repeated.created == 0 and repeated.updated == 0
            )
        imported = Employee.objects.for_agency(agency).count()
        units = OrgUnit.objects.for_agency(agency).count() - 1  # without the root
        positions = Position.objects.for_agency(agency).count()

        raw_agency = create_bench_agency("mentah", rows)
        with timed(timings, "raw_seconds"):
            raw_insert(raw_agency, plan.employees)

    import_rate = rows / timings["import_seconds"]
    raw_rate = rows / timings["raw_seconds"]
    return {
        "benchmark": "import",
        "ok": timings.get("again_changes_nothing", True),
        "rows": rows,
        "created": result.created,
        "employees_in_agency": imported,
        "units_created": units,
        "positions_created": positions,
        **timings,
        "import_rows_per_second": round(import_rate),
        "raw_rows_per_second": round(raw_rate),
        "import_share_of_raw_speed": round(import_rate / raw_rate, 3),
        "raw_times_faster": round(raw_rate / import_rate, 1),
        "import_rows_per_cpu_second": round(rows / timings["import_cpu_seconds"]),
        "raw_rows_per_cpu_second": round(rows / timings["raw_cpu_seconds"]),
        "csv_megabytes": round(path.stat().st_size / 1e6, 1),
        "goal_rows_per_second": GOAL,
        "meets_goal": import_rate >= GOAL,
        "load_average_before_import": [round(x, 2) for x in load_before],
        "load_average_after_import": [round(x, 2) for x in load_after],
    }


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--seed", default="1")
    parser.add_argument("--preview", action="store_true", help="Also time the dry run first.")
    parser.add_argument(
        "--again", action="store_true", help="Also time importing the same file a second time."
    )
    add_database_arguments(parser)
    args = parser.parse_args(argv)
    db = setup_django(keep_db=args.keep_db, fast_schema=args.fast_schema)
    try:
        with tempfile.TemporaryDirectory(prefix="binaasn-import-") as workdir:
            result = run(
                args.rows, seed=args.seed, preview=args.preview, again=args.again, workdir=workdir
            )
        result["environment"] = environment(db)
        emit(result)
    finally:
        db.drop()
    return 0 if result["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
