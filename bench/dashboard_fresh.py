"""How fresh the dashboard is: the time from a ledger write to its figure on the page, at several data sizes.

A write that names its activities moves only the figures of their slices (``cube.apply_changes``, issue 17),
so this time must not grow with the data. For each size (``BENCH_FRESH_SCALES``, default ``0.01,0.1``:
fractions of the full 10,000,000 attendance marks, 1,000,000 people, 100,000 activities) the data set is
generated once (``madani generate``) in its own PostgreSQL database, ``<DATABASE_URL's name>_fresh_<scale>``
(default ``madani_bench_fresh_0_01``…, created if missing, reused by the next run), and then, several times:
a branch manager's write (one more person present at a held session, ``attendance_record``, committed as a
request commits it), then the dashboard page of a signed-in administrator (all programs, branches and time)
until it shows the new person-days figure. Also timed: the partial update alone (``apply_changes`` of one
activity) and the full rebuild. The figure with a target is the write-to-page time at the largest size
(< 5 s; the issue asks it at full size) and the ratio of the partial update's time at the largest and the
smallest size against the ratio of their data (it should stay near 1, whatever the data ratio).

Runs in child processes (``python -m bench.dashboard_fresh <scale>``), like the dashboard benchmark.
"""

import os
import statistics
import subprocess
import sys
import time

DEFAULT_URL = "postgres://127.0.0.1:5432/madani_bench"
FULL = {"people": 1_000_000, "activities": 100_000, "attendance": 10_000_000}
WRITES = 9
TARGET_SECONDS = 5


def _url(base, scale):
    head, _slash, name = base.rpartition("/")
    return f"{head}/{name}_fresh_{str(scale).replace('.', '_')}"


def run():
    from bench import BenchmarkError

    base = os.environ.get("BENCH_DASHBOARD_DATABASE_URL") or DEFAULT_URL
    scales = sorted(float(s) for s in (os.environ.get("BENCH_FRESH_SCALES") or "0.01,0.1").split(","))
    results, lines = {}, []
    for scale in scales:
        env = {**os.environ, "DATABASE_URL": _url(base, scale)}
        env.pop("MADANI_SQLITE_PATH", None)
        result = subprocess.run([sys.executable, "-m", "bench.dashboard_fresh", str(scale)], env=env,
                                stdout=subprocess.PIPE, text=True)
        if result.returncode:
            raise BenchmarkError(f"bench.dashboard_fresh {scale} exited with {result.returncode}")
        *child_lines, last = result.stdout.splitlines()
        lines += child_lines
        results[scale] = dict(item.split("=") for item in last.split())
    small, large = results[scales[0]], results[scales[-1]]
    data_ratio = float(large["marks"]) / float(small["marks"])
    lines.append(f"dashboard_fresh_apply_ratio: {float(large['apply_ms']) / float(small['apply_ms']):.2f} "
                 f"(partial update at {int(large['marks']):,} marks / at {int(small['marks']):,}, data "
                 f"{data_ratio:.0f}× larger; full rebuild {float(large['rebuild_s']) / float(small['rebuild_s']):.1f}× "
                 f"longer) (target: none, informational: near 1)")
    lines.append(f"dashboard_fresh_write_to_page_s: {float(large['page_ms']) / 1000:.2f} s at "
                 f"{int(large['marks']):,} attendance marks (target: < {TARGET_SECONDS})")
    return lines


# --- the child process ------------------------------------------------------------------------------


def main(scale: float):
    from bench.dashboard import _empty_ledger, _ensure_database

    url = os.environ["DATABASE_URL"]
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "madani.settings")
    _ensure_database(url)

    import django

    django.setup()
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client, override_settings
    from django.urls import reverse
    from django.utils import formats, timezone, translation

    from bench import BenchmarkError
    from bench.harness import sign_in_with_both_factors
    from madani.accounts.models import Role, User
    from madani.activities import services
    from madani.activities.models import Activity, Attendance, Participation, Session
    from madani.dashboard import cube
    from madani.dashboard.models import Figure
    from madani.people.models import Person
    from madani.sampledata.generate import generate

    def log(line):
        print(line, file=sys.stderr, flush=True)

    if connection.vendor != "postgresql":
        raise BenchmarkError("the freshness benchmark runs on PostgreSQL (DATABASE_URL)")
    call_command("migrate", verbosity=0)
    size = {name: round(count * scale) for name, count in FULL.items()}
    held = {"people": Person.objects.count(), "activities": Activity.objects.count(),
            "attendance": Attendance.objects.count()}
    if abs(held["attendance"] - size["attendance"]) > WRITES * 10 or held["people"] != size["people"]:
        if any(held.values()):
            log(f"The database holds {held}, not {size}: emptying its ledger.")
            _empty_ledger()
        log(f"Generating {size} (scale {scale})…")
        generate(**size, seed=1, log=log)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # as autovacuum does after a bulk load: the planner's statistics
    rebuild_seconds = cube.rebuild()
    marks = Attendance.objects.count()
    log(f"{marks:,} attendance marks; full rebuild {rebuild_seconds:.1f} s")

    admin, _created = User.objects.get_or_create(email="admin@bench.invalid",
                                                 defaults={"role": Role.ADMINISTRATOR, "is_superuser": True})
    if not Authenticator.objects.filter(user=admin, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(admin, generate_totp_secret())
    client = Client()
    sign_in_with_both_factors(client, admin)
    session = client.session
    session["account_authentication_methods"] = [{"method": "mfa", "at": time.time(), "type": "totp"}]
    session["account_authentication_methods_user"] = str(admin.pk)
    session.save()

    def headline():
        return Figure.objects.get(program=None, branch=None, kind="", year=None, quarter=None, month=None)

    # Held sessions with someone enrolled and absent: the write adds them.
    today = timezone.localdate()
    candidates = []
    for held_session in Session.objects.filter(date__lte=today).order_by("?")[:200]:
        present = set(held_session.attendance.values_list("person_id", flat=True))
        absent = Participation.objects.filter(activity_id=held_session.activity_id).exclude(
            person_id__in=present).values_list("person_id", flat=True).first()
        if absent:
            candidates.append((held_session, present, absent))
        if len(candidates) == WRITES:
            break
    if len(candidates) < WRITES:
        raise BenchmarkError("too few held sessions with an absent participant")

    path = reverse("dashboard:index")
    write_times, page_times, apply_times = [], [], []
    with override_settings(DEBUG=False, ALLOWED_HOSTS=["testserver"]), translation.override("en"):
        client.get(path)  # warms the connection up
        for held_session, present, absent in candidates:
            expected = formats.number_format(headline().person_days + 1, force_grouping=True)
            start = time.perf_counter()
            services.attendance_record(actor=admin, session=held_session, present_ids=[*present, absent])
            written = time.perf_counter()
            for _try in range(100):
                response = client.get(path)
                if response.status_code != 200:
                    raise BenchmarkError(f"GET {path}: status {response.status_code}")
                if expected in response.content.decode():
                    break
            else:
                raise BenchmarkError(f"the page never showed {expected} person-days")
            page_times.append(time.perf_counter() - start)
            write_times.append(written - start)
            apply_times.append(cube.apply_changes([held_session.activity_id]))
    if cube.status().requested_at is not None:
        raise BenchmarkError("a write queued a full rebuild")
    partial = {f.pk: f for f in Figure.objects.all()}
    cube.rebuild()
    rebuilt = {(f.program_id, f.branch_id, f.kind, f.year, f.quarter, f.month, f.people, f.person_days,
                f.participations, f.sessions, f.activities, f.organizations) for f in Figure.objects.all()}
    if rebuilt != {(f.program_id, f.branch_id, f.kind, f.year, f.quarter, f.month, f.people, f.person_days,
                    f.participations, f.sessions, f.activities, f.organizations) for f in partial.values()}:
        raise BenchmarkError("the figures moved in place differ from a full rebuild's")
    page, write, apply = (statistics.median(times) * 1000 for times in (page_times, write_times, apply_times))
    print(f"dashboard_fresh_at_{marks}_marks: write to page {page:.0f} ms (the write with its partial update "
          f"{write:.0f} ms), partial update alone {apply:.0f} ms, full rebuild {rebuild_seconds:.1f} s; medians "
          f"of {WRITES} writes, same figures as a full rebuild (target: none, informational)")
    print(f"marks={marks} page_ms={page:.1f} apply_ms={apply:.2f} rebuild_s={rebuild_seconds:.2f}", flush=True)


if __name__ == "__main__":
    main(float(sys.argv[1]))
