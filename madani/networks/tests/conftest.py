"""A network of branch A with three members, written through the services (personas: the root conftest)."""

import datetime

import pytest
from django.utils import translation

from madani.networks import services
from madani.networks.models import MembershipStatus
from tests.factories import AffiliationFactory, OrganizationFactory, PersonFactory, UserFactory

DAY = datetime.date(2024, 1, 15)


@pytest.fixture
def network_a(branch_a):
    return OrganizationFactory(branch=branch_a, kind="network", name="شبكة وصل", name_ar="شبكة وصل",
                               name_en="Wasl Network")


@pytest.fixture
def members_a(network_a, branch_a, staff_a):
    """Three active members; the third is not shown publicly. Each has one person on staff."""
    memberships = []
    for n, (name, shown) in enumerate([("منظمة أ", True), ("منظمة ب", True), ("منظمة ج", False)]):
        organization = OrganizationFactory(branch=branch_a, name=name, name_ar=name)
        AffiliationFactory(person=PersonFactory(branch=branch_a, full_name=f"ممثل {n}"), organization=organization)
        memberships.append(services.membership_create(actor=staff_a, network=network_a, data={
            "organization": organization, "kind": "founding", "status": MembershipStatus.ACTIVE,
            "applied_on": DAY, "joined_on": DAY, "shown_publicly": shown}))
    return memberships


def representative(membership):
    return membership.organization.affiliations.get().person


@pytest.fixture
def editor_of_network_a(network_a):
    return UserFactory(email="editor.a@example.org", role="network_editor", organization=network_a)


@pytest.fixture(autouse=True)
def in_english():
    """The rules' messages are checked in English (the catalogue's Arabic says the same); pages asked for
    under /en/ answer in English too."""
    with translation.override("en"):
        yield
