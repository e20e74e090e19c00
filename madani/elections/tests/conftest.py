import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def in_english():
    """Messages are checked in English (the Arabic catalogue translates them all)."""
    with translation.override("en"):
        yield
