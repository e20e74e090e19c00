from rest_framework.test import APIClient


def api_client(user) -> APIClient:
    """A client signed in as ``user`` (session), speaking JSON."""
    client = APIClient()
    client.force_authenticate(user)
    return client


def ids(response) -> list[int]:
    assert response.status_code == 200, response.content
    return [row["id"] for row in response.json()["results"]]
