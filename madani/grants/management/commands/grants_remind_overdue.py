"""Email the grantee organizations whose grant reports are overdue (run it from cron, e.g. weekly). An
organization reminded in the last ``--days`` days is not written to again."""

import datetime

from django.core.management.base import BaseCommand
from django.db.models import Q
from django.utils import timezone

from madani.grants.models import GrantReport
from madani.grants.services import report_remind


class Command(BaseCommand):
    help = "Remind the organizations whose grant reports are overdue."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=7, help="do not remind again within this many days")

    def handle(self, *args, days, **options):
        since = timezone.now() - datetime.timedelta(days=days)
        reports = GrantReport.objects.overdue().filter(Q(reminded_at__isnull=True) | Q(reminded_at__lt=since))
        written = 0
        for report in reports.select_related("award__organization", "tranche"):
            written += report_remind(actor=None, report=report)
        self.stdout.write(f"{reports.count()} overdue report(s), {written} email(s) sent.")
