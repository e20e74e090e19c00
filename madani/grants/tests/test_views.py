"""The grants pages as each persona uses them: who may open what, and what the pages refuse."""

from decimal import Decimal

import pytest
from django.urls import reverse

from conftest import client_for
from madani.grants import services
from madani.grants.models import Application, Award, Tranche, TrancheStatus

from .conftest import TODAY, declare_and_score

pytestmark = pytest.mark.django_db


def test_a_reviewer_without_a_declaration_cannot_open_the_application(in_review_a, trainer_a):
    client = client_for(trainer_a)
    review = in_review_a.reviews.get(reviewer=trainer_a)
    assert client.get(reverse("grants:application_detail", args=[in_review_a.pk])).status_code == 404
    assert client.get(reverse("grants:review_score", args=[review.pk])).status_code == 404
    assert client.get(reverse("api:grant-application-detail",
                              args=[in_review_a.pk])).status_code == 404
    page = client.get(reverse("grants:review_declare", args=[review.pk]))
    assert page.status_code == 200 and in_review_a.need not in page.content.decode()
    client.post(reverse("grants:review_declare", args=[review.pk]), {"conflict": "no"})
    assert client.get(reverse("grants:review_score", args=[review.pk])).status_code == 200
    assert client.get(reverse("grants:application_detail", args=[in_review_a.pk])).status_code == 200


def test_a_branch_manager_on_the_panel_must_declare_too(in_review_a, staff_a, administrator):
    in_review_a.reviews.create(reviewer=staff_a)
    assert client_for(staff_a).get(reverse("grants:application_detail", args=[in_review_a.pk])).status_code == 404
    in_review_a.reviews.create(reviewer=administrator)
    assert client_for(administrator).get(reverse("grants:application_detail",
                                                 args=[in_review_a.pk])).status_code == 404


def test_a_recused_reviewer_can_neither_open_nor_score(in_review_a, trainer_a):
    client = client_for(trainer_a)
    review = in_review_a.reviews.get(reviewer=trainer_a)
    client.post(reverse("grants:review_declare", args=[review.pk]), {"conflict": "yes", "note": "أخي عضو فيها"})
    review.refresh_from_db()
    assert review.conflict is True
    assert client.get(reverse("grants:application_detail", args=[in_review_a.pk])).status_code == 404
    assert client.get(reverse("grants:review_score", args=[review.pk])).status_code == 404
    response = client.post(reverse("grants:review_declare", args=[review.pk]), {"conflict": "no"})
    review.refresh_from_db()
    assert response.status_code == 302 and review.conflict is True  # a declaration is made once


def test_a_conflict_needs_its_description(in_review_a, trainer_a):
    review = in_review_a.reviews.get(reviewer=trainer_a)
    response = client_for(trainer_a).post("/en" + reverse("grants:review_declare", args=[review.pk]),
                                          {"conflict": "yes"})
    assert response.status_code == 200 and "Describe the conflict" in response.content.decode()


def test_an_applicant_cannot_see_scores(in_review_a, trainer_a, me_officer_a, cso_member):
    declare_and_score(trainer_a, in_review_a, [4, 3])
    declare_and_score(me_officer_a, in_review_a, [5, 5])
    client = client_for(cso_member)
    page = client.get(reverse("grants:application_detail", args=[in_review_a.pk])).content.decode()
    assert in_review_a.title in page
    assert "4.33" not in page and str(trainer_a) not in page and str(me_officer_a) not in page
    api = client.get(reverse("api:grant-application-detail", args=[in_review_a.pk])).json()
    assert api["weighted_score"] is None
    review = in_review_a.reviews.first()
    assert client.get(reverse("grants:review_score", args=[review.pk])).status_code == 404
    staff_page = client_for(me_officer_a).get(reverse("grants:application_detail", args=[in_review_a.pk]))
    assert "4.33" in staff_page.content.decode()


def test_a_cso_member_applies_for_their_own_organization_through_the_portal(call_a, incubated_a, cso_member):
    client = client_for(cso_member)
    data = {"title": "<script>alert(1)</script> حديقة", "need": "لا حدائق", "requested_amount": "1500",
            "beneficiaries_female": "10", "beneficiaries_male": "10",
            "lines-TOTAL_FORMS": "2", "lines-INITIAL_FORMS": "0", "lines-MIN_NUM_FORMS": "1",
            "lines-MAX_NUM_FORMS": "1000",
            "lines-0-category": "materials", "lines-0-description": "شتول", "lines-0-quantity": "10",
            "lines-0-unit_cost": "100", "lines-0-co_funding": "0",
            "lines-1-category": "services", "lines-1-description": "=HYPERLINK(\"x\")", "lines-1-quantity": "1",
            "lines-1-unit_cost": "400", "lines-1-co_funding": "0"}
    response = client.post("/en" + reverse("grants:application_create", args=[call_a.pk]), data)
    assert response.status_code == 200 and "must be equal" in response.content.decode()
    assert not Application.objects.exists()
    data["lines-1-unit_cost"] = "500"
    response = client.post(reverse("grants:application_create", args=[call_a.pk]), data)
    application = Application.objects.get()
    assert response.status_code == 302 and application.organization == incubated_a and application.source == "portal"
    page = client.get(reverse("grants:application_detail", args=[application.pk])).content.decode()
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;" in page


def test_an_attachment_must_be_a_document_whatever_its_name(draft_a, staff_a):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = client_for(staff_a)
    fake = SimpleUploadedFile("proposal.pdf", b"<html><script>alert(1)</script></html>")
    response = client.post(reverse("grants:attachment_add", args=[draft_a.pk]), {"kind": "proposal", "file": fake})
    assert response.status_code == 200 and not draft_a.attachments.exists()
    real = SimpleUploadedFile("proposal.pdf", b"%PDF-1.4 proposal")
    client.post(reverse("grants:attachment_add", args=[draft_a.pk]), {"kind": "proposal", "file": real})
    attachment = draft_a.attachments.get()
    download = client.get(reverse("grants:attachment_download", args=[attachment.pk]))
    assert download.status_code == 200 and "attachment" in download["Content-Disposition"]


def test_deciding_twice_makes_one_award(in_review_a, staff_a):
    client = client_for(staff_a)
    url = reverse("grants:application_decide", args=[in_review_a.pk])
    data = {"decision": "award", "reasons": "حاجة ملحة", "amount": ""}
    assert client.post(url, data).status_code == 302
    assert client.post(url, data).status_code == 302
    assert Award.objects.count() == 1


def test_finance_actions_need_a_finance_role(award_a, staff_a, me_officer_a):
    tranche = services.tranche_plan(actor=staff_a, award=award_a, data={
        "amount": Decimal(1000), "currency": "USD", "method": "cash", "planned_date": TODAY})
    services.tranche_request(actor=staff_a, tranche=tranche)
    officer = client_for(me_officer_a)
    assert officer.get(reverse("grants:tranche_approve", args=[tranche.pk])).status_code == 403
    assert officer.post(reverse("grants:tranche_approve", args=[tranche.pk])).status_code == 403
    assert officer.get(reverse("grants:tranche_disburse", args=[tranche.pk])).status_code == 403
    manager = client_for(staff_a)
    manager.post(reverse("grants:tranche_approve", args=[tranche.pk]))
    response = manager.post("/en" + reverse("grants:tranche_disburse", args=[tranche.pk]),
                            {"disbursed_on": TODAY.isoformat(), "method": "cash", "exchange_rate": ""})
    assert response.status_code == 200 and "exchange rate" in response.content.decode()
    tranche.refresh_from_db()
    assert tranche.status == TrancheStatus.APPROVED
    manager.post(reverse("grants:tranche_disburse", args=[tranche.pk]),
                 {"disbursed_on": TODAY.isoformat(), "method": "cash", "exchange_rate": "1"})
    assert Tranche.objects.get().status == TrancheStatus.DISBURSED


def test_other_branch_staff_see_nothing_of_branch_a_grants(award_a, staff_b):
    client = client_for(staff_b)
    assert award_a.application.title not in client.get(reverse("grants:application_list")).content.decode()
    assert client.get(reverse("api:grant-award-list")).json()["count"] == 0
    assert client.get(reverse("grants:award_detail", args=[award_a.pk])).status_code == 404


def test_open_calls_are_public_and_drafts_are_not(call_a, anonymous, administrator):
    assert call_a.title_ar in anonymous.get(reverse("grants:open_calls")).content.decode()
    assert anonymous.get(reverse("grants:public_call", args=[call_a.pk])).status_code == 200
    services.call_move(actor=administrator, call=call_a, status="closed")
    assert anonymous.get(reverse("grants:public_call", args=[call_a.pk])).status_code == 404


def test_the_projects_activity_page_names_its_grant(award_a, staff_a, cso_member, staff_b):
    url = reverse("activities:detail", args=[award_a.project_id])
    award_url = reverse("grants:award_detail", args=[award_a.pk])
    assert award_url in client_for(staff_a).get(url).content.decode()
    assert award_url in client_for(cso_member).get(url).content.decode()


def test_staff_create_a_call_with_its_rubric_and_panel(program_a, branch_a, me_officer_a, trainer_a):
    from madani.grants.models import Call

    client = client_for(me_officer_a)
    assert client.get(reverse("grants:call_create")).status_code == 200
    data = {"code": "paolo-2027", "title_ar": "منحة الأب باولو", "title_en": "", "description_ar": "",
            "description_en": "", "program": program_a.pk, "branches": [branch_a.pk], "currency": "USD",
            "ceiling": "5000", "deadline": (TODAY.replace(year=TODAY.year + 1)).isoformat(), "incubated_only": "on",
            "minimum_stage": "incubated", "panel": [trainer_a.pk],
            "criteria-TOTAL_FORMS": "5", "criteria-INITIAL_FORMS": "0", "criteria-MIN_NUM_FORMS": "1",
            "criteria-MAX_NUM_FORMS": "1000", "criteria-0-name_ar": "الحاجة", "criteria-0-weight": "3",
            "criteria-1-name_ar": "الخطة", "criteria-1-weight": "1",
            **{f"criteria-{n}-weight": "1" for n in (2, 3, 4)}}  # the empty rows as the browser sends them
    response = client.post(reverse("grants:call_create"), data)
    call = Call.objects.get()
    assert response.status_code == 302 and call.status == "draft"
    assert [(c.name_ar, c.weight) for c in call.criteria.all()] == [("الحاجة", 3), ("الخطة", 1)]
    assert list(call.panel.all()) == [trainer_a]
    client.post(reverse("grants:call_open", args=[call.pk]))
    call.refresh_from_db()
    assert call.status == "open"
    assert client_for(trainer_a).get(reverse("grants:call_create")).status_code == 403


def _draft_call(program_a, branch_a, administrator, trainer_a):
    from madani.grants.models import Currency

    return services.call_create(actor=administrator, data={
        "code": "paolo-2027", "title_ar": "منحة الأب باولو", "title_en": "", "title": "منحة الأب باولو",
        "program": program_a, "currency": Currency.USD, "ceiling": Decimal("5000"),
        "deadline": TODAY.replace(year=TODAY.year + 1), "branches": [branch_a]},
        criteria=[{"name_ar": "الحاجة", "name_en": "", "name": "الحاجة", "weight": 3},
                  {"name_ar": "الخطة", "name_en": "", "name": "الخطة", "weight": 1}], panel=[trainer_a])


def _edit_data(page, **changes):
    """The edit form as the browser posts it: every field as shown, then the user's changes."""
    form, criteria = page.context["form"], page.context["criteria"]
    data = {}
    for bound in [*form, *(field for sub in criteria for field in sub), *criteria.management_form]:
        value = bound.value()
        if value in (None, False):
            continue
        data[bound.html_name] = [str(v) for v in value] if isinstance(value, list) else (
            "on" if value is True else str(value))
    return {**data, **changes}


def test_a_draft_call_is_edited_with_its_rubric_and_panel(program_a, branch_a, administrator, me_officer_a,
                                                          trainer_a):
    call = _draft_call(program_a, branch_a, administrator, trainer_a)
    client = client_for(me_officer_a)
    detail = reverse("grants:call_detail", args=[call.pk])
    url = reverse("grants:call_edit", args=[call.pk])
    assert url in client.get(detail).content.decode()
    page = client.get(url)
    assert page.status_code == 200
    data = _edit_data(page, **{"ceiling": "1500000", "panel": [str(me_officer_a.pk)],
                               "criteria-0-weight": "2", "criteria-1-DELETE": "on",
                               "criteria-2-name_ar": "الاستدامة", "criteria-2-weight": "1"})
    response = client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    call.refresh_from_db()
    assert call.ceiling == Decimal("1500000") and list(call.panel.all()) == [me_officer_a]
    assert [(c.name_ar, c.weight) for c in call.criteria.all()] == [("الحاجة", 2), ("الاستدامة", 1)]
    assert "1,500,000" in client.get(detail).content.decode()  # grouped, in the Arabic page too

    services.call_move(actor=administrator, call=call, status="open")
    assert client.get(url).status_code == 403  # an open call is not changed: applicants rely on it
    assert url not in client.get(detail).content.decode()
    assert client_for(trainer_a).get(reverse("grants:call_edit", args=[call.pk])).status_code in (403, 404)


def test_editing_a_call_someone_changed_meanwhile_shows_the_conflict(program_a, branch_a, administrator,
                                                                    me_officer_a, trainer_a):
    call = _draft_call(program_a, branch_a, administrator, trainer_a)
    client = client_for(me_officer_a)
    url = reverse("grants:call_edit", args=[call.pk])
    data = _edit_data(client.get(url), ceiling="7000")
    client.post(url, _edit_data(client.get(url), ceiling="6000"))  # another manager saves first
    response = client.post(url, data)
    assert response.status_code == 200 and response.context["form"].conflicts
    call.refresh_from_db()
    assert call.ceiling == Decimal("6000")
    response = client.post(url, _edit_data(response, ceiling="7000"))  # saving again overwrites deliberately
    call.refresh_from_db()
    assert response.status_code == 302 and call.ceiling == Decimal("7000")


def test_amounts_are_grouped_on_the_pages_and_plain_in_the_export(award_a, staff_a):
    Award.objects.filter(pk=award_a.pk).update(amount=Decimal("1250000"))
    Application.objects.filter(pk=award_a.application_id).update(requested_amount=Decimal("1250000"))
    client = client_for(staff_a)
    assert "1,250,000" in client.get(reverse("grants:award_detail", args=[award_a.pk])).content.decode()
    assert "1,250,000" in client.get(reverse("grants:award_list")).content.decode()
    assert "1,250,000" in client.get(reverse("grants:application_list")).content.decode()
    export = client.get(reverse("grants:application_export"))
    body = b"".join(export.streaming_content).decode("utf-8-sig") if export.streaming else export.content.decode()
    assert "1250000" in body and "1,250,000" not in body
