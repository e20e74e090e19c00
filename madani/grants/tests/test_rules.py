"""The rules issue 14 lists under "Tests that must exist", through the services."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from madani.activities.models import Activity, Session
from madani.grants import services
from madani.grants.models import Application, ApplicationStatus, ReportStatus, TrancheStatus
from madani.grants.scoring import weighted_total

from .conftest import TODAY, declare_and_score, lines

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def in_english():
    """The messages are checked in English (the catalogue's Arabic says the same)."""
    with translation.override("en"):
        yield


def test_budget_lines_must_sum_to_the_requested_amount(call_a, incubated_a, staff_a):
    with pytest.raises(ValidationError, match="must be equal"):
        services.application_create(actor=staff_a, call=call_a, organization=incubated_a, data={
            "title": "ترميم حديقة", "need": "لا حدائق", "requested_amount": Decimal("3000")}, lines=lines(2000, 500))
    assert not Application.objects.exists()  # nothing half-saved


def test_co_funding_is_not_asked_of_the_grant(call_a, incubated_a, staff_a):
    budget = lines(2000, 1000)
    budget[0]["co_funding"] = Decimal("500")
    application = services.application_create(actor=staff_a, call=call_a, organization=incubated_a, data={
        "title": "ترميم حديقة", "need": "لا حدائق", "requested_amount": Decimal("2500")}, lines=budget)
    assert application.budget_total() == Decimal("2500")


def test_an_ineligible_application_cannot_enter_review(draft_a, staff_a, incubated_a):
    incubated_a.incubation_stage = "none"
    incubated_a.save()
    services.application_submit(actor=staff_a, application=draft_a)
    services.application_check_eligibility(actor=staff_a, application=draft_a)
    draft_a.refresh_from_db()
    assert draft_a.status == ApplicationStatus.INELIGIBLE
    assert "incubation" in draft_a.eligibility_note
    assert not draft_a.reviews.exists()
    with pytest.raises(ValidationError):
        services.application_start_review(actor=staff_a, application=draft_a)


def test_a_recused_reviewers_score_is_excluded_from_the_total(in_review_a, trainer_a, me_officer_a):
    declare_and_score(trainer_a, in_review_a, [1, 1], conflict=True)  # recused: never scores
    declare_and_score(me_officer_a, in_review_a, [4, None])  # n/a on the second criterion
    assert weighted_total(in_review_a) == Decimal("4.00")  # the n/a criterion's weight is left out too
    review = in_review_a.reviews.get(reviewer=trainer_a)
    with pytest.raises(ValidationError):
        services.review_score(actor=trainer_a, review=review, recommendation="fund",
                              scores={c.pk: (5, "") for c in in_review_a.call.criteria.all()})
    assert weighted_total(in_review_a) == Decimal("4.00")


def test_the_weighted_total_weighs_the_criteria(in_review_a, trainer_a, me_officer_a):
    declare_and_score(trainer_a, in_review_a, [4, 3])
    declare_and_score(me_officer_a, in_review_a, [5, 5])
    # need: (4+5)/2 = 4.5 × 2; plan: (3+5)/2 = 4 × 1 → 13 / 3
    assert weighted_total(in_review_a) == Decimal("4.33")


def _tranche(award, actor, amount, **extra):
    return services.tranche_plan(actor=actor, award=award, data={
        "amount": Decimal(amount), "currency": "USD", "method": "bank", "planned_date": TODAY, **extra})


def _pay(tranche, actor, **extra):
    services.tranche_request(actor=actor, tranche=tranche)
    services.tranche_approve(actor=actor, tranche=tranche)
    return services.tranche_disburse(actor=actor, tranche=tranche, disbursed_on=TODAY,
                                     method=extra.pop("method", "bank"), **extra)


def test_tranche_2_is_blocked_until_report_1_is_approved(award_a, staff_a):
    first = _pay(_tranche(award_a, staff_a, 1500), staff_a)
    second = _tranche(award_a, staff_a, 1500)
    with pytest.raises(ValidationError, match="report on tranche 1"):
        services.tranche_request(actor=staff_a, tranche=second)
    report = first.report
    services.report_submit(actor=staff_a, report=report, narrative="نفذت الجلسات",
                           actuals={line.pk: Decimal(700) for line in award_a.application.budget_lines.all()})
    with pytest.raises(ValidationError):
        services.tranche_request(actor=staff_a, tranche=second)  # submitted is not approved
    services.report_approve(actor=staff_a, report=report)
    _pay(second, staff_a)
    second.refresh_from_db()
    assert second.status == TrancheStatus.DISBURSED


def test_disbursed_never_exceeds_the_award(award_a, staff_a):
    with pytest.raises(ValidationError, match="more than the award"):
        _tranche(award_a, staff_a, 3500)
    tranche = _tranche(award_a, staff_a, 3000, currency="SYP", exchange_rate=Decimal("1"))  # planned at a wrong rate
    services.tranche_request(actor=staff_a, tranche=tranche)
    services.tranche_approve(actor=staff_a, tranche=tranche)
    with pytest.raises(ValidationError, match="more than the award"):  # 3,000 SYP at 0.5 SYP/USD = 6,000 USD
        services.tranche_disburse(actor=staff_a, tranche=tranche, disbursed_on=TODAY, method="cash",
                                  exchange_rate=Decimal("0.5"))
    tranche.refresh_from_db()
    assert tranche.status == TrancheStatus.APPROVED and award_a.disbursed_total() == 0


def test_a_non_bank_disbursement_needs_an_exchange_rate(award_a, staff_a):
    tranche = _tranche(award_a, staff_a, 1000)
    with pytest.raises(ValidationError, match="exchange rate"):
        _pay(tranche, staff_a, method="hawala")
    tranche.refresh_from_db()
    assert tranche.status == TrancheStatus.APPROVED
    services.tranche_disburse(actor=staff_a, tranche=tranche, disbursed_on=TODAY, method="hawala",
                              exchange_rate=Decimal("1"), reference="حوالة 771")
    assert award_a.disbursed_total() == Decimal("1000")


def test_a_tranche_in_syrian_pounds_counts_at_its_rate(award_a, staff_a):
    tranche = _tranche(award_a, staff_a, 14_500_000, currency="SYP", exchange_rate=Decimal("14500"))
    _pay(tranche, staff_a, method="cash", exchange_rate=Decimal("14500"))
    assert award_a.disbursed_total() == Decimal("1000.00")


def test_close_out_needs_every_report_approved_and_the_balance_refunded(award_a, staff_a):
    # The project ran last quarter: a project still running cannot be completed in the ledger (closed out).
    Activity.objects.filter(pk=award_a.project_id).update(start_date=TODAY - datetime.timedelta(days=90),
                                                          end_date=TODAY - datetime.timedelta(days=30))
    Session.objects.filter(activity_id=award_a.project_id).update(date=TODAY - datetime.timedelta(days=30))
    award_a.refresh_from_db()
    tranche = _pay(_tranche(award_a, staff_a, 3000), staff_a)
    spend = {line.pk: Decimal(1000) for line in award_a.application.budget_lines.all()}  # 2,000 spent
    services.report_submit(actor=staff_a, report=tranche.report, narrative="تقرير", actuals=spend)
    services.report_approve(actor=staff_a, report=tranche.report)
    with pytest.raises(ValidationError, match="final"):
        services.award_close(actor=staff_a, award=award_a, refund=1000, lessons="دروس")
    final = award_a.reports.get(final=True)
    services.report_submit(actor=staff_a, report=final, narrative="التقرير الختامي", actuals={})
    services.report_approve(actor=staff_a, report=final)
    with pytest.raises(ValidationError, match="1000.00"):
        services.award_close(actor=staff_a, award=award_a, refund=0, lessons="دروس")
    services.award_close(actor=staff_a, award=award_a, refund=Decimal("1000"), lessons="التنسيق مع المجلس المحلي")
    award_a.refresh_from_db()
    assert award_a.status == "closed" and award_a.project.status == "completed"


def test_overdue_reports_are_listed_and_the_organization_reminded(award_a, staff_a, cso_member, mailoutbox):
    tranche = _pay(_tranche(award_a, staff_a, 1000), staff_a)
    report = tranche.report
    report.due_date = TODAY - datetime.timedelta(days=1)
    report.save()
    from madani.grants.models import GrantReport

    assert list(GrantReport.objects.overdue()) == [report]
    assert services.report_remind(actor=staff_a, report=report) == 1
    assert mailoutbox[0].to == [cso_member.email]
    report.refresh_from_db()
    assert report.reminded_at and report.status == ReportStatus.DUE


def test_a_proposal_written_with_a_trainer_is_coaching_in_the_ledger(draft_a, staff_a, trainer_person_a):
    draft_a.coach = trainer_person_a
    draft_a.save()
    services.application_submit(actor=staff_a, application=draft_a)
    draft_a.refresh_from_db()
    coaching = draft_a.coaching_activity
    assert coaching.kind == "coaching" and list(coaching.facilitators.all()) == [trainer_person_a]
    assert list(coaching.target_organizations.all()) == [draft_a.organization]


def test_the_award_records_the_community_project_in_the_ledger(award_a):
    project = award_a.project
    assert project.kind == "community_project"
    assert project.program == award_a.application.call.program
    assert list(project.target_organizations.all()) == [award_a.organization]
    assert award_a.reports.filter(final=True, due_date__gt=project.end_date).exists()


def test_the_projects_activities_show_in_the_indicators(award_a, staff_a, administrator):
    from madani.activities import services as activities
    from madani.indicators.engine import IndicatorQuery, Metric, compute
    from tests.factories import PersonFactory

    session = activities.session_create(actor=staff_a, activity=award_a.project, data={"date": award_a.project.start_date})
    campaign = services.award_record_activity(actor=staff_a, award=award_a, data={
        "kind": "advocacy", "title_ar": "جلسة توعية في حزيمة", "start_date": TODAY, "end_date": TODAY,
        "status": "completed", "place": award_a.project.place})
    people = [PersonFactory(branch=award_a.branch, gender="female") for _ in range(3)]
    for person in people:
        activities.participation_add(actor=staff_a, activity=award_a.project, person=person)
    activities.attendance_record(actor=staff_a, session=session, present_ids=[p.pk for p in people])
    activities.participation_add(actor=staff_a, activity=campaign, person=people[0])
    activities.attendance_record(actor=staff_a, session=campaign.sessions.get(), present_ids=[people[0].pk])

    reached = compute(IndicatorQuery(Metric.PEOPLE, kinds=("community_project",)), user=administrator)
    assert reached.total == 3
    by_program = compute(IndicatorQuery(Metric.ACTIVITIES, programs=(award_a.application.call.program_id,)),
                         user=administrator)
    assert by_program.total == 2  # the project and its awareness session


def test_the_reminder_command_writes_once_a_week_about_each_overdue_report(award_a, staff_a, cso_member, mailoutbox):
    from django.core.management import call_command

    tranche = _pay(_tranche(award_a, staff_a, 1000), staff_a)
    tranche.report.due_date = TODAY - datetime.timedelta(days=3)
    tranche.report.save()
    call_command("grants_remind_overdue")
    call_command("grants_remind_overdue")
    assert len(mailoutbox) == 1 and mailoutbox[0].to == [cso_member.email]
