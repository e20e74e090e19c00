"""The one protection of public forms (core/public_forms.py): a honeypot and a rate limit from settings."""

from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import reverse
from django.utils.translation import gettext

from madani.consultations.models import Request
from madani.core.public_forms import public_form


def _suggestion(branch, **overrides):
    return {"branch": branch.pk, "contact_name": "ليلى الحسن", "contact_phone": "+963 933 111 222",
            "topic_text": "إدارة المتطوعين", "description": "نحتاج تدريباً حول إدارة المتطوعين.", **overrides}


def test_a_filled_honeypot_is_thanked_and_nothing_is_saved(anonymous, branch_a):
    response = anonymous.post(reverse("consultations:suggest_training"), _suggestion(branch_a, website="x.example"))
    assert response.status_code == 302 and response["Location"] == reverse("consultations:thanks")
    assert not Request.objects.exists()


def test_beyond_the_rate_in_settings_it_answers_429_and_saves_nothing(anonymous, branch_a, settings):
    settings.MADANI_PUBLIC_FORM_RATE = "2/h"
    statuses = [anonymous.post(reverse("consultations:suggest_training"), _suggestion(branch_a)).status_code
                for _ in range(3)]
    assert statuses == [302, 302, 429]
    assert Request.objects.count() == 2
    assert gettext("Too many messages") in anonymous.post(
        reverse("consultations:suggest_training"), _suggestion(branch_a)).content.decode()


def test_the_view_is_not_called_beyond_the_rate_and_reading_is_not_limited(db, settings):
    settings.MADANI_TEST_RATE = "1/m"
    calls = []

    @public_form(group="test-group", rate="MADANI_TEST_RATE", retry_after=60)
    def view(request):
        calls.append(request.method)
        return HttpResponse("ok")

    factory = RequestFactory()
    assert view(factory.post("/", REMOTE_ADDR="10.1.1.1")).status_code == 200
    limited = view(factory.post("/", REMOTE_ADDR="10.1.1.1"))
    assert limited.status_code == 429 and limited["Retry-After"] == "60"
    assert view(factory.get("/", REMOTE_ADDR="10.1.1.1")).status_code == 200
    assert view(factory.post("/", REMOTE_ADDR="10.1.1.2")).status_code == 200
    assert calls == ["POST", "GET", "POST"]
