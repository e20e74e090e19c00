"""Plans and reviews: the network's strategic plan, its reviews of members' plans with objectives followed
by indicators, and the licensing support visits with their outcome."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from conftest import client_for
from madani.networks import services
from madani.networks.models import LicensingVisit, PlanReview, StrategicPlan, VisitOutcome
from tests.factories import IndicatorFactory, OrganizationFactory, UserFactory

pytestmark = pytest.mark.django_db

START, END = datetime.date(2024, 1, 1), datetime.date(2026, 12, 31)


def _plan(actor, network, membership=None, title="خطة"):
    return services.plan_create(actor=actor, network=network, data={
        "membership": membership, "title": title, "period_start": START, "period_end": END})


def test_the_network_plan_with_an_objective_followed_by_an_indicator(client_a, network_a, members_a):
    indicator = IndicatorFactory(name="<b>شباب مدربون</b>")
    response = client_a.post(reverse("networks:plan_add", args=[network_a.pk]), {
        "membership": "", "title": "<script>alert(1)</script>", "period_start": "2024-01-01",
        "period_end": "2026-12-31", "status": "adopted"})
    plan = StrategicPlan.objects.get()
    assert response.status_code == 302 and plan.is_networks_own
    assert client_a.post(reverse("networks:objective_add", args=[plan.pk]), {
        "text": "تدريب 120 شاباً وشابة", "indicators": [indicator.pk]}).status_code == 302
    page = client_a.get(reverse("networks:plan_detail", args=[plan.pk])).content.decode()
    assert "تدريب 120 شاباً وشابة" in page and "&lt;b&gt;شباب مدربون" in page
    assert "<script>alert(1)" not in page and "&lt;script&gt;" in page
    assert plan.objectives.get().number == 1


def test_a_plan_ending_before_it_starts_is_refused(staff_a, network_a):
    with pytest.raises(ValidationError):
        services.plan_create(actor=staff_a, network=network_a, data={
            "membership": None, "title": "x", "period_start": END, "period_end": START})


def test_a_members_plan_is_reviewed_not_the_networks_own(client_a, staff_a, network_a, members_a):
    own = _plan(staff_a, network_a)
    with pytest.raises(ValidationError):
        services.plan_review_record(actor=staff_a, plan=own, data={"reviewed_on": START, "findings": "x"})
    member_plan = _plan(staff_a, network_a, members_a[1], "خطة منظمة ب")
    response = client_a.post(reverse("networks:plan_review_add", args=[member_plan.pk]), {
        "reviewed_on": "2024-05-02", "findings": "أهداف واضحة", "recommendations": "تحديد مؤشرات"})
    assert response.status_code == 302 and PlanReview.objects.get().network == network_a
    page = client_a.get(reverse("networks:plan_list", args=[network_a.pk])).content.decode()
    assert "خطة منظمة ب" in page


def test_a_plan_of_another_networks_member_is_refused(staff_a, network_a, branch_a):
    other = OrganizationFactory(branch=branch_a, kind="network")
    outsider = services.membership_create(actor=staff_a, network=other, data={
        "organization": OrganizationFactory(branch=branch_a), "applied_on": START})
    with pytest.raises(ValidationError):
        _plan(staff_a, network_a, outsider)


def test_a_licensing_visit_and_its_outcome_mark_the_member_licensed(client_a, network_a, members_a):
    response = client_a.post(reverse("networks:licensing_visit_add", args=[network_a.pk]), {
        "membership": members_a[2].pk, "authority": "المجلس المحلي في اعزاز", "visited_on": "2024-04-10",
        "outcome": "documents", "notes": ""})
    assert response.status_code == 302
    visit = LicensingVisit.objects.get()
    assert client_a.post(reverse("networks:licensing_visit_edit", args=[visit.pk]),
                         {"outcome": VisitOutcome.LICENSED, "notes": "تم"}).status_code == 302
    members_a[2].organization.refresh_from_db()
    assert members_a[2].organization.licensing_status == "licensed"
    page = client_a.get(reverse("networks:plan_list", args=[network_a.pk])).content.decode()
    assert "المجلس المحلي في اعزاز" in page


def test_every_plan_url_is_closed_to_others(staff_a, staff_b, network_a, members_a, editor_of_network_a):
    plan = _plan(staff_a, network_a, members_a[0])
    visit = services.licensing_visit_record(actor=staff_a, network=network_a, data={
        "membership": members_a[0], "authority": "مجلس", "visited_on": START})
    urls = [reverse("networks:plan_list", args=[network_a.pk]), reverse("networks:plan_add", args=[network_a.pk]),
            reverse("networks:plan_detail", args=[plan.pk]), reverse("networks:plan_edit", args=[plan.pk]),
            reverse("networks:objective_add", args=[plan.pk]), reverse("networks:plan_review_add", args=[plan.pk]),
            reverse("networks:licensing_visit_add", args=[network_a.pk]),
            reverse("networks:licensing_visit_edit", args=[visit.pk])]
    other_branch = client_for(staff_b)
    other_network = OrganizationFactory(branch=network_a.branch, kind="network")
    editor_b = client_for(UserFactory(role="network_editor", organization=other_network))
    editor_a = client_for(editor_of_network_a)
    for url in urls:
        assert client_for(None).get(url).status_code == 302, url  # to the sign-in page
        assert other_branch.get(url).status_code == 404, url
        assert editor_b.get(url).status_code == 404, url
        assert editor_a.get(url).status_code == 200, url  # the network's own editor runs its plans
