"""Rate limits hold across processes (issue 10): gunicorn runs several workers, and a limit counted in
each worker's memory lets through as many guesses per worker. The count is kept in the shared cache —
the database's cache table (made by `migrate`), or Redis when REDIS_URL is set."""

import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]

# Three failed logins for one account from one address, in a process of its own; prints what allauth
# answered to each (True: counted, False: refused as too many).
GUESS = """
from allauth.account.adapter import get_adapter
from django.core.exceptions import ValidationError
from django.test import RequestFactory
answers = []
for n in range(3):
    request = RequestFactory().post("/accounts/login/", REMOTE_ADDR="{address}")
    try:
        get_adapter(request).pre_authenticate(request, email="{email}", password="guess")
        answers.append(True)
    except ValidationError:
        answers.append(False)
print("ANSWERS", answers)
"""


def _env(**extra):
    unset = ("DATABASE_URL", "REDIS_URL", "MADANI_PRODUCTION", "SECRET_KEY", "ALLOWED_HOSTS", "DEBUG")
    return {**{k: v for k, v in os.environ.items() if k not in unset}, "DJANGO_SETTINGS_MODULE": "madani.settings",
            **extra}


def _run(env, *args):
    result = subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True,
                            text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def _guess_in_a_new_process(env, email, address="203.0.113.9"):
    out = _run(env, "shell", "-c", GUESS.format(email=email, address=address))
    return eval(out.split("ANSWERS", 1)[1].strip())  # a list of booleans we printed ourselves


def _migrated_sqlite_file(path, env):
    """A SQLite file migrated as `make demo` does (which makes the cache table too): on SQLite, a copy of the
    test database (itself made by `migrate`), which saves a whole `migrate` of its own."""
    from django.db import connection

    if connection.vendor != "sqlite":
        _run(env, "migrate", "--noinput", "-v0")
        return
    import sqlite3

    connection.ensure_connection()
    target = sqlite3.connect(path)
    connection.connection.backup(target)
    target.close()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)  # the copy is read outside a transaction
def test_two_processes_count_failed_logins_together_in_the_database(tmp_path):
    path = tmp_path / "madani.sqlite3"
    env = _env(MADANI_SQLITE_PATH=str(path))
    _migrated_sqlite_file(path, env)
    assert _guess_in_a_new_process(env, "owner@example.org") == [True, True, True]
    # 5 failures per account and address per 5 minutes: the second process sees the first one's three.
    assert _guess_in_a_new_process(env, "owner@example.org") == [True, True, False]


def test_two_processes_count_failed_logins_together_in_redis(tmp_path):
    redis = pytest.importorskip("redis")
    url = "redis://127.0.0.1:6379/1"
    try:
        redis.Redis.from_url(url, socket_connect_timeout=0.5).ping()
    except redis.RedisError:
        pytest.skip("no Redis server on 127.0.0.1:6379")
    env = _env(MADANI_SQLITE_PATH=str(tmp_path / "unused.sqlite3"), REDIS_URL=url)
    # An account and an address of this run's own (the counts expire by themselves).
    email, run = f"owner-{uuid.uuid4().hex}@example.org", uuid.uuid4().hex
    address = f"2001:db8:{run[:4]}:{run[4:8]}::1"
    assert _guess_in_a_new_process(env, email, address) == [True, True, True]
    assert _guess_in_a_new_process(env, email, address) == [True, True, False]
