"""Import participants and attendance from a spreadsheet (issue 3, "Attendance import").

Two kinds of sheet are read, as .xlsx or .csv:

* the platform's template (``template_workbook`` / ``template_header``): one row per person, the
  columns full name, gender, birth year, home place, phone, organization, then one column per session
  date headed ``YYYY-MM-DD`` in which x, 1 or ✓ means present;
* any other export (KoboToolbox, ODK, a hand-made sheet): the user maps its columns to the same fields
  once; the mapping is remembered (``ImportMapping``, keyed by the sheet's header signature). Besides
  date-headed columns, such a sheet may carry one "session date" column (one row per attendance);
  rows of the same person are merged.

The pipeline, one module per step: ``sheets.read_sheet`` (file → header + cells, JSON-safe, stored
between preview and commit), ``mapping.map_rows`` (cells → one dict per row, by field),
``rows.plan_import`` (every row checked, matched to the registry and to the other rows; what the preview
shows), ``services.attendance_import`` (the all-or-nothing write); ``values`` reads one cell, ``template``
writes the downloadable template. Place names are matched by ``madani.places.matching``. Everything is
matched in memory against dictionaries loaded once, so 10,000 rows take seconds. This package re-exports
the names the views, forms and tests use.
"""

from .mapping import (FIELDS, REQUIRED_FIELDS, TEMPLATE_FIELDS, automatic_mapping, bilingual, column_keys,
                      date_columns, guess_mapping, header_key, map_rows, remember_mapping, remembered_mapping,
                      repeated_headers, signature)
from .rows import ERROR, NOTE, WARNING, ImportPlan, ImportRow, Problem, plan_import
from .services import attendance_import
from .sheets import MAX_COLUMNS, MAX_ROWS, MAX_UPLOAD_BYTES, SheetError, choose_sheet, read_sheet
from .template import template_dates, template_header, template_workbook
from .values import parse_date

__all__ = [
    "ERROR", "FIELDS", "MAX_COLUMNS", "MAX_ROWS", "MAX_UPLOAD_BYTES", "NOTE", "REQUIRED_FIELDS", "TEMPLATE_FIELDS",
    "WARNING", "ImportPlan", "ImportRow", "Problem", "SheetError", "attendance_import", "automatic_mapping",
    "bilingual", "choose_sheet", "column_keys", "date_columns", "guess_mapping", "header_key", "map_rows",
    "parse_date", "plan_import", "read_sheet", "remember_mapping", "remembered_mapping", "repeated_headers",
    "signature", "template_dates", "template_header", "template_workbook",
]
