from django.core.management.base import BaseCommand

from madani.sampledata.demo import core as demo


class Command(BaseCommand):
    help = "Load the demo data (once) and print the demo logins."

    def handle(self, *args, **options):
        if demo.load_demo():
            self.stdout.write(self.style.SUCCESS("Demo data loaded."))
        else:
            self.stdout.write("Demo data already present: reused, nothing duplicated.")
        self.stdout.write(f"Demo logins (password for all: {demo.DEMO_PASSWORD}):")
        for email, role in demo.demo_logins():
            self.stdout.write(f"  {email:42} {role}")
