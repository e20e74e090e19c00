from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from madani.core.backup import BackupError, backup_restore


class Command(BaseCommand):
    help = ("Bring back a backup made by `backup`: checks every SHA-256 of its manifest, replaces the database, "
            "puts the files back and checks every table's row count. Refuses an install that already holds "
            "data (an account or a stored file) unless --force.")

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path)
        parser.add_argument("--force", action="store_true",
                            help="replace the database and the backed-up files of an install that holds data")

    def handle(self, *args, **options):
        if not options["archive"].is_file():
            raise CommandError(f"{options['archive']}: no such file.")
        try:
            backup_restore(options["archive"], force=options["force"], log=self.stdout.write)
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(self.style.SUCCESS("Restore complete."))
