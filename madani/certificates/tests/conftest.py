import pytest

from madani.certificates.services import certificate_issue


@pytest.fixture
def participation_a(activity_a):
    """Person A's completed participation in activity A (a training of branch A)."""
    return activity_a.participations.select_related("person", "activity").get()


@pytest.fixture
def certificate_a(participation_a, staff_a):
    return certificate_issue(actor=staff_a, participation=participation_a)
