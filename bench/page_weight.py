"""Page weight of the public home page on a first visit (issue 5: at most 200 KB transferred).

Madani is served as `make demo` serves it, in a directory of its own: a fresh SQLite database with the
demo data, gunicorn, DEBUG off, static files through WhiteNoise — with the production static storage
(hashed names, gzip and brotli copies made by collectstatic; bench/deployed_settings.py). Chromium
(through Playwright, with the browser tests' launch arguments) opens / and /en/ in a fresh context
with the cache disabled, on a phone (360 px) and a desktop (1280 px) screen. The figure is the sum of
the bytes transferred for every response (CDP ``Network.loadingFinished.encodedDataLength``:
compressed bodies plus headers), with the breakdown per resource type.
"""

import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench import BenchmarkError

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("MADANI_CHROMIUM", "/usr/bin/chromium")
# The browser tests' launch arguments (tests/browser/conftest.py).
CHROMIUM_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
TARGET_KB = 200
VIEWPORTS = {"phone": {"width": 360, "height": 740}, "desktop": {"width": 1280, "height": 900}}
PAGES = {"ar": "/", "en": "/en/"}


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_for(port: int, server: subprocess.Popen, seconds: float = 30.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise BenchmarkError(f"gunicorn exited with status {server.returncode}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.2)
    raise BenchmarkError(f"gunicorn did not listen on port {port} within {seconds:.0f} s")


def first_visit(browser, url: str, viewport: dict) -> dict:
    """Bytes transferred per resource type when ``url`` is opened with an empty, disabled cache."""
    context = browser.new_context(viewport=viewport)
    try:
        page = context.new_page()
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
        kinds, sizes, failures = {}, {}, []

        def received(event):
            kinds[event["requestId"]] = event["type"]
            if event["response"]["status"] >= 400:
                failures.append(f'{event["response"]["status"]} {event["response"]["url"]}')

        cdp.on("Network.responseReceived", received)
        cdp.on("Network.loadingFinished",
               lambda event: sizes.__setitem__(event["requestId"], event["encodedDataLength"]))
        response = page.goto(url, wait_until="networkidle")
        if response is None or response.status != 200:
            raise BenchmarkError(f"GET {url}: status {response and response.status}, expected 200")
        if failures:
            raise BenchmarkError(f"{url}: failed responses {failures}")
        by_type: dict[str, int] = {}
        for request_id, size in sizes.items():
            kind = kinds.get(request_id, "Other")
            by_type[kind] = by_type.get(kind, 0) + int(size)
        return by_type
    finally:
        context.close()


def measure(base_url: str) -> list[str]:
    from playwright.sync_api import sync_playwright

    lines = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for language, path in PAGES.items():
                for screen, viewport in VIEWPORTS.items():
                    by_type = first_visit(browser, base_url + path, viewport)
                    detail = ", ".join(f"{kind} {size / 1000:.1f}"
                                       for kind, size in sorted(by_type.items(), key=lambda item: -item[1]) if size)
                    lines.append(f"home_page_weight_{language}_{screen}: {sum(by_type.values()) / 1000:.1f} KB "
                                 f"(target: <= {TARGET_KB} KB; {detail})")
        finally:
            browser.close()
    return lines


def run():
    if not Path(CHROMIUM).exists():
        raise BenchmarkError(f"Chromium not found at {CHROMIUM}")
    with tempfile.TemporaryDirectory(prefix="madani-page-weight-") as tmp:
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": "bench.deployed_settings", "DEBUG": "0", "MADANI_DEMO": "1",
               "MADANI_SQLITE_PATH": str(Path(tmp) / "demo.sqlite3"),
               "MADANI_BENCH_STATIC_ROOT": str(Path(tmp) / "static")}
        env.pop("DATABASE_URL", None)
        python = sys.executable
        for command in (["migrate", "--noinput", "-v0"], ["load_demo"], ["collectstatic", "--noinput", "-v0"]):
            subprocess.run([python, "manage.py", *command], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)
        port = _free_port()
        server = subprocess.Popen([str(Path(python).parent / "gunicorn"), "madani.wsgi", "-b", f"127.0.0.1:{port}",
                                   "-w", "2"], cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            _wait_for(port, server)
            return measure(f"http://127.0.0.1:{port}")
        finally:
            server.terminate()
            server.wait(timeout=30)
