import re

import pytest
from allauth.mfa.models import Authenticator
from django.urls import reverse

from madani.accounts.models import Role
from tests.factories import PASSWORD, UserFactory


@pytest.fixture
def two_factor_on(settings):
    settings.REQUIRE_2FA = True


def test_staff_without_an_authenticator_must_set_one_up(two_factor_on, client_a):
    response = client_a.get(reverse("organizations:list"))
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")
    # allauth asks for the password again first (a fresh login does not): no redirect loop.
    assert client_a.get(reverse("mfa_activate_totp"), follow=True).status_code == 200


def test_staff_with_totp_get_in(two_factor_on, anonymous, staff_a):
    from madani.accounts.tests.helpers import SECRET, totp_code

    Authenticator.objects.create(user=staff_a, type=Authenticator.Type.TOTP, data={"secret": SECRET})
    anonymous.post(reverse("account_login"), {"login": staff_a.email, "password": PASSWORD})
    anonymous.post(reverse("mfa_authenticate"), {"code": totp_code()})
    assert anonymous.get(reverse("organizations:list")).status_code == 200


def test_cso_members_are_not_forced_to_use_two_factors(two_factor_on, cso_member):
    from conftest import client_for

    assert client_for(cso_member).get(reverse("organizations:list")).status_code == 200


def test_the_demo_says_two_factor_is_off(settings, anonymous):
    settings.DEMO = True
    html = anonymous.get("/en" + reverse("account_login")).content.decode()
    assert 'id="demo-notice"' in html
    assert "admin@demo.madani.invalid" in html and "madani-demo" in html


def test_without_the_demo_the_login_page_shows_no_notice(anonymous):
    assert 'id="demo-notice"' not in anonymous.get(reverse("account_login")).content.decode()


def test_login_is_by_email(db, anonymous):
    UserFactory(email="sara@example.org", role=Role.CSO_MEMBER)
    login = anonymous.get(reverse("account_login")).content.decode()
    assert 'name="login"' in login and 'type="email"' in login
    response = anonymous.post(reverse("account_login"), {"login": "sara@example.org", "password": PASSWORD})
    assert response.status_code == 302
    assert anonymous.get(reverse("dashboard:index")).status_code == 200


def test_a_wrong_password_gets_a_translated_error(db, anonymous):
    UserFactory(email="sara@example.org")
    response = anonymous.post("/en" + reverse("account_login"), {"login": "sara@example.org", "password": "wrong"})
    assert response.status_code == 200
    assert re.search(r"email address and/or password you specified are not correct", response.content.decode())


def test_public_sign_up_is_closed(db, anonymous):
    anonymous.post(reverse("account_signup"), {"email": "x@example.org", "password1": "a-Long-pass-123", "password2": "a-Long-pass-123"})
    from madani.accounts.models import User

    assert not User.objects.filter(email="x@example.org").exists()
