from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from madani.core.backup import BackupError, backup_create


class Command(BaseCommand):
    help = ("Write one archive (.tar.gz) with the database (SQLite online backup or pg_dump) and every uploaded "
            "file, and a manifest of row counts per table and SHA-256 hashes. Restore it with `restore`.")

    def add_arguments(self, parser):
        parser.add_argument("--output", "-o", type=Path,
                            help="the archive to write (default: var/backups/madani-<date>-<time>.tar.gz)")

    def handle(self, *args, **options):
        path = options["output"] or (Path(settings.BASE_DIR) / "var" / "backups"
                                     / f"madani-{timezone.localtime():%Y%m%d-%H%M%S}.tar.gz")
        try:
            backup_create(path, log=self.stdout.write)
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(self.style.SUCCESS(f"Backup written to {path}"))
