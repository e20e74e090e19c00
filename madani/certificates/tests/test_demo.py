import random

from madani.accounts.models import Role
from madani.certificates.models import Certificate
from madani.sampledata.demo.certificates import load
from tests.factories import ParticipationFactory, UserFactory


def test_the_demo_certifies_completers_of_completed_courses_and_revokes_one(activity_a):
    UserFactory(role=Role.ADMINISTRATOR)
    ParticipationFactory(activity=activity_a, completed=True)
    ParticipationFactory(activity=activity_a, completed=False)
    load(random.Random(1))
    assert Certificate.objects.count() == 2
    assert Certificate.objects.filter(revoked_at__isnull=False).count() == 1


def test_the_demo_copes_without_activities(db):
    load(random.Random(1))
    assert not Certificate.objects.exists()
