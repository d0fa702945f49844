"""The learning benchmarks run end to end at a tiny size, in their own process and database, so
they keep working as the code they measure changes (full-size figures: the bench scripts' JSON)."""

import json
import os
import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parents[3] / "bench"


def run_bench(script, *args):
    env = dict(os.environ)
    env["BINAASN_BENCH_DB"] = f"binaasn_bench_smoke_learning_{os.getpid()}"
    completed = subprocess.run(
        [sys.executable, str(BENCH / script), *args, "--fast-schema"],
        capture_output=True, text=True, env=env, timeout=300, check=False,
    )  # fmt: skip
    assert completed.returncode == 0, completed.stderr[-3000:]
    return json.loads(completed.stdout)


def test_compliance_bench_times_every_page_against_the_baseline():
    result = run_bench("compliance_bench.py", "--employees", "300", "--ledger-rows", "3000",
                       "--requests", "2", "--warmup", "1")  # fmt: skip
    assert result["ledger_rows"] == 3000 and result["employee_year_totals"] > 0
    pages = result["pages"]
    assert all(page["status"] == 200 and page["median_ms"] > 0 for page in pages.values())
    assert pages["agency_first_page"]["queries"] == pages["agency_page_10"]["queries"]
    assert result["aggregate_without_totals_ms"] > 0


def test_certificate_bench_generates_one_page_per_certificate():
    result = run_bench("certificate_bench.py", "--certificates", "12")
    assert result["certificates"] == result["pdf_pages"] == 12
    assert result["job_pages_per_second"] > 0
