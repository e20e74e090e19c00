from rest_framework.test import APIClient

from madani.accounts.services import api_token_create


def api_client(user) -> APIClient:
    """A client signed in as ``user`` (session), speaking JSON."""
    client = APIClient()
    client.force_authenticate(user)
    return client


def token_client(user) -> APIClient:
    """An API client that authenticates as ``user`` with a token."""
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {api_token_create(actor=user, name='test')[1]}")
    return client


def ids(response) -> list[int]:
    assert response.status_code == 200, response.content
    return [row["id"] for row in response.json()["results"]]
