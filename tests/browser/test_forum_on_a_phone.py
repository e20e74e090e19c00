"""A member of a network reads a thread of its forum on a 360 px phone with JavaScript off — Arabic, right to
left, nothing wider than the screen, the next page a plain link — signs in and replies; the reply waits for
approval (a new author) and the page says so. Then the same thread with JavaScript on: no CSP violation."""

import datetime
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from madani.accounts.models import Role, User
from madani.forum import services
from madani.forum.models import Post, PostStatus
from madani.forum.views import POSTS_PER_PAGE
from madani.networks import services as networks
from tests.factories import BranchFactory, OrganizationFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

EMAIL, PASSWORD = "member.azaz@example.org", "Azaz-Youth-2024"
PHONE = {"width": 360, "height": 740}
SCREENSHOT = "/tmp/madani-forum-thread-phone.png"
LONG_LINK = "https://example.org/" + "a" * 120


@pytest.fixture
def thread(transactional_db, settings):
    settings.REQUIRE_2FA = False
    branch = BranchFactory(code="aleppo", name="حلب", name_ar="حلب", name_en="Aleppo")
    staff = User.objects.create_user(email="staff.aleppo@example.org", password=PASSWORD, role=Role.BRANCH_MANAGER)
    staff.branches.set([branch])
    network = OrganizationFactory(branch=branch, kind="network", name="شبكة وصل", name_ar="شبكة وصل")
    member = OrganizationFactory(branch=branch, name="مبادرة شباب اعزاز", name_ar="مبادرة شباب اعزاز")
    day = datetime.date(2024, 1, 1)
    networks.membership_create(actor=staff, network=network, data={
        "organization": member, "kind": "founding", "status": "active", "applied_on": day, "joined_on": day})
    User.objects.create_user(email=EMAIL, password=PASSWORD, role=Role.CSO_MEMBER, organization=member)
    forum = services.forum_create(actor=staff, network=network, slug="wasl")
    category = services.category_create(actor=staff, forum=forum, name="أخبار المنطقة")
    thread = services.thread_start(actor=staff, forum=forum, category=category,
                                   title="توصيات الشبكة حول حرية التعبير بعد زيارة المكاتب القضائية",
                                   body=f"ناقشنا **التوصيات** مع المكاتب القضائية. التفاصيل: {LONG_LINK}")
    for n in range(POSTS_PER_PAGE + 1):
        services.post_reply(actor=staff, thread=thread, body=f"رد رقم {n + 1} على التوصيات")
    return thread


def no_sideways_scroll(page):
    widths = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert widths[0] <= widths[1], f"the page is {widths[0]} px wide on a {widths[1]} px screen"


def test_a_member_reads_and_replies_on_a_phone_without_javascript(chromium_browser, live_server, thread, console_log):
    url = f"{live_server.url}/networks/wasl/forum/t/{thread.pk}/"
    context = chromium_browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(url)
        expect(page.locator("html")).to_have_attribute("dir", "rtl")
        expect(page.locator("h1")).to_contain_text("توصيات الشبكة")
        expect(page.locator(".forum-body strong").first).to_have_text("التوصيات")
        page.screenshot(path=SCREENSHOT, full_page=True)
        no_sideways_scroll(page)
        page.locator("a[rel=next]").click()
        expect(page.locator("article").last).to_contain_text(f"رد رقم {POSTS_PER_PAGE + 1}")

        page.locator("main a[href*='/accounts/login/']").click()  # "Sign in to reply"
        form = page.locator("main form[method=post]")
        form.locator("input[name=login]").fill(EMAIL)
        form.locator("input[name=password]").fill(PASSWORD)
        form.locator("button[type=submit]").click()
        page.wait_for_url(lambda address: urlsplit(address).path == urlsplit(url).path)
        page.locator("textarea[name=body]").fill("نشكركم على **المتابعة**")
        page.locator(f"form[action$='/t/{thread.pk}/reply/'] button[type=submit]").click()
        page.wait_for_url(lambda address: urlsplit(address).path == urlsplit(url).path)
        reply = Post.objects.get(body="نشكركم على **المتابعة**")
        assert reply.status == PostStatus.HELD
        expect(page.locator(f"#post-{reply.pk} .badge.text-bg-warning")).to_be_visible()  # awaiting approval
        no_sideways_scroll(page)
    finally:
        context.close()

    context = chromium_browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.on("console", console_log.on_console)
    page.on("pageerror", console_log.on_page_error)
    try:
        page.goto(url)
        expect(page.locator("html")).to_have_attribute("dir", "rtl")
        no_sideways_scroll(page)
        assert console_log.csp_violations() == [], console_log.errors
    finally:
        context.close()
