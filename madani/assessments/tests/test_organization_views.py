"""Needs assessments of an organization: filling, scores, gap report, enrolment, before/after."""

import datetime
import json

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from conftest import client_for
from madani.activities.models import Participation, Status, Topic
from madani.assessments import services
from madani.assessments.models import Questionnaire, Response
from madani.assessments.reports import scores_over_time
from tests.factories import ActivityFactory, AffiliationFactory, OrganizationFactory, PersonFactory

from .helpers import instance_xml


def _fill(client, organization, questionnaire, language="", date="2026-02-01",
          instance_id="uuid:00000000-0000-4000-8000-000000000001", **answers):
    """Post the submission XML the web form (ODK's engine) sends for ``answers``."""
    url = language + reverse("assessments:assess", args=[organization.pk])
    return client.post(f"{url}?questionnaire={questionnaire.pk}&date={date}",
                       instance_xml(questionnaire, answers, instance_id), content_type="text/xml")


def test_staff_fill_a_needs_assessment_and_see_its_scores(client_a, organization_a, small_questionnaire, staff_a):
    response = _fill(client_a, organization_a, small_questionnaire, has_bank="yes", bank_name="مصرف", tools=["audit"],
                     staff="4", budget="1500.50", founded="2019-03-01")
    saved = Response.objects.get()
    assert response.status_code == 201
    assert response.json()["url"] == reverse("assessments:response", args=[saved.pk])
    assert saved.answers == {"has_bank": "yes", "bank_name": "مصرف", "tools": ["audit"], "staff": 4, "budget": 1500.5,
                             "founded": "2019-03-01"}
    assert saved.domain_scores == {"finance": 50.0} and saved.submitted_by == staff_a
    assert saved.date == datetime.date(2026, 2, 1) and saved.instance_id.startswith("uuid:")
    detail = client_a.get("/en" + response.json()["url"]).content.decode()
    assert "Does the organization have a bank account?" in detail and "Audit" in detail


def test_the_fill_page_runs_odks_engine_on_the_served_xform(client_a, organization_a, small_questionnaire):
    response = client_a.get(reverse("assessments:assess", args=[organization_a.pk]),
                            {"questionnaire": small_questionnaire.pk})
    html = response.content.decode()
    assert "collect/webform.js" in html and "vendor/odk/xforms-engine.js" in html and 'id="odk-xform"' in html
    # the forms' service worker keeps this page too: it opens again with no connection
    assert f'data-worker="{reverse("collect:offline_worker")}" data-scope="/"' in html
    assert f'id=\\"madani-{small_questionnaire.pk}\\"' in html or f"madani-{small_questionnaire.pk}" in html
    assert "'wasm-unsafe-eval'" in response["Content-Security-Policy"]
    assert "unsafe-inline" not in response["Content-Security-Policy"].split("script-src")[1].split(";")[0]


def test_a_resent_submission_is_kept_once_and_a_different_one_with_its_id_is_refused(client_a, organization_a,
                                                                                    small_questionnaire, branch_a):
    first = _fill(client_a, organization_a, small_questionnaire, has_bank="no")
    again = _fill(client_a, organization_a, small_questionnaire, has_bank="no")
    assert (first.status_code, again.status_code) == (201, 202) and Response.objects.count() == 1
    assert _fill(client_a, organization_a, small_questionnaire, has_bank="yes", bank_name="x").status_code == 409
    other = OrganizationFactory(branch=branch_a)
    assert _fill(client_a, other, small_questionnaire, has_bank="no").status_code == 409  # same XML, another subject
    assert Response.objects.count() == 1


def test_a_submission_of_another_form_or_version_or_without_an_instance_id_is_refused(client_a, organization_a,
                                                                                      small_questionnaire):
    url = reverse("assessments:assess", args=[organization_a.pk]) + f"?questionnaire={small_questionnaire.pk}"
    old = instance_xml(small_questionnaire, {"has_bank": "no"}, version="0")
    assert client_a.post(url, old, content_type="text/xml").status_code == 409
    other = instance_xml(small_questionnaire, {"has_bank": "no"}).replace(
        f"madani-{small_questionnaire.pk}".encode(), b"madani-999999")
    assert client_a.post(url, other, content_type="text/xml").status_code == 404
    no_id = instance_xml(small_questionnaire, {"has_bank": "no"}, instance_id="")
    assert client_a.post(url, no_id, content_type="text/xml").status_code == 400
    assert client_a.post(url, b"<not xml", content_type="text/xml").status_code == 400
    assert client_a.post(url + "&date=yesterday", instance_xml(small_questionnaire, {}),
                         content_type="text/xml").status_code == 400
    assert not Response.objects.exists()


def test_cso_members_fill_their_own_organizations_assessment_only(cso_member, organization_a, branch_a,
                                                                  small_questionnaire):
    client = client_for(cso_member)
    _fill(client, organization_a, small_questionnaire, has_bank="no")
    assert Response.objects.get().organization == organization_a
    other = OrganizationFactory(branch=branch_a)
    assert client.get(reverse("assessments:assess", args=[other.pk])).status_code == 404
    assert client.get(reverse("assessments:organization", args=[organization_a.pk])).status_code == 200


def test_trainers_do_not_fill_needs_assessments(trainer_a, activity_a, organization_a, small_questionnaire):
    """(Organization A is one their activity served: they see it, but do not assess it.)"""
    assert client_for(trainer_a).get(reverse("assessments:assess", args=[organization_a.pk])).status_code == 403


def _assess(organization, questionnaire, date, **answers):
    answers = {"has_bank": None, "tools": None, "staff": None, "budget": None, "founded": None, **answers}
    return services.response_submit(actor=None, questionnaire=questionnaire, organization=organization,
                                    answers=answers, date=date)


@pytest.fixture
def weak_in_finance(organization_a, small_questionnaire):
    return _assess(organization_a, small_questionnaire, datetime.date(2025, 1, 10), has_bank="no")


def test_the_gap_report_recommends_topics_and_upcoming_activities(client_a, organization_a, branch_a, branch_b,
                                                                   weak_in_finance):
    finance = Topic.objects.get(code="financial-management")
    upcoming = ActivityFactory(branch=branch_a, status=Status.PLANNED, title="تدريب الإدارة المالية")
    upcoming.topics.add(finance)
    done = ActivityFactory(branch=branch_a, status=Status.COMPLETED, title="تدريب مالي منتهي")
    done.topics.add(finance)
    elsewhere = ActivityFactory(branch=branch_b, status=Status.PLANNED, title="تدريب مالي في حلب")
    elsewhere.topics.add(finance)
    response = client_a.get(reverse("assessments:organization", args=[organization_a.pk]))
    [gap] = response.context["gaps"]
    assert gap["domain"] == "finance" and gap["score"] == 0.0
    assert finance in gap["topics"]
    assert gap["activities"] == [upcoming]  # not the completed one, nor another branch's
    html = response.content.decode()
    assert finance.name in html and reverse("assessments:enrol", args=[organization_a.pk]) in html


def test_the_enrol_button_enrols_every_current_staff_member(client_a, organization_a, person_a, branch_a,
                                                            weak_in_finance):
    colleague = PersonFactory(branch=branch_a)
    AffiliationFactory(person=colleague, organization=organization_a)
    former = PersonFactory(branch=branch_a)
    AffiliationFactory(person=former, organization=organization_a, end_date=datetime.date(2024, 1, 1),
                       start_date=datetime.date(2020, 1, 1))
    activity = ActivityFactory(branch=branch_a, status=Status.PLANNED)
    url = reverse("assessments:enrol", args=[organization_a.pk])
    confirm = client_a.get(url, {"activity": activity.pk}).content.decode()
    assert person_a.full_name in confirm and colleague.full_name in confirm and former.full_name not in confirm
    response = client_a.post(url, {"activity": activity.pk})
    assert response["Location"] == reverse("assessments:organization", args=[organization_a.pk])
    enrolled = Participation.objects.filter(activity=activity)
    assert {p.person for p in enrolled} == {person_a, colleague}
    assert {p.organization for p in enrolled} == {organization_a}


def test_enrolment_is_all_or_nothing(staff_a, organization_a, person_a, branch_a, monkeypatch):
    colleague = PersonFactory(branch=branch_a, full_name="ي آخر الأسماء")
    AffiliationFactory(person=colleague, organization=organization_a)
    activity = ActivityFactory(branch=branch_a, status=Status.PLANNED)
    real_add = services.participation_add

    def failing_on_the_second(**kwargs):
        if kwargs["person"] == colleague:
            raise RuntimeError("the database went away")
        return real_add(**kwargs)

    monkeypatch.setattr(services, "participation_add", failing_on_the_second)
    with pytest.raises(RuntimeError):
        services.organization_staff_enrol(actor=staff_a, organization=organization_a, activity=activity)
    assert not Participation.objects.filter(activity=activity).exists()


def test_a_completed_activity_cannot_be_chosen(client_a, organization_a, person_a, activity_a):
    response = client_a.post(reverse("assessments:enrol", args=[organization_a.pk]), {"activity": activity_a.pk})
    assert response.status_code == 200 and "activity" in response.context["form"].errors


def test_cso_members_cannot_enrol(cso_member, organization_a):
    assert client_for(cso_member).get(reverse("assessments:enrol", args=[organization_a.pk])).status_code == 403


def test_a_re_assessment_is_compared_with_the_baseline_in_a_chart_and_a_table(client_a, organization_a,
                                                                            small_questionnaire, weak_in_finance):
    _assess(organization_a, small_questionnaire, datetime.date(2026, 1, 10), has_bank="yes", bank_name="x",
            tools=["budget", "audit", "manual"])
    response = client_a.get("/en" + reverse("assessments:organization", args=[organization_a.pk]))
    assert response.context["comparison"] == [
        {"domain": "finance", "label": "Financial management", "before": 0.0, "after": 100.0, "change": 100.0}]
    html = response.content.decode()
    chart = json.loads(html.split('id="assessment-chart-data" type="application/json">')[1].split("</script>")[0])
    assert chart["labels"] == ["Financial management"] and [d["data"] for d in chart["datasets"]] == [[0.0], [100.0]]
    assert 'id="before-after"' in html and "+100.0" in html
    assert "vendor/chartjs/chart.umd.min.js" in html
    assert scores_over_time(organization_a) == [(datetime.date(2025, 1, 10), {"finance": 0.0}),
                                                (datetime.date(2026, 1, 10), {"finance": 100.0})]


def test_other_branches_do_not_see_the_assessments(client_b, organization_a, weak_in_finance):
    assert client_b.get(reverse("assessments:organization", args=[organization_a.pk])).status_code == 404
    assert client_b.get(reverse("assessments:response", args=[weak_in_finance.pk])).status_code == 404


def test_the_gap_report_recommends_no_other_organizations_coaching(client_a, organization_a, branch_a, person_a,
                                                                 weak_in_finance):
    """Issue 12: coaching and technical support are one organization's services; only those given to this
    organization are recommended, and the enrolment refuses another's even when its id is typed in."""
    finance = Topic.objects.get(code="financial-management")
    workshop = ActivityFactory(branch=branch_a, status=Status.PLANNED, kind="workshop", title="ورشة المالية")
    others = ActivityFactory(branch=branch_a, status=Status.PLANNED, kind="coaching", title="تدريب منظمة أخرى")
    others.target_organizations.add(OrganizationFactory(branch=branch_a))
    ours = ActivityFactory(branch=branch_a, status=Status.PLANNED, kind="technical_support", title="دعم فني لنا")
    ours.target_organizations.add(organization_a)
    for activity in (workshop, others, ours):
        activity.topics.add(finance)
    [gap] = client_a.get(reverse("assessments:organization", args=[organization_a.pk])).context["gaps"]
    assert set(gap["activities"]) == {workshop, ours}
    url = reverse("assessments:enrol", args=[organization_a.pk])
    response = client_a.post(url, {"activity": others.pk})
    assert response.status_code == 200 and "activity" in response.context["form"].errors
    assert not Participation.objects.filter(activity=others).exists()
    with pytest.raises(ValidationError):
        services.organization_staff_enrol(actor=None, organization=organization_a, activity=others)


def test_a_new_organization_starts_its_first_needs_assessment_from_its_page(client_a, branch_a, small_questionnaire):
    organization = OrganizationFactory(branch=branch_a)
    html = client_a.get(reverse("organizations:detail", args=[organization.pk])).content.decode()
    start = reverse("assessments:assess", args=[organization.pk])
    assert start in html and reverse("assessments:organization", args=[organization.pk]) in html
    first = Questionnaire.objects.needs().active().first()
    assert client_a.get(f"{start}?questionnaire={first.pk}").status_code == 200


def test_eastern_arabic_digits_are_read_in_numbers_and_dates(client_a, organization_a, small_questionnaire):
    _fill(client_a, organization_a, small_questionnaire, has_bank="no", staff="١٢", budget="١٥٠٠٫٥",
          founded="٢٠١٩-٠٣-٠١", date="٢٠٢٦-٠٢-٠١")
    saved = Response.objects.get()
    assert (saved.answers["staff"], saved.answers["budget"], saved.answers["founded"]) == (12, 1500.5, "2019-03-01")
    assert saved.date == datetime.date(2026, 2, 1)
