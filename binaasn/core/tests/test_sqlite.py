"""The embedded SQLite database as settings.py configures it: WAL journal and IMMEDIATE
transactions, so the web workers and the job worker can write side by side.

The settings module is evaluated afresh without DATABASE_URL (so this runs under PostgreSQL CI
too) and pointed at a temporary file database."""

import runpy
import threading
from pathlib import Path

import pytest
from django.db import connections, transaction

import binaasn

ALIAS = "sqlite_under_test"
WAIT = 30  # seconds; generous bounds, never a sleep


@pytest.fixture
def sqlite_file(tmp_path, monkeypatch, django_db_blocker):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    fresh = runpy.run_path(str(Path(binaasn.__file__).with_name("settings.py")))
    database = dict(fresh["DATABASES"]["default"], NAME=str(tmp_path / "binaasn.sqlite3"))
    assert database["ENGINE"] == "django.db.backends.sqlite3"
    filled = connections.configure_settings({"default": database})["default"]  # fills defaults
    connections.settings[ALIAS] = filled
    with django_db_blocker.unblock():
        yield database
        connections[ALIAS].close()
    del connections.settings[ALIAS]
    if hasattr(connections._connections, ALIAS):
        delattr(connections._connections, ALIAS)


def test_the_embedded_database_uses_wal_and_immediate_transactions(sqlite_file):
    assert sqlite_file["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    with connections[ALIAS].cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        assert cursor.fetchone()[0] == "wal"
        cursor.execute("PRAGMA busy_timeout")
        assert cursor.fetchone()[0] >= 5000


def test_two_writers_at_once_wait_for_each_other_instead_of_failing(sqlite_file):
    """Writer A holds a transaction that reads then writes; writer B (another thread, another
    connection) starts its own read-then-write transaction meanwhile. A goes on writing only once
    B is inside its transaction: blocked at BEGIN IMMEDIATE, or (were transactions deferred) past
    its first read, in which case one of the two would fail with "database is locked"."""
    with connections[ALIAS].cursor() as cursor:
        cursor.execute("CREATE TABLE ledger (id INTEGER PRIMARY KEY, writer TEXT, seen INTEGER)")

    a_in_transaction = threading.Event()
    b_started = threading.Event()
    errors = []

    def writer_b():
        try:
            assert a_in_transaction.wait(WAIT)
            connection = connections[ALIAS]
            connection.ensure_connection()

            def notice(statement):
                if statement.startswith("BEGIN IMMEDIATE"):
                    b_started.set()  # traced before SQLite waits for the lock

            connection.connection.set_trace_callback(notice)
            with transaction.atomic(using=ALIAS), connection.cursor() as cursor:
                cursor.execute("SELECT COUNT(*) FROM ledger")
                seen = cursor.fetchone()[0]
                b_started.set()
                cursor.execute("INSERT INTO ledger (writer, seen) VALUES ('B', %s)", [seen])
        except Exception as error:  # reported below, with the thread's own message
            errors.append(repr(error))
        finally:
            connections[ALIAS].close()

    thread = threading.Thread(target=writer_b)
    thread.start()
    with transaction.atomic(using=ALIAS), connections[ALIAS].cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM ledger")
        seen = cursor.fetchone()[0]
        a_in_transaction.set()
        assert b_started.wait(WAIT), "writer B never started its transaction"
        cursor.execute("INSERT INTO ledger (writer, seen) VALUES ('A', %s)", [seen])
    thread.join(WAIT)

    assert not thread.is_alive(), "writer B is still waiting"
    assert errors == []
    with connections[ALIAS].cursor() as cursor:
        cursor.execute("SELECT writer, seen FROM ledger ORDER BY id")
        # B saw A's row: it began only after A committed.
        assert cursor.fetchall() == [("A", 0), ("B", 1)]
