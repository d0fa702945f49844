"""SIASN's unit hierarchy file builds the tree with SIASN ids before employees are imported."""

import io

from django_scopes import scopes_disabled

from binaasn.people.importer import run_import
from binaasn.people.models import Employee, OrgUnit

from .test_import_parsing import csv_bytes, pick, sample_table

TREE = (
    b"ID,NAMA_UNOR,ID_ATASAN\n"
    b"A1,Pemerintah Kab. Gorontalo,\n"
    b"B1,Dinas Kesehatan,A1\n"
    b"C1,Puskesmas Limboto,B1\n"
    b"B2,Dinas Pendidikan dan Kebudayaan,A1\n"
    b"C2,SD Negeri 1 Limboto,B2\n"
)


def tree_import(cast, content=TREE, dry_run=False):
    return run_import(cast.a, io.BytesIO(content), "unor.csv", dry_run=dry_run, create_units=False)


def test_hierarchy_file_builds_the_tree_with_siasn_ids(cast):
    result = tree_import(cast)
    assert result.errors == []
    assert result.summary_line() == "created=3 updated=2 unchanged=0 rejected=0"
    with scopes_disabled():
        units = {u.siasn_id: u for u in OrgUnit.objects.filter(agency=cast.a).exclude(siasn_id="")}
    assert units["A1"] == cast.pemda
    assert units["B1"] == cast.dinkes
    assert units["C1"].parent == cast.dinkes
    assert units["C1"].kind == "puskesmas"
    assert units["B2"].parent == cast.pemda
    assert units["C2"].parent == units["B2"]
    assert units["C2"].kind == "sekolah"
    assert units["C2"].path == f"{units['B2'].path}{units['C2'].pk}/"
    assert units["C2"].depth == cast.pemda.depth + 2
    with scopes_disabled():
        assert units["C2"] in OrgUnit.objects.subtree(cast.pemda)


def test_hierarchy_reimport_is_unchanged_and_dry_run_writes_nothing(cast):
    preview = tree_import(cast, dry_run=True)
    assert preview.created == 3
    with scopes_disabled():
        assert not OrgUnit.objects.filter(agency=cast.a, name="Puskesmas Limboto").exists()
    tree_import(cast)
    again = tree_import(cast)
    assert again.summary_line() == "created=0 updated=0 unchanged=5 rejected=0"


def test_employees_then_match_units_by_siasn_id(cast):
    tree_import(cast)
    header, rows = pick(*sample_table(), ["NIP BARU", "NAMA", "UNOR ID", "UNOR NAMA"])
    rows = rows[:1]
    rows[0][2], rows[0][3] = "C1", "PKM Limboto"
    result = run_import(
        cast.a, io.BytesIO(csv_bytes(header, rows)), "x.csv", dry_run=False, create_units=False
    )
    assert result.errors == []
    with scopes_disabled():
        assert Employee.objects.get(agency=cast.a, nip=rows[0][0]).unit.name == "Puskesmas Limboto"


def test_hierarchy_errors_name_rows_and_write_nothing(cast):
    content = (
        b"ID,NAMA_UNOR,ID_ATASAN\nX1,Bagian Satu,X2\nX2,Bagian Dua,X1\nX3,,X1\nX1,Bagian Lagi,\n"
    )
    with scopes_disabled():
        before = OrgUnit.objects.filter(agency=cast.a).count()
    result = tree_import(cast, content)
    codes = {(e.row, e.code) for e in result.errors}
    assert (4, "missing_name") in codes
    assert (5, "duplicate_id") in codes
    assert any(code == "parent_loop" for _row, code in codes)
    with scopes_disabled():
        assert OrgUnit.objects.filter(agency=cast.a).count() == before
