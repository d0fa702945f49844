"""Committing on PostgreSQL: rows are checked in a thread while the rows checked so far are
written. Whatever happens late in the file, the import stays all or nothing."""

import io
import sys
import threading

import pytest
from django.db import IntegrityError, connection, transaction
from django.utils import translation
from django_scopes import scopes_disabled

from binaasn.people.importer import run_import, stream
from binaasn.people.importer.rows import RowChecker
from binaasn.people.importer.writer import EmployeeCopy
from binaasn.people.models import Employee, ImportRun, OrgUnit, Position

from .test_import_parsing import csv_bytes, sample_table

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the checking thread serves PostgreSQL's COPY"
)


@pytest.fixture(autouse=True)
def _small_pieces(monkeypatch):
    """Pieces of five rows: the 40-row sample is written in eight steps."""
    monkeypatch.setattr(stream, "CHUNK_ROWS", 5)


class Copies(list):
    """How many employees each COPY wrote; ``first`` is set once one has."""

    def __init__(self):
        super().__init__()
        self.first = threading.Event()


@pytest.fixture
def copies(monkeypatch):
    written = Copies()
    original = EmployeeCopy.write

    def write(self, cursor, records, report):
        original(self, cursor, records, report)
        written.append(len(records))
        written.first.set()

    monkeypatch.setattr(EmployeeCopy, "write", write)
    return written


def check_row_after_a_copy(monkeypatch, copies, row, then=None):
    """Hold the checking thread at ``row`` until a piece is written (and run ``then`` there):
    the late row is seen while earlier rows are already in the database."""
    original = RowChecker.check

    def check(self, number, cells):
        if number == row:
            assert copies.first.wait(timeout=30)
            if then is not None:
                then()
        return original(self, number, cells)

    monkeypatch.setattr(RowChecker, "check", check)


def counts(agency):
    with scopes_disabled():
        return (
            Employee.objects.filter(agency=agency).count(),
            OrgUnit.objects.filter(agency=agency).count(),
            Position.objects.filter(agency=agency).count(),
        )


def sample_with_last_name_blank():
    header, rows = sample_table()
    rows[-1][header.index("NAMA")] = ""
    return io.BytesIO(csv_bytes(header, rows))


def test_the_rows_are_written_piece_by_piece(cast, copies):
    before = counts(cast.a)
    result = run_import(
        cast.a, io.BytesIO(csv_bytes(*sample_table())), "x.csv", dry_run=False, create_units=True
    )
    assert result.errors == []
    assert result.created == 40
    assert len(copies) > 1 and sum(copies) == 40
    employees, units, positions = counts(cast.a)
    assert employees == before[0] + 40
    assert units > before[1] and positions > before[2]
    assert result.run.status == ImportRun.Status.COMMITTED


def test_a_bad_last_row_undoes_the_pieces_already_written(cast, copies, monkeypatch):
    check_row_after_a_copy(monkeypatch, copies, 41)
    before = counts(cast.a)
    result = run_import(
        cast.a, sample_with_last_name_blank(), "x.csv", dry_run=False, create_units=True
    )
    assert [(e.row, e.code) for e in result.errors] == [(41, "missing_name")]
    assert sum(copies) > 0  # earlier pieces were written before the bad row was checked ...
    assert counts(cast.a) == before  # ... and rolled back with their units and positions
    assert result.rejected == 1
    assert result.run.status == ImportRun.Status.REJECTED
    with scopes_disabled():
        assert ImportRun.objects.filter(pk=result.run.pk, status="rejected").exists()
    assert result.run.preview["units_to_create"]


def test_a_second_import_after_a_rejected_one_writes_the_units_again(cast):
    run_import(cast.a, sample_with_last_name_blank(), "x.csv", dry_run=False, create_units=True)
    before = counts(cast.a)
    result = run_import(
        cast.a, io.BytesIO(csv_bytes(*sample_table())), "x.csv", dry_run=False, create_units=True
    )
    assert result.errors == []
    assert counts(cast.a)[0] == before[0] + 40


def test_the_preview_writes_nothing(cast, copies):
    before = counts(cast.a)
    result = run_import(
        cast.a, io.BytesIO(csv_bytes(*sample_table())), "x.csv", dry_run=True, create_units=True
    )
    assert result.created == 40
    assert copies == []
    assert counts(cast.a) == before


def test_messages_from_the_checking_thread_are_in_the_users_language(cast):
    with translation.override("id"):
        result = run_import(
            cast.a, sample_with_last_name_blank(), "x.csv", dry_run=False, create_units=True
        )
    assert [e.message for e in result.errors] == ["Nama kosong."]


def test_a_failure_while_checking_undoes_everything_and_is_raised(cast, copies, monkeypatch):
    before = counts(cast.a)

    def fail():
        raise RuntimeError("checking broke")

    check_row_after_a_copy(monkeypatch, copies, 38, then=fail)
    with pytest.raises(RuntimeError, match="checking broke"):
        run_import(
            cast.a,
            io.BytesIO(csv_bytes(*sample_table())),
            "x.csv",
            dry_run=False,
            create_units=True,
        )
    assert sum(copies) > 0
    assert counts(cast.a) == before
    assert not any(t.name == "employee-import-check" for t in threading.enumerate())


def test_a_failure_while_writing_stops_the_checking_thread(cast, monkeypatch):
    before = counts(cast.a)

    def write(self, cursor, records, report):
        raise IntegrityError("writing broke")

    monkeypatch.setattr(EmployeeCopy, "write", write)
    with pytest.raises(IntegrityError, match="writing broke"):
        run_import(
            cast.a,
            io.BytesIO(csv_bytes(*sample_table())),
            "x.csv",
            dry_run=False,
            create_units=True,
        )
    assert counts(cast.a) == before
    assert not any(t.name == "employee-import-check" for t in threading.enumerate())


def test_foreign_keys_are_deferred_again_after_the_import(cast):
    run_import(
        cast.a, io.BytesIO(csv_bytes(*sample_table())), "x.csv", dry_run=False, create_units=True
    )
    with transaction.atomic(), scopes_disabled():
        # A reference to a unit that does not exist yet is only checked at the commit.
        employee = Employee.objects.filter(agency=cast.a).first()
        Employee.objects.filter(pk=employee.pk).update(unit_id=2_000_000_000)
        Employee.objects.filter(pk=employee.pk).update(unit_id=employee.unit_id)


def test_new_units_get_the_paths_and_depths_save_would_give_them(cast):
    result = run_import(
        cast.a, io.BytesIO(csv_bytes(*sample_table())), "x.csv", dry_run=False, create_units=True
    )
    assert result.errors == []
    with scopes_disabled():
        units = list(OrgUnit.objects.filter(agency=cast.a).select_related("parent"))
        limboto = next(u for u in units if u.name == "Puskesmas Limboto")
        assert limboto.parent.name == "Dinas Kesehatan"
        assert limboto in OrgUnit.objects.filter(agency=cast.a).subtree(limboto.parent)
    for unit in units:
        parent_path = unit.parent.path if unit.parent_id else "/"
        assert unit.path == f"{parent_path}{unit.pk}/"
        assert unit.depth == unit.path.count("/") - 2


def test_a_file_that_turns_unreadable_part_way_writes_nothing(cast, copies):
    """The file is read as it is checked: rows near its end are read after the first pieces
    are written. A cell beyond what a CSV reader takes stops the import as a whole."""
    header, rows = sample_table()
    rows[35][header.index("ALAMAT")] = "x, " * 70_000  # quoted: beyond what the CSV reader takes
    before = counts(cast.a)
    result = run_import(
        cast.a, io.BytesIO(csv_bytes(header, rows)), "x.csv", dry_run=False, create_units=True
    )
    assert sum(copies) > 0  # the first pieces were written before the bad cell was read ...
    assert counts(cast.a) == before  # ... and rolled back
    assert [e.code for e in result.errors] == ["bad_csv"]
    assert (result.created, result.updated, result.rejected) == (0, 0, 0)
    assert result.run.status == ImportRun.Status.REJECTED
    assert result.run.preview["create"] == []


def test_the_progress_bar_ends_at_the_rows_read_when_the_line_count_was_off(cast):
    """A blank line and a cell spanning two lines make the line count no row count."""
    header, rows = sample_table()
    rows[3][header.index("ALAMAT")] = "Jl. Kesatrian\nNo. 12"
    data = csv_bytes(header, rows[:20]) + b"\n\n" + csv_bytes(header, rows[20:]).split(b"\n", 1)[1]
    calls = []
    result = run_import(
        cast.a,
        io.BytesIO(data),
        "x.csv",
        dry_run=False,
        create_units=True,
        progress=lambda *a: calls.append(a),
    )
    assert result.errors == [] and result.created == 40
    assert result.run.preview["total_rows"] == 40
    assert calls[-1] == (80, 80)
    assert [done for done, _total in calls] == sorted(done for done, _total in calls)


def test_threads_switch_more_often_only_while_an_import_runs(cast, copies, monkeypatch):
    seen = []
    original = EmployeeCopy.write

    def write(self, cursor, records, report):
        seen.append(sys.getswitchinterval())
        original(self, cursor, records, report)

    monkeypatch.setattr(EmployeeCopy, "write", write)
    before = sys.getswitchinterval()
    result = run_import(
        cast.a, io.BytesIO(csv_bytes(*sample_table())), "x.csv", dry_run=False, create_units=True
    )
    assert result.created == 40
    assert seen and set(seen) == {min(stream.SWITCH_INTERVAL, before)}
    assert sys.getswitchinterval() == before


def test_the_checking_thread_waits_while_pieces_are_ahead_of_the_database(cast, monkeypatch):
    """It never gets more than AHEAD pieces ahead of the writing."""
    ahead = []
    original = stream._PieceWriter.write

    def write(self, piece):
        ahead.append(piece)
        original(self, piece)

    monkeypatch.setattr(stream._PieceWriter, "write", write)
    original_check = stream.Planner.check
    checked = []

    def check(self, rows):
        # Pieces checked so far minus pieces taken for writing: at most AHEAD waiting, plus
        # the one being taken.
        assert len(checked) - len(ahead) <= stream.AHEAD + 1
        checked.append(len(rows))
        original_check(self, rows)

    monkeypatch.setattr(stream.Planner, "check", check)
    result = run_import(
        cast.a, io.BytesIO(csv_bytes(*sample_table())), "x.csv", dry_run=False, create_units=True
    )
    assert result.created == 40 and len(checked) == 8
