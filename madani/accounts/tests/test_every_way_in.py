"""Two factors on every way in (issue 10): an administrator enrolled in TOTP is signed in only by
allauth's login with the code — never by the password alone, whichever door is tried."""

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value, yield_hotp_counters_from_time
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from tests.factories import PASSWORD

from .helpers import SECRET, totp_code


@pytest.fixture
def two_factor_on(settings):
    settings.REQUIRE_2FA = True


@pytest.fixture
def enrolled_admin(administrator, two_factor_on):
    Authenticator.objects.create(user=administrator, type=Authenticator.Type.TOTP, data={"secret": SECRET})
    return administrator


def _signed_in_as(client) -> bool:
    return client.get(reverse("organizations:list")).status_code == 200


def test_the_admin_login_takes_no_password_and_sends_to_allauth_keeping_next(enrolled_admin):
    client = Client()
    response = client.post("/en/admin/login/?next=/en/admin/people/person/",
                           {"username": enrolled_admin.email, "password": PASSWORD,
                            "next": "/en/admin/people/person/"})
    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/login/")
    assert "next=/en/admin/people/person/" in response["Location"]
    # Nothing was signed in: not the pages, not the admin, not the exports.
    assert not _signed_in_as(client)
    assert client.get("/en/admin/").status_code == 302
    assert client.get(reverse("people:export") + "?format=csv").status_code == 302
    assert APIClient().get(reverse("api:person-list")).status_code == 401


def test_the_admin_sends_a_signed_out_visitor_to_the_allauth_login(db):
    response = Client().get("/en/admin/")
    assert response.status_code == 302
    login = Client().get(response["Location"])
    assert login.status_code == 302
    assert login["Location"].startswith("/en/accounts/login/") and "next=/en/admin/" in login["Location"]


def test_the_allauth_login_asks_for_the_code_after_the_password(enrolled_admin):
    client = Client()
    response = client.post(reverse("account_login"), {"login": enrolled_admin.email, "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == reverse("mfa_authenticate")
    assert not _signed_in_as(client)
    client.post(reverse("mfa_authenticate"), {"code": totp_code()})
    assert _signed_in_as(client)
    assert client.get("/en/admin/").status_code == 200


def test_a_session_made_without_the_second_factor_does_not_count(enrolled_admin):
    """A ``login()`` outside allauth (the Django admin's login did this) gives a session with no
    second factor: it is signed out on its first request — pages, admin and API."""
    for url, signed_out in [(reverse("organizations:list"), 302), ("/en/admin/", 302),
                            (reverse("api:organization-list"), 401)]:
        client = Client()
        client.force_login(enrolled_admin)
        assert client.get(url).status_code == signed_out, url
        assert "_auth_user_id" not in client.session  # the session is gone, not just refused once


def test_a_session_that_passed_the_second_factor_reaches_the_api(enrolled_admin):
    client = APIClient()
    client.post(reverse("account_login"), {"login": enrolled_admin.email, "password": PASSWORD})
    client.post(reverse("mfa_authenticate"), {"code": totp_code()})
    assert client.get(reverse("api:organization-list")).status_code == 200


# serialized_rollback: the flush after a transactional test would otherwise recreate the content types
# under new ids, and the next test that restores its serialized data would collide with them.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_setting_up_totp_counts_as_passing_it(staff_a, two_factor_on):
    """The staff member who just set up TOTP (typing a code from it) is not signed out for it. (With
    commits, as in production: allauth announces the new authenticator once its transaction commits.)"""
    client = Client()
    client.post(reverse("account_login"), {"login": staff_a.email, "password": PASSWORD})
    assert client.get(reverse("organizations:list"))["Location"] == reverse("mfa_activate_totp")
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})  # allauth asks again first
    assert client.get(reverse("mfa_activate_totp")).status_code == 200
    secret = client.session["mfa.totp.secret"]
    code = format_hotp_value(hotp_value(secret, next(yield_hotp_counters_from_time())))
    response = client.post(reverse("mfa_activate_totp"), {"code": code})
    assert response.status_code == 302
    assert Authenticator.objects.filter(user=staff_a, type=Authenticator.Type.TOTP).exists()
    assert _signed_in_as(client)


def test_no_api_endpoint_trades_a_password_for_a_token(enrolled_admin):
    """API tokens are made only on the profile page (staff: behind the second factor); nothing takes a password."""
    from madani.accounts.models import ApiToken

    client = APIClient()
    for url in ["/api/v1/token/", "/api/v1/auth/token/", "/api/v1/api-token-auth/", "/api/v1/auth/login/",
                "/api/v1/login/"]:
        response = client.post(url, {"username": enrolled_admin.email, "email": enrolled_admin.email,
                                     "password": PASSWORD})
        assert response.status_code in (401, 403, 404), url
    assert not ApiToken.objects.exists()
    # The API refuses HTTP Basic: a password is never an API credential.
    basic = APIClient()
    basic.credentials(HTTP_AUTHORIZATION="Basic " + __import__("base64").b64encode(
        f"{enrolled_admin.email}:{PASSWORD}".encode()).decode())
    assert basic.get(reverse("api:organization-list")).status_code == 401
