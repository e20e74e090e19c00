"""A visitor plays a radio episode of the library in the browser and skips ahead: the player reads the
file through library:file with Range requests (206), under the Content-Security-Policy."""

import time

import pytest
from django.core.files.base import ContentFile

from madani.accounts.models import Role, User
from madani.library import services
from madani.sampledata.files import wav_bytes

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENSHOT = "/tmp/madani-library-episode.png"


@pytest.fixture
def episode(transactional_db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    administrator = User.objects.create_user(email="admin@example.org", role=Role.ADMINISTRATOR, is_superuser=True)
    data = {"kind": "audio", "access": "public", "title_ar": "حلقة إذاعية: المجلس المحلي والخدمات", "language": "ar"}
    return services.resource_create(actor=administrator, data=data, upload=ContentFile(wav_bytes(6.0), name="episode.wav"))


def _wait_until(player, condition: str, timeout=10.0):
    """Poll the player (wait_for_function would evaluate a string, which the CSP forbids)."""
    deadline = time.monotonic() + timeout
    while not player.evaluate(f"a => {condition}"):
        assert time.monotonic() < deadline, condition
        time.sleep(0.1)


def test_a_visitor_plays_a_radio_episode_and_skips_ahead(page, live_server, episode, console_log):
    ranges = []
    page.on("response", lambda r: "/file/" in r.url and ranges.append((r.status, r.headers.get("content-range"))))
    page.goto(f"{live_server.url}/library/{episode.pk}/")
    player = page.locator("audio")
    _wait_until(player, "a.readyState >= 1")  # metadata loaded
    assert 5.9 < player.evaluate("a => a.duration") < 6.1
    player.evaluate("a => { a.currentTime = 4.5; }")
    _wait_until(player, "!a.seeking && a.readyState >= 2")
    assert player.evaluate("a => a.currentTime") == pytest.approx(4.5, abs=0.1)
    page.screenshot(path=SCREENSHOT, full_page=True)
    assert any(status == 206 and content_range for status, content_range in ranges), ranges
    assert console_log.csp_violations() == []
    assert [r for r in console_log.failed_responses if "/library/" in r or "/static/" in r] == []
