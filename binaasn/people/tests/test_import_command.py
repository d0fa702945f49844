"""``manage.py import_employees``: one summary line, rejected rows one per line, exit codes."""

import pytest
from django.core.management import CommandError, call_command
from django_scopes import scopes_disabled

from binaasn.people.models import Employee, OrgUnit

from .test_import_parsing import VALID, WITH_ERRORS


def run(*args):
    from io import StringIO

    out, err = StringIO(), StringIO()
    try:
        call_command("import_employees", *map(str, args), stdout=out, stderr=err)
    except CommandError as error:
        return out.getvalue(), err.getvalue(), error.returncode
    return out.getvalue(), err.getvalue(), 0


def count(agency):
    with scopes_disabled():
        return Employee.objects.filter(agency=agency).count()


def test_import_prints_the_summary_and_reimport_is_unchanged(cast):
    before = count(cast.a)
    out, err, code = run(VALID, "--agency", "alpha", "--create-units")
    assert code == 0
    assert out.strip() == "created=40 updated=0 unchanged=0 rejected=0"
    assert count(cast.a) == before + 40
    out, _err, code = run(VALID, "--agency", "alpha", "--create-units")
    assert (out.strip(), code) == ("created=0 updated=0 unchanged=40 rejected=0", 0)


def test_dry_run_writes_nothing(cast):
    before = count(cast.a)
    out, _err, code = run(VALID, "--agency", "alpha", "--create-units", "--dry-run")
    assert (out.strip(), code) == ("created=40 updated=0 unchanged=0 rejected=0", 0)
    assert count(cast.a) == before


def test_rejected_rows_exit_1_one_line_each_and_write_nothing(cast):
    before = count(cast.a)
    out, err, code = run(WITH_ERRORS, "--agency", "alpha", "--create-units")
    assert code == 1
    assert out.strip().endswith("rejected=8")
    lines = err.strip().splitlines()
    assert len(lines) == 8
    assert lines[0].startswith("row 13: NIP BARU: ")
    assert lines[1].startswith("row 14: NIP BARU: ")
    assert [line.split(":")[0] for line in lines] == [
        f"row {n}" for n in (13, 14, 15, 16, 21, 24, 25, 39)
    ]
    assert count(cast.a) == before


def test_without_create_units_unknown_units_are_rejected(cast):
    with scopes_disabled():
        units = OrgUnit.objects.filter(agency=cast.a).count()
    out, err, code = run(VALID, "--agency", "alpha")
    assert code == 1
    assert "Puskesmas Limboto" in err
    with scopes_disabled():
        assert OrgUnit.objects.filter(agency=cast.a).count() == units


def test_unknown_agency_and_missing_file_are_command_errors(cast, tmp_path):
    with pytest.raises(CommandError):
        call_command("import_employees", str(VALID), "--agency", "nowhere")
    with pytest.raises(CommandError):
        call_command("import_employees", str(tmp_path / "none.csv"), "--agency", "alpha")


def test_empty_file_exits_1_with_a_message(cast, tmp_path):
    empty = tmp_path / "kosong.csv"
    empty.write_bytes(b"")
    out, err, code = run(empty, "--agency", "alpha")
    assert code == 1
    assert err.strip().startswith("file: ")
