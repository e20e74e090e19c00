"""The demo news (issue 5, 'Demo'): seed 000 drafted from the ledger and published, more published
posts, one in review, one draft, each cover processed like an upload."""

import datetime

from django.urls import reverse

from madani.news.models import NewsPost, Status
from madani.sampledata.demo import core as demo


def test_the_news_demo_runs_after_the_activities_demo():
    steps = demo.DEMO_STEPS
    assert steps.index("madani.sampledata.demo.news.load") > steps.index("madani.sampledata.demo.activities.load")


def test_the_demo_holds_seed_000_published_and_posts_at_every_stage(demo_data, db, anonymous):
    seed = NewsPost.objects.get(source_activity__start_date=datetime.date(2021, 7, 20))
    assert seed.status == Status.PUBLISHED and seed.published_at.date() == datetime.date(2021, 7, 23)
    assert "(23) متدرب/ة" in seed.body_ar and "23 trainees" in seed.body_en and "عماد أحمي" in seed.body_ar
    assert seed.cover and seed.cover_thumbnail
    published = NewsPost.objects.published()
    assert published.count() >= 3 and published.in_language("en").count() < published.count()
    assert NewsPost.objects.filter(status=Status.REVIEW).count() == 1
    assert NewsPost.objects.filter(status=Status.DRAFT).count() == 1
    page = anonymous.get(reverse("news:list"))
    assert seed in page.context["page"] and anonymous.get(seed.get_absolute_url()).status_code == 200
