"""Every URL pattern has an access rule, and the rule holds (issue: foundation, 'Tests that must exist').

Adding a URL without adding it here fails ``test_every_url_pattern_has_an_access_rule``.
"""

import datetime

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from conftest import built_once, make_personas_and_activity_a
from madani.core.registry import public_urls

# Pages an anonymous visitor may open: each app declares them, with the reason, in its AppConfig
# (``public_urls``, core/registry.py); review the reason when one is added.
PUBLIC = {url.name for url in public_urls()}

# Public URLs of one object: the object of branch_a_objects they are tested with (they check the
# object's state themselves).
PUBLIC_OBJECT_URLS = {url.name: url.test_object for url in public_urls() if url.test_object}

# Pages that send an anonymous visitor to the login page.
LOGIN_REQUIRED = {
    "dashboard:index",
    "accounts:portal",
    "account_reauthenticate",
    "account_email",
    "account_change_password",
    "account_set_password",
    "mfa_index",
    "mfa_reauthenticate",
    "mfa_activate_totp",
    "mfa_deactivate_totp",
    "mfa_view_recovery_codes",
    "mfa_generate_recovery_codes",
    "mfa_download_recovery_codes",
    "organizations:list",
    "organizations:export",
    "organizations:create",
    "organizations:detail",
    "organizations:edit",
    "organizations:delete",
    "people:list",
    "people:export",
    "people:create",
    "people:detail",
    "people:edit",
    "people:delete",
    "people:merge",
    "people:duplicates",
    "people:duplicate_dismiss",
    "people:affiliation_add",
    "people:affiliation_remove",
    "places:autocomplete",
    "activities:list",
    "activities:program_list",
    "activities:program_create",
    "activities:program_detail",
    "activities:program_edit",
    "activities:program_export",
    "activities:export",
    "activities:create",
    "activities:detail",
    "activities:edit",
    "activities:delete",
    "activities:session_add",
    "activities:session_edit",
    "activities:session_delete",
    "activities:attendance",
    "activities:walk_in",
    "activities:participant_add",
    "activities:participant_edit",
    "activities:participant_remove",
    "activities:import_start",
    "activities:import_template_xlsx",
    "activities:import_template_csv",
    "activities:import_columns",
    "activities:import_preview",
    "activities:deliverable",
    "activities:my_sessions",
    "activities:people_search",
    "activities:phase_options",
    "activities:sign_in_sheet",
    "activities:participants_complete",
    "consultations:list",
    "consultations:export",
    "consultations:create",
    "consultations:detail",
    "consultations:assign",
    "consultations:log_session",
    "consultations:close",
    "consultations:decline",
    "assessments:list",
    "assessments:upload",
    "assessments:detail",
    "assessments:download",
    "assessments:media",
    "assessments:organization",
    "assessments:assess",
    "assessments:enrol",
    "assessments:response",
    "assessments:activity",
    "assessments:test",
    "collect:credentials",
    "collect:revoke",
    "collect:submissions",
    "collect:submissions_export",
    "collect:attachment",
    "collect:fill",
    "collect:attendance_fill",
    "collect:web_submission",
    "collect:offline_worker",
    "certificates:issue",
    "certificates:bundle_request",
    "certificates:bundle",
    "certificates:bundle_progress",
    "certificates:bundle_download",
    "certificates:download",
    "certificates:revoke",
    "public:registration_accept",
    "public:registration_reject",
    "public:profile_edit",
    "reports:index",
    "reports:three_w",
    "reports:iati",
    "reports:donor_report",
    "reports:donor_job",
    "reports:donor_job_progress",
    "reports:donor_job_download",
    "indicators:list",
    "indicators:create",
    "indicators:detail",
    "indicators:edit",
    "indicators:records",
    "indicators:figure_records",
    "indicators:logframe",
    "indicators:logframe_export",
    "indicators:outcome_add",
    "indicators:outcome_edit",
    "indicators:output_add",
    "indicators:output_edit",
    "news:manage",
    "news:manage_export",
    "news:create",
    "news:manage_detail",
    "news:edit",
    "news:submit",
    "news:publish",
    "news:unpublish",
    "news:draft_from_activity",
    "library:create",
    "library:edit",
    "library:delete",
    "directory:list",
    "directory:export",
    "directory:create",
    "directory:detail",
    "directory:edit",
    "directory:publish",
    "directory:reject",
    "directory:withdraw",
    "coworking:index",
    "coworking:resource_create",
    "coworking:calendar",
    "coworking:resource_edit",
    "coworking:book",
    "coworking:booking_list",
    "coworking:booking_export",
    "coworking:booking_detail",
    "coworking:booking_cancel",
    "coworking:booking_mark_used",
    "coworking:booking_no_show",
    "accounts:profile",
    "accounts:token_create",
    "accounts:token_revoke",
    "grants:dashboard",
    "grants:call_list",
    "grants:call_create",
    "grants:call_detail",
    "grants:call_edit",
    "grants:call_open",
    "grants:call_close",
    "grants:call_start_review",
    "grants:call_decided",
    "grants:application_create",
    "grants:application_list",
    "grants:application_export",
    "grants:application_detail",
    "grants:application_edit",
    "grants:attachment_add",
    "grants:application_submit",
    "grants:application_eligibility",
    "grants:application_request_info",
    "grants:application_decide",
    "grants:application_withdraw",
    "grants:attachment_download",
    "grants:review_list",
    "grants:review_declare",
    "grants:review_score",
    "grants:award_list",
    "grants:awards_workbook",
    "grants:giving_360",
    "grants:award_detail",
    "grants:award_activity_add",
    "grants:tranche_add",
    "grants:award_close",
    "grants:tranche_request",
    "grants:tranche_approve",
    "grants:tranche_disburse",
    "grants:tranche_cancel",
    "grants:tranche_receipt",
    "grants:report_submit",
    "grants:report_approve",
    "grants:report_changes",
    "grants:report_remind",
    "networks:network_list",
    "networks:network_detail",
    "networks:member_export",
    "networks:membership_add",
    "networks:seat_add",
    "networks:membership_edit",
    "networks:membership_activate",
    "networks:membership_suspend",
    "networks:membership_withdraw",
    "networks:seat_end",
    "networks:meeting_add",
    "networks:meeting_detail",
    "networks:meeting_attendance",
    "networks:minutes_edit",
    "networks:minutes_circulate",
    "networks:minutes_approve",
    "networks:decision_add",
    "networks:decision_start",
    "networks:decision_done",
    "networks:decision_drop",
    "elections:election_list",
    "elections:election_create",
    "elections:election_detail",
    "elections:election_advance",
    "elections:forms_install",
    "elections:center_add",
    "elections:observer_add",
    "elections:candidate_add",
    "elections:promotion_add",
    "elections:live",
    "elections:checklist_list",
    "elections:checklist_detail",
    "elections:incident_list",
    "elections:incident_add",
    "elections:incident_detail",
    "elections:turnout_add",
    "elections:result_list",
    "elections:result_enter",
    "elections:results_publish",
    "networks:plan_list",
    "networks:plan_add",
    "networks:plan_detail",
    "networks:plan_edit",
    "networks:objective_add",
    "networks:plan_review_add",
    "networks:licensing_visit_add",
    "networks:licensing_visit_edit",
    "networks:site_edit",
    "networks:article_list",
    "networks:article_add",
    "networks:article_detail",
    "networks:article_edit",
    "networks:article_submit",
    "networks:article_review",
    "networks:article_changes",
    "networks:article_publish",
    "networks:article_withdraw",
    "forum:my_posts",
    "forum:thread_new",
    "forum:queue",
    "forum:history",
    "forum:watched_words",
    *(name for name in ("forum:" + n for n in (
        "reply", "thread_lock", "thread_unlock", "thread_move", "post_flag", "post_appeal", "post_approve", "post_hide",
        "post_edit", "sanction_impose", "sanction_lift", "sanction_appeal", "appeal_decide", "watched_word_remove"))),
}

# API endpoints: 401/403 without a token or session.
API = {
    "api:api-root",
    "api:organization-list",
    "api:organization-detail",
    "api:person-list",
    "api:person-detail",
    "api:place-list",
    "api:place-detail",
    "api:program-list",
    "api:program-detail",
    "api:topic-list",
    "api:topic-detail",
    "api:activity-list",
    "api:activity-detail",
    "api:session-list",
    "api:session-detail",
    "api:session-attendance",
    "api:participation-list",
    "api:participation-detail",
    "api:participation-bulk",
    "api:person-bulk",
    "api:affiliation-list",
    "api:affiliation-detail",
    "api:activity-deliverable",
    "api:indicator-list",
    "api:indicator-detail",
    "api:indicator-figures",
    "api:grant-call-list",
    "api:grant-call-detail",
    "api:grant-application-list",
    "api:grant-application-detail",
    "api:grant-award-list",
    "api:grant-award-detail",
    "api:grant-tranche-list",
    "api:grant-tranche-detail",
    "api:grant-report-list",
    "api:grant-report-detail",
    "api:election-list",
    "api:election-detail",
    "api:polling-center-list",
    "api:polling-center-detail",
    "api:election-observer-list",
    "api:election-observer-detail",
    "api:election-incident-list",
    "api:election-incident-detail",
    "api:election-turnout-list",
    "api:election-turnout-detail",
    "api:election-result-list",
    "api:election-result-detail",
    "api:form-list",
    "api:submission-list",
}

# The OpenRosa server (madani/collect/openrosa.py): ODK Collect's device accesses, never a session; 401
# without one. Other branches' forms answer 404 to a device: madani/collect/tests/test_openrosa.py.
OPENROSA = {"openrosa:form_list", "openrosa:form", "openrosa:manifest", "openrosa:submission",
            "openrosa:attendance_form", "openrosa:attendance_manifest", "openrosa:media"}

# Reference data with an id but no branch (readable by any signed-in user).
REFERENCE_OBJECT_URLS = {"api:place-detail": "place", "api:program-detail": "program", "api:topic-detail": "topic"}

# URLs of one branch's records: staff of another branch must get 404 (GET and POST).
BRANCH_OBJECT_URLS = {
    "grants:call_detail": "call",
    "grants:call_edit": "draft_call",
    "grants:call_open": "call",
    "grants:call_close": "call",
    "grants:call_start_review": "call",
    "grants:call_decided": "call",
    "grants:application_create": "call",
    "grants:application_detail": "grant_application",
    "grants:application_eligibility": "grant_submitted",
    "grants:application_request_info": "grant_application",
    "grants:application_decide": "grant_application",
    "grants:application_edit": "grant_draft",
    "grants:attachment_add": "grant_draft",
    "grants:application_submit": "grant_draft",
    "grants:application_withdraw": "grant_draft",
    "grants:attachment_download": "grant_attachment",
    "grants:review_declare": "grant_review",
    "grants:review_score": "grant_review",
    "grants:award_detail": "grant_award",
    "grants:award_activity_add": "grant_award",
    "grants:tranche_add": "grant_award",
    "grants:award_close": "grant_award",
    "grants:tranche_request": "grant_tranche",
    "grants:tranche_approve": "grant_tranche",
    "grants:tranche_disburse": "grant_tranche",
    "grants:tranche_cancel": "grant_tranche",
    "grants:tranche_receipt": "grant_tranche",
    "grants:report_submit": "grant_report",
    "grants:report_approve": "grant_report",
    "grants:report_changes": "grant_report",
    "grants:report_remind": "grant_report",
    "networks:network_detail": "network",
    "networks:member_export": "network",
    "networks:membership_add": "network",
    "networks:seat_add": "network",
    "networks:membership_edit": "network_membership",
    "networks:membership_activate": "network_membership",
    "networks:membership_suspend": "network_membership",
    "networks:membership_withdraw": "network_membership",
    "networks:seat_end": "board_seat",
    "networks:meeting_add": "network",
    "networks:meeting_detail": "network_meeting",
    "networks:meeting_attendance": "network_meeting",
    "networks:minutes_edit": "network_meeting",
    "networks:minutes_circulate": "network_meeting",
    "networks:minutes_approve": "network_meeting",
    "networks:decision_add": "network_meeting",
    "networks:decision_start": "network_decision",
    "networks:decision_done": "network_decision",
    "networks:decision_drop": "network_decision",
    "networks:plan_list": "network",
    "networks:plan_add": "network",
    "networks:plan_detail": "network_plan",
    "networks:plan_edit": "network_plan",
    "networks:objective_add": "network_plan",
    "networks:plan_review_add": "network_plan",
    "networks:licensing_visit_add": "network",
    "networks:licensing_visit_edit": "licensing_visit",
    "networks:site_edit": "network",
    "networks:article_add": "network",
    "networks:article_detail": "opinion_article",
    "networks:article_edit": "opinion_article",
    "networks:article_submit": "opinion_article",
    "networks:article_review": "opinion_article",
    "networks:article_changes": "opinion_article",
    "networks:article_publish": "opinion_article",
    "networks:article_withdraw": "opinion_article",
    "api:grant-call-detail": "call",
    "elections:election_detail": "election",
    "elections:election_advance": "election",
    "elections:forms_install": "election",
    "elections:center_add": "election",
    "elections:observer_add": "election",
    "elections:candidate_add": "election",
    "elections:promotion_add": "election",
    "elections:live": "election",
    "elections:checklist_list": "election",
    "elections:checklist_detail": "election_checklist",
    "elections:incident_list": "election",
    "elections:incident_add": "election",
    "elections:incident_detail": "election_incident",
    "elections:turnout_add": "election",
    "elections:result_list": "election",
    "elections:result_enter": "election_center",
    "elections:results_publish": "election",
    "api:election-detail": "election",
    "api:polling-center-detail": "election_center",
    "api:election-observer-detail": "election_observer",
    "api:election-incident-detail": "election_incident",
    "api:election-turnout-detail": "election_turnout",
    "api:election-result-detail": "election_result",
    "api:grant-application-detail": "grant_application",
    "api:grant-award-detail": "grant_award",
    "api:grant-tranche-detail": "grant_tranche",
    "api:grant-report-detail": "grant_report",
    "organizations:detail": "organization",
    "organizations:edit": "organization",
    "organizations:delete": "organization",
    "people:detail": "person",
    "people:edit": "person",
    "people:delete": "person",
    "people:merge": "person",
    "people:affiliation_add": "person",
    "people:affiliation_remove": "affiliation",
    "api:organization-detail": "organization",
    "api:person-detail": "person",
    "api:activity-detail": "activity",
    "api:session-detail": "session_id",
    "api:session-attendance": "session_id",
    "api:participation-detail": "participation_id",
    "api:affiliation-detail": "affiliation_id",
    "api:activity-deliverable": "activity",
    "api:indicator-detail": "indicator",
    "api:indicator-figures": "indicator",
    "accounts:token_revoke": "api_token",  # one's own only (anyone else's is a 404)
    "activities:detail": "activity",
    "activities:edit": "activity",
    "activities:delete": "activity",
    "activities:session_add": "activity",
    "activities:session_edit": "session",
    "activities:session_delete": "session",
    "activities:attendance": "session",
    "activities:walk_in": "session",
    "activities:participant_add": "activity",
    "activities:participant_edit": "participation",
    "activities:participant_remove": "participation",
    "activities:program_detail": "program",
    "activities:program_edit": "program",
    "activities:import_start": "activity",
    "activities:import_template_xlsx": "activity",
    "activities:import_template_csv": "activity",
    "activities:import_columns": "activity",
    "activities:import_preview": "activity",
    "activities:deliverable": "activity",
    "activities:sign_in_sheet": "session",
    "activities:participants_complete": "activity",
    "consultations:detail": "request",
    "consultations:assign": "request",
    "consultations:log_session": "request",
    "consultations:close": "request",
    "consultations:decline": "request",
    "assessments:detail": "questionnaire",
    "assessments:download": "questionnaire",
    "assessments:media": "questionnaire",
    "assessments:organization": "organization",
    "assessments:assess": "organization",
    "assessments:enrol": "organization",
    "assessments:response": "response",
    "assessments:activity": "activity",
    "assessments:test": "participation",
    "certificates:issue": "activity",
    "certificates:bundle_request": "activity",
    "certificates:bundle": "certificate_bundle",  # its requester's only (it holds what they could see)
    "certificates:bundle_progress": "certificate_bundle",
    "certificates:bundle_download": "certificate_bundle",
    "certificates:download": "participation",
    "certificates:revoke": "participation",
    "public:registration_accept": "registration",
    "public:registration_reject": "registration",
    "reports:iati": "program",
    "reports:donor_job": "report_job",
    "reports:donor_job_progress": "report_job",
    "reports:donor_job_download": "report_job",
    "indicators:detail": "indicator",  # an indicator of a program that runs in branch A only
    "indicators:edit": "indicator",
    "indicators:records": "indicator",
    "indicators:logframe": "program",
    "indicators:logframe_export": "program",
    "indicators:outcome_add": "program",
    "indicators:outcome_edit": "outcome",
    "indicators:output_add": "outcome",
    "indicators:output_edit": "output",
    "news:manage_detail": "news_post",
    "news:edit": "news_post",
    "news:submit": "news_post",
    "news:publish": "news_post",
    "news:unpublish": "news_post",
    "news:draft_from_activity": "activity",
    "library:edit": "resource",  # seen by every staff member, changed only by its branch's editors
    "library:delete": "resource",
    "directory:detail": "listing",
    "directory:edit": "listing",
    "directory:publish": "listing",
    "directory:reject": "listing",
    "directory:withdraw": "listing",
    "coworking:calendar": "room",
    "coworking:resource_edit": "room",
    "coworking:book": "room",
    "coworking:booking_detail": "booking",
    "coworking:booking_cancel": "booking",
    "coworking:booking_mark_used": "booking",
    "coworking:booking_no_show": "booking",
    "collect:revoke": "credential",  # its owner's only
    "collect:submissions": "survey",
    "collect:submissions_export": "survey",
    "collect:fill": "survey",
    "collect:attendance_fill": "session_id",
    "collect:attachment": "attachment",
}


# URLs of one network forum's records (madani/forum): the forum is public and any center staff may post, so
# the test is another network's people — its forum moderator and its members' staff — who get 403 or 404.
NETWORK_OBJECT_URLS = {
    "forum:reply": "forum_thread",
    "forum:thread_lock": "forum_thread",
    "forum:thread_unlock": "forum_thread",
    "forum:thread_move": "forum_thread",
    "forum:post_flag": "forum_post",
    "forum:post_appeal": "forum_post",
    "forum:post_approve": "forum_post",
    "forum:post_hide": "forum_post",
    "forum:post_edit": "forum_post",
    "forum:sanction_impose": "forum_post",
    "forum:sanction_lift": "forum_sanction",
    "forum:sanction_appeal": "forum_sanction",
    "forum:appeal_decide": "forum_appeal",
    "forum:watched_word_remove": "forum_word",
}


# Object URLs that only administrators may use: a branch's own staff get 403 there, not 200.
ADMINISTRATORS_ONLY = {"activities:program_edit", "indicators:edit", "indicators:outcome_add", "indicators:outcome_edit",
                       "indicators:output_add", "indicators:output_edit"}  # indicators: and M&E officers


def _walk(patterns, prefix="", namespace=None):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            ns = namespace
            if pattern.namespace:
                ns = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern), ns)
        elif isinstance(pattern, URLPattern):
            name = pattern.name and (f"{namespace}:{pattern.name}" if namespace else pattern.name)
            yield name, prefix + str(pattern.pattern), pattern


def _named_patterns():
    """Every named URL outside the Django admin (the admin is checked as a whole below)."""
    return {
        name: (route, pattern)
        for name, route, pattern in _walk(get_resolver().url_patterns)
        if not route.startswith("admin/") and not (name or "").startswith("admin:")
    }


def test_every_url_pattern_has_an_access_rule():
    patterns = _named_patterns()
    unnamed = [route for route, (r, _p) in patterns.items() if route is None]
    assert not unnamed, f"unnamed URL patterns cannot be access-tested: {unnamed}"
    ruled = PUBLIC | LOGIN_REQUIRED | API | OPENROSA
    missing = sorted(set(patterns) - ruled)
    assert not missing, f"URL patterns without an access rule: {missing}"
    stale = sorted(ruled - set(patterns))
    assert not stale, f"access rules for URLs that no longer exist: {stale}"


def test_every_url_with_an_object_id_has_a_cross_branch_test():
    with_ids = {
        name
        for name, (route, pattern) in _named_patterns().items()
        if "pk" in route and name not in PUBLIC and name not in REFERENCE_OBJECT_URLS and name not in OPENROSA
    }
    covered = set(BRANCH_OBJECT_URLS) | set(NETWORK_OBJECT_URLS)
    assert with_ids <= covered, sorted(with_ids - covered)


def _kwargs(name, objects):
    route, _pattern = _named_patterns()[name]
    kwargs = {}
    if "pk" in route:
        kind = BRANCH_OBJECT_URLS.get(name) or NETWORK_OBJECT_URLS.get(name) or PUBLIC_OBJECT_URLS.get(name)
        if kind == "affiliation":
            kwargs = {"pk": objects["person"].pk, "affiliation_pk": objects["affiliation"].pk}
        elif kind == "session":
            kwargs = {"pk": objects["activity"].pk, "session_pk": objects["session"].pk}
        elif kind == "participation":
            kwargs = {"pk": objects["activity"].pk, "participation_pk": objects["participation"].pk}
        elif kind in ("session_id", "participation_id", "affiliation_id"):  # the API's flat URLs: /sessions/<pk>/
            kwargs = {"pk": objects[kind.removesuffix("_id")].pk}
        elif kind:
            kwargs = {"pk": objects[kind].pk}
        else:  # reference data (api:place-detail, api:program-detail, api:topic-detail) and public objects
            kwargs = {"pk": objects[REFERENCE_OBJECT_URLS.get(name) or PUBLIC_OBJECT_URLS[name]].pk}
    if "<key>" in route:
        kwargs["key"] = "not-a-key"
    if "<uidb36>" in route:
        kwargs["uidb36"] = "zz"
    if "<str:code>" in route:
        kwargs["code"] = objects["certificate"].code
    if "<str:slug>" in route:
        kwargs["slug"] = objects["news_post"].slug
    if "<slug:site_slug>" in route:
        kwargs["site_slug"] = objects["network_site"].slug
    if "<slug:slug>/forum/" in route:
        kwargs["slug"] = objects["forum"].slug
    return kwargs


def _program_of_branch_a(activity):
    activity.program.branches.set([activity.branch])
    return activity.program


def _grants_of_branch_a(program, organization, staff_a):
    """A call of branch A (staff A on its panel), a draft, a submitted application, one in review (staff A
    declared no conflict) and an awarded one with a paid tranche (with its receipt) whose report is due."""
    from decimal import Decimal

    from django.core.files.uploadedfile import SimpleUploadedFile

    from madani.grants import services as grants

    organization.incubation_stage = "incubated"
    organization.save()
    today = timezone.localdate()
    call = grants.call_create(actor=staff_a, data={
        "code": "paolo", "title": "منحة الأب باولو", "title_ar": "منحة الأب باولو", "program": program,
        "currency": "USD", "ceiling": Decimal(5000), "deadline": today + datetime.timedelta(days=30),
        "branches": [organization.branch]}, criteria=[{"name": "الحاجة", "name_ar": "الحاجة", "weight": 1}],
        panel=[staff_a])
    grants.call_move(actor=staff_a, call=call, status="open")

    def application(title):
        return grants.application_create(actor=staff_a, call=call, organization=organization, data={
            "title": title, "need": "حاجة", "requested_amount": Decimal(1000)}, lines=[{
                "category": "materials", "description": "مواد", "quantity": Decimal(1), "unit_cost": Decimal(1000),
                "currency": "USD"}])

    draft = application("مسودة")
    attachment = grants.attachment_add(actor=staff_a, application=draft, kind="proposal",
                                       upload=SimpleUploadedFile("proposal.pdf", b"%PDF-1.4 proposal"))
    submitted = grants.application_submit(actor=staff_a, application=application("مقدم"))
    in_review = grants.application_check_eligibility(
        actor=staff_a, application=grants.application_submit(actor=staff_a, application=application("قيد التقييم")))
    review = grants.review_declare(actor=staff_a, review=in_review.reviews.get(), conflict=False)
    awarded = grants.application_check_eligibility(
        actor=staff_a, application=grants.application_submit(actor=staff_a, application=application("ممنوح")))
    grants.review_declare(actor=staff_a, review=awarded.reviews.get(), conflict=False)
    grants.application_decide(actor=staff_a, application=awarded, award=True, reasons="مناسب")
    tranche = grants.tranche_plan(actor=staff_a, award=awarded.award, data={
        "amount": Decimal(1000), "currency": "USD", "method": "bank", "planned_date": today})
    grants.tranche_request(actor=staff_a, tranche=tranche)
    grants.tranche_approve(actor=staff_a, tranche=tranche)
    grants.tranche_disburse(actor=staff_a, tranche=tranche, disbursed_on=today, method="bank",
                            receipt=SimpleUploadedFile("receipt.pdf", b"%PDF-1.4 receipt"))
    draft_call = grants.call_create(actor=staff_a, data={
        "code": "paolo-draft", "title": "مسودة دعوة", "title_ar": "مسودة دعوة", "program": program, "currency": "USD",
        "ceiling": Decimal(5000), "deadline": today + datetime.timedelta(days=30), "branches": [organization.branch]},
        criteria=[{"name": "الحاجة", "name_ar": "الحاجة", "weight": 1}], panel=[staff_a])
    return {"call": call, "draft_call": draft_call, "grant_draft": draft, "grant_attachment": attachment, "grant_submitted": submitted,
            "grant_application": in_review, "grant_review": review, "grant_award": awarded.award,
            "grant_tranche": tranche, "grant_report": tranche.report}


def _networks_of_branch_a(organization, person, staff_a, program):
    """A network of branch A with organization A an active member and person A (its staff) on the board."""
    from madani.networks import services as networks
    from tests.factories import OrganizationFactory

    network = OrganizationFactory(branch=organization.branch, kind="network", name="شبكة وصل", name_ar="شبكة وصل")
    day = datetime.date(2024, 1, 1)
    membership = networks.membership_create(actor=staff_a, network=network, data={
        "organization": organization, "kind": "founding", "status": "active", "applied_on": day, "joined_on": day})
    seat = networks.seat_create(actor=staff_a, network=network, data={
        "membership": membership, "person": person, "role": "chair", "term_start": day})
    meeting = networks.meeting_schedule(actor=staff_a, network=network, program=program, data={
        "kind": "general_assembly", "title": "الاجتماع العام", "date": timezone.localdate() - datetime.timedelta(days=1)})
    networks.meeting_record_attendance(actor=staff_a, meeting=meeting, present=[(person, membership)])
    decision = networks.decision_record(actor=staff_a, meeting=meeting, data={"text": "قرار", "votes_for": 1})
    plan = networks.plan_create(actor=staff_a, network=network, data={
        "membership": membership, "title": "خطة", "period_start": day, "period_end": day.replace(year=2026)})
    visit = networks.licensing_visit_record(actor=staff_a, network=network, data={
        "membership": membership, "authority": "المجلس المحلي", "visited_on": day})
    from madani.news.tests.conftest import jpeg

    site = networks.site_save(actor=staff_a, network=network, data={"slug": "wasl", "name_ar": "شبكة وصل",
                                                                     "published": True}, logo=jpeg(200, 200))
    article = networks.article_create(actor=staff_a, network=network, data={"title": "رأي", "body": "نص"})
    for status in ("submitted", "in_review", "published"):
        article = networks.article_move(actor=staff_a, article=article, status=status)
    return {"network": network, "network_membership": membership, "board_seat": seat, "network_meeting": meeting,
            "network_decision": decision, "network_plan": plan, "licensing_visit": visit, "network_site": site,
            "opinion_article": article}


def _elections_of_branch_a(staff_a, branch):
    """An election of branch A in its count (a checklist, an incident, a turnout count, a first result entry)
    and a published one."""
    import datetime as _datetime

    from madani.elections import services as elections
    from madani.elections.tests.builders import incident_data, make_election, published, to_counting

    election = to_counting(staff_a, make_election(staff_a, branch))
    center = election.centers.get(code="C1")
    checklist, _created = elections.checklist_record(actor=staff_a, election=election, form="opening",
                                                     instance_id="uuid:url-access",
                                                     answers={"center": "C1", "observer": "O1", "opened_on_time": "yes"})
    incident, _created = elections.incident_report(actor=staff_a, election=election, instance_id="uuid:url-incident",
                                                   data=incident_data(center))
    turnout = elections.turnout_record(actor=staff_a, center=center, slot=_datetime.time(10), voters=50, women_voters=20)
    result = elections.result_enter(actor=staff_a, center=center, data={
        "voters": 100, "women_voters": 40, "ballots": 100, "valid": 90, "invalid": 5, "blank": 5, "votes": {}})
    return {"election": election, "election_center": center, "election_checklist": checklist,
            "election_incident": incident, "election_observer": election.observers.first(),
            "election_turnout": turnout, "election_result": result, "published_election": published(staff_a, branch)}


def _forum_of_branch_a(network, organization, staff_a):
    from madani.forum.tests.conftest import forum_objects
    from tests.factories import UserFactory

    member = UserFactory(email="forum.member.a@example.org", role="cso_member", organization=organization)
    return forum_objects(network=network, staff=staff_a, member=member)


@pytest.fixture(scope="module")
def _built(django_db_setup, django_db_blocker):
    """The personas and branch A's objects, built once for the module's ~490 tests (each runs in its own
    savepoint, so what one test writes is gone for the next); their files go to the session's media folder."""

    def build():
        personas = make_personas_and_activity_a()
        objects = _branch_a_objects(personas["organization_a"], personas["person_a"], personas["activity_a"],
                                    personas["staff_a"])
        return {"staff_a": personas["staff_a"], "staff_b": personas["staff_b"], "objects": objects}

    with built_once(django_db_blocker, build) as built:
        yield built


def _fresh(instance):
    """The same row, read again: no test sees what another one changed in memory."""
    from django.db.models import Model

    return type(instance)._base_manager.get(pk=instance.pk) if isinstance(instance, Model) else instance


@pytest.fixture
def staff_a(_built, db):
    return _fresh(_built["staff_a"])


@pytest.fixture
def staff_b(_built, db):
    return _fresh(_built["staff_b"])


@pytest.fixture
def branch_a_objects(_built, db):
    return {name: _fresh(instance) for name, instance in _built["objects"].items()}


def _branch_a_objects(organization_a, person_a, activity_a, staff_a):
    from django.core.files.base import ContentFile

    from madani.accounts.services import api_token_create
    from madani.activities.models import Topic
    from madani.assessments.models import Kind, Questionnaire, Response
    from madani.certificates.models import CertificateBundle
    from madani.certificates.services import certificate_issue
    from madani.consultations.models import Request
    from madani.coworking.models import BookableResource as Room
    from madani.coworking.models import Booking
    from madani.directory.models import ServiceListing
    from madani.indicators.models import Indicator, Outcome, Output
    from madani.library.models import Resource
    from madani.news import services as news
    from madani.news.tests.conftest import jpeg
    from madani.organizations.models import Sector
    from madani.places.models import Place
    from madani.public.models import CenterProfile, Registration
    from madani.reports.models import JobStatus, ReportJob

    from django.core.files.uploadedfile import SimpleUploadedFile

    from madani.collect import services as collect
    from madani.collect.tests.conftest import JPEG, instance, make_survey

    survey = make_survey(activity_a.branch)
    credential, _secret = collect.credential_create(actor=staff_a, name="هاتف")
    _status, submission = collect.submission_receive(credential=credential, xml=instance(survey, photo="p.jpg"),
                                                     files=[SimpleUploadedFile("p.jpg", JPEG)])
    CenterProfile.objects.create(name="مركز دعم المجتمع المدني", name_ar="مركز دعم المجتمع المدني")
    activity_a.deliverable.save("plan.pdf", ContentFile(b"%PDF-1.4 strategic plan"))
    needs = Questionnaire.objects.needs().get()  # the shipped form (a data migration)
    pre_test = Questionnaire(title="اختبار قبلي", kind=Kind.PRE_TEST, activity=activity_a, definition=needs.definition)
    pre_test.source_file.save("pre-test.xlsx", ContentFile(b"xlsx"), save=True)
    certificate = certificate_issue(actor=staff_a, participation=activity_a.participations.get())
    program = _program_of_branch_a(activity_a)
    report_job = ReportJob.objects.create(program=program, date_from=activity_a.start_date, date_to=activity_a.end_date,
                                          requested_by=staff_a, status=JobStatus.DONE, progress=100)
    report_job.file.save("donor-report.xlsx", ContentFile(b"xlsx"), save=True)
    certificate_bundle = CertificateBundle.objects.create(activity=activity_a, requested_by=staff_a,
                                                          site_root="http://testserver", status=JobStatus.DONE,
                                                          progress=100, count=1)
    certificate_bundle.file.save("certificates.pdf", ContentFile(b"%PDF-1.4 certificates"), save=True)
    outcome = Outcome.objects.create(program=program, statement="مشاركة المنظمات في صنع القرار")
    output = Output.objects.create(outcome=outcome, statement="منظمات مدربة على المناصرة")
    news_post = news.newspost_create(actor=staff_a, cover=jpeg(), data={
        "title_ar": "خبر", "body_ar": "نص", "branch": activity_a.branch, "source_activity": activity_a})
    resource = Resource.objects.create(title="دليل التربية المدنية", title_ar="دليل التربية المدنية", branch=activity_a.branch,
                                       content_type="application/pdf")
    resource.file.save("guide.pdf", ContentFile(b"%PDF-1.4 civic education"), save=True)
    listing = ServiceListing.objects.create(organization=organization_a, title_ar="دعم نفسي", description_ar="جلسات",
                                            sector=Sector.objects.first(), status="published")
    listing.places.add(Place.objects.get(pcode="SY11"))
    room = Room.objects.create(branch=activity_a.branch, kind="meeting_room", name_ar="قاعة الاجتماعات")
    tomorrow = timezone.localtime() + datetime.timedelta(days=1)
    start = tomorrow.replace(hour=10, minute=0, second=0, microsecond=0)
    booking = Booking.objects.create(resource=room, organization=organization_a, start=start,
                                     end=start + datetime.timedelta(hours=2))
    grants = _grants_of_branch_a(program, organization_a, staff_a)
    networks = _networks_of_branch_a(organization_a, person_a, staff_a, program)
    return {
        **grants,
        **networks,
        **_forum_of_branch_a(networks["network"], organization_a, staff_a),
        **_elections_of_branch_a(staff_a, activity_a.branch),
        "news_post": news.newspost_publish(actor=staff_a, post=news_post),
        "survey": survey,
        "credential": credential,
        "attachment": submission.attachments.get(),
        "resource": resource,
        "listing": listing,
        "room": room,
        "booking": booking,
        "certificate": certificate,
        "topic": Topic.objects.order_by("pk").first(),
        "request": Request.objects.create(kind="consultation", branch=activity_a.branch, organization=organization_a,
                                          description="خطة استراتيجية"),
        "questionnaire": pre_test,
        "response": Response.objects.create(questionnaire=needs, organization=organization_a,
                                            date=activity_a.start_date, answers={}),
        "activity": activity_a,
        "session": activity_a.sessions.first(),
        "participation": activity_a.participations.get(),
        "program": program,
        "report_job": report_job,
        "certificate_bundle": certificate_bundle,
        "outcome": outcome,
        "output": output,
        "indicator": Indicator.objects.create(code="people-trained", name="المتدربون", metric="people",
                                              program=program, output=output),
        "organization": organization_a,
        "person": person_a,
        "affiliation": person_a.affiliations.get(),
        "api_token": api_token_create(actor=staff_a, name="script")[0],
        "place": Place.objects.get(pcode="SY11"),
        "registration": Registration.objects.create(activity=activity_a, full_name="سمر الحسن", gender="female",
                                                    birth_year=1995, phone="+963 933 000 111",
                                                    home_place=Place.objects.get(pcode="SY110100")),
    }


@pytest.mark.parametrize("name", sorted(LOGIN_REQUIRED))
def test_anonymous_visitors_are_sent_to_login(name, anonymous, branch_a_objects):
    url = reverse(name, kwargs=_kwargs(name, branch_a_objects))
    response = anonymous.get(url)
    assert response.status_code == 302, url
    assert response["Location"].startswith(reverse("account_login")), (url, response["Location"])


@pytest.mark.parametrize("name", sorted(OPENROSA))
def test_openrosa_asks_for_a_device_access(name, anonymous, client_a, branch_a_objects):
    route = _named_patterns()[name][0]
    kwargs = {"pk": branch_a_objects["survey"].pk} if "pk" in route else {}
    if "media_pk" in route:
        kwargs["media_pk"] = 1
    url = reverse(name, kwargs=kwargs)
    for client in (anonymous, client_a):  # a signed-in session is no device access
        response = client.get(url, HTTP_X_OPENROSA_VERSION="1.0")
        assert response.status_code == 401 and response["WWW-Authenticate"].startswith("Basic"), url


@pytest.mark.parametrize("name", sorted(API))
def test_anonymous_api_calls_are_refused(name, anonymous, branch_a_objects):
    response = anonymous.get(reverse(name, kwargs=_kwargs(name, branch_a_objects)))
    assert response.status_code in (401, 403)


# What an anonymous visitor gets from a public URL that does not answer 200 (the page itself), with where a
# redirect goes. Every other public URL answers 200.
PUBLIC_NOT_200 = {
    "account_logout": (302, "public:home"),  # nobody to sign out: home
    "account_confirm_login_code": (302, "account_login"),  # no login pending: back to the login page
    "mfa_authenticate": (302, "account_login"),
    "public:register": (404, None),  # activity A is completed: no longer open for registration
}


def test_every_public_url_expected_not_to_answer_200_is_public():
    assert set(PUBLIC_NOT_200) <= PUBLIC


@pytest.mark.parametrize("name", sorted(PUBLIC))
def test_public_pages_answer_anonymous_visitors(name, anonymous, branch_a_objects):
    url = reverse(name, kwargs=_kwargs(name, branch_a_objects))
    response = anonymous.get(url)
    status, redirect_to = PUBLIC_NOT_200.get(name, (200, None))
    assert response.status_code == status, url
    if redirect_to:
        assert response["Location"] == reverse(redirect_to), url


def test_the_admin_sends_anonymous_visitors_to_its_login(anonymous, branch_a_objects):
    organization = branch_a_objects["organization"]
    for url in ["/admin/", f"/admin/organizations/organization/{organization.pk}/change/", "/admin/people/person/"]:
        response = anonymous.get(url)
        assert response.status_code == 302 and "/admin/login/" in response["Location"], url


def test_branch_staff_are_kept_out_of_the_admin(client_b):
    assert client_b.get("/admin/").status_code == 302


@pytest.mark.parametrize("name", sorted(BRANCH_OBJECT_URLS))
def test_other_branch_staff_get_404_on_every_object_url(name, client_b, client_a, branch_a_objects):
    url = reverse(name, kwargs=_kwargs(name, branch_a_objects))
    assert client_b.get(url).status_code == 404, url
    if not name.startswith("api:"):  # API writes: test_other_branch_staff_cannot_change_records_through_the_api
        assert client_b.post(url, {"confirm": "on", "full_name": "x", "name_ar": "x"}).status_code == 404, url
    # …while the branch's own staff can open it (so the 404 is about the branch, not a broken URL).
    if not name.endswith(("delete", "affiliation_remove", "_remove")):
        assert client_a.get(url).status_code == (403 if name in ADMINISTRATORS_ONLY else 200), url
    organization, person = branch_a_objects["organization"], branch_a_objects["person"]
    organization.refresh_from_db()
    person.refresh_from_db()
    assert person.affiliations.count() == 1


@pytest.mark.parametrize("method", ["put", "patch", "delete"])
def test_other_branch_staff_cannot_change_records_through_the_api(method, client_b, branch_a_objects):
    person = branch_a_objects["person"]
    url = reverse("api:person-detail", kwargs={"pk": person.pk})
    response = getattr(client_b, method)(url, data={"full_name": "changed"}, content_type="application/json")
    assert response.status_code == 404
    person.refresh_from_db()
    assert person.full_name == "أحمد علي الخلف"


# The writes of API object URLs that are not put/patch/delete (none: read-only; the GETs above cover them).
API_WRITE_METHODS = {"api:session-attendance": ["post"], "api:activity-deliverable": ["post"],
                     "api:affiliation-detail": ["delete"], "api:indicator-detail": [], "api:indicator-figures": []}
API_WRITES = [
    (name, method)
    for name in sorted(n for n in BRANCH_OBJECT_URLS if n.startswith("api:"))
    for method in API_WRITE_METHODS.get(name, ["put", "patch", "delete"])
]


@pytest.mark.parametrize(("name", "method"), API_WRITES)
def test_other_branch_staff_cannot_change_any_record_through_the_api(name, method, client_b, branch_a_objects):
    url = reverse(name, kwargs=_kwargs(name, branch_a_objects))
    data = {"present": [], "full_name": "changed", "name_ar": "changed", "title_ar": "changed", "completed": False}
    response = getattr(client_b, method)(url, data=data, content_type="application/json")
    assert response.status_code == 404, url
    activity, person = branch_a_objects["activity"], branch_a_objects["person"]
    activity.refresh_from_db()
    person.refresh_from_db()
    assert activity.title_ar == "تدريب المناصرة" and person.full_name == "أحمد علي الخلف"
    assert activity.sessions.count() == 3
    assert activity.participations.get().completed
    assert activity.sessions.first().attendance.count() == 1


@pytest.mark.parametrize("name", sorted(NETWORK_OBJECT_URLS))
def test_another_networks_people_get_403_or_404_on_every_forum_object_url(name, client_b, branch_a_objects):
    from tests.factories import OrganizationFactory, UserFactory

    other_network = OrganizationFactory(kind="network", name="شبكة أخرى", name_ar="شبكة أخرى")
    member = OrganizationFactory(name="منظمة أخرى", name_ar="منظمة أخرى")
    other_network.members.add(member)
    url = reverse(name, kwargs=_kwargs(name, branch_a_objects))
    actions = list(branch_a_objects["forum"].actions.values_list("pk", flat=True))
    for user in (UserFactory(role="forum_moderator", organization=other_network),
                 UserFactory(role="cso_member", organization=member)):
        client = Client()
        client.force_login(user)
        assert client.get(url).status_code in (403, 404), (url, user.role)
        data = {"confirm": "on", "reason": "x", "body": "x", "text": "x", "kind": "ban", "days": 3,
                "decision": "upheld", "token": "0b6f3a52-8e57-4bd4-9a3c-9d4c3c2a0c11"}
        assert client.post(url, data).status_code in (403, 404), (url, user.role)
    assert list(branch_a_objects["forum"].actions.values_list("pk", flat=True)) == actions
    from madani.forum.models import Post
    assert Post.objects.filter(thread__forum=branch_a_objects["forum"]).count() == 2
