"""The public forms of seed 003: 'suggest a training' and 'request a consultation'."""

import uuid

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext

from madani.consultations.models import Request

LIMIT = int(settings.MADANI_PUBLIC_FORM_RATE.split("/")[0])


def _form(branch, **overrides):
    data = {"branch": branch.pk, "contact_name": "ليلى الحسن", "contact_phone": "+963 933 111 222",
            "organization_name": "مبادرة شباب الطبقة", "topic_text": "إدارة المتطوعين",
            "description": "نحتاج تدريباً حول إدارة المتطوعين في المبادرات الصغيرة."}
    data.update(overrides)
    return data


def test_a_training_suggestion_lands_in_the_branch_queue(anonymous, branch_a, client_a, client_b):
    response = anonymous.post(reverse("consultations:suggest_training"), _form(branch_a))
    assert response["Location"] == reverse("consultations:thanks")
    suggestion = Request.objects.get()
    assert (suggestion.kind, suggestion.source, suggestion.status) == ("training_suggestion", "public", "new")
    assert suggestion.requester is None and suggestion.organization is None
    assert list(client_a.get(reverse("consultations:list")).context["page"]) == [suggestion]
    assert list(client_b.get(reverse("consultations:list")).context["page"]) == []


def test_a_consultation_request_lands_in_the_queue_and_nothing_is_shown_back(anonymous, branch_a):
    response = anonymous.post(reverse("consultations:request_consultation"), _form(branch_a, kind="training_suggestion"),
                              follow=True)
    assert Request.objects.get().kind == "consultation"  # the page decides the kind, not the posted data
    html = response.content.decode()
    assert gettext("Your message was received. The branch's team will get back to you.") in html
    assert "+963 933 111 222" not in html and "ليلى الحسن" not in html


def test_a_visitor_must_leave_a_way_to_answer(anonymous, branch_a):
    response = anonymous.post(reverse("consultations:request_consultation"), _form(branch_a, contact_phone=""))
    assert response.status_code == 200
    assert response.context["form"].errors["contact_phone"] == [
        gettext("Give a phone number or an email address so that we can answer.")]
    assert not Request.objects.exists()


def test_a_robot_filling_the_honeypot_is_thanked_and_ignored(anonymous, branch_a):
    response = anonymous.post(reverse("consultations:suggest_training"), _form(branch_a, website="http://spam.example"))
    assert response["Location"] == reverse("consultations:thanks")
    assert not Request.objects.exists()


def test_the_forms_are_rate_limited_per_address(anonymous, branch_a):
    for _ in range(LIMIT):
        assert anonymous.post(reverse("consultations:suggest_training"), _form(branch_a)).status_code == 302
    response = anonymous.post(reverse("consultations:request_consultation"), _form(branch_a))  # both forms count
    assert response.status_code == 429
    assert gettext("Too many messages were sent from your connection. Please try again in an hour.") in (
        response.content.decode())
    assert Request.objects.count() == LIMIT
    assert anonymous.get(reverse("consultations:suggest_training")).status_code == 200  # reading is not limited
    other = anonymous.post(reverse("consultations:suggest_training"), _form(branch_a), REMOTE_ADDR="10.0.0.7")
    assert other.status_code == 302 and Request.objects.count() == LIMIT + 1


@pytest.fixture
def redis_cache(settings):
    """The default cache on the local Redis server, under a prefix of its own (removed afterwards;
    the cache is never cleared, which would flush a database others may share)."""
    import redis

    url = "redis://127.0.0.1:6379/0"
    client = redis.Redis.from_url(url, socket_connect_timeout=0.5)
    try:
        client.ping()
    except redis.RedisError:
        pytest.skip("no Redis server on 127.0.0.1:6379")
    prefix = f"madani-test-{uuid.uuid4().hex}"
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url,
                                   "KEY_PREFIX": prefix}}
    yield
    for key in client.scan_iter(f"{prefix}:*"):
        client.delete(key)


def test_the_rate_limit_holds_on_redis_as_in_production(anonymous, branch_a, redis_cache):
    statuses = [anonymous.post(reverse("consultations:suggest_training"), _form(branch_a)).status_code
                for _ in range(LIMIT + 1)]
    assert statuses == [302] * LIMIT + [429]
