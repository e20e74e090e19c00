"""The staff queue, the CSO portal and the request page (issue 3: consultations and technical support)."""

import datetime

from django.urls import reverse
from django.utils.translation import gettext

from conftest import client_for
from madani.activities.models import Activity
from madani.consultations import services
from madani.consultations.models import Request
from tests.factories import (
    ActivityFactory,
    OrganizationFactory,
    PersonFactory,
    RequestFactory,
    SessionFactory,
    UserFactory,
)

DAY = datetime.date(2026, 4, 5)


def _accept(request_a, staff_a, expert, program):
    services.request_assign(actor=staff_a, support_request=request_a, expert=expert, program=program, start_date=DAY)


def test_the_queue_lists_only_the_staff_members_branches(client_a, client_b, request_a):
    assert list(client_a.get(reverse("consultations:list")).context["page"]) == [request_a]
    assert list(client_b.get(reverse("consultations:list")).context["page"]) == []
    assert client_b.get(reverse("consultations:detail", args=[request_a.pk])).status_code == 404


def test_the_queue_filters_by_status_and_kind(client_a, request_a, branch_a):
    suggestion = RequestFactory(kind="training_suggestion", branch=branch_a, description="x", source="public")
    url = reverse("consultations:list")
    assert list(client_a.get(url, {"kind": "training_suggestion"}).context["page"]) == [suggestion]
    assert list(client_a.get(url, {"status": "declined"}).context["page"]) == []
    assert list(client_a.get(url, {"source": "public"}).context["page"]) == [suggestion]


def test_the_queue_counts_requests_and_sessions_per_branch(administrator, request_a, branch_a, branch_b, staff_a,
                                                           trainer_person_a, program, client_a):
    RequestFactory(kind="technical_support", branch=branch_b, description="x")
    RequestFactory(kind="training_suggestion", branch=branch_b, description="y", source="public")
    _accept(request_a, staff_a, trainer_person_a, program)
    for day in range(2):
        services.request_log_session(actor=staff_a, support_request=request_a,
                                     data={"date": DAY + datetime.timedelta(days=day), "topic": "t", "outcome": "o"})
    # A technical-support session recorded straight in the ledger counts too.
    SessionFactory(activity=ActivityFactory(kind="technical_support", branch=branch_b))
    rows = {str(row["branch"] or "total"): row["cells"]
            for row in client_for(administrator).get(reverse("consultations:list")).context["summary"]}
    # consultation, technical support, training suggestion requests; open; consultation, technical-support sessions
    assert rows == {"الرقة": [1, 0, 0, 1, 2, 0], "حلب": [0, 1, 1, 2, 0, 1], "total": [1, 1, 1, 3, 2, 1]}
    branch_a_only = client_a.get(reverse("consultations:list")).context["summary"]
    assert [row["cells"] for row in branch_a_only] == [[1, 0, 0, 1, 2, 0]]  # one branch: no total row


def test_staff_take_a_request_in_and_accept_it_with_an_expert(client_a, branch_a, organization_a, trainer_person_a,
                                                             program):
    response = client_a.post(reverse("consultations:create"), {
        "kind": "technical_support", "branch": branch_a.pk, "organization": organization_a.pk,
        "topic_text": "نظام محاسبي", "description": "إعداد دفتر الحسابات", "contact_name": "مدير المنظمة"})
    support_request = Request.objects.get()
    assert response["Location"] == reverse("consultations:detail", args=[support_request.pk])
    assert support_request.source == "staff" and support_request.status == "new"
    response = client_a.post(reverse("consultations:assign", args=[support_request.pk]), {
        "expert": trainer_person_a.pk, "program": program.pk, "start_date": "2026-04-05"})
    assert response.status_code == 302
    activity = Activity.objects.get()
    assert activity.kind == "technical_support" and list(activity.facilitators.all()) == [trainer_person_a]
    detail = client_a.get(reverse("consultations:detail", args=[support_request.pk])).content.decode()
    assert reverse("activities:detail", args=[activity.pk]) in detail


def test_the_expert_logs_a_session_that_shows_on_the_request_and_the_activity(request_a, staff_a, trainer_a,
                                                                              trainer_person_a, program):
    _accept(request_a, staff_a, trainer_person_a, program)
    trainer = client_for(trainer_a)
    response = trainer.post(reverse("consultations:log_session", args=[request_a.pk]),
                            {"date": "2026-04-06", "topic": "تحليل SWOT", "outcome": "حُدّدت نقاط القوة والضعف"})
    assert response.status_code == 302
    for url in (reverse("consultations:detail", args=[request_a.pk]),
                reverse("activities:detail", args=[request_a.activity_id])):
        assert "تحليل SWOT" in trainer.get(url).content.decode(), url
    assert "حُدّدت نقاط القوة والضعف" in trainer.get(reverse("consultations:detail", args=[request_a.pk])).content.decode()
    # …but a trainer does not accept or close requests.
    assert trainer.get(reverse("consultations:close", args=[request_a.pk])).status_code == 403


def test_a_request_from_another_branchs_organization_can_be_accepted(client_b, branch_b, organization_a, cso_member,
                                                                     program):
    """Tutul (Raqqa) asks the Aleppo branch: Aleppo's staff accept it without seeing Raqqa's registry."""
    client_for(cso_member).post(reverse("consultations:create"), {
        "kind": "consultation", "branch": branch_b.pk, "topic_text": "الحوكمة", "description": "نظام داخلي"})
    support_request = Request.objects.get(branch=branch_b)
    expert = PersonFactory(branch=branch_b)
    response = client_b.post(reverse("consultations:assign", args=[support_request.pk]), {
        "expert": expert.pk, "program": program.pk, "start_date": "2026-04-05"})
    assert response.status_code == 302
    activity = Activity.objects.get()
    assert activity.branch == branch_b and list(activity.target_organizations.all()) == [organization_a]


def test_a_trainer_not_assigned_to_the_request_cannot_open_it(request_a, branch_a):
    other = UserFactory(role="trainer", branches=[branch_a])
    assert client_for(other).get(reverse("consultations:detail", args=[request_a.pk])).status_code == 404


def test_a_cso_member_files_a_request_for_their_own_organization(cso_member, organization_a, branch_a, branch_b,
                                                                 client_a):
    member = client_for(cso_member)
    other = OrganizationFactory(branch=branch_a)
    response = member.post(reverse("consultations:create"), {
        "kind": "consultation", "branch": branch_a.pk, "organization": other.pk,  # ignored: not a portal field
        "topic_text": "الحوكمة", "description": "نظام داخلي", "contact_phone": "0944"})
    support_request = Request.objects.get()
    assert response["Location"] == reverse("consultations:detail", args=[support_request.pk])
    assert support_request.organization == organization_a and support_request.source == "portal"
    assert support_request.requester == cso_member and support_request.contact_email == cso_member.email
    assert list(client_a.get(reverse("consultations:list")).context["page"]) == [support_request]
    assert gettext("My requests") in member.get(reverse("consultations:list")).content.decode()


def test_a_cso_member_sees_their_requests_sessions_but_not_other_organizations_requests(
        cso_member, request_a, branch_a, staff_a, trainer_person_a, program):
    other = RequestFactory(kind="consultation", branch=branch_a, description="x",
                           organization=OrganizationFactory(branch=branch_a))
    _accept(request_a, staff_a, trainer_person_a, program)
    services.request_log_session(actor=staff_a, support_request=request_a,
                                 data={"date": DAY, "topic": "رؤية المنظمة", "outcome": "مسودة الرؤية"})
    member = client_for(cso_member)
    assert list(member.get(reverse("consultations:list")).context["page"]) == [request_a]
    assert member.get(reverse("consultations:list")).context["summary"] is None
    html = member.get(reverse("consultations:detail", args=[request_a.pk])).content.decode()
    assert "رؤية المنظمة" in html and "مسودة الرؤية" in html and gettext("Change history") not in html
    assert member.get(reverse("consultations:detail", args=[other.pk])).status_code == 404
    assert member.get(reverse("consultations:assign", args=[request_a.pk])).status_code == 403


def test_contact_details_of_a_public_request_are_hidden_from_the_assigned_trainer(
        branch_a, staff_a, trainer_a, trainer_person_a, program, organization_a, client_a):
    public = RequestFactory(kind="consultation", branch=branch_a, description="x", source="public",
                            contact_name="سامي", contact_phone="+963 944 123 456")
    services.request_assign(actor=staff_a, support_request=public, expert=trainer_person_a, program=program,
                            organization=organization_a)
    assert "+963 944 123 456" in client_a.get(reverse("consultations:detail", args=[public.pk])).content.decode()
    html = client_for(trainer_a).get(reverse("consultations:detail", args=[public.pk])).content.decode()
    assert "+963 944 123 456" not in html


def test_an_error_from_the_ledger_is_shown_on_the_form(client_a, request_a, trainer_person_a, program):
    services.request_decline(actor=None, support_request=request_a)
    response = client_a.post(reverse("consultations:assign", args=[request_a.pk]), {
        "expert": trainer_person_a.pk, "program": program.pk, "start_date": "2026-04-05"})
    assert response.status_code == 200
    assert gettext("Only new requests can be accepted.") in response.context["form"].non_field_errors()
    assert not Activity.objects.exists()
