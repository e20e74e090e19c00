"""Checking each mapped row and matching it: to an earlier row of the same person, to the registry,
to the gazetteer (``madani.places.matching``), to the organizations and to the activity's sessions.
``plan_import`` returns what the preview shows and what the commit writes."""

import datetime
import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from madani.core.templatetags.bidi import separator
from madani.organizations.models import Organization
from madani.people.models import EARLIEST_BIRTH_YEAR, Gender, Person, latest_birth_year, validate_birth_year
from madani.places.matching import PlaceMatcher
from madani.places.models import Place

from ..models import Activity, Session
from .values import ABSENT_KEYS, DIGITS, FEMALE_KEYS, MALE_KEYS, PRESENT_KEYS, cell_key, cell_text, parse_date

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
        return (cell_key(self.full_name), self.birth_year, self.place_id)

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



def _organizations(actor) -> dict:
    index = {}
    for organization in Organization.objects.visible_to(actor).only("pk", "name", "name_ar", "name_en", "acronym"):
        for name in (organization.name_ar, organization.name_en, organization.acronym):
            if key := cell_key(name):
                index.setdefault(key, organization)
    return index


def check_row(raw: dict, *, activity, places, organizations) -> ImportRow:
    from ..services import check_session_held  # services re-exports this package's write

    row = ImportRow(number=raw["number"])
    row.full_name = cell_text(raw.get("full_name"))
    if not row.full_name:
        row.add(ERROR, "name", _("The full name is missing."))
    elif len(row.full_name) > Person._meta.get_field("full_name").max_length:
        row.add(ERROR, "name", _("The full name is too long."))

    gender = cell_key(raw.get("gender"))
    if gender in MALE_KEYS:
        row.gender = Gender.MALE
    elif gender in FEMALE_KEYS:
        row.gender = Gender.FEMALE
    elif not gender:
        row.add(ERROR, "gender", _("The gender is missing: write male or female."))
    else:
        row.add(ERROR, "gender", _("The gender “%(value)s” is not understood: write male or female.")
                % {"value": cell_text(raw.get("gender"))})

    year = raw.get("birth_year")
    if year not in (None, ""):
        text = str(year).strip().translate(DIGITS)
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
                    % {"value": cell_text(year), "first": EARLIEST_BIRTH_YEAR, "last": latest_birth_year()})

    place_text = cell_text(raw.get("home_place"))
    if place_text:
        found = places.find(place_text)
        if isinstance(found, Place):
            row.place, row.place_id = found, found.pk
        elif found:
            row.add(ERROR, "place", _("The place “%(value)s” matches several places (%(pcodes)s): write its P-code.")
                    % {"value": place_text, "pcodes": separator().join(p.pcode for p in found)})
        else:
            row.add(ERROR, "place", _("Unknown place “%(value)s”: write its P-code or its name as in the gazetteer.")
                    % {"value": place_text})

    row.phone = cell_text(raw.get("phone"))
    if len(row.phone) > Person._meta.get_field("phone").max_length:
        row.add(ERROR, "phone", _("The phone number is too long."))

    organization_text = cell_text(raw.get("organization"))
    if organization_text:
        row.organization = organizations.get(cell_key(organization_text))
        if row.organization is None:
            row.add(WARNING, "organization",
                    _("Unknown organization “%(value)s”: the person is enrolled without one; add the organization "
                      "to the registry first if it matters.")
                    % {"value": organization_text})

    def attend(day, value):
        if day is None:
            row.add(ERROR, "date", _("“%(value)s” is not a date: write it as YYYY-MM-DD.")
                    % {"value": cell_text(value)})
        elif not activity.covers(day):
            row.add(ERROR, "date", _("The date %(date)s is outside the activity (%(start)s to %(end)s).")
                    % {"date": day.isoformat(), "start": activity.start_date.isoformat(),
                       "end": activity.end_date.isoformat()})
        else:
            try:  # attendance at a session that has not taken place yet: refused, as on the sheet
                check_session_held(Session(activity=activity, date=day))
            except ValidationError as error:
                row.add(ERROR, "future", " ".join(error.messages))
            else:
                row.dates.add(day)

    session_value = raw.get("session_date")
    if session_value not in (None, ""):
        attend(parse_date(session_value), session_value)
    for iso, mark in raw.get("marks", {}).items():
        value = mark is True or cell_key(mark) in PRESENT_KEYS
        if mark is False or (not value and cell_key(mark) in ABSENT_KEYS):
            continue
        if not value:
            row.add(ERROR, "mark", _("“%(value)s” under %(date)s is not understood: write x or 1 for present, "
                                     "or leave the cell empty.")
                    % {"value": cell_text(mark), "date": iso})
            continue
        attend(datetime.date.fromisoformat(iso), iso)
    return row


def plan_import(*, actor, activity: Activity, rows: list[dict]) -> ImportPlan:
    """Check every row and match it: to an earlier row of the same person (merged), to a person of
    the registry (linked, through ``Person.objects.likely_duplicates_of``'s rule: same normalized
    name, birth year and home place) and to the activity's sessions."""
    places, organizations = PlaceMatcher(), _organizations(actor)
    sessions = {}
    for session_id, day in activity.sessions.order_by("-date", "-start_time", "-pk").values_list("pk", "date"):
        sessions[day] = session_id  # the first session of a day receives that day's attendance
    checked = [
        check_row(raw, activity=activity, places=places, organizations=organizations)
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
