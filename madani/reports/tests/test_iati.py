"""A program's IATI 2.03 activity file (issue 4), validated against the official schema (iati-2.03/)."""

import datetime
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils.translation import gettext
from lxml import etree

from madani.public.models import CenterProfile
from madani.reports.iati import program_activity_file
from tests.factories import (
    ActivityFactory,
    BranchFactory,
    OrganizationFactory,
    ParticipationFactory,
    PersonFactory,
    ProgramFactory,
    place,
)

SCHEMA_DIR = Path(__file__).parent / "iati-2.03"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
TODAY = datetime.date(2026, 11, 21)


@pytest.fixture(scope="module")
def schema():
    return etree.XMLSchema(etree.parse(str(SCHEMA_DIR / "iati-activities-schema.xsd")))


def _valid(schema, document: bytes):
    tree = etree.fromstring(document)
    assert schema.validate(tree), schema.error_log.filter_from_errors()
    return tree


@pytest.fixture(autouse=True)
def _center_profile(db):
    CenterProfile.objects.create(name="مركز دعم المجتمع المدني", name_ar="مركز دعم المجتمع المدني")


@pytest.fixture
def demo_like_program(activity_a, branch_a, settings):
    """Seed 000: "Enhancing Participatory Democracy in NES", supported by NPA, in Raqqa and Deir ez-Zor,
    with a completed training (one woman, one man) and a workshop in Hajin whose trainee did not finish."""
    settings.MADANI_IATI_ORG_REF = "SY-CSSC-0001"
    deir = BranchFactory(code="deir-ez-zor", name_ar="دير الزور", name_en="Deir ez-Zor", place=place("SY090201"))
    program = activity_a.program
    program.code = "epd-nes"
    program.name_ar = program.name = "تعزيز نهج الديمقراطية التشاركية في شمال وشرق سوريا"
    program.name_en = "Enhancing Participatory Democracy in NES"
    program.description_ar = "مشروع مدعوم من منظمة المساعدات الشعبية النرويجية."
    program.description_en = "Supported by Norwegian People's Aid."
    program.start_date, program.end_date = datetime.date(2019, 1, 1), datetime.date(2027, 3, 31)
    program.donor = OrganizationFactory(branch=None, kind="donor", name_ar="المساعدات الشعبية النرويجية",
                                        name_en="Norwegian People's Aid", name="المساعدات الشعبية النرويجية")
    program.save()
    program.branches.set([branch_a, deir])
    ParticipationFactory(activity=activity_a, person=PersonFactory(branch=branch_a, gender="male"), completed=True)
    workshop = ActivityFactory(program=program, branch=deir, kind="workshop", place=place("SY090201"),
                               start_date=datetime.date(2021, 7, 20), end_date=datetime.date(2021, 7, 22))
    ParticipationFactory(activity=workshop, person=PersonFactory(branch=deir, gender="male"), completed=False)
    return program


def test_a_demo_like_program_validates_against_the_iati_2_03_schema(schema, demo_like_program, administrator):
    tree = _valid(schema, program_activity_file(demo_like_program, administrator, today=TODAY))
    assert tree.get("version") == "2.03" and tree.get("generated-datetime")
    activity = tree.find("iati-activity")
    assert activity.findtext("iati-identifier") == "SY-CSSC-0001-epd-nes"
    assert activity.find("reporting-org").get("ref") == "SY-CSSC-0001"
    titles = {n.get(XML_LANG): n.text for n in activity.find("title")}
    assert titles == {"ar": "تعزيز نهج الديمقراطية التشاركية في شمال وشرق سوريا",
                      "en": "Enhancing Participatory Democracy in NES"}
    assert {n.get(XML_LANG) for n in activity.find("description")} == {"ar", "en"}


def test_the_file_names_the_donor_as_funder_and_the_center_as_implementer(schema, demo_like_program, administrator):
    activity = _valid(schema, program_activity_file(demo_like_program, administrator, today=TODAY))[0]
    roles = {org.get("role"): org for org in activity.findall("participating-org")}
    assert set(roles) == {"1", "4"}
    assert {n.get(XML_LANG): n.text for n in roles["1"]}["en"] == "Norwegian People's Aid"
    assert roles["4"].get("ref") == "SY-CSSC-0001" and roles["4"].findtext("narrative") == "مركز دعم المجتمع المدني"
    # Organizations served are never named in a file meant to be published.
    assert "توتول" not in etree.tostring(activity, encoding="unicode")


def test_dates_status_places_and_sector_come_from_the_program_and_the_ledger(schema, demo_like_program, administrator):
    activity = _valid(schema, program_activity_file(demo_like_program, administrator, today=TODAY))[0]
    dates = {d.get("type"): d.get("iso-date") for d in activity.findall("activity-date")}
    assert dates == {"1": "2019-01-01", "2": "2021-07-20", "3": "2027-03-31"}  # no actual end: still running
    assert activity.find("activity-status").get("code") == "2"
    assert activity.find("recipient-country").get("code") == "SY"
    assert activity.find("activity-scope").get("code") == "5"  # two governorates
    locations = {loc.get("ref"): loc for loc in activity.findall("location")}
    assert set(locations) == {"SY110100", "SY090201"}
    assert {n.get(XML_LANG): n.text for n in locations["SY090201"].find("name")} == {"ar": "هجين", "en": "Hajin"}
    assert locations["SY090201"].find("feature-designation").get("code") == "ADM3"
    sector = activity.find("sector")
    assert (sector.get("vocabulary"), sector.get("code")) == ("1", "15150")
    narratives = {n.get(XML_LANG): n.text for n in sector}
    assert narratives["en"] == "Democratic participation and civil society"
    assert narratives.get("ar") != narratives["en"]  # an untranslated text is never marked as Arabic


def _result(activity, title):
    """The output result of that (English) title."""
    for result in activity.findall("result"):
        if {n.get(XML_LANG): n.text for n in result.find("title")}.get("en") == title:
            return result
    raise AssertionError(f"no result {title!r}")


def test_the_people_trained_are_counted_from_the_ledger_once_each(schema, demo_like_program, administrator, settings):
    settings.MADANI_MIN_CELL_SIZE = 1  # every figure shown: this test is about counting (suppression: below)
    activity = _valid(schema, program_activity_file(demo_like_program, administrator, today=TODAY))[0]
    result = _result(activity, "People trained")
    assert result.get("type") == "1"
    period = result.find("indicator/period")
    assert (period.find("period-start").get("iso-date"), period.find("period-end").get("iso-date")) == (
        "2026-03-01", "2026-03-03")  # the only completed training; the Hajin trainee did not finish
    actuals = {(a.find("dimension").get("value") if a.find("dimension") is not None else "all"): a.get("value")
               for a in period.findall("actual")}
    assert actuals == {"all": "2", "female": "1", "male": "1"}


def test_a_program_without_donor_end_date_description_or_activities_still_validates(schema, administrator, settings):
    program = ProgramFactory(code="bare", name_ar="برنامج بلا بيانات", name_en="", description_ar="",
                             start_date=datetime.date(2026, 12, 1), end_date=None)
    activity = _valid(schema, program_activity_file(program, administrator, today=TODAY))[0]
    assert activity.findtext("iati-identifier") == f"{settings.MADANI_IATI_ORG_REF}-bare"
    assert [org.get("role") for org in activity.findall("participating-org")] == ["4"]
    assert activity.find("activity-status").get("code") == "1"  # not started yet
    assert {d.get("type") for d in activity.findall("activity-date")} == {"1"}
    assert activity.find("description/narrative").text == "برنامج بلا بيانات"  # the title, when nothing else
    assert activity.find("result") is None


def test_the_schema_enforces_the_order_of_elements(schema, demo_like_program, administrator):
    """IATI is a sequence: the same elements in another order are not a valid file."""
    tree = _valid(schema, program_activity_file(demo_like_program, administrator, today=TODAY))
    activity = tree[0]
    activity.find("recipient-country").addnext(activity.find("sector"))  # sector before the locations
    assert not schema.validate(tree)


def test_each_branch_publishes_only_its_own_figures(schema, demo_like_program, client_a, branch_a, settings):
    settings.MADANI_MIN_CELL_SIZE = 1
    response = client_a.get(reverse("reports:iati", args=[demo_like_program.pk]))
    assert response.status_code == 200 and response["Content-Disposition"].endswith('SY-CSSC-0001-epd-nes.xml"')
    actuals = _result(_valid(schema, response.content)[0], "People trained").findall(".//actual")
    assert actuals[0].get("value") == "2"
    # Branch A's staff never see the Deir ez-Zor workshop: its date is not their actual start.
    dates = {d.get("type"): d.get("iso-date") for d in etree.fromstring(response.content).iter("activity-date")}
    assert dates["2"] == "2026-03-01"


def test_a_program_with_no_date_at_all_is_explained_not_published(client_a, branch_a):
    program = ProgramFactory(start_date=None, end_date=None)
    program.branches.set([branch_a])
    response = client_a.get(reverse("reports:iati", args=[program.pk]))
    assert response.status_code == 409
    assert gettext("IATI needs a start date: give the program its start date, or record its first activity.") in (
        response.content.decode())


def test_production_never_publishes_under_a_made_up_identifier(client_a, activity_a, settings):
    settings.MADANI_IATI_ORG_REF = ""  # production's default
    response = client_a.get(reverse("reports:iati", args=[activity_a.program.pk]))
    assert response.status_code == 409
    assert "MADANI_IATI_ORG_REF" in response.content.decode()
    assert reverse("reports:iati", args=[activity_a.program.pk]) not in client_a.get(reverse("reports:index")).content.decode()


def _trained(activity, women, men):
    for gender, count in (("female", women), ("male", men)):
        for _n in range(count):
            ParticipationFactory(activity=activity, person=PersonFactory(branch=activity.branch, gender=gender),
                                 completed=True)


def _actuals(activity):
    period = activity.find("result/indicator/period")
    return {(a.find("dimension").get("value") if a.find("dimension") is not None else "all"): a.get("value")
            for a in period.findall("actual")}


def test_a_group_of_trained_people_under_the_minimum_cell_size_is_not_published(schema, demo_like_program,
                                                                                administrator, activity_a, settings):
    """Issue 10: the file is public. 1 woman + 1 man trained: nothing under 5 is published, and the
    file still validates."""
    settings.MADANI_MIN_CELL_SIZE = 5
    activity = _valid(schema, program_activity_file(demo_like_program, administrator, today=TODAY))[0]
    assert activity.find("result") is None
    assert 'value="1"' not in etree.tostring(activity, encoding="unicode")


def test_a_small_gender_is_suppressed_and_its_complement_too(schema, demo_like_program, administrator, activity_a,
                                                             settings):
    """9 women and 2 men trained (with the demo's 1 + 1): the total of 12 is published; the 2 men are not,
    nor the 10 women (12 - 10 would give them away)."""
    settings.MADANI_MIN_CELL_SIZE = 5
    _trained(activity_a, women=9, men=1)
    activity = _valid(schema, program_activity_file(demo_like_program, administrator, today=TODAY))[0]
    assert _actuals(activity) == {"all": "12"}
    _trained(activity_a, women=0, men=4)  # 6 men now: every figure is published
    activity = _valid(schema, program_activity_file(demo_like_program, administrator, today=TODAY))[0]
    assert _actuals(activity) == {"all": "16", "female": "10", "male": "6"}
