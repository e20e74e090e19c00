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
    # Not Kobo's "_submission_time": that is when the form reached the server (UTC), not the session's day.
    "session_date": ["session date", "session_date", "attendance date", "تاريخ الجلسة", "تاريخ الحضور"],
}


def header_key(header: str) -> str:
    return cell_key(header)


def column_keys(headers: list[str]) -> list[str | None]:
    """The key of each column a mapping is kept by (None for empty and date-headed columns): its header
    key, with Kobo's group path when the export has one (``participant/name``); a header that appears
    more than once (a participant's and an enumerator's «الاسم») is told apart by its position among
    the columns of that header: ``الاسم#1``, ``الاسم#2``."""
    dated = date_columns(headers)
    keys = [header_key(h) if h and i not in dated else None for i, h in enumerate(headers)]
    seen, result = {}, []
    for key in keys:
        if key is None:
            result.append(None)
            continue
        seen[key] = seen.get(key, 0) + 1
        result.append(key if keys.count(key) == 1 else f"{key}#{seen[key]}")
    return result


def repeated_headers(headers: list[str]) -> set[str]:
    """The column keys whose header is shared with another column: never mapped by a guess."""
    return {key for key in column_keys(headers) if key and "#" in key}


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
    """The header signature a mapping is remembered by: the sorted column keys (``column_keys``)."""
    keys = sorted({key for key in column_keys(headers) if key})
    return hashlib.sha256("\x1f".join(keys).encode()).hexdigest()


def guess_mapping(headers: list[str]) -> dict[str, str]:
    """A first guess for each non-date column (column key → field or ""), from the whole header or
    its last part (Kobo: ``group_xyz/participant_name``). Columns whose header another column shares
    are not guessed: the user says which is which."""
    index, guess, used = _alias_index(), {}, set()
    for header, key in zip(headers, column_keys(headers), strict=True):
        if key is None:
            continue
        if "#" in key:
            guess[key] = ""
            continue
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
    for key in column_keys(headers):
        if key is None:
            continue
        if "#" in key:  # two columns under one header: which is which is the user's to say
            return None
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
    for i, key in enumerate(column_keys(headers)):
        if key is not None and (name := mapping.get(key)):
            columns.append((i, name))
    rows = []
    for number, *cells in sheet["rows"]:
        row = {"number": number}
        for i, name in columns:
            row[name] = cells[i] if i < len(cells) else None
        row["marks"] = {day.isoformat(): cells[i] for i, day in dated.items() if i < len(cells)}
        rows.append(row)
    return rows
