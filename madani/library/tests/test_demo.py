"""The library's demo step: a dozen realistic resources, generated locally, with mixed access levels."""

import random

from madani.accounts.models import Role
from madani.library.models import Access, Kind, Resource
from madani.sampledata.demo import library as demo
from madani.sampledata.demo.core import DEMO_DOMAIN
from tests.factories import BranchFactory, UserFactory


def test_the_demo_fills_the_library_with_files_of_every_access_level(db):
    branches = {code: BranchFactory(code=code) for code in ["raqqa", "deir-ez-zor", "aleppo"]}
    UserFactory(email=f"admin@{DEMO_DOMAIN}", role=Role.ADMINISTRATOR)
    UserFactory(email=f"manager.raqqa@{DEMO_DOMAIN}", branches=[branches["raqqa"]])
    UserFactory(email=f"manager.deir@{DEMO_DOMAIN}", branches=[branches["deir-ez-zor"]])
    demo.load(random.Random(1))
    resources = Resource.objects.all()
    assert resources.count() == len(demo.RESOURCES) >= 12
    assert set(resources.values_list("access", flat=True)) == set(Access.values)
    assert set(resources.values_list("kind", flat=True)) == {Kind.DOCUMENT, Kind.AUDIO, Kind.LINK}
    for resource in resources.exclude(kind=Kind.LINK):
        assert resource.file.size == resource.size > 0
    assert all(r.title_ar and r.title_en and r.summary_ar and r.summary_en for r in resources)
