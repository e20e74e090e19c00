"""Guessing is limited per address, per account and address, and per account — without letting a
stranger lock the owner out (issue 10; the rates are ACCOUNT_RATE_LIMITS in settings.py)."""

import pytest
from allauth.mfa.models import Authenticator
from django.test import Client
from django.urls import reverse

from madani.accounts.tests.helpers import SECRET, totp_code
from tests.factories import PASSWORD

TOO_MANY = "Too many failed login attempts"
LOGIN, CODE = "/en/accounts/login/", "/en/accounts/2fa/authenticate/"


def _login(client, user, password, address):
    return client.post(LOGIN, {"login": user.email, "password": password},
                       REMOTE_ADDR=address)


def _signed_in(response) -> bool:
    return response.status_code == 302


@pytest.fixture
def owner(staff_a):
    return staff_a


def test_a_stranger_guessing_from_elsewhere_does_not_lock_the_owner_out(owner):
    stranger = Client()
    answers = [_login(stranger, owner, f"guess-{n}", "203.0.113.9") for n in range(6)]
    assert TOO_MANY in answers[-1].content.decode()  # the stranger is stopped after 5 …
    assert _signed_in(_login(Client(), owner, PASSWORD, "198.51.100.20"))  # … the owner is not


def test_five_failures_from_one_address_stop_that_address_even_with_the_right_password(owner):
    client = Client()
    for n in range(5):
        _login(client, owner, f"guess-{n}", "203.0.113.9")
    response = _login(client, owner, PASSWORD, "203.0.113.9")
    assert not _signed_in(response) and TOO_MANY in response.content.decode()


def test_guessing_one_account_from_many_addresses_is_limited(owner):
    for n in range(30):
        _login(Client(), owner, f"guess-{n}", f"203.0.113.{n + 1}")
    response = _login(Client(), owner, PASSWORD, "198.51.100.20")
    assert not _signed_in(response) and TOO_MANY in response.content.decode()


def test_the_owners_own_browser_is_not_locked_out_by_guesses_from_many_addresses(owner):
    browser = Client()
    assert _signed_in(_login(browser, owner, PASSWORD, "198.51.100.20"))  # an earlier visit
    browser.post(reverse("account_logout"))
    for n in range(30):
        _login(Client(), owner, f"guess-{n}", f"203.0.113.{n + 1}")
    assert _signed_in(_login(browser, owner, PASSWORD, "198.51.100.77"))  # even from a new address


def test_a_successful_login_takes_its_attempt_back(owner):
    client = Client()
    for n in range(4):
        _login(client, owner, f"guess-{n}", "203.0.113.9")
    assert _signed_in(_login(client, owner, PASSWORD, "203.0.113.9"))
    client.post(reverse("account_logout"))
    assert _signed_in(_login(client, owner, PASSWORD, "203.0.113.9"))


def test_one_address_guessing_many_accounts_is_limited(db):
    from tests.factories import UserFactory

    users = [UserFactory(email=f"user{n}@example.org") for n in range(11)]
    for user in users[:10]:
        _login(Client(), user, "wrong-password", "203.0.113.9")
    response = _login(Client(), users[10], PASSWORD, "203.0.113.9")
    assert not _signed_in(response) and TOO_MANY in response.content.decode()


def test_the_code_step_is_limited_too(owner, settings):
    settings.REQUIRE_2FA = True
    Authenticator.objects.create(user=owner, type=Authenticator.Type.TOTP, data={"secret": SECRET})
    client = Client()
    assert _login(client, owner, PASSWORD, "198.51.100.20")["Location"] == CODE
    for _ in range(5):
        client.post(CODE, {"code": "000000"}, REMOTE_ADDR="198.51.100.20")
    response = client.post(CODE, {"code": totp_code()}, REMOTE_ADDR="198.51.100.20")
    assert response.status_code == 200 and TOO_MANY in response.content.decode()


def test_the_port_in_the_host_header_does_not_give_a_guesser_new_tries(owner):
    """Django's ALLOWED_HOSTS ignores the port: varying it must not reset the account's counter (the
    cluster test found two app servers on different ports counting apart)."""
    client = Client()
    for port in range(1, 6):
        client.post(LOGIN, {"login": owner.email, "password": "wrong"}, REMOTE_ADDR="198.51.100.5",
                    HTTP_HOST=f"testserver:{port}")
    response = client.post(LOGIN, {"login": owner.email, "password": PASSWORD}, REMOTE_ADDR="198.51.100.5",
                           HTTP_HOST="testserver:6")
    assert not _signed_in(response) and TOO_MANY in response.content.decode()
