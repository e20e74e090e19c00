import pytest
from django.utils import translation

from madani.collect.tests.conftest import device_a  # noqa: F401 (the collect app's fixture)


@pytest.fixture(autouse=True)
def in_english():
    """Messages are checked in English (the Arabic catalogue translates them all)."""
    with translation.override("en"):
        yield
