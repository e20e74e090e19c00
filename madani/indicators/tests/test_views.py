import datetime

import pytest
from django.urls import reverse
from django.utils.translation import gettext

from conftest import client_for
from madani.indicators.engine import IndicatorQuery, compute
from madani.indicators.models import Indicator, disaggregation_errors
from madani.people.services import person_merge
from tests.factories import (
    ActivityFactory,
    AttendanceFactory,
    IndicatorFactory,
    OutcomeFactory,
    OutputFactory,
    ParticipationFactory,
    PersonFactory,
    SessionFactory,
    TargetFactory,
)


@pytest.fixture
def two_branches(activity_a, branch_b):
    """Activity A in branch A with person A, and a training in branch B with a man and a woman (present at
    its session: people reached are the people present)."""
    activity_b = ActivityFactory(branch=branch_b, program=activity_a.program)
    session = SessionFactory(activity=activity_b, date=activity_b.start_date)
    for gender in ("male", "female"):
        person = PersonFactory(branch=branch_b, gender=gender)
        ParticipationFactory(activity=activity_b, person=person)
        AttendanceFactory(session=session, person=person)
    return activity_b


@pytest.fixture
def people_by_gender(activity_a):
    return IndicatorFactory(code="trainees", name="المتدربون", name_ar="المتدربون", metric="people",
                            disaggregations=["gender"])


def test_a_branch_manager_sees_the_figures_of_their_branches_only(client_a, administrator, two_branches,
                                                                   people_by_gender):
    url = reverse("indicators:detail", args=[people_by_gender.pk])
    assert client_a.get(url).context["result"].total == 1
    assert client_for(administrator).get(url).context["result"].total == 3


def test_every_number_links_to_as_many_records(administrator, two_branches, people_by_gender):
    client = client_for(administrator)
    context = client.get(reverse("indicators:detail", args=[people_by_gender.pk])).context
    links = [(value, link) for _key, cells in context["body"] for value, link in cells]
    assert sorted(value for value, _link in links) == [1, 2]
    for value, link in [*links, (context["result"].total, context["total_url"])]:
        assert client.get(link).context["page"].paginator.count == value


def test_the_records_behind_a_number_are_those_the_user_may_see(client_a, two_branches, people_by_gender,
                                                                 person_a):
    url = reverse("indicators:records", args=[people_by_gender.pk])
    response = client_a.get(url)
    assert [p.pk for p in response.context["page"]] == [person_a.pk]


def test_a_reader_can_change_the_period_and_the_breakdown(client_a, activity_a, people_by_gender):
    url = reverse("indicators:detail", args=[people_by_gender.pk])
    later = client_a.get(url, {"custom": "1", "date_from": "2027-01-01", "by": ["branch"]}).context
    assert later["result"].total == 0 and later["result"].query.by == ("branch",)
    refused = client_a.get(url, {"custom": "1", "by": ["gender", "branch", "kind"]}).context["form"]
    assert refused.errors["by"] == [gettext("Choose at most two disaggregations.")]


def test_other_branch_staff_get_404_for_the_indicators_of_a_program_they_do_not_run(client_b, activity_a):
    program = activity_a.program
    program.branches.set([activity_a.branch])
    indicator = IndicatorFactory(code="x", name="x", name_ar="x", metric="sessions", program=program)
    assert client_b.get(reverse("indicators:detail", args=[indicator.pk])).status_code == 404
    assert client_b.get(reverse("indicators:logframe", args=[program.pk])).status_code == 404


def test_cso_members_have_no_access_to_indicators(cso_member, people_by_gender):
    client = client_for(cso_member)
    assert client.get(reverse("indicators:list")).status_code == 403
    assert client.get(reverse("indicators:detail", args=[people_by_gender.pk])).status_code == 404


def test_only_administrators_and_me_officers_define_indicators(client_a, me_officer_a, activity_a):
    assert client_a.get(reverse("indicators:create")).status_code == 403
    data = {
        "code": "sessions-by-branch", "name_ar": "الجلسات", "name_en": "Sessions", "metric": "sessions",
        "kinds": ["training"], "disaggregations": ["branch"], "programs": [activity_a.program.pk],
        "baselines-TOTAL_FORMS": "0", "baselines-INITIAL_FORMS": "0",
        "targets-TOTAL_FORMS": "1", "targets-INITIAL_FORMS": "0",
        "targets-0-year": "2026", "targets-0-value": "6",
    }
    response = client_for(me_officer_a).post(reverse("indicators:create"), data)
    indicator = Indicator.objects.get(code="sessions-by-branch")
    assert response.status_code == 302
    assert indicator.targets.get().value == 6
    assert compute(indicator.query(), user=me_officer_a).total == 3


def test_it_refuses_a_person_breakdown_of_sessions_in_the_users_language(me_officer_a):
    data = {"code": "s", "name_ar": "الجلسات", "metric": "sessions", "disaggregations": ["gender"],
            "baselines-TOTAL_FORMS": "0", "baselines-INITIAL_FORMS": "0",
            "targets-TOTAL_FORMS": "0", "targets-INITIAL_FORMS": "0"}
    response = client_for(me_officer_a).post(reverse("indicators:create"), data)
    assert response.status_code == 200
    expected = str(disaggregation_errors("sessions", ["gender"])["disaggregations"])
    assert response.context["form"].errors["disaggregations"] == [expected]
    assert gettext("Gender") in expected and gettext("Sessions") in expected
    assert not Indicator.objects.exists()


def test_the_tracking_table_shows_actual_against_target(client_a, activity_a, person_a, branch_a):
    program = activity_a.program
    outcome = OutcomeFactory(program=program, statement="مشاركة", statement_ar="مشاركة")
    output = OutputFactory(outcome=outcome, statement="تدريب", statement_ar="تدريب")
    first = activity_a.sessions.order_by("date").first()
    for _n in range(3):  # three more trainees present in 2026: four people reached against a target of five
        trainee = PersonFactory(branch=branch_a)
        ParticipationFactory(activity=activity_a, person=trainee)
        AttendanceFactory(session=first, person=trainee)
    ParticipationFactory(activity=activity_a, person=PersonFactory(branch=branch_a))  # a no-show: not reached
    indicator = IndicatorFactory(code="trained", name="المتدربون", name_ar="المتدربون", metric="people",
                                 program=program, output=output)
    TargetFactory(indicator=indicator, year=2026, value=5)
    TargetFactory(indicator=indicator, year=2027, value=8)
    sections = client_a.get(reverse("indicators:logframe", args=[program.pk])).context["sections"]
    periods = sections[1].lines[0].periods
    assert [(p.label, p.target, p.actual, p.achieved) for p in periods] == [("2026", 5, 4, 80), ("2027", 8, 0, 0)]
    assert client_a.get(periods[0].url).context["page"].paginator.count == 4
    export = client_a.get(reverse("indicators:logframe_export", args=[program.pk]))
    assert "trained,المتدربون,2026,,5,4,80" in b"".join(export.streaming_content).decode("utf-8")


def test_the_program_page_links_to_its_logframe(client_a, activity_a):
    response = client_a.get(reverse("activities:program_detail", args=[activity_a.program.pk]))
    assert reverse("indicators:logframe", args=[activity_a.program.pk]) in response.content.decode()


def test_me_officers_write_the_logframe(me_officer_a, activity_a):
    client, program = client_for(me_officer_a), activity_a.program
    client.post(reverse("indicators:outcome_add", args=[program.pk]),
                {"number": "1", "statement_ar": "تشارك المنظمات المحلية في صنع القرار العام"})
    outcome = program.outcomes.get()
    client.post(reverse("indicators:output_add", args=[outcome.pk]), {"number": "1", "statement_en": "CSOs trained"})
    assert outcome.outputs.get().statement_en == "CSOs trained"
    response = client.post(reverse("indicators:outcome_edit", args=[outcome.pk]), {"number": "1"})
    assert response.context["form"].errors["statement_ar"] == [gettext("Give the statement in Arabic or English.")]


def test_unique_people_counts_a_merged_person_once(administrator, activity_a, person_a, branch_a):
    duplicate = PersonFactory(branch=branch_a, full_name=person_a.full_name)
    other = ActivityFactory(branch=branch_a, start_date=datetime.date(2026, 5, 1), end_date=datetime.date(2026, 5, 1))
    ParticipationFactory(activity=other, person=duplicate)
    AttendanceFactory(session=SessionFactory(activity=other), person=duplicate)
    query = IndicatorQuery(metric="people")
    assert compute(query).total == 2
    person_merge(actor=administrator, keep=person_a, remove=duplicate)
    assert compute(query).total == 1
    assert compute(IndicatorQuery(metric="person_days")).total == 2


def test_age_bands_come_from_the_settings(settings, activity_a):
    settings.MADANI_AGE_BANDS = "0-29,30+"
    result = compute(IndicatorQuery(metric="people", by=("age_group",)))  # person A: born 1990, trained in 2026
    assert [(row.keys[0].value, row.value) for row in result.rows] == [("30+", 1)]
