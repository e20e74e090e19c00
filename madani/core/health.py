"""What ``/healthz`` reports: can this app server reach its database and its cache, how many jobs wait,
and when a worker last said it was alive.

A load balancer (or a monitoring check) reads it. The status is 503 only when this app server cannot do
its work (database or cache unreachable): a stopped worker does not take the app servers out of the
pool, it shows as ``"worker": {"ok": false}`` with the age of its last heartbeat. The body carries
numbers and booleans only — no versions, host names or error texts (those go to the log).
"""

import logging
import threading
import time

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache

logger = logging.getLogger(__name__)

HEARTBEAT_KEY = "madani:worker:heartbeat"


def beat(now=None):
    """Record that a worker is alive (the shared cache, so every app server sees every worker)."""
    cache.set(HEARTBEAT_KEY, now if now is not None else time.time(), timeout=None)


def start_heartbeat(interval):
    """Beat now and then every ``interval`` seconds from a daemon thread, for as long as the worker
    process lives (``manage.py worker``)."""
    stop = threading.Event()

    def beat_once():
        try:
            beat()
            return True
        except Exception:  # a cache outage must not kill the worker; /healthz shows the beat ageing
            logger.exception("worker heartbeat failed")
            return False

    beat_once()  # before the first job: the worker is up as soon as the command starts

    def run():
        while not stop.wait(interval):
            if not beat_once():
                stop.wait(1)  # a locked or unreachable cache: try again soon rather than a whole interval later
                beat_once()

    threading.Thread(target=run, name="madani-heartbeat", daemon=True).start()
    return stop


def _database_ok():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception:
        logger.exception("healthz: database unreachable")
        return False


def _cache_ok():
    try:
        cache.set("madani:healthz", 1, timeout=10)
        return cache.get("madani:healthz") == 1
    except Exception:
        logger.exception("healthz: cache unreachable")
        return False


def _queue_depth():
    """Jobs waiting for a worker: RQ's queues on Redis, or the database queue's ready rows."""
    import django_rq
    from django_tasks import task_backends
    from django_tasks_db import DatabaseBackend
    from django_tasks_db.models import DBTaskResult
    from django_tasks_rq import RQBackend

    backend = task_backends["default"]  # the backend itself (default_task_backend is a proxy)
    try:
        if isinstance(backend, RQBackend):
            return sum(django_rq.get_queue(name).count for name in backend.queues)
        return DBTaskResult.objects.ready().count() if isinstance(backend, DatabaseBackend) else 0
    except Exception:
        logger.exception("healthz: job queue unreadable")
        return None


def report(now=None):
    now = now if now is not None else time.time()
    database = _database_ok()
    cache_ok = _cache_ok()
    last = cache.get(HEARTBEAT_KEY) if cache_ok else None
    age = round(now - last, 1) if last is not None else None
    worker_ok = age is not None and age <= settings.MADANI_WORKER_HEARTBEAT_STALE_SECONDS
    return {
        "status": "ok" if database and cache_ok else "unavailable",
        "database": {"ok": database},
        "cache": {"ok": cache_ok},
        "jobs": {"waiting": _queue_depth() if database else None},
        "worker": {"ok": worker_ok, "last_heartbeat_seconds_ago": age},
    }


@never_cache
def healthz(request):
    body = report()
    return JsonResponse(body, status=200 if body["status"] == "ok" else 503)
