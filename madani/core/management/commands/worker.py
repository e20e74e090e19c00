"""``manage.py worker``: runs the background jobs of the configured queue and says it is alive.

The queue is the default django-tasks backend's (settings.TASKS): on Redis, RQ's worker
(django-rq's ``rqworker`` on the backend's queues, each job in a forked process); in the database,
django-tasks-db's ``db_worker``. Either way a daemon thread writes a heartbeat to the shared cache every
``MADANI_WORKER_HEARTBEAT_SECONDS``; ``/healthz`` reports its age (core/health.py).
"""

from argparse import BooleanOptionalAction

from django.conf import settings
from django.core.management import BaseCommand, call_command
from django_tasks import task_backends
from django_tasks_rq import RQBackend

from madani.core.health import start_heartbeat


class Command(BaseCommand):
    help = "Run the background jobs (RQ on Redis, or the database queue) and report a heartbeat for /healthz."

    def add_arguments(self, parser):
        parser.add_argument("--batch", action="store_true", help="Run the jobs waiting now, then stop.")
        parser.add_argument("--worker-id", help="This worker's name in the queue (default: one is made up).")
        parser.add_argument("--interval", type=float, default=1,
                            help="Database queue: seconds between two looks at an empty queue.")
        parser.add_argument("--reload", action=BooleanOptionalAction, default=settings.DEBUG,
                            help="Database queue: restart on code changes (default: DEBUG).")
        parser.add_argument("--no-startup-delay", action="store_false", dest="startup_delay",
                            help="Database queue: start at once (several workers started together otherwise wait "
                                 "a moment each).")

    def handle(self, *args, **options):
        stop = start_heartbeat(settings.MADANI_WORKER_HEARTBEAT_SECONDS)
        try:
            backend = task_backends["default"]
            if isinstance(backend, RQBackend):
                call_command("rqworker", *sorted(backend.queues), job_class="django_tasks_rq.Job",
                             burst=options["batch"], name=options["worker_id"], verbosity=options["verbosity"])
            else:
                db_options = {"batch": options["batch"], "interval": options["interval"],
                              "reload": options["reload"], "startup_delay": options["startup_delay"]}
                if options["worker_id"]:
                    db_options["worker_id"] = options["worker_id"]
                call_command("db_worker", verbosity=options["verbosity"], **db_options)
        finally:
            stop.set()
