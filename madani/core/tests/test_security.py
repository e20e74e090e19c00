import os
import subprocess
import sys
from pathlib import Path

from django.urls import reverse

ROOT = Path(__file__).resolve().parents[3]
PRODUCTION_ENV = {
    "MADANI_PRODUCTION": "1",
    "SECRET_KEY": "a-long-random-production-secret-" + "x" * 40,
    "ALLOWED_HOSTS": "madani.example.org",
    "DJANGO_SETTINGS_MODULE": "madani.settings",
}


def _manage(*args, env):
    unset = ("SECRET_KEY", "ALLOWED_HOSTS", "MADANI_PRODUCTION", "DJANGO_ALLOW_ASYNC_UNSAFE", "DEBUG")
    base = {k: v for k, v in os.environ.items() if k not in unset}
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env={**base, **env},
                          capture_output=True, text=True, timeout=120)


def test_the_deployment_check_reports_nothing_under_production_settings():
    result = _manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "SECRET_KEY"}
    result = _manage("check", env=env)
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "ALLOWED_HOSTS"}
    result = _manage("check", env=env)
    assert result.returncode != 0
    assert "ALLOWED_HOSTS must be set" in result.stderr


def test_the_content_security_policy_forbids_inline_code(anonymous, db):
    policy = anonymous.get("/")["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy


def test_pages_carry_no_inline_scripts_or_styles(client_a, organization_a, person_a):
    for url in ["/", reverse("organizations:list"), reverse("people:detail", args=[person_a.pk]),
                reverse("organizations:create"), reverse("people:create")]:
        html = client_a.get(url).content.decode()
        assert "<script>" not in html and " style=" not in html and "<style" not in html, url
        assert " onclick=" not in html, url


def test_signed_in_pages_are_private_and_not_stored(client_a):
    cache_control = client_a.get(reverse("organizations:list"))["Cache-Control"]
    assert "private" in cache_control and "no-store" in cache_control


def test_public_pages_are_not_marked_private(anonymous, db):
    assert "private" not in anonymous.get("/").get("Cache-Control", "")


def test_static_files_are_served_from_our_own_origin(anonymous, db):
    html = anonymous.get("/").content.decode()
    assert "https://" not in html.split("<body>")[0]  # no CDN in <head>


def test_every_response_refuses_the_browser_features_no_page_uses(client_a, anonymous, db):
    """Camera, microphone, position, payment, USB, ad-tracking cohorts…: refused to our pages and to
    anything embedded in them (issue 10)."""
    responses = [anonymous.get("/"), anonymous.get("/en/"), client_a.get(reverse("organizations:list")),
                 anonymous.get("/api/v1/organizations/"), anonymous.get("/no-such-page/"),
                 anonymous.get("/en/accounts/login/")]
    for response in responses:
        policy = response["Permissions-Policy"]
        for feature in ("camera", "microphone", "geolocation", "payment", "usb", "interest-cohort",
                        "browsing-topics"):
            assert f"{feature}=()" in policy, (response.request["PATH_INFO"], feature)


def test_a_nul_character_in_the_address_is_refused_not_a_server_error(client_a, anonymous, db):
    """PostgreSQL cannot compare a string holding NUL: the place picker answered 500 to ``?q=%00``."""
    for client, url in ((client_a, "/en/places/autocomplete/"), (client_a, "/en/organizations/"),
                        (anonymous, "/en/")):
        response = client.get(url, {"q": "Al\x00eppo"})
        assert response.status_code == 400
        assert "not allowed (NUL)" in response.content.decode()
    assert client_a.get("/en/places/autocomplete/", {"q": "Aleppo"}).status_code == 200
    response = client_a.get("/api/v1/organizations/", {"search": "\x00"}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400 and "not allowed (NUL)" in response.json()["detail"]
