from django.core.management.base import BaseCommand, CommandError

from madani.sampledata.generate import generate


class Command(BaseCommand):
    help = ("Add a realistic generated ledger (people, activities, sessions, participations, attendance) to the "
            "database, streamed in batches, then recompute the figures. For benchmarks and load tests.")

    def add_arguments(self, parser):
        parser.add_argument("--people", type=int, default=1_000_000)
        parser.add_argument("--activities", type=int, default=100_000)
        parser.add_argument("--attendance", type=int, default=10_000_000, help="attendance marks (person at a session)")
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--batch", type=int, default=50_000, help="rows written at a time")

    def handle(self, *args, **options):
        if min(options["people"], options["activities"], options["attendance"]) < 0:
            raise CommandError("Sizes cannot be negative.")
        if options["attendance"] and not (options["people"] and options["activities"]):
            raise CommandError("Attendance needs people and activities.")
        result = generate(people=options["people"], activities=options["activities"],
                          attendance=options["attendance"], seed=options["seed"], batch=options["batch"],
                          log=lambda line: self.stdout.write(line))
        self.stdout.write(
            "{people:,} people, {activities:,} activities, {sessions:,} sessions, {participations:,} participations, "
            "{attendance:,} attendance marks in {seconds:.0f} s; figures in {cube_seconds:.1f} s; "
            "peak memory {peak_memory_mb:.0f} MB".format(**result)
        )
