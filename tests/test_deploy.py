"""The production set-up in deploy/ (README, "Production") is what Madani expects (issue 17)."""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DEPLOY = ROOT / "deploy"


def env_file_values():
    values = {}
    for line in (DEPLOY / "madani.env.example").read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            name, _, value = line.partition("=")
            values[name.strip()] = value.strip()
    return values


def readme_variables():
    table = (ROOT / "README.md").read_text()
    return set(re.findall(r"`([A-Z][A-Z0-9_]+)`", table))


def test_every_variable_of_the_environment_file_is_documented_in_the_readme():
    names = set(env_file_values())
    assert names, "the environment file sets nothing"
    assert names - readme_variables() == set()


def test_the_environment_file_passes_djangos_deployment_checks(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("MADANI_", "DATABASE_URL", "REDIS_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"))}
    env.update(env_file_values())
    env["SECRET_KEY"] = "k" * 60 + "-a-long-random-secret-for-the-check"
    env["MADANI_IATI_ORG_REF"] = "XM-DAC-00000"
    env["MEDIA_ROOT"] = str(tmp_path)
    env["DJANGO_SETTINGS_MODULE"] = "madani.settings"
    result = subprocess.run([sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
                            cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_nginx_site_is_valid_and_never_serves_the_private_media_folder(tmp_path):
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    if not Path(nginx).exists():
        pytest.fail("nginx is missing: scripts/system-deps.sh test installs nginx-light")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=t",
                    "-keyout", tmp_path / "key.pem", "-out", tmp_path / "cert.pem"], check=True, capture_output=True)
    site = (DEPLOY / "nginx" / "madani.conf").read_text()
    assert re.search(r"location /media/ \{\s*return 404;", site)
    assert "proxy_set_header X-Real-IP $remote_addr;" in site  # RATELIMIT_IP_META_KEY=HTTP_X_REAL_IP
    assert env_file_values()["RATELIMIT_IP_META_KEY"] == "HTTP_X_REAL_IP"
    site = site.replace("/etc/letsencrypt/live/madani.example.org/fullchain.pem", str(tmp_path / "cert.pem"))
    site = site.replace("/etc/letsencrypt/live/madani.example.org/privkey.pem", str(tmp_path / "key.pem"))
    (tmp_path / "site.conf").write_text(site)
    (tmp_path / "nginx.conf").write_text(
        f"pid {tmp_path}/nginx.pid;\nerror_log {tmp_path}/error.log;\nevents {{}}\n"
        f"http {{\n include /etc/nginx/mime.types;\n access_log off;\n include {tmp_path}/site.conf;\n}}\n")
    result = subprocess.run([nginx, "-t", "-c", tmp_path / "nginx.conf", "-p", tmp_path],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_the_units_run_what_exists():
    units = {p.name: p.read_text() for p in (DEPLOY / "systemd").iterdir()}
    assert "manage.py worker" in units["madani-worker.service"]
    assert "manage.py backup" in units["madani-backup.service"]
    assert "OnCalendar=" in units["madani-backup.timer"]
    commands = ROOT / "madani" / "core" / "management" / "commands"
    for name in ("worker", "backup", "jobs_recover"):
        assert (commands / f"{name}.py").exists()
    for text in units.values():
        if "EnvironmentFile=" in text:
            assert "EnvironmentFile=/etc/madani/madani.env" in text
