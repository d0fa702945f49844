"""Excel exports are safe to open: text from users that looks like a formula stays text."""

import datetime
import io
import re
import zipfile
from decimal import Decimal

import pytest
from django.utils import timezone
from python_calamine import CalamineWorkbook

from binaasn.core.exports import build_workbook, xlsx_response

DANGEROUS = [
    "=1+1",
    '=HYPERLINK("http://evil.example","Klik")',
    "+62 812 3456 7890",
    "-2+3",
    "@SUM(A1:A9)",
    "=cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
]


def sheet_xml(content):
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return archive.read("xl/worksheets/sheet1.xml").decode()


def read_back(content):
    return CalamineWorkbook.from_filelike(io.BytesIO(content)).get_sheet_by_index(0).to_python()


@pytest.fixture
def workbook():
    rows = [[value, "biasa"] for value in DANGEROUS]
    return build_workbook([("Data", ["Isian", "Lain"], rows)])


def test_no_cell_is_written_as_a_formula(workbook):
    xml = sheet_xml(workbook)
    assert "<f>" not in xml and "<f " not in xml


def test_formula_like_text_reads_back_as_the_literal_string(workbook):
    values = read_back(workbook)
    assert [row[0] for row in values[1:]] == DANGEROUS


def test_formula_like_text_is_formatted_as_text(workbook):
    """The cells carry the text number format (@), so editing them in Excel keeps them text."""
    with zipfile.ZipFile(io.BytesIO(workbook)) as archive:
        styles = archive.read("xl/styles.xml").decode()
    text_format = re.search(r'<numFmt numFmtId="(\d+)" formatCode="@"', styles)
    assert text_format or 'numFmtId="49"' in styles
    xml = sheet_xml(workbook)
    dangerous_cells = re.findall(r'<c r="A([2-9])"[^>]*s="(\d+)"', xml)
    assert len(dangerous_cells) == len(DANGEROUS)


def test_numbers_dates_and_empty_cells_keep_their_kind():
    when = timezone.make_aware(datetime.datetime(2026, 3, 10, 2, 30), datetime.UTC)
    content = build_workbook(
        [
            (
                "Data",
                ["a", "b", "c", "d", "e", "f"],
                [[5, -3, Decimal("2.5"), datetime.date(2026, 1, 5), when, None]],
            )
        ]
    )
    row = read_back(content)[1]
    assert row[:3] == [5, -3, 2.5]
    assert row[3] == "05-01-2026"
    assert row[4] == "10-03-2026 09:30"  # shown in Asia/Jakarta
    assert row[5] == ""


def test_xlsx_response_is_a_download_named_after_the_list(db):
    response = xlsx_response("pegawai", ["Nama"], [["=1+1"]], title="Pegawai")
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert re.match(
        r'attachment; filename="pegawai-\d{8}-\d{4}\.xlsx"', response["Content-Disposition"]
    )
    assert read_back(response.content)[1] == ["=1+1"]


def test_sheet_titles_with_forbidden_characters_are_cleaned():
    content = build_workbook([("Audit [2026]: A/B?", ["x"], [["y"]])])
    book = CalamineWorkbook.from_filelike(io.BytesIO(content))
    assert book.sheet_names == ["Audit  2026   A B "]


def test_a_user_supplied_formula_through_a_list_export_stays_text(cast, login):
    """End to end: a membership whose name starts with "=" exported from the users list."""
    from django_scopes import scopes_disabled

    with scopes_disabled():
        cast.trainer.full_name = '=HYPERLINK("http://evil.example","Klik")'
        cast.trainer.save()
    response = login(cast.admin).get("/alpha/pengguna/?format=xlsx")
    assert "<f>" not in sheet_xml(response.content)
    names = [row[1] for row in read_back(response.content)]
    assert '=HYPERLINK("http://evil.example","Klik")' in names
