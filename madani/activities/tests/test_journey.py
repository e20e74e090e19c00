"""The organization page tells its capacity journey: trainings, coaching and consultations, newest first."""

import datetime

from django.urls import reverse
from django.utils.translation import gettext

from conftest import client_for
from tests.factories import ActivityFactory, ResponseFactory


def test_the_organization_page_lists_what_its_people_received(client_a, activity_a, organization_a, branch_a):
    coaching = ActivityFactory(branch=branch_a, kind="coaching", title_ar="تدريب على الخطة الاستراتيجية",
                               title="تدريب على الخطة الاستراتيجية", start_date=datetime.date(2026, 6, 1),
                               end_date=datetime.date(2026, 6, 4))
    coaching.target_organizations.add(organization_a)
    ActivityFactory(branch=branch_a, title="نشاط لا علاقة له", title_ar="نشاط لا علاقة له")
    body = client_a.get(reverse("organizations:detail", args=[organization_a.pk])).content.decode()
    assert body.index("تدريب على الخطة الاستراتيجية") < body.index("تدريب المناصرة")  # newest first
    assert "نشاط لا علاقة له" not in body
    assert gettext("%(staff)s of its people took part, %(completed)s completed.") % {"staff": 1, "completed": 1} in body


def test_a_cso_member_sees_the_journey_of_their_organization(cso_member, activity_a, organization_a):
    body = client_for(cso_member).get(reverse("organizations:detail", args=[organization_a.pk])).content.decode()
    assert "تدريب المناصرة" in body


def test_a_person_page_lists_their_activities(client_a, activity_a, person_a):
    body = client_a.get(reverse("people:detail", args=[person_a.pk])).content.decode()
    assert "تدريب المناصرة" in body


def test_needs_assessments_appear_in_the_journey_with_their_scores(client_a, organization_a):
    from madani.assessments.models import Questionnaire

    needs = Questionnaire.objects.needs().get()
    ResponseFactory(questionnaire=needs, organization=organization_a, date=datetime.date(2026, 2, 1),
                    answers={}, domain_scores={"finance": 40.0, "governance": 75.0})
    body = client_a.get(reverse("organizations:detail", args=[organization_a.pk])).content.decode()
    assert gettext("Needs assessment") in body
    assert "40%" in body and "75%" in body
