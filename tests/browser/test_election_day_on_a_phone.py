"""The elections coordinator follows election day on a phone (issue 16): the live page fits 360 px, right to
left, without a framework's weight; it shows the centers reporting, the checklists missing and the turnout,
and when an observer reports being unsafe the next refresh puts the alert at the top. No CSP violation."""

import datetime
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from madani.accounts.models import Role, User
from madani.elections import services
from madani.elections.tests.builders import make_election
from tests.factories import BranchFactory, ensure_places, place

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

EMAIL = "coordinator.aleppo@example.org"
PASSWORD = "Aleppo-Coordinator-2026"
PHONE = {"width": 360, "height": 740}
SCREENSHOT = "/tmp/madani-election-day-phone.png"


@pytest.fixture
def election_day(transactional_db, settings):
    settings.REQUIRE_2FA = False
    ensure_places("SY020000", "SY020401")
    branch = BranchFactory(code="aleppo", name="حلب", name_ar="حلب", name_en="Aleppo", place=place("SY020000"))
    user = User.objects.create_user(email=EMAIL, password=PASSWORD, role=Role.BRANCH_MANAGER)
    user.branches.set([branch])
    election = make_election(user, branch)
    for status in ("campaign", "polling"):
        election = services.election_move(actor=user, election=election, status=status)
    center = election.centers.get(code="C1")
    services.turnout_record(actor=user, center=center, slot=datetime.time(12), voters=150, women_voters=63)
    services.checklist_record(actor=user, election=election, form="opening", instance_id="uuid:open-c1",
                              answers={"center": "C1", "observer": "O1", "opened_on_time": "yes"})
    return user, election


def test_the_coordinator_follows_election_day_on_a_phone(chromium_browser, live_server, election_day, console_log):
    user, election = election_day
    context = chromium_browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.on("console", console_log.on_console)
    page.on("pageerror", console_log.on_page_error)
    try:
        page.goto(live_server.url + "/accounts/login/")
        form = page.locator("main form[method=post]")
        form.locator("input[name=login]").fill(EMAIL)
        form.locator("input[name=password]").fill(PASSWORD)
        form.locator("button[type=submit]").click()
        page.wait_for_url(lambda url: urlsplit(url).path != "/accounts/login/")

        live = f"/elections/{election.pk}/live/"
        page.goto(live_server.url + live)
        expect(page.locator("html")).to_have_attribute("dir", "rtl")
        panel = page.locator("#live")
        expect(panel).to_have_attribute("hx-trigger", "every 30s")
        expect(panel.locator(".tile").first).to_contain_text("1")  # one center of two reporting
        expect(panel).to_contain_text("150")
        expect(panel).to_contain_text("42%")  # 63 of 150 voters are women
        expect(panel.locator(".alert")).to_have_count(0)
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], "the page scrolls sideways"
        weight = page.evaluate("performance.getEntriesByType('resource').reduce((s, e) => s + e.transferSize, 0)")
        assert weight < 150_000, weight  # no framework: the stylesheet and htmx only

        services.incident_report(actor=user, election=election, instance_id="uuid:unsafe", data={
            "center": election.centers.get(code="C1"), "observer": election.observers.get(code="O1"),
            "category": "observer_safety", "description": "أغادر المركز"})
        # The refresh htmx makes every 30 seconds, made now.
        page.evaluate(f"htmx.ajax('GET', '{live}', {{target: '#live', swap: 'outerHTML'}})")
        alert = page.locator("#live .alert")
        expect(alert).to_have_count(1)
        expect(alert).to_contain_text("C1")
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        page.screenshot(path=SCREENSHOT, full_page=True)
        assert console_log.csp_violations() == [], console_log.errors
        assert console_log.errors == [], console_log.errors
    finally:
        context.close()
