"""Every figure is defined once, in the indicator engine (issue 11): the demo's headline figures — people
reached, women, men, activities, organizations served — are the same through every output that shows
them: the engine, the dashboard's precomputed cells, the impact page, the home page, the donor report
workbook, 3W/4W and the IATI file (with MADANI_MIN_CELL_SIZE=1, so that suppression hides nothing)."""

import datetime
import io

import hxl
import pytest
from django.urls import reverse
from django.utils.translation import gettext, override
from lxml import etree
from openpyxl import load_workbook

from conftest import client_for
from madani.accounts.models import Role, User
from madani.activities.models import Activity, Program
from madani.branches.models import Branch
from madani.dashboard import cube
from madani.dashboard.figures import Selection, staff_figures
from madani.dashboard.models import Figure
from madani.indicators.engine import IndicatorQuery, Metric, compute, period_bounds
from madani.reports.iati import program_activity_file
from madani.reports.services import donor_report_request
from tests.factories import UserFactory

HEADLINE = ("people", "women", "men", "activities", "organizations")


@pytest.fixture
def figures(loaded, settings):
    settings.MADANI_MIN_CELL_SIZE = 1
    settings.MADANI_IATI_ORG_REF = settings.MADANI_IATI_ORG_REF or "SY-TEST-0001"
    cube.rebuild()
    years = Figure.objects.filter(program=None, branch=None, kind="", quarter=None, month=None, year__isnull=False)
    year = max(years.filter(people__gt=0), key=lambda row: (row.activities, row.year)).year
    branch = Branch.objects.filter(pk__in=Figure.objects.filter(year=year, people__gt=0).exclude(branch=None)
                                   .values("branch")).order_by("pk").first()
    return year, branch


def engine(*, year=None, branch=None, program=None, **filters) -> dict:
    dates = dict(zip(("date_from", "date_to"), period_bounds(year))) if year else {}
    scope = {"branches": (branch.pk,) if branch else (), "programs": (program.pk,) if program else (), **dates,
             **filters}
    people = compute(IndicatorQuery(Metric.PEOPLE, by=("gender",), **scope))
    genders = {row.keys[0].value: row.value for row in people.rows}
    return {"people": people.total, "women": genders.get("female", 0), "men": genders.get("male", 0),
            "activities": compute(IndicatorQuery(Metric.ACTIVITIES, **scope)).total,
            "organizations": compute(IndicatorQuery(Metric.ORGANIZATIONS, **scope)).total}


def test_the_demo_has_figures_worth_comparing(figures):
    year, branch = figures
    center = engine(year=year)
    assert center["people"] > 20 and center["women"] and center["men"] and center["activities"] > 5
    assert branch is not None and 0 < engine(year=year, branch=branch)["people"] < center["people"]


@pytest.mark.parametrize("scope", ["center", "branch"])
@pytest.mark.parametrize("period", ["year", "all"])
def test_the_dashboard_cube_is_the_engine_materialized(figures, scope, period):
    year, branch = figures
    branch = branch if scope == "branch" else None
    year = year if period == "year" else None
    row = Figure.objects.get(program=None, branch=branch, kind="", year=year, quarter=None, month=None)
    assert {m: getattr(row, m) for m in HEADLINE} == engine(year=year, branch=branch)
    administrator = User.objects.filter(role=Role.ADMINISTRATOR).first()
    headline = staff_figures(Selection(branch=branch, year=year), Branch.objects.visible_to(administrator))["headline"]
    assert {m: getattr(headline, m) for m in HEADLINE} == engine(year=year, branch=branch)


def test_every_cell_of_the_cube_for_a_year_and_its_quarters_is_the_engines(figures):
    year, branch = figures
    program = Program.objects.filter(activities__start_date__year=year).order_by("pk").first()
    for quarter in (None, 1, 2, 3, 4):
        start, end = period_bounds(year, quarter)
        for kind in ("", "training"):
            row = Figure.objects.filter(program=program, branch=branch, kind=kind, year=year, quarter=quarter,
                                        month=None).first() or Figure()
            expected = engine(program=program, branch=branch, kinds=(kind,) if kind else (), date_from=start,
                              date_to=end)
            assert {m: getattr(row, m) for m in HEADLINE} == expected, (quarter, kind)


def test_the_impact_and_home_pages_show_the_engines_figures(figures, anonymous):
    year, branch = figures
    cells = anonymous.get(reverse("dashboard:impact")).context["cells"]
    for y in (year, None):
        for b in (branch, None):
            shown = {m: cells[(y, b.pk if b else None, m)].value for m in HEADLINE}
            assert shown == engine(year=y, branch=b), (y, b)
    home = anonymous.get(reverse("public:home")).context["figures"]
    assert {m: home["all_time"][m].value for m in HEADLINE} == engine()
    this_year = datetime.date.today().year
    assert {m: home["this_year"][m].value for m in HEADLINE} == engine(year=this_year)


def _donor_headline(user, program, year, django_capture_on_commit_callbacks) -> dict:
    start, end = period_bounds(year)
    with django_capture_on_commit_callbacks(execute=True):
        job = donor_report_request(actor=user, program=program, date_from=start, date_to=end, language="en",
                                   format="xlsx")
    job.refresh_from_db()
    workbook = load_workbook(io.BytesIO(job.file.read()))
    with override("en"):
        rows = dict(list(workbook[gettext("Headline figures")].iter_rows(values_only=True))[1:])
        of_whom = gettext("of whom: %(gender)s")
        return {"people": rows[gettext("People reached")],
                "women": rows.get(of_whom % {"gender": gettext("Female")}, 0),
                "men": rows.get(of_whom % {"gender": gettext("Male")}, 0),
                "activities": rows[str(Metric.ACTIVITIES.label)],
                "organizations": rows[str(Metric.ORGANIZATIONS.label)]}


def test_the_donor_report_shows_the_engines_figures(figures, django_capture_on_commit_callbacks):
    year, branch = figures
    program = (Program.objects.filter(activities__start_date__year=year, activities__branch=branch)
               .order_by("pk").first())
    administrator = User.objects.filter(role=Role.ADMINISTRATOR).first()
    manager = UserFactory(role=Role.BRANCH_MANAGER, branches=[branch])
    assert _donor_headline(administrator, program, year, django_capture_on_commit_callbacks) == engine(
        year=year, program=program)
    assert _donor_headline(manager, program, year, django_capture_on_commit_callbacks) == engine(
        year=year, program=program, branch=branch)


def test_each_3w_row_shows_the_people_the_engine_says_its_activity_reached(figures):
    year, branch = figures
    start, end = period_bounds(year)
    administrator = User.objects.filter(role=Role.ADMINISTRATOR).first()
    response = client_for(administrator).get(reverse("reports:three_w"), {"branch": branch.pk, "start": start,
                                                                          "end": end})
    rows = list(hxl.data(io.BytesIO(b"".join(response.streaming_content))))
    running = Activity.objects.filter(branch=branch, start_date__lte=end, end_date__gte=start)
    assert len(rows) == running.count() > 0
    for row in rows[:25]:
        figures_of_row = engine(year=year, activities=(int(row.get("#activity+code")),))
        assert (int(row.get("#reached+ind")), int(row.get("#reached+f")), int(row.get("#reached+m"))) == (
            figures_of_row["people"], figures_of_row["women"], figures_of_row["men"])


def test_the_iati_file_shows_the_engines_people_reached(figures):
    _year, branch = figures
    administrator = User.objects.filter(role=Role.ADMINISTRATOR).first()
    program = Program.objects.filter(activities__branch=branch).order_by("pk").first()
    activity = etree.fromstring(program_activity_file(program, administrator))[0]
    for result in activity.findall("result"):
        if {n.get("{http://www.w3.org/XML/1998/namespace}lang"): n.text for n in result.find("title")}["en"] \
                == "People reached":
            break
    else:
        raise AssertionError("no people reached in the IATI file")
    actuals = {(a.find("dimension").get("value") if a.find("dimension") is not None else "all"): int(a.get("value"))
               for a in result.findall("indicator/period/actual")}
    expected = engine(program=program)
    assert actuals == {"all": expected["people"], "female": expected["women"], "male": expected["men"]}
