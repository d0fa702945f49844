"""One export mechanism: ``?format=xlsx`` on list views writes the filtered rows to Excel."""

import datetime
import io
import re
from decimal import Decimal

import xlsxwriter
from django.http import HttpResponse
from django.utils import timezone
from django.utils.functional import Promise

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def wants_xlsx(request):
    return request.GET.get("format") == "xlsx"


def _write_row(sheet, row_index, values, text_format):
    for col, value in enumerate(values):
        if isinstance(value, Promise):
            value = str(value)
        if value is None:
            sheet.write_blank(row_index, col, None)
        elif isinstance(value, str):
            # write_string never turns text into a formula, so "=1+1" from a user stays text.
            sheet.write_string(
                row_index, col, value, text_format if value.startswith(FORMULA_START) else None
            )
        elif isinstance(value, datetime.datetime):
            sheet.write_string(row_index, col, timezone.localtime(value).strftime("%d-%m-%Y %H:%M"))
        elif isinstance(value, datetime.date):
            sheet.write_string(row_index, col, value.strftime("%d-%m-%Y"))
        elif isinstance(value, bool | int | float | Decimal):
            sheet.write(row_index, col, value)
        else:
            sheet.write_string(row_index, col, str(value))


def build_workbook(sheets):
    """Return XLSX bytes for ``sheets``: a list of (title, headers, rows)."""
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(
        buffer, {"in_memory": True, "strings_to_formulas": False, "strings_to_numbers": False}
    )
    bold = workbook.add_format({"bold": True, "bg_color": "#DDEBF7"})
    text_format = workbook.add_format({"num_format": "@"})
    for title, headers, rows in sheets:
        sheet = workbook.add_worksheet(re.sub(r"[\[\]:*?/\\]", " ", str(title))[:31])
        sheet.write_row(0, 0, [str(h) for h in headers], bold)
        width = [len(str(h)) for h in headers]
        last_row = 0
        for index, values in enumerate(rows, start=1):
            last_row = index
            values = list(values)
            _write_row(sheet, index, values, text_format)
            for col, value in enumerate(values[: len(width)]):
                width[col] = max(width[col], min(50, len(str(value or ""))))
        for col, w in enumerate(width):
            sheet.set_column(col, col, w + 2)
        sheet.freeze_panes(1, 0)
        if headers:
            sheet.autofilter(0, 0, last_row, len(headers) - 1)
    workbook.close()
    return buffer.getvalue()


def xlsx_response(filename, headers, rows, title="Data"):
    """An XLSX download of one sheet; ``rows`` is any iterable of value sequences."""
    content = build_workbook([(title, headers, rows)])
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response = HttpResponse(content, content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}-{stamp}.xlsx"'
    return response
