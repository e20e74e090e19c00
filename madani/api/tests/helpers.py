from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient


def api_client(user) -> APIClient:
    """A client signed in as ``user`` (session), speaking JSON."""
    client = APIClient()
    client.force_authenticate(user)
    return client


def token_client(user) -> APIClient:
    """An API client that authenticates as ``user`` with a token."""
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    return client


def ids(response) -> list[int]:
    assert response.status_code == 200, response.content
    return [row["id"] for row in response.json()["results"]]
