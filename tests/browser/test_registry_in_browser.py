"""A branch manager registers an organization in the browser, finds it again by typing its name without
hamza, and switches the interface to English — Arabic/RTL first, htmx search, no CSP violations."""

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

from madani.accounts.models import Role, User
from madani.branches.models import Branch
from madani.organizations.models import Organization

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "Raqqa-Branch-Manager-2024"
EMAIL = "manager.raqqa@example.org"
NEW_NAME = "جمعية أحمد للتنمية"
OTHER_NAME = "منظمة نبض"
OTHER_NAME_EN = "Nabd Organization"
SCREENSHOT_AR = "/tmp/madani-org-list-ar.png"
SCREENSHOT_EN = "/tmp/madani-org-list-en.png"


@pytest.fixture
def branch(transactional_db):
    return Branch.objects.create(code="raqqa", name="الرقة", name_ar="الرقة", name_en="Raqqa")


@pytest.fixture
def branch_manager(branch, settings):
    # Staff must set up TOTP first when 2FA is required; the middleware reads the setting per request.
    settings.REQUIRE_2FA = False
    user = User.objects.create_user(
        email=EMAIL, password=PASSWORD, first_name="سامر", last_name="الخلف", role=Role.BRANCH_MANAGER
    )
    user.branches.set([branch])
    return user


@pytest.fixture
def other_organization(branch):
    """Already in the registry, so that the search visibly narrows the list."""
    return Organization.objects.create(branch=branch, name=OTHER_NAME, name_ar=OTHER_NAME, name_en=OTHER_NAME_EN)


def path_of(page) -> str:
    return urlsplit(page.url).path


def assert_language(page, lang: str, direction: str):
    html = page.locator("html")
    expect(html).to_have_attribute("lang", lang)
    expect(html).to_have_attribute("dir", direction)


def assert_static_files_load(console_log):
    failed = [r for r in console_log.failed_responses if "/static/" in r]
    assert failed == [], (
        "static files are not served (is madani/static listed in STATICFILES_DIRS?): " + ", ".join(failed)
    )


def log_in(page, console_log, base_url: str):
    page.goto(base_url + "/accounts/login/")
    page.wait_for_load_state("load")
    assert_static_files_load(console_log)
    assert_language(page, "ar", "rtl")
    form = page.locator("main form[method=post]")
    form.locator("input[name=login]").fill(EMAIL)
    form.locator("input[name=password]").fill(PASSWORD)
    form.locator("button[type=submit]").click()
    page.wait_for_url(lambda url: urlsplit(url).path == "/dashboard/")


def test_register_search_and_switch_language(
    page, console_log, live_server, branch, branch_manager, other_organization
):
    base_url = live_server.url

    # 1–3. Sign in through the form; the interface is Arabic, right to left.
    log_in(page, console_log, base_url)
    assert_language(page, "ar", "rtl")

    # 4. Organizations → New organization → fill in the Arabic name and the branch → Save.
    page.locator('nav a[href="/organizations/"]').click()
    page.wait_for_url(lambda url: urlsplit(url).path == "/organizations/")
    assert_language(page, "ar", "rtl")
    page.locator('main a[href="/organizations/new/"]').click()
    page.wait_for_url(lambda url: urlsplit(url).path == "/organizations/new/")
    form = page.locator("main form[method=post]")
    form.locator("#id_name_ar").fill(NEW_NAME)
    form.locator("#id_branch").select_option(value=str(branch.pk))
    form.locator("button[type=submit]").click()
    page.wait_for_url(lambda url: re.fullmatch(r"/organizations/\d+/", urlsplit(url).path) is not None)
    expect(page.locator("main h1")).to_have_text(NEW_NAME)
    expect(page.locator("main .alert-success")).to_be_visible()
    organization = Organization.objects.get(name_ar=NEW_NAME)
    assert organization.branch_id == branch.pk
    assert path_of(page) == f"/organizations/{organization.pk}/"

    # 5. Back to the list; type the name without hamza; htmx replaces the results in place.
    page.locator('nav a[href="/organizations/"]').click()
    page.wait_for_url(lambda url: urlsplit(url).path == "/organizations/")
    results = page.locator("#results")
    expect(results).to_contain_text(NEW_NAME)
    expect(results).to_contain_text(OTHER_NAME)
    page.evaluate("window.__madaniSamePage = true")  # survives an htmx swap, not a page load

    def is_search(response):
        return (urlsplit(response.url).path == "/organizations/" and "q=" in response.url
                and response.request.headers.get("hx-request") == "true")

    with page.expect_response(is_search) as search:
        page.locator("#id_q").press_sequentially("احمد", delay=40)
    assert search.value.ok
    expect(results.get_by_role("link", name=NEW_NAME)).to_be_visible()
    expect(results).not_to_contain_text(OTHER_NAME)
    assert page.evaluate("window.__madaniSamePage") is True, "the search reloaded the page instead of swapping"
    page.wait_for_url(lambda url: parse_qs(urlsplit(url).query).get("q") == ["احمد"])  # hx-push-url
    assert_language(page, "ar", "rtl")
    page.screenshot(path=SCREENSHOT_AR, full_page=True)

    # 6. The language switch leads to the same page in English, left to right, search kept.
    switch = page.locator("#language-switch")
    expect(switch).to_have_attribute("hreflang", "en")
    switch.click()
    page.wait_for_url(lambda url: urlsplit(url).path.startswith("/en/"))
    assert path_of(page) == "/en/organizations/"
    assert_language(page, "en", "ltr")
    expect(page.locator("main h1")).to_have_text("Organizations")
    expect(page.locator("#language-switch")).to_have_attribute("hreflang", "ar")
    assert parse_qs(urlsplit(page.url).query).get("q") == ["احمد"]
    results = page.locator("#results")
    expect(results).to_contain_text(NEW_NAME)  # the Arabic name where there is no English one
    expect(results).not_to_contain_text(OTHER_NAME_EN)  # still filtered
    page.screenshot(path=SCREENSHOT_EN, full_page=True)

    # 7. Nothing was blocked by the Content-Security-Policy, and every static file loaded.
    assert console_log.csp_violations() == [], console_log.errors
    assert_static_files_load(console_log)
