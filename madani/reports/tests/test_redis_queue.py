"""The job queue on Redis (issue 17): with REDIS_URL set, a donor report waits in RQ's queue, /healthz
counts it, and `manage.py worker` — RQ's worker in its own process — builds it."""

import io
import json

import pytest
from openpyxl import load_workbook

from madani.core.tests.workers import Workers
from madani.reports.models import JobStatus

from .helpers import request_report

REDIS = "redis://127.0.0.1:6379/12"


@pytest.fixture
def rq_queue(settings):
    redis = pytest.importorskip("redis")
    connection = redis.Redis.from_url(REDIS, socket_connect_timeout=0.5)
    try:
        connection.flushdb()
    except redis.RedisError:
        pytest.skip("no Redis server on 127.0.0.1:6379")
    settings.TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
    settings.RQ_QUEUES = {"default": {"URL": REDIS}}
    yield connection
    connection.flushdb()


# serialized_rollback: as the other tests with real workers (the content types survive the flush).
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_report_queued_on_redis_is_built_by_the_worker(rq_queue, staff_a, program_a, client_a, tmp_path):
    job = request_report(staff_a, program_a)
    assert json.loads(client_a.get("/healthz").content)["jobs"] == {"waiting": 1}
    job.refresh_from_db()
    assert job.status == JobStatus.QUEUED

    workers = Workers(tmp_path, redis_url=REDIS)
    workers.to_workers()
    workers.run("worker", "--batch")
    workers.from_workers()

    job.refresh_from_db()
    assert (job.status, job.progress, job.attempts) == (JobStatus.DONE, 100, 1)
    assert load_workbook(io.BytesIO(job.file.read())).worksheets
    assert json.loads(client_a.get("/healthz").content)["jobs"] == {"waiting": 0}
