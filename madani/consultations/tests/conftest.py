import pytest
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache

from madani.consultations.models import Request
from tests.factories import ProgramFactory


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """The public forms count submissions per IP in the cache; every test starts with none. Only the
    in-process cache is cleared: clearing a Redis cache would flush a database others may share."""

    def clear():
        if isinstance(caches["default"], LocMemCache):
            caches["default"].clear()

    clear()
    yield
    clear()


@pytest.fixture
def program(db):
    return ProgramFactory(code="capacity-building", name_ar="بناء قدرات المنظمات", name_en="Capacity building")


@pytest.fixture
def request_a(branch_a, organization_a):
    """A new consultation request of organization A, in branch A's queue."""
    return Request.objects.create(kind="consultation", branch=branch_a, organization=organization_a,
                                  topic_text="كتابة الخطة الاستراتيجية", description="نحتاج مساعدة في كتابة خطتنا.")
