"""Two networks' forums, written through the services (personas: the root conftest).

Network A (branch A) has organization A as an active member, so ``cso_member`` (organization A's staff)
posts there; its forum moderator is ``moderator_a``. Network B (branch B) has its own forum and moderator."""

import datetime

import pytest
from django.test import Client
from django.utils import translation

from madani.forum import services
from madani.networks import services as networks
from tests.factories import OrganizationFactory, UserFactory

DAY = datetime.date(2024, 1, 15)


def make_forum(*, actor, network, slug, member=None):
    """A forum with two categories; ``member`` (an organization) joins the network first."""
    if member is not None:
        networks.membership_create(actor=actor, network=network, data={
            "organization": member, "kind": "founding", "status": "active", "applied_on": DAY, "joined_on": DAY})
    forum = services.forum_create(actor=actor, network=network, slug=slug)
    services.category_create(actor=actor, forum=forum, name="أخبار المنطقة")
    services.category_create(actor=actor, forum=forum, name="فرص وتدريبات", position=1)
    return forum


@pytest.fixture
def network_a(branch_a):
    return OrganizationFactory(branch=branch_a, kind="network", name="شبكة وصل", name_ar="شبكة وصل",
                               name_en="Wasl Network")


@pytest.fixture
def forum_a(network_a, organization_a, staff_a):
    return make_forum(actor=staff_a, network=network_a, slug="wasl", member=organization_a)


@pytest.fixture
def forum_b(branch_b, staff_b):
    network = OrganizationFactory(branch=branch_b, kind="network", name="شبكة الجزيرة", name_ar="شبكة الجزيرة")
    member = OrganizationFactory(branch=branch_b, name="منظمة الفرات", name_ar="منظمة الفرات")
    return make_forum(actor=staff_b, network=network, slug="jazira", member=member)


@pytest.fixture
def moderator_a(network_a):
    return UserFactory(email="moderator.a@example.org", role="forum_moderator", organization=network_a)


@pytest.fixture
def moderator_b(forum_b):
    return UserFactory(email="moderator.b@example.org", role="forum_moderator", organization=forum_b.network)


@pytest.fixture
def member_b(forum_b):
    organization = forum_b.network.network_memberships.get().organization
    return UserFactory(email="member.b@example.org", role="cso_member", organization=organization)


@pytest.fixture
def other_member_a(forum_a):
    """Staff of a second member of network A."""
    return flaggers(forum_a, 1)[0]


def flaggers(forum, count):
    """``count`` staff of new member organizations of ``forum``'s network, each may flag."""
    network = forum.network
    actor = UserFactory(role="administrator", is_superuser=True)
    users = []
    for n in range(count):
        organization = OrganizationFactory(branch=network.branch, name=f"منظمة {n}", name_ar=f"منظمة {n}")
        networks.membership_create(actor=actor, network=network, data={
            "organization": organization, "kind": "full", "status": "active", "applied_on": DAY, "joined_on": DAY})
        users.append(UserFactory(role="cso_member", organization=organization))
    return users


def client_of(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture(autouse=True)
def in_english():
    with translation.override("en"):
        yield


def forum_objects(*, network, staff, member):
    """The records every forum URL is access-tested with (tests/test_url_access.py): a forum of
    ``network`` (``member``, a user of a member organization, posts there), a published thread by
    ``staff`` (a moderator of it), ``member``'s silence and appeal, a watched word."""
    from django.utils import timezone

    forum = make_forum(actor=staff, network=network, slug="wasl")
    category = forum.categories.first()
    thread = services.thread_start(actor=staff, forum=forum, category=category, title="موضوع", body="نص")
    services.thread_start(actor=member, forum=forum, category=category, title="محتجز", body="نص")
    sanction = services.sanction_impose(actor=staff, forum=forum, user=member, kind="silence", reason="إساءة",
                                        ends_at=timezone.now() + datetime.timedelta(days=2))
    return {"forum": forum, "forum_category": category, "forum_thread": thread, "forum_post": thread.posts.get(),
            "forum_sanction": sanction,
            "forum_appeal": services.appeal_send(actor=member, sanction=sanction, text="أعتذر"),
            "forum_word": services.watched_word_add(actor=staff, forum=forum, word="كلمة", action="hold")}
