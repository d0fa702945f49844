"""Committing a file on PostgreSQL: the rows are read and checked in a thread while the main
thread writes the rows checked so far, so the database works on one core while Python reads and
checks on the other.

Everything still happens in one transaction on the request's own connection: only the main
thread talks to the database (the checking thread runs no query), and a row rejected late in
the file rolls back what was already written — units, positions and employees alike.
"""

import contextlib
import queue
import sys
import threading

from auditlog.context import set_actor
from django.db import connection, transaction
from django.utils import translation

from binaasn.people.models import Employee

from .plan import Planner
from .reader import ImportFileError
from .result import RowError
from .writer import (
    EmployeeCopy,
    _update_employees,
    _write_career,
    copy_positions,
    copy_units,
    log_import,
)

# Rows checked before the main thread writes them. Small enough that the last piece, written
# after the checking ends, is short; large enough that a piece's few queries do not add up.
CHUNK_ROWS = 4000
# Pieces checked but not yet written. The database is the slower of the two: once it has this
# many pieces waiting, the checking thread waits too instead of taking the interpreter from
# the thread that feeds the database.
AHEAD = 2
# How long a thread may keep the interpreter while another waits for it (Python's default is
# 5 ms). The writing thread gives it up each time it sends a block of rows; taking it back
# after 5 ms each time would leave the database idle for a good part of the import.
SWITCH_INTERVAL = 0.0005


class Checked:
    """What the checking thread has done: rows checked, and the lengths of the plan's lists of
    creates, planned units and planned positions at that moment."""

    __slots__ = ("rows", "creates", "units", "positions")

    def __init__(self, rows, creates, units, positions):
        self.rows = rows
        self.creates = creates
        self.units = units
        self.positions = positions


class Rejected(Exception):
    """A row was rejected: undo what was written."""


def stream_import(agency, sheet, run, *, create_units, settle, user=None, progress=None, total=0):
    """Check every row of ``sheet`` and, if none is rejected, write the plan; returns the Plan.

    ``settle(plan)`` is called once every row is checked, inside the transaction, to put the
    counts, errors and preview on ``run`` and say its status. With errors the transaction rolls
    back and only the run (status rejected) is saved.
    """
    planner = Planner(agency, sheet, create_units=create_units)
    plan = planner.plan
    pieces = queue.Queue(maxsize=AHEAD)
    stop = threading.Event()
    checker = threading.Thread(
        target=_check,
        args=(planner, sheet, pieces, stop, translation.get_language()),
        name="employee-import-check",
        daemon=True,
    )
    actor = set_actor(user) if user is not None else contextlib.nullcontext()
    written = 0

    def report(count):
        nonlocal written
        written += count
        if progress is not None:
            progress(min(checked + written, total), total)

    checked = 0
    try:
        with transaction.atomic(), actor, _switch_interval(SWITCH_INTERVAL):
            checker.start()
            writer = _PieceWriter(agency, plan, report)
            for piece in iter(pieces.get, None):
                if isinstance(piece, ImportFileError):
                    _refuse_file(plan, piece)  # the file turned unreadable part way
                    continue
                if isinstance(piece, BaseException):
                    raise piece
                checked = piece.rows
                if progress is not None:
                    progress(min(checked + written, total), total)
                if not plan.errors:  # once a row is rejected nothing more is worth writing
                    writer.write(piece)
            checker.join()
            # A streamed file's row count was an estimate until now: the bar ends at its end.
            total = 2 * checked
            if progress is not None:
                progress(min(checked + written, total), total)
            writer.finish()
            settle(plan)
            if plan.errors:
                raise Rejected
            _update_employees(agency, plan.updates, report)
            _write_career(agency, plan, run.file_name)
            run.save()
            units, positions = len(plan.units.planned), len(plan.positions.planned)
            log_import(run, user, units=units, positions=positions)
    except Rejected:
        for planned in (*plan.units.planned, *plan.positions.order):
            planned.pk = None  # their rows were rolled back
        for unit in plan.units.planned:
            unit.path = None
        run.save()
    finally:
        stop.set()
        checker.join()
    return plan


def _refuse_file(plan, error):
    """The file cannot be read to its end: nothing of it is imported, as when it cannot be
    read at all; the error is the only thing reported."""
    plan.creates, plan.updates, plan.unchanged = [], [], 0
    plan.rejected_rows = set()
    plan.errors = [RowError(error.row, error.column, error.message, error.code)]


def _check(planner, sheet, pieces, stop, language):
    """The checking thread: read and check the rows of ``sheet`` piece by piece and hand each
    piece over. A streamed CSV file is read here too, so the first rows are written while the
    rest of the file is still being read."""
    plan = planner.plan
    checked = 0
    try:
        with translation.override(language):
            for rows in sheet.pieces(CHUNK_ROWS):
                if stop.is_set():
                    return
                planner.check(rows)
                checked += len(rows)
                piece = Checked(
                    checked, len(plan.creates), len(plan.units.planned), len(plan.positions.order)
                )
                if not _hand_over(pieces, piece, stop):
                    return
    except BaseException as error:  # handed to the main thread, which raises it
        _hand_over(pieces, error, stop)
    finally:
        _hand_over(pieces, None, stop)


def _hand_over(pieces, item, stop):
    """Put ``item`` in the queue once there is room; False when the main thread has stopped
    taking pieces (it failed or finished), so the checking thread can end."""
    while not stop.is_set():
        try:
            pieces.put(item, timeout=0.05)
        except queue.Full:
            continue
        return True
    return False


_switching = threading.Lock()
_switch_users = 0
_switch_before = None


@contextlib.contextmanager
def _switch_interval(seconds):
    """Python's thread switch interval at most ``seconds`` while the block runs (in as many
    threads as like; the interval is the process's, put back when the last one ends)."""
    global _switch_users, _switch_before
    with _switching:
        if _switch_users == 0:
            _switch_before = sys.getswitchinterval()
            sys.setswitchinterval(min(seconds, _switch_before))
        _switch_users += 1
    try:
        yield
    finally:
        with _switching:
            _switch_users -= 1
            if _switch_users == 0:
                sys.setswitchinterval(_switch_before)


class _PieceWriter:
    """Writes each checked piece: its new units, its new positions, then its new employees.

    The employee table's foreign keys are checked at the end of each COPY instead of all at
    the commit (a piece's units and positions are written before its employees, so they hold):
    the database checks a piece while the next one is being checked in Python, and no longer
    spends seconds on it at the end. ``finish`` puts them back to deferred.
    """

    def __init__(self, agency, plan, report):
        self.agency = agency
        self.plan = plan
        self.report = report
        self.copy = EmployeeCopy(agency)
        self.units = self.positions = self.creates = 0
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT conname FROM pg_constraint WHERE conrelid = %s::regclass "
                "AND contype = 'f' AND condeferrable AND condeferred ORDER BY conname",
                [Employee._meta.db_table],
            )
            names = [connection.ops.quote_name(name) for (name,) in cursor.fetchall()]
            self.constraints = ", ".join(names)
            if names:
                cursor.execute(f"SET CONSTRAINTS {self.constraints} IMMEDIATE")

    def finish(self):
        if self.constraints:
            with connection.cursor() as cursor:
                cursor.execute(f"SET CONSTRAINTS {self.constraints} DEFERRED")

    def write(self, piece):
        plan = self.plan
        if piece.units > self.units:
            copy_units(self.agency, plan.units.planned[self.units : piece.units], plan.units.paths)
            self.units = piece.units
        if piece.positions > self.positions:
            copy_positions(self.agency, plan.positions.order[self.positions : piece.positions])
            self.positions = piece.positions
        if piece.creates > self.creates:
            records = plan.creates[self.creates : piece.creates]
            with connection.cursor() as cursor:
                self.copy.write(cursor.cursor, records, self.report)
            self.creates = piece.creates
