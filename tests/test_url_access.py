"""Every URL pattern has an access rule, and the rule holds (issue: foundation, 'Tests that must exist').

Adding a URL without adding it here fails ``test_every_url_pattern_has_an_access_rule``.
"""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

# Reviewed list of pages an anonymous visitor may open.
PUBLIC = {
    "public:home",
    "account_login",
    "account_logout",  # signs nobody out on GET; redirects home
    "account_signup",  # shows "sign-up is closed": accounts are created by administrators
    "account_inactive",
    "account_reset_password",
    "account_reset_password_done",
    "account_reset_password_from_key",
    "account_reset_password_from_key_done",
    "account_email_verification_sent",
    "account_confirm_email",
    "account_confirm_login_code",  # only meaningful inside a pending login
    "mfa_authenticate",  # second step of a pending login
    "api:schema",  # the OpenAPI description holds no data
    "consultations:suggest_training",  # public forms: rate-limited, honeypot, nothing shown back
    "consultations:request_consultation",
    "consultations:thanks",
    "certificates:verify",  # shows only what is printed on the certificate; rate-limited
    "dashboard:impact",  # center-wide counts only, groups under MADANI_MIN_CELL_SIZE suppressed
}

# Pages that send an anonymous visitor to the login page.
LOGIN_REQUIRED = {
    "dashboard:index",
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
    "people:affiliation_add",
    "people:affiliation_remove",
    "places:autocomplete",
    "activities:list",
    "activities:program_list",
    "activities:program_create",
    "activities:program_detail",
    "activities:program_edit",
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
    "consultations:list",
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
    "assessments:organization",
    "assessments:assess",
    "assessments:enrol",
    "assessments:response",
    "assessments:activity",
    "assessments:test",
    "certificates:issue",
    "certificates:activity_pdf",
    "certificates:download",
    "certificates:revoke",
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
}

# Reference data with an id but no branch (readable by any signed-in user).
REFERENCE_OBJECT_URLS = {"api:place-detail": "place", "api:program-detail": "program", "api:topic-detail": "topic"}

# URLs of one branch's records: staff of another branch must get 404 (GET and POST).
BRANCH_OBJECT_URLS = {
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
    "consultations:detail": "request",
    "consultations:assign": "request",
    "consultations:log_session": "request",
    "consultations:close": "request",
    "consultations:decline": "request",
    "assessments:detail": "questionnaire",
    "assessments:download": "questionnaire",
    "assessments:organization": "organization",
    "assessments:assess": "organization",
    "assessments:enrol": "organization",
    "assessments:response": "response",
    "assessments:activity": "activity",
    "assessments:test": "participation",
    "certificates:issue": "activity",
    "certificates:activity_pdf": "activity",
    "certificates:download": "participation",
    "certificates:revoke": "participation",
}

# Object URLs that only administrators may use: a branch's own staff get 403 there, not 200.
ADMINISTRATORS_ONLY = {"activities:program_edit"}


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
    ruled = PUBLIC | LOGIN_REQUIRED | API
    missing = sorted(set(patterns) - ruled)
    assert not missing, f"URL patterns without an access rule: {missing}"
    stale = sorted(ruled - set(patterns))
    assert not stale, f"access rules for URLs that no longer exist: {stale}"


def test_every_url_with_an_object_id_has_a_cross_branch_test():
    with_ids = {
        name
        for name, (route, pattern) in _named_patterns().items()
        if "pk" in route and name not in PUBLIC and name not in REFERENCE_OBJECT_URLS
    }
    assert with_ids <= set(BRANCH_OBJECT_URLS), sorted(with_ids - set(BRANCH_OBJECT_URLS))


def _kwargs(name, objects):
    route, _pattern = _named_patterns()[name]
    kwargs = {}
    if "pk" in route:
        kind = BRANCH_OBJECT_URLS.get(name)
        if kind == "affiliation":
            kwargs = {"pk": objects["person"].pk, "affiliation_pk": objects["affiliation"].pk}
        elif kind == "session":
            kwargs = {"pk": objects["activity"].pk, "session_pk": objects["session"].pk}
        elif kind == "participation":
            kwargs = {"pk": objects["activity"].pk, "participation_pk": objects["participation"].pk}
        elif kind in ("session_id", "participation_id"):  # the API's flat URLs: /sessions/<pk>/
            kwargs = {"pk": objects[kind.removesuffix("_id")].pk}
        elif kind:
            kwargs = {"pk": objects[kind].pk}
        else:  # reference data: api:place-detail, api:program-detail, api:topic-detail
            kwargs = {"pk": objects[REFERENCE_OBJECT_URLS[name]].pk}
    if "<key>" in route:
        kwargs["key"] = "not-a-key"
    if "<uidb36>" in route:
        kwargs["uidb36"] = "zz"
    if "<str:code>" in route:
        kwargs["code"] = objects["certificate"].code
    return kwargs


def _program_of_branch_a(activity):
    activity.program.branches.set([activity.branch])
    return activity.program


@pytest.fixture
def branch_a_objects(organization_a, person_a, activity_a, staff_a, settings, tmp_path):
    from django.core.files.base import ContentFile

    from madani.activities.models import Topic
    from madani.assessments.models import Kind, Questionnaire, Response
    from madani.certificates.services import certificate_issue
    from madani.consultations.models import Request
    from madani.places.models import Place

    settings.MEDIA_ROOT = tmp_path
    activity_a.deliverable.save("plan.pdf", ContentFile(b"%PDF-1.4 strategic plan"))
    needs = Questionnaire.objects.needs().get()  # the shipped form (a data migration)
    pre_test = Questionnaire(title="اختبار قبلي", kind=Kind.PRE_TEST, activity=activity_a, definition=needs.definition)
    pre_test.source_file.save("pre-test.xlsx", ContentFile(b"xlsx"), save=True)
    certificate = certificate_issue(actor=staff_a, participation=activity_a.participations.get())
    return {
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
        "program": _program_of_branch_a(activity_a),
        "organization": organization_a,
        "person": person_a,
        "affiliation": person_a.affiliations.get(),
        "place": Place.objects.get(pcode="SY11"),
    }


@pytest.mark.parametrize("name", sorted(LOGIN_REQUIRED))
def test_anonymous_visitors_are_sent_to_login(name, anonymous, branch_a_objects):
    url = reverse(name, kwargs=_kwargs(name, branch_a_objects))
    response = anonymous.get(url)
    assert response.status_code == 302, url
    assert response["Location"].startswith(reverse("account_login")), (url, response["Location"])


@pytest.mark.parametrize("name", sorted(API))
def test_anonymous_api_calls_are_refused(name, anonymous, branch_a_objects):
    response = anonymous.get(reverse(name, kwargs=_kwargs(name, branch_a_objects)))
    assert response.status_code in (401, 403)


@pytest.mark.parametrize("name", sorted(PUBLIC))
def test_public_pages_answer_anonymous_visitors(name, anonymous, branch_a_objects):
    url = reverse(name, kwargs=_kwargs(name, branch_a_objects))
    response = anonymous.get(url)
    assert response.status_code < 500, url
    if response.status_code == 302:
        assert not response["Location"].startswith(reverse("account_login") + "?next="), url


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


API_WRITES = [
    (name, method)
    for name in sorted(n for n in BRANCH_OBJECT_URLS if n.startswith("api:"))
    for method in (["post"] if name.endswith("attendance") else ["put", "patch", "delete"])
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
