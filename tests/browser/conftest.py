"""Browser tests: Playwright (sync API) driving Debian's Chromium against pytest-django's live server.

Run them with ``pytest tests/browser`` (they are marked ``browser``; deselect with ``-m "not browser"``).
"""

import os
from pathlib import Path

import pytest

# Playwright's sync API runs an asyncio event loop in the test thread; Django would otherwise refuse
# to touch the database from it ("You cannot call this from an async context").
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("MADANI_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
TIMEOUT_MS = 15_000


@pytest.fixture(scope="session")
def chromium_browser():
    if not Path(CHROMIUM).exists():
        pytest.skip(f"Chromium not found at {CHROMIUM}")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


class ConsoleLog:
    """Console messages of type "error", uncaught page errors and failed responses, for assertions."""

    def __init__(self):
        self.errors: list[str] = []
        self.failed_responses: list[str] = []

    def on_console(self, message):
        if message.type == "error":
            self.errors.append(message.text)

    def on_page_error(self, error):
        self.errors.append(f"pageerror: {error}")

    def on_response(self, response):
        if response.status >= 400:
            self.failed_responses.append(f"{response.status} {response.url}")

    def csp_violations(self) -> list[str]:
        return [text for text in self.errors if "content security policy" in text.lower()]


@pytest.fixture
def console_log():
    return ConsoleLog()


@pytest.fixture
def page(chromium_browser, console_log):
    context = chromium_browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(TIMEOUT_MS)
    context.set_default_navigation_timeout(TIMEOUT_MS)
    page = context.new_page()
    page.on("console", console_log.on_console)
    page.on("pageerror", console_log.on_page_error)
    page.on("response", console_log.on_response)
    try:
        yield page
    finally:
        context.close()
