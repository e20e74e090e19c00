"""Weight of the web form page (issue 13): a survey filled in the browser with ODK's engine
(``collect:fill``), on a first visit (empty, disabled cache) and on the next visit (the browser's cache and
the form's service worker in place). Served as bench/page_weight.py serves the home page (gunicorn, DEBUG
off, WhiteNoise with hashed names and gzip/brotli copies), signed in as a trainer of the form's branch, on
a phone screen. The figure is the bytes transferred from the network (CDP ``encodedDataLength``; answers
from the memory or disk cache and files the service worker answers from its cache count 0; the page
itself, which the worker fetches from the network first, out of the page's sight, counts its size on the
first visit), with the engine's share.
"""

import os
import subprocess
import sys
import tempfile
from pathlib import Path

from bench import BenchmarkError
from bench.page_weight import CHROMIUM, CHROMIUM_ARGS, ROOT, VIEWPORTS, _free_port, _wait_for

USER = "trainer.bench@example.org"
PASSWORD = "Bench-Trainer-2026"
MAKE_SURVEY = """
from madani.accounts.models import Role, User
from tests.factories import BranchFactory
from madani.assessments.models import Kind, Questionnaire
from madani.assessments.workbooks import xlsform_bytes
from madani.assessments.xlsform import read_xlsform
survey = [
    {"type": "text", "name": "place", "label::Arabic (ar)": "اسم المكان", "label::English (en)": "Place"},
    {"type": "integer", "name": "households", "label::Arabic (ar)": "عدد الأسر", "label::English (en)": "Households",
     "constraint": ". < 1000"},
    {"type": "select_one yn", "name": "water", "label::Arabic (ar)": "هل تتوفر المياه؟", "label::English (en)": "Water?"},
    {"type": "begin repeat", "name": "visits", "label::Arabic (ar)": "الزيارات", "label::English (en)": "Visits"},
    {"type": "date", "name": "visit_date", "label::Arabic (ar)": "التاريخ", "label::English (en)": "Date"},
    {"type": "end repeat"},
]
choices = [{"list_name": "yn", "name": "yes", "label::Arabic (ar)": "نعم", "label::English (en)": "Yes"},
           {"list_name": "yn", "name": "no", "label::Arabic (ar)": "لا", "label::English (en)": "No"}]
branch = BranchFactory(code="hajin", name="هجين", name_ar="هجين", name_en="Hajin")
user = User.objects.create_user(email="%s", password="%s", role=Role.TRAINER)
user.branches.set([branch])
definition = read_xlsform(xlsform_bytes(survey, choices, {"form_title": "Survey", "version": "1"}), "s.xlsx", domains=set())
print(Questionnaire.objects.create(title="مسح", kind=Kind.SURVEY, branch=branch, version="1", definition=definition).pk)
""" % (USER, PASSWORD)


def _visit(page, cdp, url: str) -> tuple[int, int, int]:
    """(bytes from the network, of which the engine, of which the page) for one visit of ``url``, once the
    form is drawn."""
    sizes, urls, cached, documents = {}, {}, set(), set()

    def received(event):
        urls[event["requestId"]] = event["response"]["url"]
        if event["type"] == "Document":
            documents.add(event["requestId"])
        if event["response"].get("fromDiskCache") or event["response"].get("fromServiceWorker"):
            cached.add(event["requestId"])
        if event["response"]["status"] >= 400:
            raise BenchmarkError(f'{event["response"]["status"]} {event["response"]["url"]}')

    cdp.on("Network.responseReceived", received)
    cdp.on("Network.requestServedFromCache", lambda event: cached.add(event["requestId"]))
    cdp.on("Network.loadingFinished", lambda event: sizes.__setitem__(event["requestId"], event["encodedDataLength"]))
    page.goto(url, wait_until="networkidle")
    page.wait_for_selector("#odk-form[data-ready]", state="attached")
    page.wait_for_timeout(500)
    total = sum(size for rid, size in sizes.items() if rid not in cached)
    engine = sum(size for rid, size in sizes.items() if rid not in cached and "xforms-engine" in urls.get(rid, ""))
    document = sum(size for rid, size in sizes.items() if rid in documents and rid not in cached)
    return total, engine, document


def measure(base_url: str, pk: int) -> list[str]:
    from playwright.sync_api import sync_playwright

    lines = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for language, prefix in {"ar": "", "en": "/en"}.items():
                context = browser.new_context(viewport=VIEWPORTS["phone"])
                page = context.new_page()
                page.goto(base_url + "/accounts/login/")
                form = page.locator("main form[method=post]")
                form.locator("input[name=login]").fill(USER)
                form.locator("input[name=password]").fill(PASSWORD)
                form.locator("button[type=submit]").click()
                page.wait_for_load_state("networkidle")
                url = f"{base_url}{prefix}/collect/forms/{pk}/fill/"
                cdp = context.new_cdp_session(page)
                cdp.send("Network.enable")
                cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
                first, engine, document = _visit(page, cdp, url)
                cdp.send("Network.setCacheDisabled", {"cacheDisabled": False})
                page.goto(url, wait_until="networkidle")  # the browser's cache fills (the service worker, too)
                again, engine_again, _document = _visit(page, cdp, url)
                # the worker asks the network for the page itself (network first), out of the page's sight:
                # count the page as on the first visit; the files it answers from its cache count 0
                again += document
                context.close()
                lines.append(f"form_page_weight_{language}_first_visit: {first / 1000:.1f} KB "
                             f"(of which ODK's engine {engine / 1000:.1f} KB)")
                lines.append(f"form_page_weight_{language}_cached_visit: {again / 1000:.1f} KB "
                             f"(of which ODK's engine {engine_again / 1000:.1f} KB)")
        finally:
            browser.close()
    return lines


def run():
    if not Path(CHROMIUM).exists():
        raise BenchmarkError(f"Chromium not found at {CHROMIUM}")
    with tempfile.TemporaryDirectory(prefix="madani-form-weight-") as tmp:
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": "bench.deployed_settings", "DEBUG": "0", "MADANI_DEMO": "1",
               "MADANI_SQLITE_PATH": str(Path(tmp) / "demo.sqlite3"),
               "MADANI_BENCH_STATIC_ROOT": str(Path(tmp) / "static")}
        env.pop("DATABASE_URL", None)
        python = sys.executable
        for command in (["migrate", "--noinput", "-v0"], ["collectstatic", "--noinput", "-v0"]):
            subprocess.run([python, "manage.py", *command], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)
        made = subprocess.run([python, "manage.py", "shell", "-c", MAKE_SURVEY], cwd=ROOT, env=env, check=True,
                              capture_output=True, text=True)
        pk = int(made.stdout.strip().splitlines()[-1])
        port = _free_port()
        server = subprocess.Popen([str(Path(python).parent / "gunicorn"), "madani.wsgi", "-b", f"127.0.0.1:{port}",
                                   "-w", "2"], cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            _wait_for(port, server)
            return measure(f"http://127.0.0.1:{port}", pk)
        finally:
            server.terminate()
            server.wait(timeout=30)
