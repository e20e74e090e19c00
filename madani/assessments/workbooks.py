"""Write an XLSForm workbook from rows (used to build the shipped form and by the tests)."""

import io

from openpyxl import Workbook

from madani.core.exports import xlsx_row


def _sheet(workbook, title, rows):
    sheet = workbook.create_sheet(title)
    header = []
    for row in rows:
        for key in row:
            if key not in header:
                header.append(key)
    sheet.append(xlsx_row(sheet, header))
    for row in rows:
        sheet.append(xlsx_row(sheet, [row.get(key, "") for key in header]))


def xlsform_bytes(survey: list[dict], choices: list[dict] | None = None, settings: dict | None = None) -> bytes:
    workbook = Workbook()
    workbook.remove(workbook.active)
    _sheet(workbook, "survey", survey)
    if choices:
        _sheet(workbook, "choices", choices)
    if settings:
        _sheet(workbook, "settings", [settings])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
