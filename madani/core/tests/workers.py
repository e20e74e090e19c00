"""Real task workers (``manage.py db_worker``, or ``worker`` on Redis) in their own processes, against the
test database, for the tests that kill one mid-job (core/jobs.py). Use in a
``django_db(transaction=True)`` test.

SQLite: the test database lives in memory, which another process cannot open, so it is copied to a file
for the workers (``to_workers``) and back when they are done (``from_workers``). PostgreSQL: the workers
use the test database itself, and the copies do nothing."""

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from django.conf import settings
from django.db import connection

ROOT = Path(__file__).resolve().parents[3]

# A worker whose every job step is followed by a pause (its lease still renewed by the heartbeat), so
# that a test can kill it mid-job.
SLOW_WORKER = """
import sys, time
import django
django.setup()
from madani.core.jobs import Job
advance = Job.advance
def slow_advance(self, progress, **fields):
    advance(self, progress, **fields)
    time.sleep(float(sys.argv[1]))
Job.advance = slow_advance
from django.core.management import call_command
call_command("db_worker", "--no-startup-delay", "--no-reload", "--interval", "0.1", verbosity=0)
"""


class Workers:
    def __init__(self, tmp_path, *, lease_seconds=1, redis_url=None):
        self.sqlite = connection.vendor == "sqlite"
        self.redis_url = redis_url  # the job queue on Redis (RQ) instead of the database
        self.path = Path(tmp_path) / "workers.sqlite3"
        self.lease_seconds = lease_seconds
        self.processes = []

    def env(self) -> dict:
        unset = ("DATABASE_URL", "MADANI_SQLITE_PATH", "DJANGO_ALLOW_ASYNC_UNSAFE", "MADANI_PRODUCTION")
        env = {k: v for k, v in os.environ.items() if k not in unset}
        env.update(DJANGO_SETTINGS_MODULE="madani.settings", MADANI_TASKS_BACKEND="database",
                   MEDIA_ROOT=str(settings.MEDIA_ROOT), MADANI_JOB_LEASE_SECONDS=str(self.lease_seconds))
        if self.redis_url:
            env.update(MADANI_TASKS_BACKEND="redis", REDIS_URL=self.redis_url)
        if self.sqlite:
            env["MADANI_SQLITE_PATH"] = str(self.path)
        else:
            db = connection.settings_dict
            password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
            env["DATABASE_URL"] = f"postgres://{db['USER']}{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
        return env

    # --- the database, shared with the workers ------------------------------------------------------

    def to_workers(self):
        if self.sqlite:
            connection.ensure_connection()
            self.path.unlink(missing_ok=True)
            target = sqlite3.connect(self.path)
            connection.connection.backup(target)
            target.close()

    def from_workers(self):
        if self.sqlite:
            connection.ensure_connection()
            source = sqlite3.connect(self.path)
            source.backup(connection.connection)
            source.close()

    def query(self, sql, params=()):
        """One row of the database the workers see, while they run."""
        if self.sqlite:
            db = sqlite3.connect(self.path, timeout=20)
            try:
                return db.execute(sql, params).fetchone()
            finally:
                db.close()
        with connection.cursor() as cursor:
            cursor.execute(sql.replace("?", "%s"), params)
            return cursor.fetchone()

    # --- the workers ----------------------------------------------------------------------------------

    def start_slow(self, pause_seconds: float) -> subprocess.Popen:
        process = subprocess.Popen([sys.executable, "-c", SLOW_WORKER, str(pause_seconds)], cwd=ROOT,
                                   env=self.env(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        self.processes.append(process)
        return process

    def run(self, *args, timeout=120) -> subprocess.CompletedProcess:
        result = subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=self.env(),
                                capture_output=True, text=True, timeout=timeout)
        assert result.returncode == 0, result.stdout + result.stderr
        return result

    def run_batch(self):
        """A worker that runs every queued task, then exits."""
        return self.run("db_worker", "--batch", "--no-startup-delay", "--no-reload")

    def wait_for(self, sql, params, condition, *, timeout=60):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            row = self.query(sql, params)
            if row and condition(row):
                return row
            for process in self.processes:
                if process.poll() not in (None, -signal.SIGKILL):
                    raise AssertionError(process.stderr.read().decode())
            time.sleep(0.1)
        raise AssertionError(f"timed out waiting: {sql} {params} -> {self.query(sql, params)}")

    @staticmethod
    def kill(process):
        process.send_signal(signal.SIGKILL)  # kill -9: no handler, no clean-up, the task left "running"
        process.wait(timeout=10)

    def stop_all(self):
        for process in self.processes:
            if process.poll() is None:
                self.kill(process)
