"""Read the rows of an uploaded XLSX or CSV file (already checked by core.uploads)."""

import csv
import io

from python_calamine import CalamineWorkbook


def read_rows(upload, kind):
    """All rows of the first sheet as lists of cell values; CSV cells stay text."""
    upload.seek(0)
    if kind == "xlsx":
        workbook = CalamineWorkbook.from_filelike(upload)
        return workbook.get_sheet_by_index(0).to_python(skip_empty_area=False)
    raw = upload.read()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252")
    dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t") if text.strip() else csv.excel
    return [row for row in csv.reader(io.StringIO(text), dialect)]


def cell_text(value):
    """A cell as trimmed text; whole floats (Excel numbers) lose their ``.0``."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()
