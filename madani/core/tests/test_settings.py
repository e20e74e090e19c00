"""Settings refuse nonsense at start-up (DESIGN.md §3): a typo must not silently mean "off"."""

import os
import re
import subprocess
import sys

import pytest
from django.conf import settings


def start_up(**env) -> subprocess.CompletedProcess:
    """Import the settings module in a fresh interpreter with these environment variables."""
    return subprocess.run(
        [sys.executable, "-c", "import madani.settings"],
        env={**os.environ, **env},
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize("value", ["ture", "enabled", "2"])
def test_a_yes_no_setting_that_is_neither_stops_start_up(value):
    result = start_up(MADANI_REQUIRE_2FA=value)
    assert result.returncode != 0
    assert f"MADANI_REQUIRE_2FA={value!r} is not a yes/no value" in result.stderr


@pytest.mark.parametrize("value", ["true", "False", " off ", "1", "yes"])
def test_the_usual_yes_no_words_start(value):
    assert start_up(MADANI_REQUIRE_2FA=value).returncode == 0


def test_a_number_setting_that_is_not_a_number_stops_start_up():
    result = start_up(MADANI_MIN_CELL_SIZE="five")
    assert result.returncode != 0
    assert "MADANI_MIN_CELL_SIZE='five' is not a whole number" in result.stderr


# --- Every variable read is MADANI_-prefixed (or Django's or a library's own name) and in the README ----

# Names kept as Django, dj-database-url, Redis clients and django-ratelimit name them (README, "Configuration").
OWN_NAMES_OF_OTHERS = {
    "SECRET_KEY", "DEBUG", "ALLOWED_HOSTS", "CSRF_TRUSTED_ORIGINS", "DATABASE_URL", "REDIS_URL", "EMAIL_BACKEND",
    "DEFAULT_FROM_EMAIL", "MEDIA_ROOT", "SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS", "RATELIMIT_IP_META_KEY",
}


def variables_read_by_settings() -> set[str]:
    source = (settings.BASE_DIR / "madani" / "settings.py").read_text(encoding="utf-8")
    return set(re.findall(r"""\benv_\w+\(\s*["']([A-Z0-9_]+)["']""", source))


def variables_in_readme_table() -> set[str]:
    readme = (settings.BASE_DIR / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Configuration", 1)[1].split("\n## ", 1)[0]
    names = set()
    for line in section.splitlines():
        if line.startswith("| `"):
            first_cell = line.split("|")[1]
            names |= set(re.findall(r"`([A-Z0-9_]+)`", first_cell))
    return names


def test_every_variable_the_settings_read_is_in_the_readme_table():
    assert variables_read_by_settings() - variables_in_readme_table() == set()


def test_every_variable_in_the_readme_table_is_read_by_the_settings():
    assert variables_in_readme_table() - variables_read_by_settings() == set()


def test_every_variable_is_madani_prefixed_unless_django_or_a_library_names_it():
    read = variables_read_by_settings()
    assert {name for name in read if not name.startswith("MADANI_")} <= OWN_NAMES_OF_OTHERS
    assert len(read) > 30  # the parse found the settings


@pytest.mark.parametrize("old, new", [("LOG_LEVEL", "MADANI_LOG_LEVEL"),
                                      ("DATABASE_CONN_MAX_AGE", "MADANI_DATABASE_CONN_MAX_AGE")])
def test_a_renamed_variable_stops_start_up_and_names_the_new_one(old, new):
    result = start_up(**{old: "1"})
    assert result.returncode != 0 and f"{old} is now called {new}" in result.stderr


def test_a_word_setting_outside_its_words_stops_start_up():
    result = start_up(MADANI_TASKS_BACKEND="celery")
    assert result.returncode != 0
    assert "MADANI_TASKS_BACKEND='celery' is not one of: redis, database, immediate" in result.stderr


def test_the_job_queue_on_redis_needs_redis():
    result = start_up(MADANI_TASKS_BACKEND="redis", REDIS_URL="")
    assert result.returncode != 0 and "MADANI_TASKS_BACKEND=redis needs REDIS_URL." in result.stderr
