"""The navbar fits (issue 12): for the roles with the most menu items, in English and Arabic, on a 1366 px
laptop and a 360 px phone, no page scrolls sideways and "Sign out" is on screen without opening a menu."""

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from madani.accounts.models import Role, User
from tests.factories import BranchFactory

# Like the other browser tests (which run last and make their own records), not serialized_rollback: after
# their flushes recreate the content types, restoring serialized data would collide with them.
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "Navbar-Fits-2026"
ROLES = [Role.ADMINISTRATOR, Role.BRANCH_MANAGER, Role.ME_OFFICER]
SCREENS = [{"width": 1366, "height": 768}, {"width": 360, "height": 740}]


@pytest.fixture
def staff(transactional_db, settings):
    settings.REQUIRE_2FA = False
    branch = BranchFactory(code="raqqa", name="الرقة", name_ar="الرقة", name_en="Raqqa")
    users = {}
    for role in ROLES:
        # long names and addresses, as real ones can be
        user = User.objects.create_user(email=f"{role}.with.a.rather.long.address@example.org", password=PASSWORD,
                                        first_name="Abdulrahman", last_name="Al-Muhammad Al-Khalaf", role=role)
        user.branches.set([branch])
        users[role] = user
    return users


def _sign_in(page, live_server, email):
    page.goto(live_server.url + "/accounts/login/")
    form = page.locator("main form[method=post]")
    form.locator("input[name=login]").fill(email)
    form.locator("input[name=password]").fill(PASSWORD)
    form.locator("button[type=submit]").click()
    page.wait_for_url(lambda url: urlsplit(url).path.endswith("/dashboard/"))


@pytest.mark.parametrize("role", ROLES)
def test_the_navbar_fits_and_sign_out_stays_visible(chromium_browser, live_server, staff, role):
    for screen in SCREENS:
        context = chromium_browser.new_context(viewport=screen)
        page = context.new_page()
        try:
            _sign_in(page, live_server, staff[role].email)
            for path, lang in (("/en/dashboard/", "en"), ("/dashboard/", "ar")):
                page.goto(live_server.url + path)
                expect(page.locator("html")).to_have_attribute("lang", lang)
                width = page.evaluate("document.documentElement.scrollWidth")
                assert width <= screen["width"], f"{role} {lang} {screen['width']} px: the page scrolls sideways ({width} px)"
                sign_out = page.locator("#sign-out")
                expect(sign_out).to_be_visible()
                box = sign_out.bounding_box()
                assert box["x"] >= 0 and box["x"] + box["width"] <= screen["width"], f"{role} {lang}: sign-out off screen"
                if screen["width"] >= 1200:  # every menu item shown, none hidden behind the menu button
                    expect(page.locator("#main-nav")).to_be_visible()
                    links = page.locator("#main-nav .nav-link")
                    assert links.count() >= 5
                    for index in range(links.count()):
                        link_box = links.nth(index).bounding_box()
                        assert link_box["x"] >= 0 and link_box["x"] + link_box["width"] <= screen["width"]
                page.screenshot(path=f"/tmp/madani-navbar-{role}-{lang}-{screen['width']}.png")
        finally:
            context.close()
