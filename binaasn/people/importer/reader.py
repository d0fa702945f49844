"""Reading an import file (CSV or XLSX) into its header and numbered rows.

Row numbers are those a user sees in a spreadsheet program: the first line is row 1.
"""

import csv
import io
import itertools
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
    """The header (``columns``), the row it sits on, and the data rows as (number, cells).

    A CSV file read with ``stream=True`` keeps only the rows above and just below its header;
    the rest are read from the text as they are asked for, in ``pieces`` (and are not kept) or
    all at once by ``rows``. ``row_count`` is then known once every piece has been handed out;
    until then ``expected_rows`` is an estimate (its line count) for progress bars.
    """

    def __init__(self, kind, raw_headers, header_row, rows, *, more=None, expected_rows=None):
        self.kind = kind
        self.columns = Columns(raw_headers)
        self.header_row = header_row
        self._rows = rows
        self._more = more
        self._streamed = more is not None
        self._handed_out = 0
        self.expected_rows = len(rows) if more is None else max(expected_rows or 0, len(rows))

    @property
    def rows(self):
        """Every data row (the rest of a streamed file is read now)."""
        if self._streamed and self._handed_out:
            raise RuntimeError("The rows of this sheet were already handed out in pieces.")
        if self._more is not None:
            more, self._more = self._more, None
            self._rows.extend(more)
            self.expected_rows = len(self._rows)
        return self._rows

    @property
    def row_count(self):
        if self._streamed and self._handed_out:
            return self._handed_out
        return len(self.rows)

    def pieces(self, size):
        """The data rows in lists of up to ``size`` rows. May raise ImportFileError part way
        through a streamed file (a CSV that turns unreadable further down)."""
        if self._more is None:
            rows = self._rows
            for start in range(0, len(rows), size):
                yield rows[start : start + size]
            return
        rows = itertools.chain(self._rows, self._more)
        self._rows, self._more = [], None
        while piece := list(itertools.islice(rows, size)):
            self._handed_out += len(piece)
            yield piece


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


def read_sheet(source, *, stream=False):
    """Read ``source`` (path or binary file) into a Sheet, or raise ImportFileError.

    With ``stream`` a CSV file's rows are read as they are used (see Sheet)."""
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
        more = expected = None
    elif kind == "text":
        header, header_row, rows, more, expected = _read_csv(data, stream)
    else:
        raise ImportFileError(
            _("The file is not a spreadsheet. Upload an XLSX or CSV file."), "not_spreadsheet"
        )
    if header is None:
        raise ImportFileError(_("The file has no header row and no data."), "empty")
    if not rows:
        raise ImportFileError(_("The file has a header row but no data rows."), "no_rows")
    return Sheet(kind, header, header_row, rows, more=more, expected_rows=expected)


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


def _read_csv(data, stream):
    """(header, header row, rows, the rows not read yet or None, the expected row count)."""
    # The scans for NUL, line ends and lone "\r" run on the bytes: in every encoding read
    # here those characters are those bytes, and a text with one character beyond Latin-1
    # takes two or four bytes per character to scan.
    if b"\x00" in data:
        raise ImportFileError(
            _("The file is not a spreadsheet. Upload an XLSX or CSV file."), "not_spreadsheet"
        )
    text = _decode(data)
    first_line = _first_line(text)
    lone_cr = b"\r" in data and data.count(b"\r") != data.count(b"\r\n")
    records = _csv_records(_csv_rows(text, detect_delimiter(first_line), lone_cr))
    if not stream:
        header, header_row, rows = _header_and_rows(list(records))
        return header, header_row, rows, None, None
    # Enough rows to find the header and to know whether any data row follows it.
    header, header_row, rows = _header_and_rows(
        list(itertools.islice(records, HEADER_SEARCH_ROWS + 1))
    )
    lines = data.count(b"\n") + (not data.endswith(b"\n"))
    expected = lines - (header_row or 0)  # exact unless blank lines or cells span lines
    return header, header_row, rows, records, expected


def _csv_records(rows):
    """The (number, cells) rows of a CSV file that have something in them."""
    try:
        # CSV cells are all text: a row is blank when no cell has more than spaces.
        for number, cells in enumerate(rows, start=1):
            if any(cells) and (cells[0].strip() or "".join(cells).strip()):
                yield number, cells
    except csv.Error as error:
        raise ImportFileError(
            _("The CSV file cannot be read: %(error)s") % {"error": error}, "bad_csv"
        ) from None


def _csv_rows(text, delimiter, lone_cr):
    """The cells of each record of ``text``, as ``csv.reader`` gives them.

    A line without a quote character is split at the delimiter, two and a half times quicker
    than the reader; a line with one goes to the reader, which also takes the further lines of
    a quoted cell that spans several. A file with lone "\\r" line ends (or such a character in
    a cell) is read by the reader alone, which splits there as well.
    """
    if lone_cr:
        yield from csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        return
    lines = _lines_at_newlines(text)
    for line in lines:
        if '"' in line:
            for cells in csv.reader(itertools.chain((line,), lines), delimiter=delimiter):
                yield cells
                break
        else:
            yield line.rstrip("\r\n").split(delimiter)


def _lines_at_newlines(text):
    start, end, find = 0, len(text), text.find
    while start < end:
        stop = find("\n", start) + 1 or end
        yield text[start:stop]
        start = stop


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
