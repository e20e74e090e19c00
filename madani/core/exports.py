"""Spreadsheet-safe exports (DESIGN.md §5): formulas are neutralized, Arabic opens in Excel.

Every workbook and CSV file Madani writes goes through this module:

* CSV has no cell types, so a text that a spreadsheet would read as a formula (``=``, ``+``, ``-``,
  ``@``, a tab or a line break first) is written behind an apostrophe (``neutralize``);
* in .xlsx every text is an inline string cell (``xlsx_cell`` / ``xlsx_row``): Excel and LibreOffice
  show it as it is and never evaluate it, so a phone number stays ``+963…`` with no visible prefix.
"""

import csv
import datetime
import io
import re
from decimal import Decimal

from django.http import HttpResponse, StreamingHttpResponse
from django.utils import timezone, translation
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "\n")
SHEET_TITLE_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")  # characters Excel refuses in a sheet name
XLSX_MAX_TEXT = 32767  # Excel's limit of characters in a cell


def neutralize(value) -> str:
    """A CSV cell value that Excel or LibreOffice will never run as a formula (also behind spaces)."""
    if value is None:
        return ""
    text = str(value)
    if text.startswith(FORMULA_PREFIXES) or text.lstrip(" \u00a0").startswith(FORMULA_PREFIXES):
        return "'" + text
    return text


class _Echo:
    def write(self, value):
        return value


def csv_response(filename: str, header: list[str], rows):
    """Stream rows as UTF-8 CSV with a byte-order mark, served as an attachment."""
    writer = csv.writer(_Echo())

    def stream():
        yield "\ufeff" + writer.writerow([neutralize(h) for h in header])
        for row in rows:
            yield writer.writerow([neutralize(cell) for cell in row])

    response = StreamingHttpResponse(stream(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def xlsx_cell(sheet, value):
    """A cell of ``sheet`` (write-only or not) for ``value``: numbers and dates stay typed (Excel sums
    them); anything else is an inline string cell, which no spreadsheet evaluates as a formula — written
    as it is, with no apostrophe in front. Append it with ``sheet.append``."""
    cell = WriteOnlyCell(sheet)
    if value is None or value == "":
        return cell
    if isinstance(value, (int, float, Decimal, datetime.date)) and not isinstance(value, bool):
        if isinstance(value, datetime.datetime) and value.tzinfo is not None:
            value = timezone.localtime(value).replace(tzinfo=None)
        cell.value = value
        return cell
    cell.value = None
    cell._value = ILLEGAL_CHARACTERS_RE.sub("", str(value))[:XLSX_MAX_TEXT]
    cell.data_type = "s"  # never "f" (formula) or "e" (error): openpyxl guesses those from the text
    return cell


def xlsx_row(sheet, values) -> list:
    """``values`` as cells of ``sheet`` (see ``xlsx_cell``), for ``sheet.append``."""
    return [xlsx_cell(sheet, value) for value in values]


def xlsx_response(filename: str, header: list[str], rows, *, sheet_title: str = ""):
    """Rows as an .xlsx attachment (openpyxl write-only mode: constant memory). In Arabic the sheet
    reads right to left."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=(SHEET_TITLE_FORBIDDEN.sub(" ", sheet_title).strip() or "Sheet1")[:31])
    sheet.sheet_view.rightToLeft = translation.get_language_bidi()
    sheet.append(xlsx_row(sheet, header))
    for row in rows:
        sheet.append(xlsx_row(sheet, row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def export_response(request, basename: str, header: list[str], rows):
    """A list's export in the format the link asks for: ``?format=xlsx`` or CSV (the default)."""
    if request.GET.get("format") == "xlsx":
        return xlsx_response(f"{basename}.xlsx", header, rows, sheet_title=basename)
    return csv_response(f"{basename}.csv", header, rows)
