"""Reading SKM answers from a spreadsheet in the layout of the paper form (skm-sample.csv):
``tanggal, layanan, usia, jenis_kelamin, pendidikan, pekerjaan, U1 … U9, saran``.

Everything is checked before anything is written; every problem names the spreadsheet row (the
header is row 1) and the column.
"""

import csv
import io
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .services import skm as skm_services

REQUIRED_COLUMNS = ("tanggal", "u1", "u2", "u3", "u4", "u5", "u6", "u7", "u8", "u9")
OPTIONAL_COLUMNS = ("layanan", "usia", "jenis_kelamin", "pendidikan", "pekerjaan", "saran")
HEADER_ALIASES = {
    "tgl": "tanggal",
    "tanggal_survei": "tanggal",
    "umur": "usia",
    "jk": "jenis_kelamin",
    "gender": "jenis_kelamin",
    "pelayanan": "layanan",
    "jenis_layanan": "layanan",
}
MAX_ROWS = 100_000


@dataclass
class RowError:
    row: int
    column: str
    message: str

    def __str__(self):
        return _("row %(row)d, column %(column)s: %(message)s") % {
            "row": self.row,
            "column": self.column,
            "message": self.message,
        }


@dataclass
class ParsedFile:
    rows: list
    errors: list

    @property
    def rejected_rows(self):
        return len({error.row for error in self.errors})


def _normalise_header(name):
    key = str(name or "").replace("\ufeff", "").strip().lower().replace(" ", "_").replace("-", "_")
    return HEADER_ALIASES.get(key, key)


def _read_csv(content):
    if isinstance(content, bytes):
        try:
            text = content.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = content.decode("cp1252")
    else:
        text = content.lstrip("\ufeff")
    sample = text[:4096]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;|\t")
        delimiter = dialect.delimiter
    except csv.Error:
        delimiter = ","
    return list(csv.reader(io.StringIO(text), delimiter=delimiter))


def _read_xlsx(content):
    from python_calamine import CalamineWorkbook

    workbook = CalamineWorkbook.from_filelike(io.BytesIO(content))
    sheet = workbook.get_sheet_by_index(0)
    return sheet.to_python(skip_empty_area=False)


def read_table(content, kind):
    """Rows of cells from CSV or XLSX bytes."""
    return _read_xlsx(content) if kind == "xlsx" else _read_csv(content)


def _cell(value):
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return value if not isinstance(value, str) else value.strip()


def parse_skm_table(table, today=None):
    """Validate every row of ``table`` (header first); return the clean rows and all errors."""
    errors = []
    if not table:
        return ParsedFile([], [RowError(1, "-", _("The file is empty."))])
    header = [_normalise_header(name) for name in table[0]]
    missing = [name for name in REQUIRED_COLUMNS if name not in header]
    if missing:
        names = ", ".join(name.upper() if name.startswith("u") else name for name in missing)
        return ParsedFile(
            [],
            [RowError(1, names, _("Required columns are missing: %(names)s.") % {"names": names})],
        )
    index = {
        name: header.index(name) for name in REQUIRED_COLUMNS + OPTIONAL_COLUMNS if name in header
    }
    body = [row for row in table[1:]]
    if len(body) > MAX_ROWS:
        return ParsedFile(
            [],
            [
                RowError(
                    1, "-", _("The file has more than %(max)d rows; split it.") % {"max": MAX_ROWS}
                )
            ],
        )
    rows = []
    for number, cells in enumerate(body, start=2):
        values = {name: _cell(cells[i]) if i < len(cells) else "" for name, i in index.items()}
        if not any(str(v).strip() for v in values.values()):
            continue  # a blank line
        row_errors, clean = _parse_row(values, today)
        errors.extend(RowError(number, column, message) for column, message in row_errors)
        if not row_errors:
            rows.append(clean)
    if not rows and not errors:
        errors.append(RowError(2, "-", _("The file has no data rows.")))
    return ParsedFile(rows, errors)


def _parse_row(values, today):
    errors = []
    answers = {}
    for number in range(1, 10):
        try:
            answers[f"u{number}"] = skm_services.clean_answer(
                values.get(f"u{number}"), f"U{number}"
            )
        except ValidationError as error:
            errors.append((f"U{number}", error.messages[0]))
    try:
        answered_on = skm_services.clean_answered_on(values.get("tanggal"), today)
    except ValidationError as error:
        errors.append(("tanggal", error.messages[0]))
        answered_on = None
    profile = {
        "service": str(values.get("layanan", ""))[:200],
        "suggestion": str(values.get("saran", "")),
    }
    checks = (
        ("usia", "age_group", skm_services.clean_age),
        ("jenis_kelamin", "gender", skm_services.clean_gender),
        ("pendidikan", "education", skm_services.clean_education),
        ("pekerjaan", "occupation", skm_services.clean_occupation),
    )
    for column, field, clean in checks:
        value = values.get(column, "")
        if value in ("", None):
            profile[field] = ""
            continue
        try:
            profile[field] = clean(value)
        except ValidationError as error:
            errors.append((column, error.messages[0]))
    return errors, {"answered_on": answered_on, "answers": answers, "profile": profile}


def parse_skm_file(upload_or_path, today=None):
    """Check an uploaded file (or a path) and parse it; refuses non-spreadsheets unread."""
    from binaasn.core.uploads import validate_spreadsheet

    if isinstance(upload_or_path, str | bytes) or hasattr(upload_or_path, "__fspath__"):
        from django.core.files import File

        with open(upload_or_path, "rb") as handle:
            upload = File(handle, name=str(upload_or_path))
            return _parse_upload(upload, validate_spreadsheet, today)
    return _parse_upload(upload_or_path, validate_spreadsheet, today)


def _parse_upload(upload, validate_spreadsheet, today):
    try:
        kind = validate_spreadsheet(upload)
    except ValidationError as error:
        return ParsedFile([], [RowError(1, "-", error.messages[0])])
    upload.seek(0)
    content = upload.read()
    from python_calamine import CalamineError, PasswordError, XmlError, ZipError

    try:
        table = read_table(content, kind)
    except (CalamineError, PasswordError, XmlError, ZipError, csv.Error, UnicodeDecodeError):
        return ParsedFile(
            [], [RowError(1, "-", _("The file is damaged or protected and cannot be read."))]
        )
    return parse_skm_table(table, today)
