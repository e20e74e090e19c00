"""Users make and revoke their own API tokens on their profile page (issue 12); staff only with two factors."""

import pytest
from allauth.mfa.models import Authenticator
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from conftest import client_for
from madani.accounts.models import ApiToken
from tests.factories import PASSWORD, UserFactory

from .helpers import SECRET, totp_code

PROFILE = reverse("accounts:profile")


def _make_token(client, name="Kobo sync") -> str:
    response = client.post(reverse("accounts:token_create"), {"name": name})
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    return response.context["new_key"][1]


def _api(key) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


def test_a_cso_member_makes_a_token_sees_it_once_uses_it_and_revokes_it(cso_member):
    client = client_for(cso_member)
    key = _make_token(client)
    token = ApiToken.objects.get(user=cso_member)
    assert token.digest != key and key not in token.digest and token.prefix == key[:8]
    page = client.get(PROFILE).content.decode()
    assert key not in page and f"{key[:8]}…" in page  # shown once; then only its first characters
    assert _api(key).get(reverse("api:organization-list")).status_code == 200
    token.refresh_from_db()
    assert token.last_used_at is not None
    revoke = reverse("accounts:token_revoke", args=[token.pk])
    assert client.get(revoke).status_code == 200  # the confirm page
    assert client.post(revoke, {"confirm": "on"}).status_code == 302
    assert _api(key).get(reverse("api:organization-list")).status_code == 401
    assert client.post(revoke, {"confirm": "on"}).status_code == 404  # a second POST: nothing left to revoke


def test_nobody_revokes_anothers_token(cso_member, staff_a):
    _make_token(client_for(cso_member))
    token = ApiToken.objects.get(user=cso_member)
    assert client_for(staff_a).post(reverse("accounts:token_revoke", args=[token.pk]), {"confirm": "on"}).status_code == 404
    assert ApiToken.objects.filter(pk=token.pk).exists()


def test_a_token_name_is_text_not_markup(cso_member):
    client = client_for(cso_member)
    _make_token(client, name='<script>alert(1)</script>')
    page = client.get(PROFILE).content.decode()
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;" in page


def test_a_name_is_required(cso_member):
    response = client_for(cso_member).post(reverse("accounts:token_create"), {"name": " "})
    assert response.status_code == 400 and not ApiToken.objects.exists()


def test_staff_without_two_factors_cannot_make_tokens(staff_a):
    client = client_for(staff_a)
    page = client.get(PROFILE)
    assert page.status_code == 200 and reverse("mfa_activate_totp") in page.content.decode()
    assert client.post(reverse("accounts:token_create"), {"name": "x"}).status_code == 403
    assert not ApiToken.objects.exists()


def test_staff_who_passed_two_factors_make_tokens(branch_a, settings):
    settings.REQUIRE_2FA = True
    user = UserFactory(email="m@example.org", role="branch_manager", branches=[branch_a])
    Authenticator.objects.create(user=user, type=Authenticator.Type.TOTP, data={"secret": SECRET})
    client = Client()
    client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    client.post(reverse("mfa_authenticate"), {"code": totp_code()})
    key = _make_token(client)
    assert _api(key).get(reverse("api:person-list")).status_code == 200


@pytest.mark.parametrize("language", ["ar", "en"])
def test_the_profile_page_in_both_languages(cso_member, language):
    client = client_for(cso_member)
    prefix = "" if language == "ar" else "/en"
    response = client.get(prefix + "/profile/")
    assert response.status_code == 200
    assert f'lang="{language}"' in response.content.decode()
