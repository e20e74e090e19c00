from django.apps import AppConfig, apps
from django.contrib.admin import apps as admin_apps
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _

from .registry import PublicURL


class CoreConfig(AppConfig):
    name = "madani.core"
    verbose_name = _("Core")
    public_urls = [
        PublicURL("healthz", "whether this app server reaches its database and cache, the number of waiting "
                  "jobs and the worker's heartbeat age: numbers and booleans only", robots=False),
    ]

    def ready(self):
        from django_tasks.signals import task_started

        from .jobs import recover_on_task_start

        # Every worker recovers the jobs lost with a dead worker before it starts a task (core/jobs.py).
        task_started.connect(recover_on_task_start, dispatch_uid="madani.core.jobs.recover_on_task_start")
        # The shared cache's table (settings.CACHES) exists wherever `migrate` ran: `make demo`, a
        # deployment, the test database. Nothing to do when the cache is Redis. (Core has no models, so
        # no post_migrate of its own: the signal of contenttypes, always installed, runs it once.)
        post_migrate.connect(create_cache_table, sender=apps.get_app_config("contenttypes"),
                             dispatch_uid="madani.core.create_cache_table")


def create_cache_table(using="default", verbosity=1, **kwargs):
    from django.core.management import call_command

    call_command("createcachetable", database=using, verbosity=max(verbosity - 1, 0))


class MadaniAdminConfig(admin_apps.AdminConfig):
    """django.contrib.admin, on a site whose login goes through allauth (core/admin_site.py)."""

    default = False  # "madani.core" stays CoreConfig
    default_site = "madani.core.admin_site.MadaniAdminSite"
