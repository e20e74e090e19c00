import pytest

from madani.directory import services
from madani.organizations.models import Sector
from tests.factories import OrganizationFactory, place


@pytest.fixture
def sector(db):
    return Sector.objects.get(code="psychosocial")


@pytest.fixture
def listing_data(sector):
    """A psychosocial-support service in Raqqa, as a CSO would describe it."""
    return {
        "title_ar": "جلسات دعم نفسي للأطفال", "title_en": "Psychosocial support sessions for children",
        "description_ar": "جلسات جماعية أسبوعية للأطفال وأسرهم.", "description_en": "Weekly group sessions.",
        "eligibility_ar": "الأطفال من 6 إلى 14 سنة", "how_to_reach_ar": "مركز المنظمة، شارع تل أبيض",
        "sector": sector, "places": [place("SY110100")], "phone": "+963 944 123 456",
    }


@pytest.fixture
def pending_listing(cso_member, listing_data):
    return services.listing_submit(actor=cso_member, data=listing_data)


@pytest.fixture
def published_listing(pending_listing, staff_a):
    return services.listing_publish(actor=staff_a, listing=pending_listing)


@pytest.fixture
def deir_listing(branch_b, sector, staff_b):
    """A published legal-aid listing of a Deir ez-Zor CSO serving a community near Hajin (SY090201)."""
    from madani.places.models import Place

    community = Place.objects.create(pcode="SY090201C001", level="community", parent=place("SY090201"),
                                     name="الكشمة", name_ar="الكشمة", name_en="Al-Kashmah")
    organization = OrganizationFactory(branch=branch_b, name_ar="بصمة أمل", name_en="Basmat Amal", name="بصمة أمل")
    listing = services.listing_submit(actor=staff_b, data={
        "organization": organization, "title_ar": "استشارات قانونية للأسرة", "title_en": "Legal advice for families",
        "description_ar": "مساعدة في استخراج الوثائق المدنية وتسجيل الزواج والولادات.",
        "sector": Sector.objects.get(code="legal-aid"), "places": [community],
    })
    return services.listing_publish(actor=staff_b, listing=listing)
