import pytest

from tests.factories import ProgramFactory, RequestFactory


@pytest.fixture
def program(db):
    return ProgramFactory(code="capacity-building", name_ar="بناء قدرات المنظمات", name_en="Capacity building")


@pytest.fixture
def request_a(branch_a, organization_a):
    """A new consultation request of organization A, in branch A's queue."""
    return RequestFactory(kind="consultation", branch=branch_a, organization=organization_a,
                          topic_text="كتابة الخطة الاستراتيجية", description="نحتاج مساعدة في كتابة خطتنا.")
