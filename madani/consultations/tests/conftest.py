import pytest

from madani.consultations.models import Request
from tests.factories import ProgramFactory


@pytest.fixture
def program(db):
    return ProgramFactory(code="capacity-building", name_ar="بناء قدرات المنظمات", name_en="Capacity building")


@pytest.fixture
def request_a(branch_a, organization_a):
    """A new consultation request of organization A, in branch A's queue."""
    return Request.objects.create(kind="consultation", branch=branch_a, organization=organization_a,
                                  topic_text="كتابة الخطة الاستراتيجية", description="نحتاج مساعدة في كتابة خطتنا.")
