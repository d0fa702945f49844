"""What every benchmark shares: its own database, Django set-up, timing and JSON output.

A benchmark never touches the developer's data. With SQLite (the default) it works in a
temporary file; when DATABASE_URL names a PostgreSQL server it works in a database of its own on
that server, ``binaasn_bench`` (or $BINAASN_BENCH_DB), made afresh for each run; runs on the same
server and name wait for each other. Both are removed at the end unless ``--keep-db`` is given.
"""

import json
import os
import platform
import shutil
import statistics
import sys
import tempfile
import time
import zlib
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

PROJECT = Path(__file__).resolve().parent.parent
if str(PROJECT) not in sys.path:
    sys.path.insert(0, str(PROJECT))


def add_database_arguments(parser):
    parser.add_argument(
        "--keep-db", action="store_true", help="Keep the benchmark database for a look afterwards."
    )
    parser.add_argument(
        "--fast-schema",
        action="store_true",
        help="Create the tables straight from the models instead of running every migration "
        "(same tables and indexes, no data migrations; for quick smoke runs).",
    )


class _NoMigrations(dict):
    def __contains__(self, item):
        return True

    def __getitem__(self, item):
        return None


class BenchDatabase:
    """The benchmark's own database, chosen from the developer's DATABASE_URL."""

    def __init__(self, keep=False):
        import dj_database_url

        self.keep = keep
        self.tmpdir = Path(tempfile.mkdtemp(prefix="binaasn-bench-"))
        source = os.environ.get("DATABASE_URL", "")
        config = dj_database_url.parse(source) if source else {"ENGINE": "sqlite3"}
        self.vendor = "postgresql" if "postgresql" in config["ENGINE"] else "sqlite"
        if self.vendor == "postgresql":
            self.name = os.environ.get("BINAASN_BENCH_DB", "binaasn_bench")
            self.server = config
            self.url = self._pg_url(self.name)
        else:
            self.name = str(self.tmpdir / "bench.sqlite3")
            self.url = f"sqlite:///{self.name}"

    def _pg_url(self, name):
        c = self.server
        auth = quote(c.get("USER") or "", safe="")
        if c.get("PASSWORD"):
            auth += f":{quote(c['PASSWORD'], safe='')}"
        host = c.get("HOST") or "localhost"
        port = f":{c['PORT']}" if c.get("PORT") else ""
        return f"postgres://{auth}{'@' if auth else ''}{host}{port}/{name}"

    def _pg_admin(self, sql):
        import psycopg

        with psycopg.connect(self._maintenance_url(), autocommit=True) as conn:
            conn.execute(sql)

    def _maintenance_url(self):
        return self._pg_url("postgres").replace("postgres://", "postgresql://", 1)

    def create(self):
        if self.vendor == "postgresql":
            import psycopg

            # Benchmarks sharing a server and a database name take turns: the lock is held
            # by this session until drop(), so no run recreates the database under another.
            self._lock = psycopg.connect(self._maintenance_url(), autocommit=True)
            self._lock.execute("SELECT pg_advisory_lock(%s)", [zlib.crc32(self.name.encode())])
            self._pg_admin(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')
            self._pg_admin(f'CREATE DATABASE "{self.name}"')

    def drop(self):
        if self.vendor == "postgresql":
            from django.db import connections

            connections.close_all()
            if not self.keep:
                self._pg_admin(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')
            self._lock.close()
        if not self.keep:
            shutil.rmtree(self.tmpdir, ignore_errors=True)

    def describe(self):
        return {"vendor": self.vendor, "name": self.name, "kept": self.keep}


def setup_django(keep_db=False, fast_schema=False):
    """Point Django at a fresh benchmark database, migrate it, and return it.

    Settings stay those of production (DEBUG off, no query logging); only the host name of
    Django's test client and plain HTTP are allowed, and files go to a temporary folder.
    """
    db = BenchDatabase(keep=keep_db)
    db.create()
    os.environ["DATABASE_URL"] = db.url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "binaasn.settings")
    os.environ.setdefault("SECRET_KEY", "bench-only-secret-key-not-for-production-0123456789abcdef")
    os.environ["ALLOWED_HOSTS"] = "testserver,127.0.0.1,localhost"
    os.environ["SECURE_SSL_REDIRECT"] = "0"
    os.environ["MEDIA_ROOT"] = str(db.tmpdir / "media")
    os.environ["STATIC_ROOT"] = str(db.tmpdir / "static")
    (db.tmpdir / "static").mkdir(exist_ok=True)
    os.environ.setdefault("LOG_LEVEL", "ERROR")
    import django
    from django.core.management import call_command

    django.setup()
    from django.conf import settings

    # Invented people get no e-mail, and stdout stays the JSON result (finishing an offering,
    # for one, sends its reaction questionnaire).
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    if fast_schema:
        settings.MIGRATION_MODULES = _NoMigrations()
    call_command("migrate", verbosity=0, skip_checks=True, run_syncdb=fast_schema)
    call_command("createcachetable", verbosity=0)
    return db


@contextmanager
def timed(results, key):
    """Store the wall-clock seconds under ``key`` and this process's CPU seconds next to it
    (``..._cpu_seconds``): on a busy machine the CPU time still tells what the work costs
    (with SQLite the database works inside this process; PostgreSQL's share is not in it)."""
    start, cpu = time.perf_counter(), time.process_time()
    yield
    results[key] = round(time.perf_counter() - start, 3)
    results[key.replace("_seconds", "_cpu_seconds")] = round(time.process_time() - cpu, 3)


def median_ms(samples):
    return round(statistics.median(samples) * 1000, 2)


def environment(db):
    import django

    return {
        "python": platform.python_version(),
        "django": django.get_version(),
        "machine": platform.machine(),
        "cpus": os.cpu_count(),
        "database": db.describe(),
    }


def emit(result):
    print(json.dumps(result, indent=2, ensure_ascii=False, default=str))


def empty_page(request, agency):
    """The baseline page: the same layout and middleware as the measured pages, no content."""
    from django.shortcuts import render

    return render(request, "base.html", {})


def page_urlpatterns():
    """The project's URLs plus the baseline page, for a benchmark module acting as URLconf."""
    from django.urls import include, path

    from binaasn.core.permissions import role_required

    baseline = role_required("admin", "operator", "leader")(empty_page)
    return [
        path("<slug:agency>/uji-beban/kosong/", baseline, name="bench-baseline"),
        path("", include("binaasn.urls")),
    ]


def measure(client, url, *, requests, warmup, before_each=None):
    """Median wall and CPU time of GET ``url`` after a warm-up, with its query count and size.
    ``before_each`` (untimed) runs before every request, e.g. to drop what a page keeps."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    prepare = before_each or (lambda: None)
    for _ in range(warmup):
        prepare()
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
    prepare()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    queries = len(captured)  # read now: the next request empties the connection's log
    samples, cpu = [], []
    for _ in range(requests):
        prepare()
        start, start_cpu = time.perf_counter(), time.process_time()
        response = client.get(url)
        samples.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return {
        "url": url,
        "status": response.status_code,
        "median_ms": median_ms(samples),
        "median_cpu_ms": median_ms(cpu),
        "min_ms": round(min(samples) * 1000, 2),
        "max_ms": round(max(samples) * 1000, 2),
        "queries": queries,
        "kilobytes": round(len(response.content) / 1024, 1),
    }
