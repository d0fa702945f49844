"""run_import on the sample files: counts, planted errors, all-or-nothing, upserts, history."""

import io

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_scopes import scopes_disabled

from binaasn.core.models import AuditEntry
from binaasn.people.importer import run_import
from binaasn.people.models import CareerEntry, Employee, ImportRun, OrgUnit, Position

from .test_import_parsing import DATA, VALID, WITH_ERRORS, csv_bytes, pick, sample_table

# Kinds of planted errors (README of the samples) and the codes our checks give them.
CODES = {
    "nip_length": {"nip_length"},
    "nip_month_13": {"nip_month", "nip_birthdate"},
    "nip_birthdate_mismatch": {"nip_birthdate_mismatch"},
    "nip_gender_mismatch": {"nip_gender_mismatch"},
    "unknown_golongan": {"unknown_golongan"},
    "duplicate_nip": {"duplicate_nip"},
    "missing_name": {"missing_name"},
    "bad_date": {"bad_date"},
}


def planted():
    lines = (DATA / "employees-sample-with-errors.csv.errors").read_text().split("\n")
    return {int(row): kind for row, kind in (line.split() for line in lines if line.strip())}


def employees(agency):
    with scopes_disabled():
        return Employee.objects.filter(agency=agency)


def test_valid_sample_imports_all_40_rows(cast):
    before = employees(cast.a).count()
    result = run_import(cast.a, VALID, "employees-sample.csv", dry_run=False, create_units=True)
    assert result.errors == []
    assert result.summary_line() == "created=40 updated=0 unchanged=0 rejected=0"
    assert employees(cast.a).count() == before + 40
    imported = employees(cast.a).exclude(
        pk__in=[cast.employee.pk, cast.supervisor.pk, cast.outsider.pk]
    )
    assert imported.filter(status="PNS").count() == 35
    assert imported.filter(status="PPPK").count() == 5
    assert result.run.status == ImportRun.Status.COMMITTED


def test_planted_errors_are_found_on_their_rows_and_nothing_is_written(cast):
    before = employees(cast.a).count()
    with scopes_disabled():
        units_before = OrgUnit.objects.filter(agency=cast.a).count()
    result = run_import(cast.a, WITH_ERRORS, "with-errors.csv", dry_run=False, create_units=True)
    found = {}
    for error in result.errors:
        found.setdefault(error.row, set()).add(error.code)
    expected = planted()
    assert set(found) == set(expected)
    for row, kind in expected.items():
        assert found[row] & CODES[kind], (row, kind, found[row])
    assert result.rejected == 8
    assert result.run.status == ImportRun.Status.REJECTED
    assert employees(cast.a).count() == before
    with scopes_disabled():
        assert OrgUnit.objects.filter(agency=cast.a).count() == units_before


def test_messages_name_the_column(cast):
    result = run_import(cast.a, WITH_ERRORS, "with-errors.csv", dry_run=True, create_units=True)
    by_row = {error.row: error for error in result.errors}
    assert by_row[14].column == "NIP BARU"
    assert "18" in by_row[14].message
    assert by_row[15].column == "TMT GOLONGAN"
    assert by_row[16].column == "NAMA"
    assert by_row[21].column == "GOL AKHIR NAMA"
    assert "V/a" in by_row[21].message
    assert "row 2" in by_row[39].message


def test_reimporting_the_same_file_changes_nothing(cast):
    run_import(cast.a, VALID, "employees-sample.csv", dry_run=False, create_units=True)
    with scopes_disabled():
        counts = (OrgUnit.objects.count(), Position.objects.count(), CareerEntry.objects.count())
    result = run_import(cast.a, VALID, "employees-sample.csv", dry_run=False, create_units=True)
    assert result.summary_line() == "created=0 updated=0 unchanged=40 rejected=0"
    with scopes_disabled():
        assert (
            OrgUnit.objects.count(),
            Position.objects.count(),
            CareerEntry.objects.count(),
        ) == counts


def test_progress_is_reported_while_checking_and_writing(cast):
    calls = []
    run_import(
        cast.a,
        VALID,
        "x.csv",
        dry_run=False,
        create_units=True,
        progress=lambda *a: calls.append(a),
    )
    assert calls[0][1] == 80
    assert calls[-1] == (80, 80)
    assert [done for done, _total in calls] == sorted(done for done, _total in calls)


def test_dry_run_counts_but_writes_nothing(cast):
    before = employees(cast.a).count()
    result = run_import(cast.a, VALID, "employees-sample.csv", dry_run=True, create_units=True)
    assert result.created == 40
    assert employees(cast.a).count() == before
    assert result.run.status == ImportRun.Status.PREVIEWED
    preview = result.run.preview
    assert len(preview["create"]) == 40
    assert {"name": "Puskesmas Limboto", "parent": "Dinas Kesehatan"}.items() <= next(
        u for u in preview["units_to_create"] if u["name"] == "Puskesmas Limboto"
    ).items()
    assert any(p["name"] == "Guru Ahli Pertama" for p in preview["positions_to_create"])


def test_without_create_units_unknown_units_are_row_errors(cast):
    result = run_import(cast.a, VALID, "employees-sample.csv", dry_run=False, create_units=False)
    messages = [e.message for e in result.errors if e.code == "unknown_unit"]
    assert any("Puskesmas Limboto" in m for m in messages)
    assert any("Dinas Pendidikan dan Kebudayaan" in m for m in messages)
    assert {e.column for e in result.errors if e.code == "unknown_unit"} <= {
        "UNOR NAMA",
        "SATUAN KERJA KERJA NAMA",
    }
    assert not employees(cast.a).filter(nip="198911212016092876").exists()
    with scopes_disabled():
        assert not OrgUnit.objects.filter(agency=cast.a, name="Puskesmas Limboto").exists()


def test_without_create_units_known_units_and_positions_are_used(cast):
    header, rows = sample_table()
    telaga = [row for row in rows if row[header.index("UNOR NAMA")] == "Puskesmas Telaga"]
    nurses = [row for row in telaga if row[header.index("JABATAN NAMA")] == "TERAMPIL - PERAWAT"]
    assert nurses
    result = run_import(
        cast.a, io.BytesIO(csv_bytes(header, nurses)), "x.csv", dry_run=False, create_units=False
    )
    assert result.errors == []
    nip = nurses[0][header.index("NIP BARU")]
    nurse = employees(cast.a).get(nip=nip)
    assert nurse.unit == cast.puskesmas
    assert nurse.position == cast.nurse


def test_create_units_builds_the_tree_and_positions(cast):
    run_import(cast.a, VALID, "employees-sample.csv", dry_run=False, create_units=True)
    with scopes_disabled():
        limboto = OrgUnit.objects.get(agency=cast.a, name="Puskesmas Limboto")
        assert limboto.parent == cast.dinkes
        assert limboto.kind == "puskesmas"
        bkpsdm = OrgUnit.objects.get(agency=cast.a, name__startswith="Badan Kepegawaian")
        assert bkpsdm.parent == cast.pemda
        assert OrgUnit.objects.filter(agency=cast.a, name="Dinas Kesehatan").count() == 1
        guru = Position.objects.get(agency=cast.a, name="Guru Ahli Pertama")
        assert (guru.position_type, guru.level) == ("fungsional_keahlian", "ahli_pertama")
        kabid = Position.objects.get(agency=cast.a, name="Kepala Bidang Pengembangan Kompetensi")
        assert kabid.position_type == "administrator"
        assert (
            Position.objects.get(agency=cast.a, name="Bidan Terampil").position_type
            == "fungsional_keterampilan"
        )
        assert not Position.objects.filter(
            agency=cast.a, name__iexact="terampil - perawat"
        ).exists()


def test_updates_of_rank_position_and_unit_write_career_history(cast):
    header, rows = sample_table()
    run_import(cast.a, VALID, "employees-sample.csv", dry_run=False, create_units=True)
    hasna = rows[0]
    hasna[header.index("GOL AKHIR NAMA")] = "III/b"
    hasna[header.index("GOL AKHIR ID")] = "32"
    hasna[header.index("TMT GOLONGAN")] = "01-04-2024"
    hasna[header.index("JABATAN NAMA")] = "Perawat Terampil"
    hasna[header.index("JABATAN ID")] = ""
    hasna[header.index("JENIS JABATAN ID")] = "2"
    hasna[header.index("UNOR NAMA")] = "Puskesmas Limboto"
    result = run_import(
        cast.a, io.BytesIO(csv_bytes(header, rows)), "v2.csv", dry_run=False, create_units=True
    )
    assert result.summary_line() == "created=0 updated=1 unchanged=39 rejected=0"
    with scopes_disabled():
        employee = Employee.objects.get(agency=cast.a, nip="198911212016092876")
        assert employee.golongan == "III/b"
        assert employee.unit.name == "Puskesmas Limboto"
        history = {e.kind: e for e in CareerEntry.objects.filter(employee=employee)}
    assert set(history) == {"rank", "position", "unit"}
    assert (history["rank"].old_value, history["rank"].new_value) == ("III/a", "III/b")
    assert history["rank"].effective_on.isoformat() == "2024-04-01"
    assert history["position"].old_value == "Pengadministrasi Perkantoran"
    assert history["position"].new_value == "Perawat Terampil"
    assert (history["unit"].old_value, history["unit"].new_value) == (
        "Puskesmas Telaga",
        "Puskesmas Limboto",
    )


def test_blank_cells_do_not_erase_existing_data(cast):
    run_import(cast.a, VALID, "employees-sample.csv", dry_run=False, create_units=True)
    header, rows = pick(*sample_table(), ["NIP BARU", "NAMA", "NOMOR HP"])
    for row in rows:
        row[2] = ""
    result = run_import(
        cast.a, io.BytesIO(csv_bytes(header, rows)), "x.csv", dry_run=False, create_units=False
    )
    assert result.unchanged == 40
    assert employees(cast.a).get(nip="198911212016092876").phone == "089769809255"


def test_one_audit_entry_for_the_batch_and_none_per_employee(cast):
    employee_type = ContentType.objects.get_for_model(Employee)
    per_employee = AuditEntry.objects.filter(content_type=employee_type).count()
    result = run_import(
        cast.a, VALID, "employees-sample.csv", dry_run=False, create_units=True, user=cast.admin
    )
    run_type = ContentType.objects.get_for_model(ImportRun)
    entries = AuditEntry.objects.filter(content_type=run_type, object_pk=str(result.run.pk))
    assert entries.count() == 1
    entry = entries.get()
    assert entry.agency == cast.a
    assert entry.actor == cast.admin
    assert "employees-sample.csv" in entry.additional_data["summary"]
    assert "40" in entry.additional_data["summary"]
    assert AuditEntry.objects.filter(content_type=employee_type).count() == per_employee


def test_queries_do_not_grow_with_rows(cast):
    header, rows = pick(
        *sample_table(), ["NIP BARU", "NAMA", "TANGGAL LAHIR", "GOL AKHIR NAMA", "JABATAN NAMA"]
    )
    rows = [row for row in rows if row[4] == "TERAMPIL - PERAWAT"] + [
        row for row in rows if row[4] != "TERAMPIL - PERAWAT"
    ]

    def count(selected):
        with CaptureQueriesContext(connection) as queries:
            result = run_import(
                cast.a,
                io.BytesIO(csv_bytes(header, selected)),
                "x.csv",
                dry_run=False,
                create_units=True,
            )
        assert result.errors == []
        return len(queries)

    # Both files name the same positions, so only the number of employee rows differs.
    few = [r for r in rows if r[4] in ("TERAMPIL - PERAWAT", "Pengadministrasi Perkantoran")]
    with scopes_disabled():
        Position.objects.create(
            agency=cast.a, name="Pengadministrasi Perkantoran", position_type="pelaksana"
        )
    small = count(few[:3])
    large = count(few[3:])
    assert len(few) > 6
    assert large == small


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b"", "empty"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, "not_spreadsheet"),
        (b"MZ\x90\x00\x03" + b"\x00" * 100, "not_spreadsheet"),
        (b"PK\x03\x04garbage-not-a-zip", "not_spreadsheet"),
        (b"NIP BARU,NAMA\n", "no_rows"),
        (b"NAMA,TANGGAL LAHIR\nAli,01-01-1990\n", "missing_column"),
    ],
)
def test_bad_files_are_refused_with_a_message_and_nothing_written(cast, content, code):
    before = employees(cast.a).count()
    result = run_import(cast.a, io.BytesIO(content), "rusak.csv", dry_run=False, create_units=True)
    assert [e.code for e in result.errors] == [code]
    assert result.errors[0].message
    assert employees(cast.a).count() == before
    assert result.run.status == ImportRun.Status.REJECTED


def test_missing_required_column_is_named(cast):
    result = run_import(
        cast.a, io.BytesIO(b"NIP BARU,JABATAN\n1,x\n"), "x.csv", dry_run=True, create_units=False
    )
    assert [(e.row, e.column) for e in result.errors] == [(1, "NAMA")]
    assert "NAMA" in result.errors[0].message


def test_agency_without_a_tree_gets_a_root_and_its_opds(cast):
    from binaasn.core.tests.factories import AgencyFactory

    with scopes_disabled():
        empty = AgencyFactory(name="Pemerintah Kabupaten Gamma", slug="gamma")
    result = run_import(empty, VALID, "employees-sample.csv", dry_run=False, create_units=True)
    assert result.created == 40
    with scopes_disabled():
        root = OrgUnit.objects.get(agency=empty, parent=None)
        assert (root.name, root.kind, root.path, root.depth) == (
            "Pemerintah Kabupaten Gamma",
            "pemda",
            f"/{root.pk}/",
            0,
        )
        telaga = OrgUnit.objects.get(agency=empty, name="Puskesmas Telaga")
        assert telaga.parent.name == "Dinas Kesehatan"
        assert telaga.parent.parent == root
        assert telaga.path == f"/{root.pk}/{telaga.parent.pk}/{telaga.pk}/"
        assert telaga.depth == 2


def test_a_duplicate_of_a_bad_row_is_still_reported_as_duplicate(cast):
    header, rows = pick(*sample_table(), ["NIP BARU", "NAMA", "TANGGAL LAHIR"])
    rows = rows[:3]
    rows[2] = [rows[0][0], "Orang Lain", rows[0][2]]  # row 4 repeats row 2's NIP
    rows[0][2] = "31-02-1989"  # row 2: a bad date
    result = run_import(
        cast.a, io.BytesIO(csv_bytes(header, rows)), "x.csv", dry_run=True, create_units=False
    )
    assert {(e.row, e.code) for e in result.errors} == {(2, "bad_date"), (4, "duplicate_nip")}


def test_reimporting_a_file_that_gives_one_siasn_id_to_several_posts_changes_nothing(cast):
    """Some exports give the same JABATAN ID (and UNOR ID) to the same post in several units:
    the first import makes a unit and a position in each OPD; importing the file again must
    find each row's own, not the first one holding the id."""
    header, rows = sample_table()
    at = {name: header.index(name) for name in header}
    opds = []
    for row in rows:
        if row[at["SATUAN KERJA KERJA NAMA"]] not in opds:
            opds.append(row[at["SATUAN KERJA KERJA NAMA"]])
    chosen = {}
    for row in rows:
        opd = row[at["SATUAN KERJA KERJA NAMA"]]
        if opd in opds[:2] and len(chosen.setdefault(opd, [])) < 2:
            chosen[opd].append(row)
            row[at["UNOR ID"]] = "UNOR-SEKSI-PEM"
            row[at["UNOR NAMA"]] = "Seksi Pemerintahan"
            row[at["JABATAN ID"]] = "JAB-KASI-PEM"
            row[at["JABATAN NAMA"]] = "Kepala Seksi Pemerintahan"
            row[at["JENIS JABATAN ID"]] = "1"
            row[at["JENIS JABATAN NAMA"]] = "Struktural"
    assert [len(v) for v in chosen.values()] == [2, 2]
    data = csv_bytes(header, rows)
    first = run_import(cast.a, io.BytesIO(data), "x.csv", dry_run=False, create_units=True)
    assert first.errors == [] and first.created == 40
    again = run_import(cast.a, io.BytesIO(data), "x.csv", dry_run=False, create_units=True)
    assert again.summary_line() == "created=0 updated=0 unchanged=40 rejected=0"
    with scopes_disabled():
        placed = {
            (e.unit.parent.name, e.unit.name, e.position.name, e.position.unit_id == e.unit_id)
            for e in Employee.objects.filter(
                agency=cast.a, nip__in=[r[at["NIP BARU"]] for v in chosen.values() for r in v]
            ).select_related("unit__parent", "position")
        }
    assert placed == {
        (opd, "Seksi Pemerintahan", "Kepala Seksi Pemerintahan", True) for opd in opds[:2]
    }
