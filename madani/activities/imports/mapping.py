"""Which column of a sheet feeds which field: recognized headers, the user's remembered mappings
(``ImportMapping``, keyed by the sheet's header signature), date-headed attendance columns, and the
rows as one dict per row by field."""

import datetime
import hashlib

from django.utils import translation
from django.utils.translation import gettext_lazy

from ..models import ImportMapping
from .values import cell_key, parse_date

# The fields a column can feed, in template order; "session_date" only through a mapping.
FIELDS = {
    "full_name": gettext_lazy("Full name"),
    "gender": gettext_lazy("Gender"),
    "birth_year": gettext_lazy("Birth year"),
    "home_place": gettext_lazy("Home place"),
    "phone": gettext_lazy("Phone"),
    "organization": gettext_lazy("Organization"),
    "session_date": gettext_lazy("Session date (one row per attendance)"),
}
TEMPLATE_FIELDS = ["full_name", "gender", "birth_year", "home_place", "phone", "organization"]
REQUIRED_FIELDS = ("full_name", "gender")

# Headers recognized without asking (compared after normalize()); the template's own bilingual headers too.
ALIASES = {
    "full_name": ["name", "full name", "full_name", "participant name", "participant_name", "الاسم",
                  "الاسم الكامل", "الاسم الثلاثي", "اسم المشارك", "اسم المشاركة", "الاسم والكنية"],
    "gender": ["gender", "sex", "الجنس", "النوع", "النوع الاجتماعي"],
    "birth_year": ["birth year", "birth_year", "year of birth", "date of birth", "birth date", "dob",
                   "سنة الميلاد", "تاريخ الميلاد", "المواليد"],
    "home_place": ["home place", "home_place", "place", "residence", "place of residence", "p-code", "pcode",
                   "community", "location", "مكان الإقامة", "مكان السكن", "السكن", "المكان", "الرمز المكاني"],
    "phone": ["phone", "phone number", "mobile", "telephone", "رقم الهاتف", "الهاتف", "الجوال", "الموبايل",
              "رقم الجوال"],
    "organization": ["organization", "organisation", "org", "cso", "المنظمة", "الجهة", "اسم المنظمة",
                     "المؤسسة"],
    "session_date": ["session date", "session_date", "attendance date", "submission time", "_submission_time",
                     "تاريخ الجلسة", "تاريخ الحضور"],
}


def header_key(header: str) -> str:
    return cell_key(header)


def bilingual(label) -> str:
    """'الاسم الكامل / Full name' (one language if both are the same)."""
    with translation.override("ar"):
        arabic = str(label)
    with translation.override("en"):
        english = str(label)
    return arabic if arabic == english else f"{arabic} / {english}"


def _alias_index() -> dict:
    index = {}
    for name, aliases in ALIASES.items():
        for alias in [*aliases, bilingual(FIELDS[name])]:
            index.setdefault(cell_key(alias), name)
        for language in ("ar", "en"):
            with translation.override(language):
                index.setdefault(cell_key(FIELDS[name]), name)
    return index


def _lookup(index: dict, key: str) -> str | None:
    """The field of a header key; a bilingual header ('الاسم الكامل / full name') by either half, so that
    templates downloaded before a translation changed are still recognized."""
    if name := index.get(key):
        return name
    for part in key.split(" / ") if " / " in key else []:
        if name := index.get(part.strip()):
            return name
    return None


def date_columns(headers: list[str]) -> dict[int, datetime.date]:
    """Columns headed by a date: attendance on that date."""
    return {i: day for i, h in enumerate(headers) if (day := parse_date(h))}


def signature(headers: list[str]) -> str:
    """The header signature a mapping is remembered by: the sorted, normalized non-date headers."""
    dated = date_columns(headers)
    keys = sorted({header_key(h) for i, h in enumerate(headers) if h and i not in dated})
    return hashlib.sha256("\x1f".join(keys).encode()).hexdigest()


def guess_mapping(headers: list[str]) -> dict[str, str]:
    """A first guess for each non-date header (header key → field or ""), from the whole header or
    its last part (Kobo: ``group_xyz/participant_name``)."""
    index, guess, used = _alias_index(), {}, set()
    dated = date_columns(headers)
    for i, header in enumerate(headers):
        if not header or i in dated:
            continue
        key = header_key(header)
        last = key.rsplit("/", 1)[-1]
        name = _lookup(index, key) or index.get(last) or index.get(last.replace("_", " ").strip())
        if name and name not in used:
            guess[key] = name
            used.add(name)
        else:
            guess[key] = ""
    return guess


def automatic_mapping(headers: list[str]) -> dict[str, str] | None:
    """The mapping of a sheet whose every column is recognized (the platform's template, or a sheet
    headed with the same words), or None when the user has to map its columns."""
    index, mapping = _alias_index(), {}
    dated = date_columns(headers)
    for i, header in enumerate(headers):
        if not header or i in dated:
            continue
        key = header_key(header)
        name = _lookup(index, key)
        if not name or name in mapping.values():
            return None
        mapping[key] = name
    if not all(required in mapping.values() for required in REQUIRED_FIELDS):
        return None
    return mapping


def remembered_mapping(headers: list[str]) -> dict[str, str] | None:
    saved = ImportMapping.objects.filter(signature=signature(headers)).first()
    return saved.mapping if saved else None


def remember_mapping(*, actor, headers: list[str], mapping: dict[str, str]) -> ImportMapping:
    saved, _created = ImportMapping.objects.update_or_create(
        signature=signature(headers),
        defaults={"headers": [h for h in headers if h], "mapping": mapping, "updated_by": actor},
    )
    return saved


def map_rows(sheet: dict, mapping: dict[str, str]) -> list[dict]:
    """One dict per sheet row: ``number``, the mapped fields, and ``marks`` {ISO date: cell} for
    date-headed columns."""
    headers = sheet["headers"]
    dated = date_columns(headers)
    columns = []  # (index, field)
    for i, header in enumerate(headers):
        if i not in dated and (name := mapping.get(header_key(header))):
            columns.append((i, name))
    rows = []
    for number, *cells in sheet["rows"]:
        row = {"number": number}
        for i, name in columns:
            row[name] = cells[i] if i < len(cells) else None
        row["marks"] = {day.isoformat(): cells[i] for i, day in dated.items() if i < len(cells)}
        rows.append(row)
    return rows
