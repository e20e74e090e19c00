"""``manage.py worker``: django-tasks-db's ``db_worker`` that also says it is alive.

Same options as ``db_worker``. A daemon thread writes a heartbeat to the shared cache every
``MADANI_WORKER_HEARTBEAT_SECONDS``; ``/healthz`` reports its age (core/health.py).
"""

from django.conf import settings
from django_tasks_db.management.commands.db_worker import Command as DbWorkerCommand

from madani.core.health import start_heartbeat


class Command(DbWorkerCommand):
    help = "Run the background jobs (django-tasks-db's db_worker) and report a heartbeat for /healthz."

    def handle(self, *args, **options):
        stop = start_heartbeat(settings.MADANI_WORKER_HEARTBEAT_SECONDS)
        try:
            return super().handle(*args, **options)
        finally:
            stop.set()
