from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "madani.core"
    verbose_name = _("Core")

    def ready(self):
        from django_tasks.signals import task_started

        from .jobs import recover_on_task_start

        # Every worker recovers the jobs lost with a dead worker before it starts a task (core/jobs.py).
        task_started.connect(recover_on_task_start, dispatch_uid="madani.core.jobs.recover_on_task_start")
