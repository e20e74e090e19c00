import datetime
import re

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext

from madani.activities.models import Kind
from madani.dashboard import cube
from madani.dashboard.public import Cell, headline_figures, impact_table, suppress
from madani.dashboard.tests.helpers import record
from tests.factories import ActivityFactory, AttendanceFactory, ParticipationFactory

pytestmark = pytest.mark.django_db


def fewer_than(n=5):
    """A suppressed cell (not the sentence that explains the rule)."""
    return ">" + gettext("fewer than %(minimum)s") % {"minimum": n} + "</span>"


def shows(number, html) -> bool:
    return re.search(rf">\s*{number}\s*<", html) is not None


@pytest.fixture
def three_women(branch_a):
    """This year, one training in branch A: 3 women and 37 men."""
    year = datetime.date.today().year
    day = datetime.date(year, 1, 10)
    activity = ActivityFactory(branch=branch_a, start_date=day, end_date=day)
    record(activity, men=37, women=3, days=1)
    cube.rebuild()
    return activity


def test_a_group_of_three_shows_as_fewer_than_five_and_its_complement_is_hidden(three_women, anonymous):
    response = anonymous.get(reverse("dashboard:impact"))
    assert response.status_code == 200
    text = response.content.decode()
    assert fewer_than() in text
    assert not shows(37, text)  # not as a figure (a clock time may hold the digits)
    assert shows(40, text)  # the total is not a small group
    center = next(row for row in impact_table()["periods"][0]["rows"] if row["branch"] is None)
    people, women, men = center["cells"][:3]
    assert (people.shown, women.small, men.hidden) == (True, True, True)


def test_the_minimum_cell_size_is_a_setting(three_women, anonymous, settings):
    settings.MADANI_MIN_CELL_SIZE = 2
    text = anonymous.get(reverse("dashboard:impact")).content.decode()
    assert fewer_than(2) not in text and shows(37, text)
    settings.MADANI_MIN_CELL_SIZE = 50
    text = anonymous.get(reverse("dashboard:impact")).content.decode()
    assert fewer_than(50) in text and not shows(40, text)


def test_a_small_branch_cannot_be_worked_out_from_the_center_total(branch_a, branch_b):
    year = datetime.date.today().year
    record(ActivityFactory(branch=branch_a, start_date=datetime.date(year, 2, 1), end_date=datetime.date(year, 2, 1)),
           men=20, women=20, days=1)
    record(ActivityFactory(branch=branch_b, kind=Kind.WORKSHOP, start_date=datetime.date(year, 2, 1),
                           end_date=datetime.date(year, 2, 1)), men=10, women=2, days=1)
    cube.rebuild()
    cells = impact_table()["cells"]
    assert cells[(year, branch_b.pk, "women")].small
    assert not cells[(year, branch_a.pk, "women")].shown  # else B's women = center's women - A's women
    assert not cells[(year, branch_b.pk, "men")].shown
    assert cells[(year, None, "people")].shown and cells[(year, None, "people")].value == 52
    assert cells[(year, branch_b.pk, "activities")].shown  # activities are not groups of people


def test_suppression_leaves_no_relation_with_a_single_hidden_figure():
    cells = {(None, None, "people"): Cell(40), (None, None, "women"): Cell(3), (None, None, "men"): Cell(37)}
    for measure in ("activities", "sessions", "person_days", "organizations"):
        cells[(None, None, measure)] = Cell(10)
    suppress(cells, [], [], 5)
    assert cells[(None, None, "women")].small and cells[(None, None, "men")].hidden
    assert cells[(None, None, "people")].shown


def test_public_headline_figures_are_suppressed_and_render_in_the_home_page_partial(three_women):
    figures = headline_figures()
    assert figures["this_year"]["people"].value == 40 and figures["this_year"]["women"].small
    assert figures["all_time"]["men"].hidden
    html = render_to_string("dashboard/partials/public_figures.html", {"figures": figures})
    assert fewer_than() in html and "37" not in html and reverse("dashboard:impact") in html


def test_the_impact_page_is_public_and_cacheable(three_women, anonymous):
    response = anonymous.get(reverse("dashboard:impact"))
    assert "public" in response["Cache-Control"] and "max-age" in response["Cache-Control"]
    english = anonymous.get("/en" + reverse("dashboard:impact"))
    assert "Our impact" in english.content.decode()


def test_a_small_group_of_another_year_hides_nothing_that_cannot_be_worked_out(branch_a, anonymous):
    """Issue 12 (Aleppo's 71, Amouda's 40): last year branch A reached 3 women and 10 men, who came back this
    year with 30 more women and 28 more men. All time counts each person once (71), so the years do not add up
    to it and subtracting gives no one's figure: this year's and all time's split by gender are shown; last
    year's men are hidden (they would give the 3 women away), and the page says why next to them."""
    year = datetime.date.today().year
    last = ActivityFactory(branch=branch_a, start_date=datetime.date(year - 1, 3, 1),
                           end_date=datetime.date(year - 1, 3, 1))
    returning = record(last, men=10, women=3, days=1)
    this = ActivityFactory(branch=branch_a, start_date=datetime.date(year, 1, 10), end_date=datetime.date(year, 1, 10))
    record(this, men=28, women=30, days=1)
    session = this.sessions.get()
    for person in returning:
        ParticipationFactory(activity=this, person=person)
        AttendanceFactory(session=session, person=person)
    cube.rebuild()
    cells = impact_table()["cells"]
    assert cells[(None, branch_a.pk, "people")].value == 71
    assert [cells[(None, branch_a.pk, m)].value for m in ("women", "men")] == [33, 38]
    assert all(cells[(y, branch_a.pk, m)].shown for y in (None, year) for m in ("people", "women", "men"))
    assert cells[(year - 1, branch_a.pk, "women")].small and cells[(year - 1, branch_a.pk, "men")].hidden
    text = anonymous.get(reverse("dashboard:impact")).content.decode()
    assert gettext("Not shown: with the figures beside it, it would let anyone work out a group of fewer than "
                   "%(minimum)s people.") % {"minimum": 5} in text
