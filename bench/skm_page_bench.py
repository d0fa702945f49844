"""Requests per second of the public SKM page served by gunicorn, against a minimal Django view
under the same gunicorn settings, in the same run.

    python bench/skm_page_bench.py [--requests 1500] [--concurrency 4] [--workers 2]

Sets up the benchmark database (bench/benchlib.py) with one agency and its DISDUKCAPIL service
unit, collects static files as production does, then starts one gunicorn on a free port of
127.0.0.1 (this module is its WSGI application: the project's URLs plus ``/uji-beban/minimal/``,
a view returning a short text through the same middleware, also mounted under the public agency
prefix to show what resolving the agency alone costs). A bounded loop of ``--requests`` GETs
per page, from ``--concurrency`` client threads on loopback only, measures each page; the goal is
a requests/s ratio SKM page ÷ minimal view of at least 0.5. Prints JSON.

The page itself costs about what the same minimal view costs behind the agency middleware; what
separates both from the bare view is the database connection each request opens under the
project's settings. ``--conn-max-age 60`` keeps connections open in the server (and says so in the
output).
"""

import argparse
import http.client
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

GOAL_RATIO = 0.5
HERE = Path(__file__).resolve().parent


# --- the WSGI side (imported by gunicorn) --------------------------------------------------


def minimal_view(request, public_agency=None):
    from django.http import HttpResponse

    return HttpResponse("ok", content_type="text/plain")


def _urlpatterns():
    from django.urls import include, path

    return [
        path("uji-beban/minimal/", minimal_view),
        # the same view behind the agency middleware: what resolving a public agency costs
        path("publik/<slug:public_agency>/uji-beban/minimal/", minimal_view),
        path("", include("binaasn.urls")),
    ]


def __getattr__(name):
    # This module is gunicorn's application and, once loaded, the URLconf.
    if name == "urlpatterns":
        return _urlpatterns()
    if name == "application":
        from django.conf import settings
        from django.core.wsgi import get_wsgi_application

        app = get_wsgi_application()
        settings.ROOT_URLCONF = __name__
        if os.environ.get("BINAASN_BENCH_CONN_MAX_AGE"):
            # --conn-max-age: keep database connections between requests (reported in the JSON)
            settings.DATABASES["default"]["CONN_MAX_AGE"] = int(
                os.environ["BINAASN_BENCH_CONN_MAX_AGE"]
            )
        return app
    raise AttributeError(name)


# --- the driver ----------------------------------------------------------------------------


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def prepare():
    from django.core.management import call_command
    from django_scopes import scopes_disabled

    from binaasn.citizens.models import ServiceUnit
    from binaasn.core.models import Agency
    from binaasn.people.models import OrgUnit

    with scopes_disabled():
        agency = Agency.objects.create(
            name="Pemerintah Kabupaten Uji Beban", slug="ujibeban", kind="kabupaten"
        )
        office = OrgUnit.objects.create(
            agency=agency, name="Dinas Kependudukan dan Pencatatan Sipil"
        )
        ServiceUnit.objects.create(
            agency=agency,
            org_unit=office,
            name=office.name,
            public_code="DISDUKCAPIL",
            services="Pelayanan KTP-el\nPelayanan Kartu Keluarga\nAkta Kelahiran",
        )
    call_command("collectstatic", interactive=False, verbosity=0)
    return f"/publik/{agency.slug}/skm/DISDUKCAPIL/"


def wait_until_up(port, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("gunicorn did not start")


def fetch(port, path):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("GET", path, headers={"Host": "127.0.0.1", "Accept-Language": "id"})
        response = connection.getresponse()
        body = response.read()
        return response.status, len(body)
    finally:
        connection.close()


def load(port, path, requests, concurrency):
    """``requests`` GETs from ``concurrency`` threads; returns requests/s and latencies."""
    latencies, statuses, sizes = [], [], set()
    lock = threading.Lock()
    per_thread = [
        requests // concurrency + (1 if i < requests % concurrency else 0)
        for i in range(concurrency)
    ]

    def worker(count):
        for _ in range(count):
            start = time.perf_counter()
            status, size = fetch(port, path)
            elapsed = time.perf_counter() - start
            with lock:
                latencies.append(elapsed)
                statuses.append(status)
                sizes.add(size)

    threads = [threading.Thread(target=worker, args=(n,)) for n in per_thread]
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - start
    return {
        "path": path,
        "requests": len(latencies),
        "non_200": sum(1 for s in statuses if s != 200),
        "bytes": max(sizes),
        "requests_per_second": round(len(latencies) / elapsed, 1),
        "median_latency_ms": round(statistics.median(latencies) * 1000, 2),
        "p95_latency_ms": round(sorted(latencies)[int(len(latencies) * 0.95) - 1] * 1000, 2),
    }


def run(requests, concurrency, workers, threads, warmup, conn_max_age=None):
    from django.conf import settings

    survey = prepare()
    port = free_port()
    env = dict(
        os.environ, DEBUG="0", SECURE_SSL_REDIRECT="0", SECURE_COOKIES="0", SECURE_HSTS_SECONDS="0"
    )
    if conn_max_age is not None:
        env["BINAASN_BENCH_CONN_MAX_AGE"] = str(conn_max_age)
    env["ALLOWED_HOSTS"] = "127.0.0.1"
    command = [
        str(Path(sys.executable).parent / "gunicorn"), "skm_page_bench:application",
        "--chdir", str(HERE), "--bind", f"127.0.0.1:{port}", "--workers", str(workers),
        "--threads", str(threads), "--log-level", "warning", "--pythonpath", str(HERE.parent),
    ]  # fmt: skip
    server = subprocess.Popen(command, env=env)
    try:
        wait_until_up(port)
        pages = {
            "minimal_view": "/uji-beban/minimal/",
            "minimal_view_in_agency": survey.split("skm/")[0] + "uji-beban/minimal/",
            "skm_page": survey,
        }
        for path in pages.values():
            for _ in range(warmup):
                status, _size = fetch(port, path)
                assert status == 200, (path, status)
        # Alternate the two pages so a busy moment on the machine hits both alike.
        results = {key: [] for key in pages}
        for _round in range(2):
            for key, path in pages.items():
                results[key].append(load(port, path, requests // 2, concurrency))
    finally:
        server.terminate()
        server.wait(timeout=30)
    merged = {}
    for key, rounds in results.items():
        merged[key] = dict(rounds[-1])
        merged[key]["requests"] = sum(r["requests"] for r in rounds)
        merged[key]["non_200"] = sum(r["non_200"] for r in rounds)
        merged[key]["requests_per_second"] = round(
            statistics.mean(r["requests_per_second"] for r in rounds), 1
        )
    rps = {key: page["requests_per_second"] for key, page in merged.items()}
    ratio = round(rps["skm_page"] / rps["minimal_view"], 2)
    return {
        "benchmark": "skm_public_page",
        "gunicorn": {"workers": workers, "threads": threads, "bind": "127.0.0.1"},
        "database_connections": {
            "conn_max_age_in_settings": settings.DATABASES["default"].get("CONN_MAX_AGE"),
            "conn_max_age_used": settings.DATABASES["default"].get("CONN_MAX_AGE")
            if conn_max_age is None
            else conn_max_age,
        },
        "client": {"concurrency": concurrency, "requests_per_page": requests, "warmup": warmup},
        "pages": merged,
        "ratio_skm_to_minimal": ratio,
        "ratio_minimal_in_agency_to_minimal": round(
            rps["minimal_view_in_agency"] / rps["minimal_view"], 2
        ),
        "load_average_1m": round(os.getloadavg()[0], 2),
        "goal": {"min_ratio": GOAL_RATIO},
        "meets_goal": ratio >= GOAL_RATIO and not any(p["non_200"] for p in merged.values()),
    }


def main(argv=None):
    from benchlib import add_database_arguments, emit, environment, setup_django

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=1500, help="GETs per page (bounded loop).")
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--warmup", type=int, default=20)
    parser.add_argument(
        "--conn-max-age",
        type=int,
        help="Keep database connections this many seconds in the server (the settings open one "
        "per request: SQLite always, PostgreSQL unless CONN_MAX_AGE is set).",
    )
    add_database_arguments(parser)
    args = parser.parse_args(argv)
    db = setup_django(keep_db=args.keep_db, fast_schema=args.fast_schema)
    try:
        result = run(
            args.requests,
            args.concurrency,
            args.workers,
            args.threads,
            args.warmup,
            args.conn_max_age,
        )
        result["environment"] = environment(db)
        emit(result)
    finally:
        db.drop()
    return 0 if result["meets_goal"] else 1


if __name__ == "__main__":
    sys.path.insert(0, str(HERE))
    sys.exit(main())
