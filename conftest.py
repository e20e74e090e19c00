"""Named personas shared by all tests (DESIGN.md §3): staff of branch A, staff of branch B, a CSO
member, an anonymous visitor — and the records of branch A that only branch A may see."""

import pytest
from django.test import Client

from madani.accounts.models import Role
from tests.factories import AffiliationFactory, BranchFactory, OrganizationFactory, PersonFactory, UserFactory, place


@pytest.fixture
def branch_a(db):
    return BranchFactory(code="raqqa", name_ar="الرقة", name_en="Raqqa", name="الرقة", place=place("SY110100"))


@pytest.fixture
def branch_b(db):
    return BranchFactory(code="aleppo", name_ar="حلب", name_en="Aleppo", name="حلب", place=place("SY020000"))


@pytest.fixture
def staff_a(branch_a):
    return UserFactory(email="staff.a@example.org", role=Role.BRANCH_MANAGER, branches=[branch_a])


@pytest.fixture
def staff_b(branch_b):
    return UserFactory(email="staff.b@example.org", role=Role.BRANCH_MANAGER, branches=[branch_b])


@pytest.fixture
def trainer_a(branch_a):
    return UserFactory(email="trainer.a@example.org", role=Role.TRAINER, branches=[branch_a])


@pytest.fixture
def administrator(db):
    return UserFactory(email="admin@example.org", role=Role.ADMINISTRATOR, is_staff=True, is_superuser=True)


@pytest.fixture
def organization_a(branch_a):
    return OrganizationFactory(branch=branch_a, name_ar="منظمة توتول", name_en="Tutul", name="منظمة توتول",
                               place=place("SY110100"))


@pytest.fixture
def person_a(branch_a, organization_a):
    person = PersonFactory(branch=branch_a, full_name="أحمد علي الخلف", birth_year=1990, home_place=place("SY110100"))
    AffiliationFactory(person=person, organization=organization_a)
    return person


@pytest.fixture
def cso_member(organization_a):
    return UserFactory(email="member@example.org", role=Role.CSO_MEMBER, organization=organization_a)


@pytest.fixture(autouse=True)
def _no_two_factor_by_default(settings):
    """Most tests are about other things; the two-factor tests switch it back on."""
    settings.REQUIRE_2FA = False


def client_for(user) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def anonymous():
    return Client()


@pytest.fixture
def client_a(staff_a):
    return client_for(staff_a)


@pytest.fixture
def client_b(staff_b):
    return client_for(staff_b)


@pytest.fixture(autouse=True)
def _arabic_by_default():
    """Each test starts in the default language, whatever the previous request left active."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()
