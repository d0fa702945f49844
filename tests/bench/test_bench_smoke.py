"""Each benchmark run end to end at a tiny size, in its own process and database, so the scripts
cannot rot while the code they measure changes. (Figures at full size: bench/README.md.)"""

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from binaasn.core.models import Agency
from binaasn.people.nip import validate_nip

BENCH = Path(__file__).resolve().parents[2] / "bench"
SAMPLE = Path(__file__).resolve().parents[2] / "binaasn/people/tests/data/employees-sample.csv"


def run_bench(script, *args):
    env = dict(os.environ)
    # On PostgreSQL the benchmark makes a database of its own; name it for this run only.
    env["BINAASN_BENCH_DB"] = f"binaasn_bench_smoke_{os.getpid()}"
    completed = subprocess.run(
        [sys.executable, str(BENCH / script), *args, "--fast-schema"],
        capture_output=True, text=True, env=env, timeout=300, check=False,
    )  # fmt: skip
    assert completed.returncode == 0, completed.stderr[-3000:]
    return json.loads(completed.stdout)


def test_generate_creates_the_agency_and_a_siasn_csv(tmp_path):
    target = tmp_path / "siasn.csv"
    result = run_bench("generate.py", "--employees", "120", "--seed", "7", "--csv", str(target))
    assert result["employees"] == 120
    assert result["units"] > 10 and result["positions"] > 10
    with target.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    with SAMPLE.open(newline="", encoding="utf-8-sig") as handle:
        assert rows[0] == next(csv.reader(handle))
    assert len(rows) == 121
    assert len({row[1] for row in rows[1:]}) == 120  # NIP BARU, all different


def test_import_bench_imports_every_row_and_compares_with_a_raw_insert():
    result = run_bench("import_bench.py", "--rows", "150", "--again")
    assert result["ok"], result.get("errors")
    assert result["again_changes_nothing"] is True
    assert result["again_summary"] == "created=0 updated=0 unchanged=150 rejected=0"
    assert result["created"] == result["employees_in_agency"] == 150
    assert result["units_created"] > 0
    assert result["import_rows_per_second"] > 0 and result["raw_rows_per_second"] > 0
    assert result["import_share_of_raw_speed"] > 0


def test_list_bench_times_every_page_and_counts_its_queries():
    result = run_bench("list_bench.py", "--employees", "200", "--requests", "2", "--warmup", "1")
    pages = result["pages"]
    assert set(pages) == {"baseline_empty_page", "first_page", "search", "filtered", "last_page"}
    assert all(page["status"] == 200 and page["median_ms"] > 0 for page in pages.values())
    assert all(page["queries"] > 0 for page in pages.values())
    assert pages["first_page"]["queries"] == pages["last_page"]["queries"]
    assert result["goal_ms"] == 100 and "first_page_meets_goal" in result


@pytest.fixture
def generate_module(monkeypatch):
    monkeypatch.syspath_prepend(str(BENCH))
    import generate

    return generate


def test_the_synthetic_agency_is_the_same_for_the_same_seed(generate_module):
    agency = Agency(slug="uji", name="Pemerintah Uji")
    first = generate_module.plan_bench_people(agency, 400, "3")
    second = generate_module.plan_bench_people(agency, 400, "3")
    other = generate_module.plan_bench_people(agency, 400, "4")
    nips = [e.nip for e in first.employees]
    assert nips == [e.nip for e in second.employees]
    assert nips != [e.nip for e in other.employees]
    assert len(set(nips)) == 400
    for e in first.employees:
        validate_nip(e.nip, birth_date=e.birth_date, gender=e.gender, status=e.status)


def test_plan_evaluation_bench_times_the_page_against_the_baseline():
    result = run_bench(
        "plan_evaluation_bench.py",
        "--employees", "300", "--ledger-rows", "2000", "--programmes", "4",
        "--requests", "2", "--warmup", "1",
    )  # fmt: skip
    pages = result["pages"]
    assert {"plan_evaluation", "plan_evaluation_list"} <= set(pages)
    assert all(page["status"] == 200 and page["median_ms"] > 0 for page in pages.values())
    assert pages["plan_evaluation"]["queries"] > 0
    assert pages["plan_evaluation"]["ratio_to_baseline"] > 0
