import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from madani.accounts.models import Role
from madani.assessments.models import Questionnaire
from madani.news import services
from madani.news.models import NewsPost, Tag
from madani.sampledata import scenarios
from tests.factories import (
    ResponseFactory,
    UserFactory,
)


def jpeg(width=800, height=600, color=(30, 120, 200), fmt="JPEG", **save) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), color).save(buffer, fmt, **save)
    extension = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp", "GIF": "gif", "BMP": "bmp"}[fmt]
    return SimpleUploadedFile(f"photo.{extension}", buffer.getvalue(), content_type=f"image/{extension}")


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture(autouse=True)
def _center_name(db):
    from madani.public.models import CenterProfile

    CenterProfile.objects.update_or_create(pk=CenterProfile.SINGLETON_ID, defaults={
        "name": "مركز آسو للاستشارات والدراسات الاستراتيجية",
        "name_ar": "مركز آسو للاستشارات والدراسات الاستراتيجية",
        "name_en": "ASO Center for Consultancy and Strategic Studies"})


@pytest.fixture
def tags(db):
    return {slug: Tag.objects.create(slug=slug, name_ar=ar, name_en=en, name=ar) for slug, ar, en in [
        ("advocacy", "المناصرة", "Advocacy"), ("networking", "التشبيك", "Networking"),
        ("elections", "الانتخابات", "Elections")]}


def make_post(actor, *, publish=False, tags=(), cover=None, **fields) -> NewsPost:
    """A post by ``actor``, of their (first) branch unless told."""
    data = {"title_ar": "خبر", "body_ar": "نص الخبر.", "branch": actor.branches.first(), **fields, "tags": list(tags)}
    post = services.newspost_create(actor=actor, data=data, cover=cover)
    if publish:
        services.newspost_publish(actor=actor, post=post)
    return post


@pytest.fixture
def draft_a(staff_a, branch_a):
    return make_post(staff_a, title_ar="مسودة خبر الرقة", title_en="Raqqa draft", body_en="Text.", branch=branch_a,
                     cover=jpeg())


@pytest.fixture
def published_a(staff_a, branch_a):
    return make_post(staff_a, publish=True, title_ar="خبر منشور", title_en="Published news", body_en="Text.",
                     branch=branch_a, cover=jpeg())


@pytest.fixture
def seed_000(db):
    """Seed 000 as it happened, recorded through the services by the scenario the demo records too
    (madani/sampledata/scenarios.py): two 3-day workshops of phase 3 of "Enhancing Participatory Democracy
    in NES" (NPA), 20–22 July 2021, for the members of the NES NGO Platform: 15 trainees in Hajin (10 men,
    5 women) with Abdullah Obied, 8 in Al-Kasra (5 men, 3 women) with Ali Iskan. Returns the two
    activities (Hajin first)."""
    return scenarios.seed_000().workshops


@pytest.fixture
def seed_000_needs(seed_000):
    """The training-needs questionnaire of seed 000: the ten platform members assessed in June 2021,
    seven of them weak in advocacy and four in networking."""
    needs = Questionnaire.objects.needs().get()
    members = sorted({p.organization for a in seed_000 for p in a.participations.all()}, key=lambda o: o.pk)
    for index, organization in enumerate(members):
        ResponseFactory(questionnaire=needs, organization=organization, date=datetime.date(2021, 6, 15),
                        answers={}, domain_scores={"advocacy": 35 if index < 7 else 75,
                                                   "networking": 40 if index < 4 else 80, "finance": 20})
    return seed_000


@pytest.fixture
def deir_manager(seed_000):
    return UserFactory(email="manager.deir@example.org", role=Role.BRANCH_MANAGER, branches=[seed_000[0].branch])
