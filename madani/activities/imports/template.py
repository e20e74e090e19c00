"""The downloadable template: the attendance sheet of an activity and its bilingual instructions."""

import datetime
import io

from django.utils import translation
from django.utils.translation import gettext_lazy

from madani.core.exports import xlsx_row

from ..models import Activity
from .mapping import FIELDS, TEMPLATE_FIELDS, bilingual

def template_dates(activity: Activity) -> list[datetime.date]:
    """One column per session date; an activity without sessions gets one per day."""
    dates = sorted(set(activity.sessions.values_list("date", flat=True)))
    if not dates:
        day = activity.start_date
        while day <= activity.end_date and len(dates) < 60:
            dates.append(day)
            day += datetime.timedelta(days=1)
    return dates


def template_header(activity: Activity) -> list[str]:
    return [bilingual(FIELDS[name]) for name in TEMPLATE_FIELDS] + [d.isoformat() for d in template_dates(activity)]


INSTRUCTIONS = [
    gettext_lazy("One row per person. Do not change the header row."),
    gettext_lazy("Full name and gender are required. Gender: male or female (ذكر / أنثى, m / f)."),
    gettext_lazy("Birth year: four digits, for example 1990."),
    gettext_lazy("Home place: the P-code (for example SY110100) or the name of the place in Arabic or English."),
    gettext_lazy("Organization: the name or acronym of an organization of the registry."),
    gettext_lazy("Each dated column is a session: write x, 1 or ✓ when the person was present, "
                 "leave it empty otherwise."),
    gettext_lazy("A person already in the registry (same name, birth year and home place) is linked, not added "
                 "again; importing the same sheet twice adds nothing."),
]


def template_workbook(activity: Activity, rows=()) -> bytes:
    """The .xlsx template: the attendance sheet (pre-filled with ``rows``, one list of TEMPLATE_FIELDS
    values per enrolled person) and a bilingual instructions sheet."""
    import openpyxl
    from openpyxl.styles import Font
    from openpyxl.worksheet.datavalidation import DataValidation

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "attendance"
    header = template_header(activity)
    sheet.append(xlsx_row(sheet, header))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(xlsx_row(sheet, row))  # names are text, never formulas
    for i, text in enumerate(header, start=1):
        sheet.column_dimensions[openpyxl.utils.get_column_letter(i)].width = max(12, min(40, len(text) + 4))
    sheet.freeze_panes = "B2"
    sheet.sheet_view.rightToLeft = translation.get_language_bidi()
    genders = DataValidation(type="list", formula1='"ذكر,أنثى,male,female"', allow_blank=True, showErrorMessage=False)
    sheet.add_data_validation(genders)
    genders.add("B2:B5000")

    notes = workbook.create_sheet("instructions")
    notes.sheet_view.rightToLeft = True
    notes.column_dimensions["A"].width = 90
    notes.column_dimensions["B"].width = 90
    with translation.override("ar"):
        arabic = [str(activity)] + [str(line) for line in INSTRUCTIONS]
    with translation.override("en"):
        english = [activity.title_en or str(activity)] + [str(line) for line in INSTRUCTIONS]
    for ar, en in zip(arabic, english, strict=True):
        notes.append(xlsx_row(notes, [ar, en]))  # the titles are text, never formulas
    notes["A1"].font = notes["B1"].font = Font(bold=True)
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()
