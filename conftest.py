"""Named personas shared by all tests (DESIGN.md §3), defined here once: staff of branch A and of
branch B (branch managers), a trainer and an M&E officer of branch A, a network editor, an
administrator, a CSO member, an anonymous visitor — and the records of branch A that only branch A may
see. An app's conftest adds records, never another definition of a persona."""

import datetime
from contextlib import contextmanager

import pytest
from django.test import Client

from madani.accounts.models import Role
from tests.factories import (
    ActivityFactory,
    AffiliationFactory,
    AttendanceFactory,
    BranchFactory,
    OrganizationFactory,
    ParticipationFactory,
    PersonFactory,
    SessionFactory,
    UserFactory,
    place,
)


def make_branch_a():
    return BranchFactory(code="raqqa", name_ar="الرقة", name_en="Raqqa", name="الرقة", place=place("SY110100"))


def make_branch_b():
    return BranchFactory(code="aleppo", name_ar="حلب", name_en="Aleppo", name="حلب", place=place("SY020000"))


@pytest.fixture
def branch_a(db):
    return make_branch_a()


@pytest.fixture
def branch_b(db):
    return make_branch_b()


@contextmanager
def built_once(django_db_blocker, build):
    """For a class- or module-scoped fixture: ``build()``'s records written once, for every test of the
    class or module (each test runs in its own savepoint inside), and rolled back after the last one.
    Yields what ``build`` returns; a test re-reads the objects it uses (fixtures return fresh copies)."""
    from django.db import transaction

    with django_db_blocker.unblock(), transaction.atomic():
        yield build()
        transaction.set_rollback(True)


def make_staff_a(branch_a):
    return UserFactory(email="staff.a@example.org", role=Role.BRANCH_MANAGER, branches=[branch_a])


def make_staff_b(branch_b):
    return UserFactory(email="staff.b@example.org", role=Role.BRANCH_MANAGER, branches=[branch_b])


def make_trainer_a(branch_a):
    return UserFactory(email="trainer.a@example.org", role=Role.TRAINER, branches=[branch_a])


def make_organization_a(branch_a):
    return OrganizationFactory(branch=branch_a, name_ar="منظمة توتول", name_en="Tutul", name="منظمة توتول",
                               place=place("SY110100"))


def make_person_a(branch_a, organization_a):
    person = PersonFactory(branch=branch_a, full_name="أحمد علي الخلف", birth_year=1990, home_place=place("SY110100"))
    AffiliationFactory(person=person, organization=organization_a)
    return person


def make_trainer_person_a(branch_a, trainer_a):
    person = PersonFactory(branch=branch_a, full_name="سلمى المدربة", gender="female")
    trainer_a.person = person
    trainer_a.save(update_fields=["person"])
    return person


def make_activity_a(branch_a, organization_a, person_a, trainer_person_a):
    activity = ActivityFactory(branch=branch_a, title_ar="تدريب المناصرة", title_en="Advocacy training",
                               title="تدريب المناصرة", place=place("SY110100"))
    activity.facilitators.add(trainer_person_a)
    activity.target_organizations.add(organization_a)
    sessions = [SessionFactory(activity=activity, date=activity.start_date + datetime.timedelta(days=d),
                               facilitator=trainer_person_a) for d in range(3)]
    ParticipationFactory(activity=activity, person=person_a, organization=organization_a, completed=True)
    AttendanceFactory(session=sessions[0], person=person_a)
    return activity


def make_personas_and_activity_a() -> dict:
    """The records of the fixtures below, for a fixture that builds them once (``built_once``): branches A
    and B, their managers, trainer A and their person, organization A, person A and activity A."""
    branch_a, branch_b = make_branch_a(), make_branch_b()
    organization_a = make_organization_a(branch_a)
    person_a = make_person_a(branch_a, organization_a)
    trainer_a = make_trainer_a(branch_a)
    trainer_person_a = make_trainer_person_a(branch_a, trainer_a)
    return {"branch_a": branch_a, "branch_b": branch_b, "staff_a": make_staff_a(branch_a),
            "staff_b": make_staff_b(branch_b), "trainer_a": trainer_a, "organization_a": organization_a,
            "person_a": person_a, "trainer_person_a": trainer_person_a,
            "activity_a": make_activity_a(branch_a, organization_a, person_a, trainer_person_a)}


@pytest.fixture
def staff_a(branch_a):
    return make_staff_a(branch_a)


@pytest.fixture
def staff_b(branch_b):
    return make_staff_b(branch_b)


@pytest.fixture
def trainer_a(branch_a):
    return make_trainer_a(branch_a)


@pytest.fixture
def me_officer_a(branch_a):
    return UserFactory(email="me.a@example.org", role=Role.ME_OFFICER, branches=[branch_a])


@pytest.fixture
def network_editor(db):
    return UserFactory(email="editor@example.org", role=Role.NETWORK_EDITOR)


@pytest.fixture
def administrator(db):
    return UserFactory(email="admin@example.org", role=Role.ADMINISTRATOR, is_staff=True, is_superuser=True)


@pytest.fixture
def organization_a(branch_a):
    return make_organization_a(branch_a)


@pytest.fixture
def person_a(branch_a, organization_a):
    return make_person_a(branch_a, organization_a)


@pytest.fixture
def trainer_person_a(branch_a, trainer_a):
    """The person record of trainer A, who facilitates activity A."""
    return make_trainer_person_a(branch_a, trainer_a)


@pytest.fixture
def activity_a(branch_a, organization_a, person_a, trainer_person_a):
    """A completed three-day training of branch A, facilitated by trainer A, with person A enrolled
    (representing organization A) and present at the first session."""
    return make_activity_a(branch_a, organization_a, person_a, trainer_person_a)


@pytest.fixture
def cso_member(organization_a):
    return UserFactory(email="member@example.org", role=Role.CSO_MEMBER, organization=organization_a)


@pytest.fixture
def other_organization_in_activity_a(activity_a, branch_a):
    """A second organization served by activity A, with three of its people enrolled and present at the first
    session (besides person A of organization A)."""
    other = OrganizationFactory(branch=branch_a, name_ar="منظمة الفرات الأخرى", name_en="Other Euphrates",
                                name="منظمة الفرات الأخرى")
    activity_a.target_organizations.add(other)
    first = activity_a.sessions.order_by("date").first()
    for n in range(3):
        person = PersonFactory(branch=branch_a, full_name=f"مشارك غريب {n}", gender="male")
        ParticipationFactory(activity=activity_a, person=person, organization=other)
        AttendanceFactory(session=first, person=person)
    return other


@pytest.fixture(scope="session", autouse=True)
def _media_in_a_temporary_folder(tmp_path_factory):
    """Files that tests save (the demo's news covers included) never land in var/media."""
    from django.test import override_settings

    with override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("media")):
        yield


@pytest.fixture(scope="session", autouse=True)
def _fast_password_hasher():
    """PBKDF2's deliberate slowness protects real passwords; in tests it only costs minutes."""
    from django.test import override_settings

    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        yield


_DATABASE_FIXTURES = {"db", "transactional_db", "django_db_reset_sequences", "django_db_serialized_rollback",
                      "live_server"}


@pytest.fixture(autouse=True)
def _fresh_rate_limits(request, django_db_blocker):
    """Rate limits (logins, public forms) and API throttles count in the shared cache — the database's
    cache table, or Redis: every test starts with none used. A test's rows in the table go with its
    transaction; the table is emptied after every test on the database as well, for those that commit.
    A Redis cache is never cleared (others may share it): a test that uses one gives it a prefix of its
    own."""
    yield
    from django.core.cache import caches
    from django.core.cache.backends.db import DatabaseCache
    from django.core.cache.backends.locmem import LocMemCache

    cache = caches["default"]
    if isinstance(cache, LocMemCache):
        cache.clear()
    elif isinstance(cache, DatabaseCache) and (
        _DATABASE_FIXTURES & set(request.fixturenames) or request.node.get_closest_marker("django_db")
    ):
        with django_db_blocker.unblock():
            cache.clear()


@pytest.fixture(autouse=True)
def _no_two_factor_by_default(settings):
    """Most tests are about other things; the two-factor tests switch it back on."""
    settings.REQUIRE_2FA = False


@pytest.fixture(autouse=True)
def _background_jobs_run_at_once(settings):
    """Background jobs (django-tasks) run inside the request, so a test sees their result; the tests of
    the database worker itself switch the backend back."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(scope="session")
def _demo_rows(django_db_setup, django_db_blocker):
    """The demo, built once per session through the services (``load_demo``), rolled back, and kept as
    the rows it wrote (tests/snapshot.py)."""
    from madani.sampledata.demo import core as demo
    from tests.snapshot import rows_written

    with django_db_blocker.unblock():
        return rows_written(lambda: demo.load_demo() or pytest.fail("the demo was already loaded"))


@pytest.fixture(scope="module")
def demo_data(_demo_rows, django_db_blocker):
    """The whole demo (every app's step in madani/sampledata/demo/), there for the module that asks for it
    (its rows written back in a second) and rolled back after its last test."""
    from tests.snapshot import write_rows

    with built_once(django_db_blocker, lambda: write_rows(_demo_rows)):
        yield


@pytest.fixture
def loaded(demo_data, db):
    """The demo, inside a test that may use the database."""
    return None


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
