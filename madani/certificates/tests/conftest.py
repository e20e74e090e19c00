import pytest
from django.core.cache import cache

from madani.certificates.services import certificate_issue


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """The public check is rate-limited per address in the cache; every test starts with none used."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def participation_a(activity_a):
    """Person A's completed participation in activity A (a training of branch A)."""
    return activity_a.participations.select_related("person", "activity").get()


@pytest.fixture
def certificate_a(participation_a, staff_a):
    return certificate_issue(actor=staff_a, participation=participation_a)
