"""Grant records of branch A, written through the services (the personas are the root conftest's)."""

import datetime
from decimal import Decimal

import pytest

from madani.grants import services
from madani.grants.models import CallStatus, Currency
from tests.factories import ProgramFactory

TODAY = datetime.date.today()


def lines(*amounts, currency=Currency.USD):
    """Budget lines of one unit each whose grant shares are ``amounts``."""
    return [{"category": "materials", "description": f"مواد {n}", "quantity": Decimal(1), "unit_cost": Decimal(a),
             "currency": currency, "co_funding": Decimal(0)} for n, a in enumerate(amounts)]


@pytest.fixture
def program_a(branch_a):
    program = ProgramFactory(code="father-paolo", name_ar="منحة الأب باولو", name_en="Father Paolo grant")
    program.branches.set([branch_a])
    return program


@pytest.fixture
def call_a(program_a, branch_a, administrator, trainer_a, me_officer_a):
    call = services.call_create(actor=administrator, data={
        "code": "paolo-2019", "title_ar": "منحة الأب باولو للمشاريع المجتمعية", "title_en": "Father Paolo grant",
        "title": "منحة الأب باولو للمشاريع المجتمعية", "program": program_a, "currency": Currency.USD,
        "ceiling": Decimal("5000"), "deadline": TODAY + datetime.timedelta(days=30), "branches": [branch_a]},
        criteria=[{"name_ar": "الحاجة المجتمعية", "name_en": "Community need", "name": "الحاجة المجتمعية", "weight": 2},
                  {"name_ar": "جودة الخطة", "name_en": "Quality of the plan", "name": "جودة الخطة", "weight": 1}],
        panel=[trainer_a, me_officer_a])
    return services.call_move(actor=administrator, call=call, status=CallStatus.OPEN)


@pytest.fixture
def incubated_a(organization_a):
    organization_a.incubation_stage = "incubated"
    organization_a.save()
    return organization_a


@pytest.fixture
def draft_a(call_a, incubated_a, staff_a):
    return services.application_create(actor=staff_a, call=call_a, organization=incubated_a, data={
        "title": "حملة توعية ضد الزواج المبكر في حزيمة", "need": "انتشار الزواج المبكر", "plan": "جلسات توعية",
        "requested_amount": Decimal("3000"), "beneficiaries_female": 120, "beneficiaries_male": 40,
        "start_date": TODAY, "end_date": TODAY + datetime.timedelta(days=60)}, lines=lines(2000, 1000))


@pytest.fixture
def in_review_a(draft_a, staff_a):
    services.application_submit(actor=staff_a, application=draft_a)
    return services.application_check_eligibility(actor=staff_a, application=draft_a)


def declare_and_score(reviewer, application, values, *, conflict=False):
    review = application.reviews.get(reviewer=reviewer)
    services.review_declare(actor=reviewer, review=review, conflict=conflict, note="قريب" if conflict else "")
    if not conflict:
        criteria = list(application.call.criteria.order_by("order"))
        services.review_score(actor=reviewer, review=review, recommendation="fund",
                              scores={c.pk: (v, "") for c, v in zip(criteria, values, strict=True)})
    return review


@pytest.fixture
def award_a(in_review_a, staff_a, trainer_a, me_officer_a):
    declare_and_score(trainer_a, in_review_a, [4, 3])
    declare_and_score(me_officer_a, in_review_a, [5, 5])
    services.application_decide(actor=staff_a, application=in_review_a, award=True, reasons="حاجة ملحة وخطة واضحة")
    return in_review_a.award
