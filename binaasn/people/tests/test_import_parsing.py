"""Reading the many shapes of SIASN files: headers, delimiters, encodings, dates, codes."""

import csv
import datetime
import io
from pathlib import Path

import pytest
import xlsxwriter
from django_scopes import scopes_disabled

from binaasn.people.importer import run_import
from binaasn.people.importer import values as v
from binaasn.people.importer.headers import Columns, normalize_header
from binaasn.people.importer.positions import canonical_name, classify
from binaasn.people.importer.reader import ImportFileError, detect_delimiter, read_sheet
from binaasn.people.models import Employee
from binaasn.people.nip import compose_nip

DATA = Path(__file__).parent / "data"
VALID = DATA / "employees-sample.csv"
WITH_ERRORS = DATA / "employees-sample-with-errors.csv"


def sample_table(path=VALID):
    with open(path, newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    return rows[0], rows[1:]


def pick(header, rows, columns, rename=None):
    """Keep ``columns`` of the sample, optionally renaming headers."""
    rename = rename or {}
    positions = [header.index(c) for c in columns]
    new_header = [rename.get(c, c) for c in columns]
    return new_header, [[row[p] for p in positions] for row in rows]


def csv_bytes(header, rows, delimiter=",", bom=False):
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow(header)
    writer.writerows(rows)
    data = buffer.getvalue().encode("utf-8")
    return (b"\xef\xbb\xbf" + data) if bom else data


def xlsx_bytes(header, rows, date_columns=(), serial_columns=()):
    """An XLSX; cells of ``date_columns`` become real Excel dates, ``serial_columns`` numbers."""
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_numbers": False})
    sheet = workbook.add_worksheet("Data")
    date_format = workbook.add_format({"num_format": "dd/mm/yyyy"})
    sheet.write_row(0, 0, header)
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row):
            name = header[c]
            if value and (name in date_columns or name in serial_columns):
                day = datetime.datetime.strptime(value, "%d-%m-%Y")
                if name in date_columns:
                    sheet.write_datetime(r, c, day, date_format)
                else:
                    sheet.write_number(r, c, (day.date() - datetime.date(1899, 12, 30)).days)
            else:
                sheet.write_string(r, c, value)
    workbook.close()
    return buffer.getvalue()


def imported(cast, data, name="pegawai.csv", **options):
    options.setdefault("create_units", True)
    options.setdefault("dry_run", False)
    return run_import(cast.a, io.BytesIO(data), name, **options)


# Headers ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "raw", ["NIP BARU", "nip_baru", "NIP_BARU", " Nip  Baru ", "\ufeffNIP BARU", "nip.baru"]
)
def test_header_spellings_are_the_same_column(raw):
    assert normalize_header(raw) == "NIP BARU"


def test_aliases_lead_to_siasn_names_and_unknown_columns_are_ignored():
    columns = Columns(["NIP", "Nama", "TGL_LHR", "Golongan", "Unit Kerja", "SATKER", "Hobi"])
    assert columns.index["NIP BARU"] == 0
    assert columns.index["TANGGAL LAHIR"] == 2
    assert columns.index["GOL AKHIR NAMA"] == 3
    assert columns.index["UNOR NAMA"] == 4
    assert columns.index["SATUAN KERJA KERJA NAMA"] == 5
    assert columns.ignored == ["Hobi"]
    assert columns.name_in_file("TANGGAL LAHIR") == "TGL_LHR"


def test_siasn_name_wins_over_an_alias():
    columns = Columns(["NIP", "NIP BARU", "NAMA"])
    assert columns.index["NIP BARU"] == 1


@pytest.mark.parametrize("delimiter", [",", ";", "|"])
def test_delimiter_is_detected(delimiter):
    assert detect_delimiter(delimiter.join(["NIP BARU", "NAMA", "TANGGAL LAHIR"])) == delimiter


# Values ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        "21-11-1989",
        "21/11/1989",
        "1989-11-21",
        "1989-11-21T00:00:00",
        "1989-11-21 00:00:00",
        "1989-11-21T07:30:00+07:00",
        "21-11-1989 ",
        "32833",
        32833,
        32833.0,
        datetime.date(1989, 11, 21),
        datetime.datetime(1989, 11, 21, 0, 0),
    ],
)
def test_date_forms(value):
    assert v.date(value) == datetime.date(1989, 11, 21)


@pytest.mark.parametrize("value", ["31-02-2020", "2020-13-01", "kemarin", "00-00-0000"])
def test_impossible_or_unreadable_dates_are_refused(value):
    with pytest.raises(ValueError):
        v.date(value)


@pytest.mark.parametrize(
    ("value", "expected"),
    [("M", "L"), ("F", "P"), ("L", "L"), ("P", "P"), ("1", "L"), ("2", "P"), ("laki-laki", "L"),
     ("PEREMPUAN", "P"), ("Pria", "L"), ("WANITA", "P"), (1.0, "L")],
)  # fmt: skip
def test_gender_codes(value, expected):
    assert v.gender(value) == expected


@pytest.mark.parametrize("value", ["III/a", "III a", "3a", "IIIa", "iii/A", "3/a"])
def test_golongan_forms(value):
    assert v.golongan(value, "", "PNS") == "III/a"


def test_golongan_by_siasn_id_and_pppk_roman():
    assert v.golongan("", "31", "PNS") == "III/a"
    assert v.golongan("", 45.0, "PNS") == "IV/e"
    assert v.golongan("VII", "", "PPPK") == "VII"
    with pytest.raises(ValueError):
        v.golongan("V/a", "51", "PNS")


def test_nip_keeps_leading_apostrophe_away_and_stays_text():
    assert v.number_text("'198911212016092876", "NIP") == "198911212016092876"
    assert v.number_text("'089769809255", "NOMOR HP") == "089769809255"
    with pytest.raises(ValueError, match="Excel"):
        v.number_text(198911212016092876.0, "NIP")


def test_status_detection():
    assert v.status_from_siasn("71", "", "", "") == "PPPK"
    assert v.status_from_siasn("73", "", "", "P") == "PPPK"
    assert v.status_from_siasn("01", "PPPK Aktif", "", "") == "PPPK"
    assert v.status_from_siasn("", "", "PPPK", "") == "PPPK"
    assert v.status_from_siasn("01", "Aktif", "PNS Daerah", "C") == "CPNS"
    assert v.status_from_siasn("01", "Aktif", "PNS Daerah", "P") == "PNS"


@pytest.mark.parametrize(
    ("name", "jenis", "expected"),
    [
        ("Kepala Dinas Kesehatan", "1", ("jpt_pratama", "")),
        ("Sekretaris", "1", ("administrator", "")),
        ("Kepala Bidang Pengembangan Kompetensi", "1", ("administrator", "")),
        ("Kepala Seksi Pelayanan", "1", ("pengawas", "")),
        ("Kepala Subbagian Umum dan Kepegawaian", "1", ("pengawas", "")),
        ("Pranata Komputer Ahli Pertama", "2", ("fungsional_keahlian", "ahli_pertama")),
        ("Analis SDM Aparatur Ahli Muda", "2", ("fungsional_keahlian", "ahli_muda")),
        ("Perawat Terampil", "2", ("fungsional_keterampilan", "terampil")),
        ("Bidan Penyelia", "2", ("fungsional_keterampilan", "penyelia")),
        ("Pengadministrasi Perkantoran", "4", ("pelaksana", "")),
    ],
)
def test_position_types_from_jenis_jabatan_and_name(name, jenis, expected):
    assert classify(name, jenis, "", "kabupaten") == expected


def test_level_first_position_names_are_turned_around():
    assert canonical_name("AHLI PERTAMA - GURU") == "Guru Ahli Pertama"
    assert canonical_name("TERAMPIL - PERAWAT") == "Perawat Terampil"


# Whole files -----------------------------------------------------------------------------------

MINIMAL = [
    "NIP BARU",
    "NAMA",
    "TANGGAL LAHIR",
    "JENIS KELAMIN",
    "GOL AKHIR NAMA",
    "KEDUDUKAN HUKUM ID",
]


@pytest.mark.parametrize(
    ("delimiter", "bom"), [(",", False), (";", True), ("|", False), (";", False)]
)
def test_csv_delimiters_and_bom(cast, delimiter, bom):
    header, rows = pick(*sample_table(), MINIMAL)
    result = imported(cast, csv_bytes(header, rows, delimiter=delimiter, bom=bom))
    assert result.errors == []
    assert result.created == 40
    with scopes_disabled():
        assert Employee.objects.filter(agency=cast.a, status="PPPK").count() == 5


def test_lowercase_and_aliased_headers(cast):
    header, rows = pick(
        *sample_table(),
        [*MINIMAL[:3], "GOL AKHIR NAMA", "KEDUDUKAN HUKUM ID", "JABATAN NAMA"],
        rename={
            "NIP BARU": "nip",
            "NAMA": "nama",
            "TANGGAL LAHIR": "tgl_lahir",
            "GOL AKHIR NAMA": "Golongan",
            "JABATAN NAMA": "nama jabatan",
        },
    )  # fmt: skip
    result = imported(cast, csv_bytes(header, rows))
    assert result.errors == []
    assert result.created == 40
    with scopes_disabled():
        hasna = Employee.objects.get(agency=cast.a, nip="198911212016092876")
    assert hasna.birth_date == datetime.date(1989, 11, 21)
    assert hasna.golongan == "III/a"
    assert hasna.position.name == "Pengadministrasi Perkantoran"


def test_apostrophe_nips_and_other_date_forms(cast):
    header, rows = pick(
        *sample_table(), ["NIP BARU", "NAMA", "TANGGAL LAHIR", "NOMOR HP", "KEDUDUKAN HUKUM ID"]
    )
    for index, row in enumerate(rows):
        row[0] = "'" + row[0]
        row[3] = "'" + row[3]
        day = datetime.datetime.strptime(row[2], "%d-%m-%Y").date()
        row[2] = [day.strftime("%d/%m/%Y"), day.isoformat(), day.isoformat() + "T00:00:00"][
            index % 3
        ]
    result = imported(cast, csv_bytes(header, rows))
    assert result.errors == []
    with scopes_disabled():
        hasna = Employee.objects.get(agency=cast.a, nip="198911212016092876")
    assert hasna.phone == "089769809255"


def test_only_nip_and_name_fill_the_rest_from_the_nip(cast):
    header, rows = pick(*sample_table(), ["NIP BARU", "NAMA"])
    result = imported(cast, csv_bytes(header, rows))
    assert result.errors == []
    with scopes_disabled():
        hasna = Employee.objects.get(agency=cast.a, nip="198911212016092876")
        pppk = Employee.objects.get(agency=cast.a, nip="198312032019212988")
    assert (hasna.birth_date, hasna.gender, hasna.status) == (
        datetime.date(1989, 11, 21),
        "P",
        "PNS",
    )
    assert hasna.tmt_cpns == datetime.date(2016, 9, 1)
    assert pppk.status == "PPPK"


def test_xlsx_with_real_dates_and_serial_numbers(cast):
    header, rows = sample_table()
    data = xlsx_bytes(
        header,
        rows,
        date_columns={"TANGGAL LAHIR", "TMT CPNS"},
        serial_columns={"TMT GOLONGAN", "TMT JABATAN"},
    )
    result = imported(cast, data, name="pegawai.xlsx")
    assert result.errors == []
    assert result.created == 40
    with scopes_disabled():
        hasna = Employee.objects.get(agency=cast.a, nip="198911212016092876")
    assert hasna.birth_date == datetime.date(1989, 11, 21)
    assert hasna.tmt_golongan == datetime.date(2016, 9, 1)
    assert hasna.nik == "7599291053412135"


def test_xlsx_nip_stored_as_number_is_refused_by_row(cast):
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"in_memory": True})
    sheet = workbook.add_worksheet()
    sheet.write_row(0, 0, ["NIP BARU", "NAMA"])
    sheet.write_number(1, 0, 198911212016092876)
    sheet.write_string(1, 1, "Hasna Santoso")
    workbook.close()
    result = imported(cast, buffer.getvalue(), name="angka.xlsx")
    assert [(e.row, e.column, e.code) for e in result.errors] == [(2, "NIP BARU", "nip_number")]


def test_reader_keeps_spreadsheet_row_numbers_across_blank_lines():
    nip = compose_nip(datetime.date(1990, 1, 2), "L", 1, tmt=datetime.date(2015, 3, 1))
    sheet = read_sheet(io.BytesIO(f"NIP BARU,NAMA\n\n{nip},Ali\n".encode()))
    assert [number for number, _cells in sheet.rows] == [3]


def test_title_rows_above_the_header_are_skipped_and_row_numbers_kept(cast):
    nip = compose_nip(datetime.date(1990, 1, 2), "L", 1, tmt=datetime.date(2015, 3, 1))
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"in_memory": True})
    sheet = workbook.add_worksheet()
    sheet.write_string(0, 0, "DATA ASN PEMERINTAH KABUPATEN ALPHA")
    sheet.write_row(2, 0, ["NIP BARU", "NAMA", "NOMOR HP", "GOL AKHIR NAMA"])
    sheet.write_row(3, 0, [nip, "Ali", "", "III/a"])
    sheet.write_string(4, 0, nip[:-1] + "9")
    sheet.write_string(4, 1, "Budi")
    sheet.write_number(4, 2, 81234567890)
    sheet.write_string(4, 3, "Z/z")
    workbook.close()
    result = imported(cast, buffer.getvalue(), name="judul.xlsx")
    assert [(e.row, e.column) for e in result.errors] == [(5, "GOL AKHIR NAMA")]
    sheet = read_sheet(io.BytesIO(buffer.getvalue()))
    assert sheet.header_row == 3


def test_phone_typed_as_a_number_in_excel_gets_its_leading_zero_back(cast):
    nip = compose_nip(datetime.date(1990, 1, 2), "L", 1, tmt=datetime.date(2015, 3, 1))
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"in_memory": True})
    sheet = workbook.add_worksheet()
    sheet.write_row(0, 0, ["NIP BARU", "NAMA", "NOMOR HP"])
    sheet.write_row(1, 0, [nip, "Ali"])
    sheet.write_number(1, 2, 81234567890)
    workbook.close()
    assert imported(cast, buffer.getvalue(), name="hp.xlsx").errors == []
    with scopes_disabled():
        assert Employee.objects.get(agency=cast.a, nip=nip).phone == "081234567890"


def test_csv_saved_by_excel_in_windows_encoding_is_read(cast):
    nip = compose_nip(datetime.date(1990, 1, 2), "L", 1, tmt=datetime.date(2015, 3, 1))
    content = f"NIP BARU;NAMA;TEMPAT LAHIR\n{nip};René Pakaya;Gorontalo\n".encode("cp1252")
    assert imported(cast, content).errors == []
    with scopes_disabled():
        employee = Employee.objects.get(agency=cast.a, nip=nip)
    assert (employee.name, employee.birth_place) == ("René Pakaya", "Gorontalo")


class TestStreamedSheet:
    """``read_sheet(stream=True)`` reads a CSV file's rows as they are asked for."""

    def data(self):
        header, rows = sample_table()
        return csv_bytes(header, rows)

    def test_pieces_give_the_rows_read_all_at_once(self):
        whole = read_sheet(io.BytesIO(self.data()))
        streamed = read_sheet(io.BytesIO(self.data()), stream=True)
        assert streamed.columns.raw == whole.columns.raw
        assert streamed.header_row == whole.header_row
        pieces = list(streamed.pieces(7))
        assert [len(p) for p in pieces] == [7, 7, 7, 7, 7, 5]
        assert [row for piece in pieces for row in piece] == whole.rows
        assert streamed.row_count == whole.row_count == 40

    def test_the_expected_row_count_comes_from_the_line_count(self):
        streamed = read_sheet(io.BytesIO(self.data()), stream=True)
        assert streamed.expected_rows == 40
        assert read_sheet(io.BytesIO(self.data().rstrip(b"\r\n")), stream=True).expected_rows == 40

    def test_rows_reads_the_rest_when_no_piece_was_taken(self):
        streamed = read_sheet(io.BytesIO(self.data()), stream=True)
        assert len(streamed.rows) == 40
        assert [len(p) for p in streamed.pieces(25)] == [25, 15]

    def test_rows_are_not_kept_once_handed_out_in_pieces(self):
        streamed = read_sheet(io.BytesIO(self.data()), stream=True)
        next(streamed.pieces(10))
        with pytest.raises(RuntimeError):
            len(streamed.rows)

    def test_a_header_with_no_data_row_is_refused_at_once(self):
        with pytest.raises(ImportFileError) as caught:
            read_sheet(io.BytesIO(b"NIP BARU,NAMA\n\n\n"), stream=True)
        assert caught.value.code == "no_rows"

    def test_an_unreadable_cell_further_down_is_raised_from_the_piece(self):
        header, rows = sample_table()
        rows[30][header.index("ALAMAT")] = (
            "x, " * 70_000
        )  # quoted: beyond what the CSV reader takes
        streamed = read_sheet(io.BytesIO(csv_bytes(header, rows)), stream=True)
        pieces = streamed.pieces(10)
        assert len(next(pieces)) == 10
        with pytest.raises(ImportFileError) as caught:
            list(pieces)
        assert caught.value.code == "bad_csv"


@pytest.mark.parametrize(
    "text",
    [
        "NIP BARU,NAMA\n1,Ani\n2,Budi\n",
        "NIP BARU,NAMA\r\n1,Ani\r\n2,Budi",
        'NIP BARU,NAMA,ALAMAT\n1,Ani,"Jl. Mawar\nNo. 3"\n2,"Budi, S.H.",x\n',
        'NIP BARU,NAMA,ALAMAT\r\n1,Ani,"Jl. Mawar\r\nNo. 3"\r\n\r\n2,Budi,"a\nb"\r\n',
        "NIP BARU,NAMA\r1,Ani\r2,Budi\r",
        "NIP BARU,NAMA\n1,Ani\r\n2,Budi\n",
        'NIP BARU,NAMA,X\n1,Ab"c,x\n2,"Budi ""B"", S.H.",\n3,"",\n',
        'NIP BARU;NAMA;X\n1;Ani, S.H.;\n2;"Budi;\nB";y\n',
        "NIP BARU\tNAMA\n1\tAni\t\n  \n\t\n2\tBudi",
    ],
    ids=[
        "lf",
        "crlf-no-last-end",
        "quoted-lf",
        "quoted-crlf-blank",
        "cr",
        "mixed",
        "quotes-inside",
        "semicolon",
        "tab",
    ],  # fmt: skip
)
def test_csv_lines_are_split_as_a_csv_reader_of_the_whole_text_would(text):
    delimiter = detect_delimiter(text.split("\n", 1)[0])
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    expected = [cells for cells in reader if any(cells) and "".join(cells).strip()]
    sheet = read_sheet(io.BytesIO(text.encode()))
    assert [sheet.columns.raw, *[cells for _number, cells in sheet.rows]] == expected
