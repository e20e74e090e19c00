"""Settings refuse nonsense at start-up (DESIGN.md §3): a typo must not silently mean "off"."""

import os
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
