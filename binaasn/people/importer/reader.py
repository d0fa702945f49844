"""Reading an import file (CSV or XLSX) into its header and numbered rows.

Row numbers are those a user sees in a spreadsheet program: the first line is row 1.
"""

import csv
import io
import os
import zipfile

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from python_calamine import CalamineError, SheetTypeEnum, SheetVisibleEnum, load_workbook

from binaasn.core import uploads

from .headers import Columns, normalize_header

DELIMITERS = (",", ";", "|", "\t")


class ImportFileError(Exception):
    """The file as a whole cannot be imported (empty, not a spreadsheet, damaged, no header)."""

    def __init__(self, message, code, column="", row=None):
        super().__init__(message)
        self.message = message
        self.code = code
        self.column = column
        self.row = row


class Sheet:
    """The header (``columns``), the row it sits on, and the data rows as (number, cells)."""

    def __init__(self, kind, raw_headers, header_row, rows):
        self.kind = kind
        self.columns = Columns(raw_headers)
        self.header_row = header_row
        self.rows = rows


def read_bytes(source):
    """The content of a path or a binary file object."""
    if isinstance(source, str | os.PathLike):
        with open(source, "rb") as handle:
            return handle.read()
    if hasattr(source, "seek"):
        source.seek(0)
    data = source.read()
    if isinstance(data, str):
        data = data.encode("utf-8")
    return data


def read_sheet(source):
    """Read ``source`` (path or binary file) into a Sheet, or raise ImportFileError."""
    data = read_bytes(source)
    if not data:
        raise ImportFileError(_("The file is empty."), "empty")
    buffer = io.BytesIO(data)
    kind = uploads.sniff(buffer)
    if kind == "xlsx":
        try:
            uploads.check_zip_bomb(buffer)
        except ValidationError as error:
            raise ImportFileError(error.messages[0], error.code) from None
        header, header_row, rows = _read_xlsx(buffer)
    elif kind == "text":
        header, header_row, rows = _read_csv(data)
    else:
        raise ImportFileError(
            _("The file is not a spreadsheet. Upload an XLSX or CSV file."), "not_spreadsheet"
        )
    if header is None:
        raise ImportFileError(_("The file has no header row and no data."), "empty")
    if not rows:
        raise ImportFileError(_("The file has a header row but no data rows."), "no_rows")
    return Sheet(kind, header, header_row, rows)


def _decode(data):
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def detect_delimiter(first_line):
    """The delimiter that splits the header line most often (comma when none does)."""
    counts = {d: first_line.count(d) for d in DELIMITERS}
    best = max(DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else ","


def _is_blank(cells):
    for cell in cells:
        if cell is not None and cell != "" and (not isinstance(cell, str) or cell.strip()):
            return False
    return True


def _split(records):
    """Drop blank rows, then find the header and keep the rows after it."""
    return _header_and_rows([(n, cells) for n, cells in records if not _is_blank(cells)])


HEADER_SEARCH_ROWS = 10
_HEADER_MARKS = {"NIP BARU", "NIP", "NIP_BARU", "NAMA UNOR", "NAMA_UNOR"}


def _header_and_rows(records):
    """The header is the first row naming the NIP (or a unit-file column) among the first few
    rows, so a title line above the table does no harm; failing that, the first row."""
    if not records:
        return None, None, []
    at = 0
    for position, (_number, cells) in enumerate(records[:HEADER_SEARCH_ROWS]):
        if any(normalize_header(cell) in _HEADER_MARKS for cell in cells if isinstance(cell, str)):
            at = position
            break
    header_row, header = records[at]
    return header, header_row, records[at + 1 :]


def _read_csv(data):
    text = _decode(data)
    if "\x00" in text:
        raise ImportFileError(
            _("The file is not a spreadsheet. Upload an XLSX or CSV file."), "not_spreadsheet"
        )
    first_line = _first_line(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=detect_delimiter(first_line))
    try:
        # CSV cells are all text: a row is blank when no cell has more than spaces.
        records = [
            (number, cells)
            for number, cells in enumerate(reader, start=1)
            if any(cells) and (cells[0].strip() or "".join(cells).strip())
        ]
    except csv.Error as error:
        raise ImportFileError(
            _("The CSV file cannot be read: %(error)s") % {"error": error}, "bad_csv"
        ) from None
    return _header_and_rows(records)


def _first_line(text):
    """The first line with something on it (the header), without splitting the whole file."""
    start = 0
    while start < len(text):
        end = text.find("\n", start)
        end = len(text) if end == -1 else end
        line = text[start:end]
        if line.strip():
            return line
        start = end + 1
    return ""


def _first_worksheet(workbook):
    for metadata in workbook.sheets_metadata:
        if metadata.typ == SheetTypeEnum.WorkSheet and metadata.visible == SheetVisibleEnum.Visible:
            return workbook.get_sheet_by_name(metadata.name)
    return workbook.get_sheet_by_index(0)


def _read_xlsx(buffer):
    try:
        workbook = load_workbook(buffer)
        sheet = _first_worksheet(workbook)
        records = sheet.to_python(skip_empty_area=False)
    except (CalamineError, zipfile.BadZipFile, ValueError, OSError, IndexError, RuntimeError):
        # A damaged workbook is the user's input, not our fault: say so instead of failing.
        raise ImportFileError(
            _("The XLSX file is damaged and cannot be read."), "bad_xlsx"
        ) from None
    return _split(enumerate(records, start=1))
