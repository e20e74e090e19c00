"""A program's IATI activity file (IATI standard 2.03, https://iatistandard.org/en/iati-standard/203/).

One ``<iati-activity>`` per program; its phases are not published as activities of their own (they
share the program's funding and would be counted twice). Elements follow the schema's sequence order.
Organizations served are beneficiaries, counted in the results but never named: the file is meant to
be published, and naming Syrian CSOs in public can put them at risk. Codes come from the IATI
codelists: https://iatistandard.org/en/iati-standard/203/codelists/
"""

import datetime

from django.conf import settings
from django.db.models import Max, Min
from django.utils import timezone, translation
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _
from lxml import etree

from madani.public.models import CenterProfile
from madani.activities.models import CERTIFIED_KINDS, Activity
from madani.branches.models import Branch
from madani.core import disclosure
from madani.core.registry import iati_transactions
from madani.indicators.engine import IndicatorQuery, Metric, records
from madani.people.models import Person
from madani.places.models import Level

from .three_w import SECTOR_CODE, SECTOR_NAME

IATI_VERSION = "2.03"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

ORGANISATION_TYPE_NATIONAL_NGO = "22"  # OrganisationType
ROLE_FUNDING, ROLE_IMPLEMENTING = "1", "4"  # OrganisationRole
PLANNED_START, ACTUAL_START, PLANNED_END, ACTUAL_END = "1", "2", "3", "4"  # ActivityDateType
PIPELINE, IMPLEMENTATION, FINALISATION = "1", "2", "3"  # ActivityStatus
SCOPE_SEVERAL_GOVERNORATES, SCOPE_ONE_GOVERNORATE = "5", "6"  # ActivityScope: sub-national, first level
SECTOR_VOCABULARY_DAC = "1"  # SectorVocabulary: OECD DAC CRS purpose codes (5 digit)
RESULT_OUTPUT, MEASURE_UNIT = "1", "1"  # ResultType, IndicatorMeasure
REACH_ACTIVITY = "1"  # GeographicLocationReach: the activity happens here
EXACTNESS_APPROXIMATE = "2"  # GeographicExactness: an administrative area, not a point
LOCATION_CLASS = {Level.COMMUNITY: "2"}  # GeographicLocationClass: populated place; else 1, administrative region
FEATURE_DESIGNATION = {Level.GOVERNORATE: "ADM1", Level.DISTRICT: "ADM2", Level.SUBDISTRICT: "ADM3",
                       Level.COMMUNITY: "PPL"}  # GeoNames feature codes


class NotPublishable(Exception):
    """The file cannot be produced; the message says why, in the user's language."""


def _languages():
    return [code for code, _name in settings.LANGUAGES]


def _in_every_language(message) -> dict[str, str]:
    """One of our own texts in each language it is translated into (never English text marked as Arabic)."""
    texts = {}
    for code in _languages():
        with translation.override(code):
            texts[code] = str(message)
    return {code: text for code, text in texts.items() if code == "en" or text != texts["en"]}


def _field_texts(instance, field) -> dict[str, str]:
    """A modeltranslation field in each language it is filled in."""
    return {code: getattr(instance, f"{field}_{code}") for code in _languages() if getattr(instance, f"{field}_{code}")}


def _narratives(parent, texts: dict[str, str]):
    for code, text in texts.items():
        etree.SubElement(parent, "narrative", {XML_LANG: code}).text = text
    return parent


def _sub(parent, tag, **attributes):
    return etree.SubElement(parent, tag, {name.replace("_", "-"): value for name, value in attributes.items()})


def iati_ready() -> bool:
    """The center's identifier and name are set (production has no default for them: nothing made up is published)."""
    return bool(settings.MADANI_IATI_ORG_REF and CenterProfile.name_in("ar"))


def iati_identifier(program) -> str:
    return f"{settings.MADANI_IATI_ORG_REF}-{program.code}"


def _dates(program, activities, today) -> list[tuple[str, datetime.date]]:
    """Planned dates from the program; actual ones from the ledger, never in the future."""
    done = activities.filter(start_date__lte=today).aggregate(first=Min("start_date"), last=Max("end_date"))
    dates = []
    if program.start_date:
        dates.append((PLANNED_START, program.start_date))
    if done["first"]:
        dates.append((ACTUAL_START, done["first"]))
    if program.end_date:
        dates.append((PLANNED_END, program.end_date))
        if program.end_date < today and done["last"] and done["last"] <= today:
            dates.append((ACTUAL_END, done["last"]))
    return dates


def _status(program, dates, today) -> str:
    started = any(kind == ACTUAL_START or (kind == PLANNED_START and day <= today) for kind, day in dates)
    if not started:
        return PIPELINE
    if program.end_date and program.end_date < today:
        return FINALISATION  # physically complete; IATI's "closed" is for the financial sign-off
    return IMPLEMENTATION


def _places(program):
    branches = program.branches.all() if program.branches.exists() else Branch.objects.all()  # none named: all
    places = {b.place.pcode: b.place for b in branches.select_related("place__parent__parent__parent") if b.place}
    return [places[pcode] for pcode in sorted(places)]


def _governorate(place):
    return ([place, *place.ancestors()])[-1].pcode


def _location(parent, place):
    location = _sub(parent, "location", ref=place.pcode)  # the OCHA P-code
    _sub(location, "location-reach", code=REACH_ACTIVITY)
    _narratives(_sub(location, "name"), _field_texts(place, "name"))
    _sub(location, "administrative", vocabulary="A4", level="0", code="SY")  # A4: ISO country
    _sub(location, "exactness", code=EXACTNESS_APPROXIMATE)
    _sub(location, "location-class", code=LOCATION_CLASS.get(place.level, "1"))
    _sub(location, "feature-designation", code=FEATURE_DESIGNATION[place.level])


def _people_result(parent, title, description, people, period) -> None:
    """One output result: a number of people (``people``: a Person queryset), with women and men. The file is
    public: a group under the minimum cell size is not published, nor what would give it away
    (core/disclosure.py); an indicator whose total is small is left out altogether (IATI allows no actual)."""
    if not period[0]:
        return
    counts = {"all": people.count(), **{gender: people.filter(gender=gender).count() for gender in ("female", "male")}}
    cells = disclosure.people_cells(counts, [disclosure.gender_relation("all", "female", "male")])
    if not cells["all"].shown:
        return
    result = _sub(parent, "result", type=RESULT_OUTPUT)
    _narratives(_sub(result, "title"), _in_every_language(title))
    indicator = _sub(result, "indicator", measure=MEASURE_UNIT, ascending="1")
    _narratives(_sub(indicator, "title"), _in_every_language(description))
    period_element = _sub(indicator, "period")
    _sub(period_element, "period-start", iso_date=period[0].isoformat())
    _sub(period_element, "period-end", iso_date=period[1].isoformat())
    _sub(period_element, "actual", value=str(cells["all"].value))
    for gender in ("female", "male"):
        if cells[gender].shown:
            actual = _sub(period_element, "actual", value=str(cells[gender].value))
            _sub(actual, "dimension", name="sex", value=gender)


def _people_reached(parent, program, user):
    """Output: people reached (the indicator engine's figure: present at one session at least)."""
    query = IndicatorQuery(Metric.PEOPLE, programs=(program.pk,))
    sessions = records(query.replace(metric=Metric.SESSIONS), user=user).aggregate(start=Min("date"), end=Max("date"))
    _people_result(parent, _("People reached"),
                   _("People present at one session or more of the program's activities (each person counted once)"),
                   records(query, user=user), (sessions["start"], sessions["end"]))


def _people_trained(parent, program, user):
    """Output: unique people who completed a training course or workshop (the engine's completions)."""
    query = IndicatorQuery(Metric.COMPLETED, programs=(program.pk,), kinds=tuple(CERTIFIED_KINDS))
    trained = records(query, user=user)
    period = trained.aggregate(start=Min("activity__start_date"), end=Max("activity__end_date"))
    _people_result(parent, _("People trained"),
                   _("People who completed a training course or workshop (each person counted once)"),
                   Person.objects.filter(pk__in=trained.values("person")), (period["start"], period["end"]))


def program_activity(parent, program, user, today):
    """One ``<iati-activity>``, its figures computed from the ledger rows the user may see."""
    activities = Activity.objects.visible_to(user).filter(program=program)
    dates = _dates(program, activities, today)
    if not any(kind in (PLANNED_START, ACTUAL_START) for kind, _day in dates):
        raise NotPublishable(_("IATI needs a start date: give the program its start date, or record its first activity."))
    activity = _sub(parent, "iati-activity", hierarchy="1")
    activity.set(XML_LANG, settings.LANGUAGE_CODE)
    _sub(activity, "iati-identifier").text = iati_identifier(program)
    reporting = _sub(activity, "reporting-org", ref=settings.MADANI_IATI_ORG_REF, type=ORGANISATION_TYPE_NATIONAL_NGO)
    _sub(reporting, "narrative").text = CenterProfile.name_in("ar")
    title = _field_texts(program, "name") or {settings.LANGUAGE_CODE: program.name}
    _narratives(_sub(activity, "title"), title)
    _narratives(_sub(activity, "description", type="1"), _field_texts(program, "description") or title)
    if program.donor:
        donor = _field_texts(program.donor, "name") or {settings.LANGUAGE_CODE: str(program.donor)}
        _narratives(_sub(activity, "participating-org", role=ROLE_FUNDING), donor)
    implementing = _sub(activity, "participating-org", role=ROLE_IMPLEMENTING, ref=settings.MADANI_IATI_ORG_REF,
                        type=ORGANISATION_TYPE_NATIONAL_NGO)
    _sub(implementing, "narrative").text = CenterProfile.name_in("ar")
    _sub(activity, "activity-status", code=_status(program, dates, today))
    for kind, day in dates:
        _sub(activity, "activity-date", type=kind, iso_date=day.isoformat())
    places = _places(program)
    if places:
        several = len({_governorate(p) for p in places}) > 1
        _sub(activity, "activity-scope", code=SCOPE_SEVERAL_GOVERNORATES if several else SCOPE_ONE_GOVERNORATE)
    _sub(activity, "recipient-country", code="SY")
    for place in places:
        _location(activity, place)
    sector = _sub(activity, "sector", vocabulary=SECTOR_VOCABULARY_DAC, code=SECTOR_CODE)
    _narratives(sector, _in_every_language(SECTOR_NAME))
    for path in iati_transactions():  # other apps' money (grants: commitments and disbursements)
        import_string(path)(activity, program, user)
    _people_reached(activity, program, user)
    _people_trained(activity, program, user)
    return activity


def program_activity_file(program, user, *, today=None) -> bytes:
    """The ``<iati-activities>`` document of one program, UTF-8 encoded."""
    if not iati_ready():
        raise NotPublishable(_("The center's IATI organisation identifier and name are not configured: the "
                               "administrator sets MADANI_IATI_ORG_REF and fills in the center's profile."))
    root = etree.Element("iati-activities", {"version": IATI_VERSION,
                                             "generated-datetime": timezone.now().isoformat(timespec="seconds")})
    program_activity(root, program, user, today or timezone.localdate())
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
