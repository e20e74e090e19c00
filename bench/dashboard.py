"""Dashboard headline figures (precomputed cube) against the naive SQL over the raw ledger.

Runs on the PostgreSQL that DATABASE_URL names (default postgres://127.0.0.1:5432/madani_bench; created if
missing), not on the harness's empty database: the data set is large and slow to make, so it is generated
once (``madani generate``: 1,000,000 people, 100,000 activities, 10,000,000 attendance marks, times
BENCH_SCALE) and reused by the next run when the database already holds exactly that. A database holding
something else has its ledger emptied first: use a disposable database.

Then: the figures are rebuilt (timed); the dashboard page of a signed-in administrator (all programs, all
branches, all time: the page staff land on) is requested through Django (django.test.Client, DEBUG off)
several times, median; the same headline figures are computed by the naive SQL — COUNT(DISTINCT person)
joins over the raw attendance, participation, session and activity tables — median of three runs. Both
must give the same numbers. The figure with a target is the ratio (naive / dashboard, >= 20) and the
dashboard's time (< 300 ms at full size).

It runs in a child process (``python -m bench.dashboard``) because the harness points Django at its own
database.
"""

import os
import statistics
import subprocess
import sys
import time

DEFAULT_URL = "postgres://127.0.0.1:5432/madani_bench"
FULL = {"people": 1_000_000, "activities": 100_000, "attendance": 10_000_000}
PAGE_RUNS, NAIVE_RUNS = 9, 3
TARGET_MS, TARGET_RATIO = 300, 20


def run():
    env = {**os.environ, "DATABASE_URL": os.environ.get("BENCH_DASHBOARD_DATABASE_URL") or DEFAULT_URL}
    env.pop("MADANI_SQLITE_PATH", None)
    result = subprocess.run([sys.executable, "-m", "bench.dashboard"], env=env, stdout=subprocess.PIPE, text=True)
    if result.returncode:
        from bench import BenchmarkError

        raise BenchmarkError(f"bench.dashboard exited with {result.returncode}")
    return result.stdout.splitlines()


# --- the child process ------------------------------------------------------------------------------

NAIVE = {
    "people": """SELECT COUNT(DISTINCT t.person_id),
                        COUNT(DISTINCT CASE WHEN p.gender = 'female' THEN t.person_id END),
                        COUNT(DISTINCT CASE WHEN p.gender = 'male' THEN t.person_id END), COUNT(*)
                 FROM activities_attendance t JOIN activities_session s ON s.id = t.session_id
                 JOIN activities_activity a ON a.id = s.activity_id JOIN people_person p ON p.id = t.person_id""",
    "participations": """SELECT COUNT(*), COUNT(CASE WHEN pa.completed THEN 1 END)
                         FROM activities_participation pa JOIN activities_activity a ON a.id = pa.activity_id""",
    "sessions": "SELECT COUNT(*) FROM activities_session s JOIN activities_activity a ON a.id = s.activity_id",
    "activities": "SELECT COUNT(*) FROM activities_activity a",
    "organizations": """SELECT COUNT(DISTINCT o.organization_id) FROM activities_activity_target_organizations o
                        JOIN activities_activity a ON a.id = o.activity_id""",
}
NAIVE_NAMES = {"people": ("people", "women", "men", "person_days"), "participations": ("participations", "completed"),
               "sessions": ("sessions",), "activities": ("activities",), "organizations": ("organizations",)}


def _ensure_database(url):
    import dj_database_url
    import psycopg

    config = dj_database_url.parse(url)
    params = {"host": config["HOST"] or None, "port": config["PORT"] or None, "user": config["USER"] or None,
              "password": config["PASSWORD"] or None}
    with psycopg.connect(dbname="postgres", autocommit=True, **{k: v for k, v in params.items() if v}) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [config["NAME"]]).fetchone():
            conn.execute(f'CREATE DATABASE "{config["NAME"]}"')


def _naive(cursor) -> dict:
    figures = {}
    for name, sql in NAIVE.items():
        cursor.execute(sql)
        figures.update(zip(NAIVE_NAMES[name], cursor.fetchone()))
    return figures


def _empty_ledger():
    from django.db import connection

    tables = ["activities_attendance", "activities_participation", "activities_session",
              "activities_activity_topics", "activities_activity_target_organizations",
              "activities_activity_facilitators", "activities_activity", "people_person", "dashboard_figure",
              "dashboard_activitystate", "dashboard_sessionstate", "dashboard_reachstate", "dashboard_servedstate",
              "dashboard_touchedactivity"]
    with connection.cursor() as cursor:
        cursor.execute(f"TRUNCATE {', '.join(tables)} CASCADE")


def main():
    url = os.environ.get("DATABASE_URL") or DEFAULT_URL
    os.environ["DATABASE_URL"] = url
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
    from django.utils import formats, translation

    from bench import BenchmarkError
    from bench.harness import sign_in_with_both_factors
    from madani.accounts.models import Role, User
    from madani.activities.models import Activity, Attendance
    from madani.dashboard import cube
    from madani.dashboard.figures import Selection, staff_figures
    from madani.people.models import Person
    from madani.sampledata.generate import generate

    def log(line):
        print(line, file=sys.stderr, flush=True)

    if connection.vendor != "postgresql":
        raise BenchmarkError("the dashboard benchmark runs on PostgreSQL (DATABASE_URL)")
    call_command("migrate", verbosity=0)
    scale = float(os.environ.get("BENCH_SCALE") or 1)
    size = {name: round(count * scale) for name, count in FULL.items()}
    lines = []
    held = {"people": Person.objects.count(), "activities": Activity.objects.count(),
            "attendance": Attendance.objects.count()}
    if held != size:
        if any(held.values()):
            log(f"The database holds {held}, not {size}: emptying its ledger.")
            _empty_ledger()
        log(f"Generating {size} (scale {scale})…")
        start = time.perf_counter()
        result = generate(**size, seed=1, log=log)
        lines += [
            f"dashboard_generate_seconds: {time.perf_counter() - start:.0f} s for {size['attendance']:,} attendance "
            f"marks (target: none, informational)",
            f"dashboard_generate_peak_memory: {result['peak_memory_mb']:.0f} MB (target: < 500)",
        ]
    else:
        log(f"Reusing the data set already in the database: {held}.")
    cube_seconds = cube.rebuild()
    lines.append(f"dashboard_cube_rebuild_seconds: {cube_seconds:.1f} s (target: none, informational)")

    admin, _created = User.objects.get_or_create(email="admin@bench.invalid",
                                                 defaults={"role": Role.ADMINISTRATOR, "is_superuser": True})
    if not Authenticator.objects.filter(user=admin, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(admin, generate_totp_secret())
    client = Client()
    sign_in_with_both_factors(client, admin)
    # A session counts for a user with TOTP only once allauth recorded the second factor in it
    # (core/middleware.py); the benchmark measures the dashboard, not the login.
    session = client.session
    session["account_authentication_methods"] = [{"method": "mfa", "at": time.time(), "type": "totp"}]
    session["account_authentication_methods_user"] = str(admin.pk)
    session.save()
    expected = staff_figures(Selection(), []).get("headline")
    with override_settings(DEBUG=False, ALLOWED_HOSTS=["testserver"]), translation.override("en"):
        path = reverse("dashboard:index")
        times = []
        for _run in range(PAGE_RUNS + 1):
            start = time.perf_counter()
            response = client.get(path)
            times.append(time.perf_counter() - start)
            if response.status_code != 200:
                raise BenchmarkError(f"GET {path}: status {response.status_code}")
        body = response.content.decode()
        for name in ("people", "activities", "person_days"):
            shown = formats.number_format(getattr(expected, name), force_grouping=True)
            if shown not in body:
                raise BenchmarkError(f"the page does not show {name} = {shown}")
    page = statistics.median(times[1:])  # the first request warms the connection up

    naive_times = []
    with connection.cursor() as cursor:
        for _run in range(NAIVE_RUNS):
            start = time.perf_counter()
            naive = _naive(cursor)
            naive_times.append(time.perf_counter() - start)
    naive_time = statistics.median(naive_times)
    cube_figures = {name: getattr(expected, name) for name in naive}
    if cube_figures != {name: int(value or 0) for name, value in naive.items()}:
        raise BenchmarkError(f"the dashboard and the naive SQL disagree: {cube_figures} != {naive}")
    lines += [
        f"dashboard_figures: {expected.people:,} people ({expected.women:,} women, {expected.men:,} men), "
        f"{expected.activities:,} activities, {expected.sessions:,} sessions, {expected.participations:,} "
        f"participations, {expected.person_days:,} person-days, same as the naive SQL (target: none, informational)",
        f"dashboard_page_ms: {page * 1000:.0f} ms (median of {PAGE_RUNS}; target: < {TARGET_MS})",
        f"dashboard_naive_sql_ms: {naive_time * 1000:.0f} ms (median of {NAIVE_RUNS}; target: none, informational)",
        f"dashboard_vs_naive: {naive_time / page:.1f} times faster (target: >= {TARGET_RATIO})",
    ]
    print("\n".join(lines), flush=True)


if __name__ == "__main__":
    main()
