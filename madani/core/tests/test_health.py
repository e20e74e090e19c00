"""/healthz, the worker's heartbeat and the request id on responses and log lines (issue 17)."""

import json
import logging
import time

import pytest
from django.core.management import call_command
from django_tasks import task

from madani.core import health
from madani.core.request_id import RequestIdFilter

pytestmark = pytest.mark.django_db


@task()
def waits():
    return 1


def healthz(client, **headers):
    response = client.get("/healthz", **headers)
    return response, json.loads(response.content)


def test_a_healthy_app_server_answers_200_with_numbers_only(client, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    waits.enqueue()
    waits.enqueue()
    response, body = healthz(client)
    assert response.status_code == 200
    assert body["status"] == "ok"
    assert body["database"] == {"ok": True} and body["cache"] == {"ok": True}
    assert body["jobs"] == {"waiting": 2}
    assert response["Cache-Control"].startswith("max-age=0")


def test_the_worker_shows_as_down_until_it_beats_and_again_when_its_beat_is_old(client, settings):
    settings.MADANI_WORKER_HEARTBEAT_STALE_SECONDS = 60
    assert healthz(client)[1]["worker"] == {"ok": False, "last_heartbeat_seconds_ago": None}
    health.beat()
    worker = healthz(client)[1]["worker"]
    assert worker["ok"] is True and worker["last_heartbeat_seconds_ago"] < 5
    health.beat(time.time() - 600)
    response, body = healthz(client)
    assert body["worker"]["ok"] is False and body["worker"]["last_heartbeat_seconds_ago"] >= 600
    assert response.status_code == 200  # a stopped worker does not take the app servers out of the pool


def test_an_unreachable_cache_makes_the_app_server_unavailable(client, settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                                   "LOCATION": "redis://127.0.0.1:1/0"}}
    response, body = healthz(client)
    assert response.status_code == 503
    assert body["status"] == "unavailable" and body["cache"] == {"ok": False}
    assert "Error" not in response.content.decode()  # the reason goes to the log, not to the caller


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_worker_command_beats(client, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    call_command("worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    assert healthz(client)[1]["worker"]["ok"] is True


def test_each_response_carries_a_request_id_and_a_proxy_id_is_kept_when_sane(client):
    first = client.get("/healthz")["X-Request-ID"]
    second = client.get("/healthz")["X-Request-ID"]
    assert len(first) == 32 and first != second
    assert client.get("/healthz", HTTP_X_REQUEST_ID="nginx-5f2c9a71b3")["X-Request-ID"] == "nginx-5f2c9a71b3"
    forged = client.get("/healthz", HTTP_X_REQUEST_ID="x\r\nSet-Cookie: a=b")["X-Request-ID"]
    assert "\n" not in forged and len(forged) == 32


def test_log_lines_written_during_a_request_carry_its_id(client, settings, caplog):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                                   "LOCATION": "redis://127.0.0.1:1/0"}}
    caplog.handler.addFilter(RequestIdFilter())
    with caplog.at_level(logging.ERROR, logger="madani.core.health"):
        client.get("/healthz", HTTP_X_REQUEST_ID="req-0123456789")
    lines = [r for r in caplog.records if r.name == "madani.core.health"]
    assert lines and {r.request_id for r in lines} == {"req-0123456789"}
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "after", None, None)
    RequestIdFilter().filter(record)
    assert record.request_id == "-"  # outside a request
