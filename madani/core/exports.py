"""Spreadsheet-safe exports (DESIGN.md §5): formulas are neutralized, Arabic opens in Excel."""

import csv

from django.http import StreamingHttpResponse

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
