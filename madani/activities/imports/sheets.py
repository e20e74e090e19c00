"""Reading an uploaded .xlsx or .csv into a header and rows of JSON-safe cells (kept between the
preview and the commit)."""

import csv
import datetime
import io
import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from madani.core.uploads import check_workbook_bounds, rows_exceed, too_many_rows

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
MAX_ROWS = settings.MADANI_IMPORT_MAX_ROWS
# Kobo and ODK exports of long forms are wide (every question, group and metadata field is a column):
# a wider sheet is refused with this number, never cut.
MAX_COLUMNS = 1000
MAX_SHEETS = 20
EXTENSIONS = (".xlsx", ".csv")


class SheetError(ValidationError):
    """A sheet that cannot be read at all (wrong type, too big, empty…)."""



def _cell(value):
    """A JSON-safe cell: text, number or boolean; dates as ISO text."""
    if value is None or isinstance(value, bool | int | str):
        return value.strip() if isinstance(value, str) else value
    if isinstance(value, float):
        return int(value) if value.is_integer() else value
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    return str(value)


def _decode(data: bytes) -> str:
    if b"\x00" in data[:8192]:  # a binary file (a workbook, a picture…) renamed .csv
        raise SheetError(_("The file is not a CSV text file."))
    for encoding in ("utf-8-sig", "cp1256"):  # Excel on Arabic Windows saves CSV as cp1256
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise SheetError(_("The CSV file could not be read: save it as UTF-8 (CSV UTF-8 in Excel)."))


def too_many_columns(title: str = "") -> SheetError:
    if title:
        return SheetError(_("The sheet “%(sheet)s” has more than %(count)s columns, the most an import reads: "
                            "export only the questions you need, or remove columns.")
                          % {"sheet": title, "count": MAX_COLUMNS})
    return SheetError(_("The sheet has more than %(count)s columns, the most an import reads: export only the "
                        "questions you need, or remove columns.") % {"count": MAX_COLUMNS})


def _read_csv(data: bytes) -> list[list]:
    text = _decode(data)
    first_line = text.split("\n", 1)[0]
    delimiter = max(",;\t", key=first_line.count)  # Kobo's CSV exports use semicolons
    rows = []
    for row in csv.reader(io.StringIO(text), delimiter=delimiter):
        if len(row) > MAX_COLUMNS and any(v.strip() for v in row[MAX_COLUMNS:]):
            raise too_many_columns()
        rows.append([_cell(v) for v in row[:MAX_COLUMNS]])
        if len(rows) > MAX_ROWS + 1:
            break
    return rows


def _read_worksheet(sheet) -> list[list]:
    rows, filled = [], 0
    for row in sheet.iter_rows(max_col=MAX_COLUMNS + 1, values_only=True):
        if len(row) > MAX_COLUMNS and row[MAX_COLUMNS] not in (None, ""):
            raise too_many_columns(sheet.title)
        row = row[:MAX_COLUMNS]
        rows.append([_cell(v) for v in row])
        filled += any(v not in (None, "") for v in row)
        if rows_exceed(filled, len(rows), MAX_ROWS):
            raise SheetError(too_many_rows(sheet.title, MAX_ROWS).messages)
    return rows


def _read_xlsx(data: bytes) -> list[tuple[str, list[list]]]:
    """Every worksheet of the workbook: (title, rows). A repeat group of a Kobo export is its own sheet."""
    import openpyxl

    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise SheetError(_("The file is not an Excel workbook (.xlsx)."))
    try:
        check_workbook_bounds(data, max_rows=MAX_ROWS)
    except ValidationError as error:
        raise SheetError(error.messages) from None
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds of error on a damaged file
        raise SheetError(_("The Excel workbook could not be read.")) from error
    try:
        return [(sheet.title, _read_worksheet(sheet)) for sheet in workbook.worksheets[:MAX_SHEETS]
                if sheet.sheet_state == "visible"]
    finally:
        workbook.close()


def _table(rows: list[list]) -> dict | None:
    """The header and the rows under it (each with its sheet row number), or None for an empty sheet."""
    if not rows:
        return None
    headers = [str(h).strip() if h is not None else "" for h in rows[0]]
    while headers and not headers[-1]:
        headers.pop()
    body = []
    for number, row in enumerate(rows[1:], start=2):
        row = list(row[: len(headers)])
        if any(v not in (None, "") for v in row):
            body.append([number, *row])
    if not headers or not body:
        return None
    return {"headers": headers, "rows": body}


def _join_parents(tables: list[dict]) -> None:
    """Kobo writes a repeat group on its own sheet, one row per repeat (a participant), linked to its
    submission by ``_parent_index`` = the parent sheet's ``_index`` and ``_parent_table_name`` = the parent
    sheet's name (cut to Excel's 31 characters in the sheet title). The parent's fields (the session's
    date, the place…) are added to each child row as columns headed ``parent sheet/field``, so that they
    can be mapped like the child's own; Kobo's metadata columns (``_id``, ``_uuid``…) are not."""
    by_title = {table["title"]: table for table in tables}
    for table in tables:  # Kobo puts a parent before its children: a grandparent's fields come along too
        headers = table["headers"]
        if "_parent_index" not in headers or "_parent_table_name" not in headers:
            continue
        index_at, name_at = headers.index("_parent_index") + 1, headers.index("_parent_table_name") + 1
        names = {str(row[name_at]) for row in table["rows"] if name_at < len(row) and row[name_at] not in (None, "")}
        if len(names) != 1:
            continue
        name = names.pop()
        parent = by_title.get(name) or by_title.get(name[:31])
        if parent is None or parent is table or "_index" not in parent["headers"]:
            continue
        fields = [i for i, header in enumerate(parent["headers"]) if header and not header.startswith("_")]
        parent_index_at = parent["headers"].index("_index") + 1
        parents = {str(row[parent_index_at]): row for row in parent["rows"] if parent_index_at < len(row)}
        table["headers"] = [*headers, *(f"{parent['title']}/{parent['headers'][i]}" for i in fields)]
        width = len(headers)
        for row in table["rows"]:
            cells = row[1:] + [None] * (width - len(row) + 1)
            found = parents.get(str(row[index_at]) if index_at < len(row) else "")
            row[:] = [row[0], *cells, *((found[i + 1] if found and i + 1 < len(found) else None) for i in fields)]


def choose_sheet(sheet: dict, title: str) -> dict:
    """The same upload with another of its worksheets as the one imported."""
    for other in sheet.get("sheets", []):
        if other["title"] == title:
            return {**sheet, "sheet": title, "headers": other["headers"], "rows": other["rows"]}
    raise SheetError(_("The workbook has no sheet “%(sheet)s”.") % {"sheet": title})


def read_sheet(name: str, data: bytes) -> dict:
    """Read an uploaded .xlsx or .csv into ``{"filename", "sheet", "headers", "rows"}`` (rows of cells, each
    with its sheet row number; the first sheet with rows), plus ``"sheets"`` (every sheet with rows, each
    ``{"title", "headers", "rows"}``) when a workbook has more than one, or raise ``ValidationError`` with a
    message for the user."""
    lower = (name or "").lower()
    if not lower.endswith(EXTENSIONS):
        raise SheetError(_("Upload an Excel (.xlsx) or CSV (.csv) file."))
    if len(data) > MAX_UPLOAD_BYTES:
        raise SheetError(
            _("The file is too large (at most %(megabytes)s MB).") % {"megabytes": MAX_UPLOAD_BYTES // (1024 * 1024)}
        )
    sheets = _read_xlsx(data) if lower.endswith(".xlsx") else [("", _read_csv(data))]
    if not any(rows for _title, rows in sheets):
        raise SheetError(_("The sheet is empty."))
    tables = [{"title": title, **table} for title, rows in sheets if (table := _table(rows))]
    if not tables:
        raise SheetError(_("The sheet has no rows under its header row."))
    _join_parents(tables)
    for table in tables:
        if len(table["rows"]) > MAX_ROWS:
            raise SheetError(_("The sheet has more than %(count)s rows; split it.") % {"count": MAX_ROWS})
    parsed = {"filename": name, "sheet": tables[0]["title"], "headers": tables[0]["headers"], "rows": tables[0]["rows"]}
    if len(tables) > 1:  # a workbook of several sheets (a Kobo export with repeat groups): the user chooses
        parsed["sheets"] = tables
    return parsed
