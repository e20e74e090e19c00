"""Import participants and attendance from a spreadsheet (issue 3, "Attendance import").

Two kinds of sheet are read, as .xlsx or .csv:

* the platform's template (``template_workbook`` / ``template_header``): one row per person, the
  columns full name, gender, birth year, home place, phone, organization, then one column per session
  date headed ``YYYY-MM-DD`` in which x, 1 or ✓ means present;
* any other export (KoboToolbox, ODK, a hand-made sheet): the user maps its columns to the same fields
  once; the mapping is remembered (``ImportMapping``, keyed by the sheet's header signature). Besides
  date-headed columns, such a sheet may carry one "session date" column (one row per attendance);
  rows of the same person are merged.

The pipeline: ``read_sheet`` (file → header + cells, JSON-safe, stored between preview and commit),
``map_rows`` (cells → one dict per row, by field), ``plan_import`` (every row checked, matched to the
registry and to the other rows; what the preview shows), ``attendance_import`` (the all-or-nothing
write). Everything is matched in memory against dictionaries loaded once, so 10,000 rows take seconds.
"""

import csv
import datetime
import hashlib
import io
import re
import zipfile
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.utils.translation import ngettext
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from madani.core.arabic import normalize
from madani.core.exports import xlsx_row
from madani.core.ledger import ledger_write
from madani.core.uploads import check_workbook_bounds, rows_exceed, too_many_rows
from madani.organizations.models import Organization
from madani.people.models import EARLIEST_BIRTH_YEAR, Gender, Person, latest_birth_year, validate_birth_year
from madani.places.models import Place

from .models import Activity, Attendance, ImportMapping, Participation, Session, Source

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
MAX_ROWS = settings.MADANI_IMPORT_MAX_ROWS
MAX_COLUMNS = 100
EXTENSIONS = (".xlsx", ".csv")
BATCH = 1000

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

MALE = {"male", "m", "man", "boy", "ذكر", "ذ", "رجل", "شاب"}
FEMALE = {"female", "f", "woman", "girl", "أنثى", "انثى", "أ", "امرأة", "مرأة", "شابة"}
PRESENT = {"x", "1", "✓", "✔", "✅", "yes", "y", "present", "p", "true", "نعم", "حاضر", "حاضرة", "ح"}
ABSENT = {"", "0", "-", "no", "n", "absent", "false", "لا", "غائب", "غائبة", "غ"}

_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "0123456789" * 2)
_ISO = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:$|[T ])")
_DMY = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})(?:$|[T ])")


def _key(text) -> str:
    return " ".join(normalize(str(text or "")).split())


MALE_KEYS = {_key(w) for w in MALE}
FEMALE_KEYS = {_key(w) for w in FEMALE}
PRESENT_KEYS = {_key(w) for w in PRESENT}
ABSENT_KEYS = {_key(w) for w in ABSENT}


class SheetError(ValidationError):
    """A sheet that cannot be read at all (wrong type, too big, empty…)."""


# ---------------------------------------------------------------------------------------------------
# Reading files


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


def _read_csv(data: bytes) -> list[list]:
    text = _decode(data)
    first_line = text.split("\n", 1)[0]
    delimiter = max(",;\t", key=first_line.count)  # Kobo's CSV exports use semicolons
    rows = []
    for row in csv.reader(io.StringIO(text), delimiter=delimiter):
        rows.append([_cell(v) for v in row[:MAX_COLUMNS]])
        if len(rows) > MAX_ROWS + 1:
            break
    return rows


def _read_xlsx(data: bytes) -> list[list]:
    import openpyxl

    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise SheetError(_("The file is not an Excel workbook (.xlsx)."))
    try:
        check_workbook_bounds(data, max_rows=MAX_ROWS, first_sheet_only=True)
    except ValidationError as error:
        raise SheetError(error.messages) from None
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds of error on a damaged file
        raise SheetError(_("The Excel workbook could not be read.")) from error
    try:
        sheet = workbook.worksheets[0]
        rows, filled = [], 0
        for row in sheet.iter_rows(max_col=MAX_COLUMNS, values_only=True):
            rows.append([_cell(v) for v in row])
            filled += any(v not in (None, "") for v in row)
            if rows_exceed(filled, len(rows), MAX_ROWS):
                raise SheetError(too_many_rows(sheet.title, MAX_ROWS).messages)
        return rows
    finally:
        workbook.close()


def read_sheet(name: str, data: bytes) -> dict:
    """Read an uploaded .xlsx or .csv into ``{"filename", "headers", "rows"}`` (rows of cells, each
    with its sheet row number), or raise ``ValidationError`` with a message for the user."""
    lower = (name or "").lower()
    if not lower.endswith(EXTENSIONS):
        raise SheetError(_("Upload an Excel (.xlsx) or CSV (.csv) file."))
    if len(data) > MAX_UPLOAD_BYTES:
        raise SheetError(
            _("The file is too large (at most %(megabytes)s MB).") % {"megabytes": MAX_UPLOAD_BYTES // (1024 * 1024)}
        )
    rows = _read_xlsx(data) if lower.endswith(".xlsx") else _read_csv(data)
    if not rows:
        raise SheetError(_("The sheet is empty."))
    headers = [str(h).strip() if h is not None else "" for h in rows[0]]
    while headers and not headers[-1]:
        headers.pop()
    body = []
    for number, row in enumerate(rows[1:], start=2):
        row = list(row[: len(headers)])
        if any(v not in (None, "") for v in row):
            body.append([number, *row])
    if not headers or not body:
        raise SheetError(_("The sheet has no rows under its header row."))
    if len(body) > MAX_ROWS:
        raise SheetError(_("The sheet has more than %(count)s rows; split it.") % {"count": MAX_ROWS})
    return {"filename": name, "headers": headers, "rows": body}


# ---------------------------------------------------------------------------------------------------
# Values


def parse_date(value) -> datetime.date | None:
    """A date from a cell: ISO (2026-03-01, also Kobo's 2026-03-01T10:22:33.000+03:00) or day first
    (01/03/2026, as written in Syria). Arabic-Indic digits are read."""
    if value is None or isinstance(value, bool | int | float):
        return None
    text = str(value).strip().translate(_DIGITS)
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


def _text(value) -> str:
    if value is None:
        return ""
    return " ".join(str(value).split())


# ---------------------------------------------------------------------------------------------------
# Columns → fields


def header_key(header: str) -> str:
    return _key(header)


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
            index.setdefault(_key(alias), name)
        for language in ("ar", "en"):
            with translation.override(language):
                index.setdefault(_key(FIELDS[name]), name)
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


# ---------------------------------------------------------------------------------------------------
# Checking rows against the registry


ERROR, WARNING, NOTE = "error", "warning", "note"


@dataclass
class Problem:
    level: str
    kind: str
    message: str


@dataclass
class ImportRow:
    number: int
    full_name: str = ""
    gender: str = ""
    birth_year: int | None = None
    place_id: int | None = None
    place: Place | None = None
    phone: str = ""
    organization: Organization | None = None
    dates: set = field(default_factory=set)
    problems: list = field(default_factory=list)
    person_id: int | None = None  # an existing person of the registry
    merged_into: int | None = None  # the number of an earlier row of the same person
    enrolled: bool = False

    def add(self, level, kind, message):
        self.problems.append(Problem(level, kind, message))

    @property
    def has_errors(self) -> bool:
        return any(p.level == ERROR for p in self.problems)

    @property
    def key(self):
        return (_key(self.full_name), self.birth_year, self.place_id)

    @property
    def sorted_dates(self):
        return sorted(self.dates)


@dataclass
class ImportPlan:
    activity: Activity
    rows: list
    sessions: dict  # date → session id (existing)
    new_dates: set  # dates inside the activity that get a new session

    @property
    def errors(self) -> int:
        return sum(1 for r in self.rows if r.has_errors)

    @property
    def warnings(self) -> int:
        return sum(1 for r in self.rows if any(p.level == WARNING for p in r.problems))

    @property
    def people(self) -> list:
        """The rows that stand for one person each (merged rows left out)."""
        return [r for r in self.rows if r.merged_into is None]

    @property
    def new_people(self) -> int:
        return sum(1 for r in self.people if r.person_id is None)

    @property
    def existing_people(self) -> int:
        return sum(1 for r in self.people if r.person_id is not None)

    @property
    def merged_rows(self) -> int:
        return len(self.rows) - len(self.people)

    @property
    def attendance_marks(self) -> int:
        return sum(len(r.dates) for r in self.people)


class _Places:
    """The gazetteer in memory: P-code, or Arabic or English name. A name shared along one line of
    the hierarchy (Damascus governorate, district and sub-district) means the most specific place."""

    def __init__(self):
        self.by_pcode, by_name, self.places = {}, {}, {}
        for place in Place.objects.only("pk", "pcode", "name", "name_ar", "name_en", "level"):
            self.places[place.pk] = place
            self.by_pcode[place.pcode.upper()] = place
            for name in {_key(place.name_ar), _key(place.name_en)}:
                if name:
                    by_name.setdefault(name, []).append(place)
        self.by_name = {}
        for name, places in by_name.items():
            places.sort(key=lambda p: len(p.pcode))
            one_line = all(b.pcode.startswith(a.pcode) for a, b in zip(places, places[1:], strict=False))
            self.by_name[name] = places[-1] if one_line else places

    def find(self, text: str):
        """A Place, a list of candidates (ambiguous), or None."""
        if place := self.by_pcode.get(text.strip().upper()):
            return place
        key = _key(text)
        found = self.by_name.get(key)
        if found is None and key.startswith("ال"):
            found = self.by_name.get(key[2:])
        if found is None and not key.startswith("ال"):
            found = self.by_name.get("ال" + key)
        return found


def _organizations(actor) -> dict:
    index = {}
    for organization in Organization.objects.visible_to(actor).only("pk", "name", "name_ar", "name_en", "acronym"):
        for name in (organization.name_ar, organization.name_en, organization.acronym):
            if key := _key(name):
                index.setdefault(key, organization)
    return index


def _check_row(raw: dict, *, activity, places, organizations) -> ImportRow:
    row = ImportRow(number=raw["number"])
    row.full_name = _text(raw.get("full_name"))
    if not row.full_name:
        row.add(ERROR, "name", _("The full name is missing."))
    elif len(row.full_name) > Person._meta.get_field("full_name").max_length:
        row.add(ERROR, "name", _("The full name is too long."))

    gender = _key(raw.get("gender"))
    if gender in MALE_KEYS:
        row.gender = Gender.MALE
    elif gender in FEMALE_KEYS:
        row.gender = Gender.FEMALE
    elif not gender:
        row.add(ERROR, "gender", _("The gender is missing: write male or female."))
    else:
        row.add(ERROR, "gender", _("The gender “%(value)s” is not understood: write male or female.")
                % {"value": _text(raw.get("gender"))})

    year = raw.get("birth_year")
    if year not in (None, ""):
        text = str(year).strip().translate(_DIGITS)
        day = parse_date(text)
        if day:
            text = str(day.year)
        try:
            row.birth_year = int(float(text)) if re.fullmatch(r"\d{4}(\.0+)?", text) else None
            if row.birth_year is None:
                raise ValidationError("")
            validate_birth_year(row.birth_year)
        except ValidationError:
            row.birth_year = None
            row.add(ERROR, "birth_year", _("The birth year “%(value)s” is impossible: it must be between "
                                           "%(first)s and %(last)s.")
                    % {"value": _text(year), "first": EARLIEST_BIRTH_YEAR, "last": latest_birth_year()})

    place_text = _text(raw.get("home_place"))
    if place_text:
        found = places.find(place_text)
        if isinstance(found, Place):
            row.place, row.place_id = found, found.pk
        elif found:
            row.add(ERROR, "place", _("The place “%(value)s” matches several places (%(pcodes)s): write its P-code.")
                    % {"value": place_text, "pcodes": ", ".join(p.pcode for p in found)})
        else:
            row.add(ERROR, "place", _("Unknown place “%(value)s”: write its P-code or its name as in the gazetteer.")
                    % {"value": place_text})

    row.phone = _text(raw.get("phone"))
    if len(row.phone) > Person._meta.get_field("phone").max_length:
        row.add(ERROR, "phone", _("The phone number is too long."))

    organization_text = _text(raw.get("organization"))
    if organization_text:
        row.organization = organizations.get(_key(organization_text))
        if row.organization is None:
            row.add(WARNING, "organization",
                    _("Unknown organization “%(value)s”: the person is enrolled without one; add the organization "
                      "to the registry first if it matters.")
                    % {"value": organization_text})

    def attend(day, value):
        if day is None:
            row.add(ERROR, "date", _("“%(value)s” is not a date: write it as YYYY-MM-DD.") % {"value": _text(value)})
        elif not activity.covers(day):
            row.add(ERROR, "date", _("The date %(date)s is outside the activity (%(start)s to %(end)s).")
                    % {"date": day.isoformat(), "start": activity.start_date.isoformat(),
                       "end": activity.end_date.isoformat()})
        else:
            row.dates.add(day)

    session_value = raw.get("session_date")
    if session_value not in (None, ""):
        attend(parse_date(session_value), session_value)
    for iso, mark in raw.get("marks", {}).items():
        value = mark is True or _key(mark) in PRESENT_KEYS
        if mark is False or (not value and _key(mark) in ABSENT_KEYS):
            continue
        if not value:
            row.add(ERROR, "mark", _("“%(value)s” under %(date)s is not understood: write x or 1 for present, "
                                     "or leave the cell empty.")
                    % {"value": _text(mark), "date": iso})
            continue
        attend(datetime.date.fromisoformat(iso), iso)
    return row


def plan_import(*, actor, activity: Activity, rows: list[dict]) -> ImportPlan:
    """Check every row and match it: to an earlier row of the same person (merged), to a person of
    the registry (linked, through ``Person.objects.likely_duplicates_of``'s rule: same normalized
    name, birth year and home place) and to the activity's sessions."""
    places, organizations = _Places(), _organizations(actor)
    sessions = {}
    for session_id, day in activity.sessions.order_by("-date", "-start_time", "-pk").values_list("pk", "date"):
        sessions[day] = session_id  # the first session of a day receives that day's attendance
    checked = [
        _check_row(raw, activity=activity, places=places, organizations=organizations)
        for raw in rows
    ]

    first_of = {}
    for row in checked:
        if not row.full_name:
            continue
        first = first_of.setdefault(row.key, row)
        if first is not row:
            row.merged_into = first.number
            first.dates |= row.dates
            first.organization = first.organization or row.organization
            first.phone = first.phone or row.phone
            row.add(NOTE, "merged", _("Same person as row %(row)s: the two rows are merged.") % {"row": first.number})

    _match_registry(actor, activity, [r for r in checked if r.merged_into is None and r.full_name])
    new_dates = {day for r in checked for day in r.dates if day not in sessions}
    return ImportPlan(activity=activity, rows=checked, sessions=sessions, new_dates=new_dates)


def _match_registry(actor, activity, rows):
    names = sorted({row.key[0] for row in rows})
    existing = {}
    visible = Person.objects.visible_to(actor)
    for start in range(0, len(names), 500):
        candidates = visible.filter(name_key__in=names[start:start + 500]).order_by("pk")
        for pk, *key in candidates.values_list("pk", "name_key", "birth_year", "home_place_id"):
            existing.setdefault(tuple(key), pk)
    enrolled = set(activity.participations.values_list("person_id", flat=True))
    for row in rows:
        row.person_id = existing.get(row.key)
        if row.person_id is None:
            continue
        row.enrolled = row.person_id in enrolled
        if row.enrolled:
            row.add(NOTE, "existing", _("Already enrolled: existing person #%(id)s.") % {"id": row.person_id})
        else:
            row.add(NOTE, "existing",
                    _("Existing person #%(id)s: this row will be linked to them.") % {"id": row.person_id})


# ---------------------------------------------------------------------------------------------------
# Writing


@ledger_write
def attendance_import(*, actor, activity: Activity, rows: list[dict]) -> dict:
    """Enrol the people of ``rows`` (from ``map_rows``) in ``activity`` and record their attendance,
    all or nothing. Rows are checked again here: any row with an error and nothing is written.
    Idempotent: people are matched to the registry, participations and attendance that exist are kept,
    so the same sheet imported twice changes nothing the second time."""
    plan = plan_import(actor=actor, activity=activity, rows=rows)
    if plan.errors:
        raise ValidationError(
            ngettext("%(count)s row has problems; nothing was imported.",
                     "%(count)s rows have problems; nothing was imported.", plan.errors) % {"count": plan.errors}
        )
    people = plan.people

    sessions = dict(plan.sessions)
    if plan.new_dates:
        facilitator = activity.facilitators.first()
        created = Session.objects.bulk_create(
            [Session(activity=activity, date=day, place=activity.place, facilitator=facilitator)
             for day in sorted(plan.new_dates)]
        )
        if created and created[0].pk is None:  # a database that does not return keys
            created = activity.sessions.filter(date__in=plan.new_dates)
        sessions.update({s.date: s.pk for s in created})

    new = [row for row in people if row.person_id is None]
    created_people = bulk_create_with_history(
        [Person(full_name=row.full_name, gender=row.gender, birth_year=row.birth_year, home_place_id=row.place_id,
                phone=row.phone, branch_id=activity.branch_id) for row in new],
        Person, batch_size=BATCH, default_user=actor,
    )
    for row, person in zip(new, created_people, strict=True):
        row.person_id = person.pk

    current = {person_id: (pk, organization_id) for pk, person_id, organization_id
               in activity.participations.order_by().values_list("pk", "person_id", "organization_id")}
    to_create, to_fill = [], []
    for row in people:
        if row.person_id not in current:
            to_create.append(Participation(activity=activity, person_id=row.person_id, organization=row.organization,
                                           source=Source.IMPORT))
        elif current[row.person_id][1] is None and row.organization is not None:
            to_fill.append((current[row.person_id][0], row.organization))
    bulk_create_with_history(to_create, Participation, batch_size=BATCH, default_user=actor)
    if to_fill:  # enrolled without an organization: the sheet's fills it in (as participation_add does)
        organizations = dict(to_fill)
        filled = list(Participation.objects.filter(pk__in=organizations))
        for participation in filled:
            participation.organization = organizations[participation.pk]
        bulk_update_with_history(filled, Participation, ["organization"], batch_size=BATCH, default_user=actor)

    present = set(
        Attendance.objects.filter(session__activity=activity).values_list("session_id", "person_id")
    )
    attendance = []
    for row in people:
        for day in row.dates:
            pair = (sessions[day], row.person_id)
            if pair not in present:
                present.add(pair)
                attendance.append(Attendance(session_id=pair[0], person_id=pair[1], source=Source.IMPORT))
    Attendance.objects.bulk_create(attendance, batch_size=BATCH)
    return {
        "rows": len(plan.rows),
        "people_created": len(new),
        "people_linked": len(people) - len(new),
        "participations_created": len(to_create),
        "attendance_created": len(attendance),
        "sessions_created": len(plan.new_dates),
    }


# ---------------------------------------------------------------------------------------------------
# The downloadable template


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


def template_workbook(activity: Activity) -> bytes:
    """The .xlsx template: the attendance sheet and a bilingual instructions sheet."""
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
