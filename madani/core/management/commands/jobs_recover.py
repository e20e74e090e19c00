"""Queue again (or fail) the background jobs whose worker died (core/jobs.py). Workers and status pages
do this too; run it from cron or a systemd timer so that a job nobody is watching is not left running."""

from django.core.management.base import BaseCommand

from madani.core.jobs import recover_lost_jobs


class Command(BaseCommand):
    help = "Queue again, or fail, the background jobs whose worker stopped (their lease expired)."

    def handle(self, *args, **options):
        recovered = recover_lost_jobs()
        if options["verbosity"]:
            self.stdout.write(f"Jobs recovered: {recovered}")
