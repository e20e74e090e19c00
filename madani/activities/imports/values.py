"""Reading one cell's value: a key for comparing words, clean text, a date; the words that mean
male, female, present and absent (in Arabic and English)."""

import datetime
import re

from madani.core.arabic import match_key as cell_key

MALE = {"male", "m", "man", "boy", "ذكر", "ذ", "رجل", "شاب"}
FEMALE = {"female", "f", "woman", "girl", "أنثى", "انثى", "أ", "امرأة", "مرأة", "شابة"}
PRESENT = {"x", "1", "✓", "✔", "✅", "yes", "y", "present", "p", "true", "نعم", "حاضر", "حاضرة", "ح"}
ABSENT = {"", "0", "-", "no", "n", "absent", "false", "لا", "غائب", "غائبة", "غ"}

DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "0123456789" * 2)
_ISO = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:$|[T ])")
_DMY = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})(?:$|[T ])")


MALE_KEYS = {cell_key(w) for w in MALE}
FEMALE_KEYS = {cell_key(w) for w in FEMALE}
PRESENT_KEYS = {cell_key(w) for w in PRESENT}
ABSENT_KEYS = {cell_key(w) for w in ABSENT}


def parse_date(value) -> datetime.date | None:
    """A date from a cell: ISO (2026-03-01, also Kobo's 2026-03-01T10:22:33.000+03:00) or day first
    (01/03/2026, as written in Syria). Arabic-Indic digits are read."""
    if value is None or isinstance(value, bool | int | float):
        return None
    text = str(value).strip().translate(DIGITS)
    try:
        if match := _ISO.match(text):
            year, month, day = match.groups()
        elif match := _DMY.match(text):
            day, month, year = match.groups()
        else:
            return None
        return datetime.date(int(year), int(month), int(day))
    except ValueError:
        return None


def cell_text(value) -> str:
    if value is None:
        return ""
    return " ".join(str(value).split())
