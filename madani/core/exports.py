"""Spreadsheet-safe exports (DESIGN.md §5): formulas are neutralized, Arabic opens in Excel."""

import csv
import datetime
import io
from decimal import Decimal

from django.http import HttpResponse, StreamingHttpResponse
from django.utils import timezone, translation
from openpyxl import Workbook

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def neutralize(value) -> str:
    """A cell value that Excel or LibreOffice will never run as a formula."""
    if value is None:
        return ""
    text = str(value)
    if text.startswith(FORMULA_PREFIXES):
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


def xlsx_cell(value):
    """Numbers and dates stay typed (Excel sums them); everything else is neutralized text."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, (int, float, Decimal, datetime.date)):
        if isinstance(value, datetime.datetime) and value.tzinfo is not None:
            return timezone.localtime(value).replace(tzinfo=None)
        return value
    return neutralize(value)


def xlsx_response(filename: str, header: list[str], rows, *, sheet_title: str = ""):
    """Rows as an .xlsx attachment (openpyxl write-only mode: constant memory). In Arabic the sheet
    reads right to left."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=(sheet_title or "Sheet1")[:31])
    sheet.sheet_view.rightToLeft = translation.get_language_bidi()
    sheet.append([neutralize(h) for h in header])
    for row in rows:
        sheet.append([xlsx_cell(cell) for cell in row])
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
