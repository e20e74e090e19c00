"""The API throttles are on (issue 10): past the anonymous rate (60 a minute per address) the API
answers 429 — to requests without credentials and to guessed tokens alike."""

from django.urls import reverse
from rest_framework.test import APIClient

from .helpers import token_client

ANON_RATE = 60


def test_anonymous_requests_past_the_rate_get_429(db):
    client = APIClient()
    statuses = [client.get(reverse("api:organization-list")).status_code for _ in range(ANON_RATE + 1)]
    assert statuses == [401] * ANON_RATE + [429]
    assert client.get(reverse("api:organization-list"), REMOTE_ADDR="198.51.100.20").status_code == 401


def test_guessing_tokens_is_throttled(db):
    client = APIClient()
    statuses = []
    for n in range(ANON_RATE + 1):
        client.credentials(HTTP_AUTHORIZATION=f"Token {n:040x}")
        statuses.append(client.get(reverse("api:organization-list")).status_code)
    assert statuses == [401] * ANON_RATE + [429]


def test_a_made_up_forwarded_for_header_does_not_reset_the_count(db):
    client = APIClient()
    statuses = [client.get(reverse("api:organization-list"), HTTP_X_FORWARDED_FOR=f"192.0.2.{n}").status_code
                for n in range(ANON_RATE + 1)]
    assert statuses[-1] == 429


def test_a_signed_in_user_is_not_held_to_the_anonymous_rate(staff_a):
    client = token_client(staff_a)
    statuses = {client.get(reverse("api:organization-list")).status_code for _ in range(ANON_RATE + 5)}
    assert statuses == {200}
