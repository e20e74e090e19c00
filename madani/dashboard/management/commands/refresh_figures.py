from django.core.management.base import BaseCommand

from madani.dashboard import cube


class Command(BaseCommand):
    help = "Recompute the dashboard's figures from the ledger now (they are also refreshed after every change)."

    def handle(self, *args, **options):
        seconds = cube.rebuild()
        self.stdout.write(f"Figures recomputed in {seconds:.2f} s.")
