"""Pre- and post-tests of a training: entering them per participant, and the average gain shown on
the activity's page."""

import json

import pytest
from django.urls import reverse
from django.utils.translation import gettext

from conftest import client_for
from madani.assessments import services
from madani.assessments.models import Kind, Questionnaire, Response
from madani.assessments.workbooks import xlsform_bytes
from madani.assessments.xlsform import read_xlsform
from tests.factories import ParticipationFactory, PersonFactory

from .helpers import instance_xml

AR, EN = "label::Arabic (ar)", "label::English (en)"


@pytest.fixture
def quiz():
    survey = [{"type": f"select_one q{i}", "name": f"q{i}", AR: f"سؤال {i}", EN: f"Question {i}", "required": "yes"}
              for i in range(1, 5)]
    choices = [{"list_name": f"q{i}", "name": name, AR: name, EN: name, "madani_score": score}
               for i in range(1, 5) for name, score in (("right", 1), ("wrong", 0))]
    return read_xlsform(xlsform_bytes(survey, choices), "quiz.xlsx", domains=set())


@pytest.fixture
def tests_of_activity_a(activity_a, quiz):
    return {kind: Questionnaire.objects.create(title=str(kind), kind=kind, activity=activity_a, definition=quiz)
            for kind in (Kind.PRE_TEST, Kind.POST_TEST)}


def _answers(right: int):
    return {f"q{i}": "right" if i <= right else "wrong" for i in range(1, 5)}


def _submit(questionnaire, participation, right):
    return services.response_submit(actor=None, questionnaire=questionnaire, participation=participation,
                                    answers=_answers(right), date=participation.activity.start_date)


def test_a_trainer_enters_a_participants_pre_test(trainer_a, activity_a, tests_of_activity_a):
    participation = activity_a.participations.get()
    url = reverse("assessments:test", args=[activity_a.pk, participation.pk])
    client = client_for(trainer_a)
    page = client.get(url).content.decode()
    xform = json.loads(page.split('id="odk-xform" type="application/json">')[1].split("</script>")[0])
    assert "collect/webform.js" in page and "سؤال 1" in xform  # the XForm ODK's engine fills
    pre_test = tests_of_activity_a[Kind.PRE_TEST]
    response = client.post(url + "?kind=pre_test&date=2026-03-01", instance_xml(pre_test, _answers(3)),
                           content_type="text/xml")
    assert response.status_code == 201
    saved = Response.objects.get()
    assert saved.questionnaire == pre_test and saved.score == 75.0 and saved.participation == participation
    assert response.json()["url"] == reverse("assessments:response", args=[saved.pk])
    # the post-test's page does not take the pre-test's XML
    post = client.post(url + "?kind=post_test", instance_xml(pre_test, _answers(3), instance_id="uuid:other"),
                       content_type="text/xml")
    assert post.status_code == 404 and Response.objects.count() == 1


def test_a_test_of_someone_in_another_training_is_refused(trainer_a, activity_a, tests_of_activity_a, branch_a):
    other = ParticipationFactory(person=PersonFactory(branch=branch_a))
    url = reverse("assessments:test", args=[activity_a.pk, other.pk])
    response = client_for(trainer_a).post(url, instance_xml(tests_of_activity_a[Kind.PRE_TEST], _answers(3)),
                                          content_type="text/xml")
    assert response.status_code == 404 and not Response.objects.exists()


def test_a_missing_test_is_explained(client_a, activity_a):
    participation = activity_a.participations.get()
    response = client_a.get(reverse("assessments:test", args=[activity_a.pk, participation.pk]) + "?kind=post_test")
    assert response.status_code == 200 and response.context["questionnaire"] is None


def test_the_activity_page_shows_the_average_gain(client_a, activity_a, tests_of_activity_a, person_a):
    first = activity_a.participations.get()
    second = ParticipationFactory(activity=activity_a, person=PersonFactory(branch=activity_a.branch))
    third = ParticipationFactory(activity=activity_a, person=PersonFactory(branch=activity_a.branch))
    _submit(tests_of_activity_a[Kind.PRE_TEST], first, 1)    # 25 → 100: +75
    _submit(tests_of_activity_a[Kind.POST_TEST], first, 4)
    _submit(tests_of_activity_a[Kind.PRE_TEST], second, 2)   # 50 → 75: +25
    _submit(tests_of_activity_a[Kind.POST_TEST], second, 3)
    _submit(tests_of_activity_a[Kind.PRE_TEST], third, 0)    # no post-test: not counted
    html = client_a.get(reverse("activities:detail", args=[activity_a.pk])).content.decode()
    assert 'data-average-gain="50.0"' in html
    assert gettext("Pre- and post-tests") in html and reverse("assessments:activity", args=[activity_a.pk]) in html
    page = client_a.get(reverse("assessments:activity", args=[activity_a.pk]))
    assert page.context["results"]["average_gain"] == 50.0 and page.context["results"]["with_both"] == 2
    assert [row["gain"] for row in page.context["results"]["rows"] if row["participation"] == third] == [None]


def test_the_activity_page_works_without_tests(client_a, activity_a):
    html = client_a.get(reverse("activities:detail", args=[activity_a.pk])).content.decode()
    assert gettext("No participant has both a pre-test and a post-test yet.") in html


def test_a_test_cannot_be_recorded_for_someone_outside_the_training(activity_a, tests_of_activity_a, branch_a):
    from django.core.exceptions import ValidationError

    other = ParticipationFactory(person=PersonFactory(branch=branch_a))
    with pytest.raises(ValidationError):
        _submit(tests_of_activity_a[Kind.PRE_TEST], other, 2)


def test_other_branches_get_404_on_the_tests(client_b, activity_a, tests_of_activity_a):
    assert client_b.get(reverse("assessments:activity", args=[activity_a.pk])).status_code == 404
    assert client_b.get(reverse("assessments:detail", args=[tests_of_activity_a[Kind.PRE_TEST].pk])).status_code == 404
