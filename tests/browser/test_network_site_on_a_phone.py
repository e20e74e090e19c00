"""A visitor opens a network's website on a 360 px phone: Arabic, right to left, the brand at the right,
the network's colours applied through its generated stylesheet (no inline style: the CSP allows none),
nothing wider than the screen, the hidden member absent, an opinion article under its alias; then the
same site in English, left to right."""

import datetime
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from madani.accounts.models import Role
from madani.networks import services
from tests.factories import BranchFactory, OrganizationFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 360, "height": 740}
SCREENSHOT = "/tmp/madani-network-site-ar-phone.png"
DAY = datetime.date(2024, 1, 1)


@pytest.fixture
def wasl_site(transactional_db):
    branch = BranchFactory(code="aleppo", name="حلب", name_ar="حلب", name_en="Aleppo")
    admin = UserFactory(role=Role.ADMINISTRATOR, is_superuser=True)
    network = OrganizationFactory(branch=branch, kind="network", name="شبكة وصل", name_ar="شبكة وصل",
                                  name_en="Wasl Network")
    names = [("مبادرة شباب أعزاز الطويلة الاسم جداً للتحقق من الالتفاف", True), ("بيت المواطنة", True),
             ("فريق صوت الريف", False)]
    members = []
    for name, shown in names:
        members.append(services.membership_create(actor=admin, network=network, data={
            "organization": OrganizationFactory(branch=branch, name=name, name_ar=name), "status": "active",
            "kind": "founding", "applied_on": DAY, "joined_on": DAY, "shown_publicly": shown}))
    services.site_save(actor=admin, network=network, data={
        "slug": "wasl", "name_ar": "شبكة وصل", "name_en": "Wasl Network", "tagline_ar": "منظمات ريف حلب",
        "about_ar": "شبكة **منظمات** محلية.", "about_en": "A network of local **CSOs**.", "primary_colour": "#aa3300",
        "published": True})
    writer = UserFactory(role=Role.CSO_MEMBER, organization=members[0].organization, first_name="سامر",
                         last_name="الحقيقي")
    article = services.article_create(actor=writer, network=network, data={
        "title": "حرية التعبير في الريف", "body": "نص المقال " * 80, "alias": "قلم من الريف"})
    services.article_move(actor=writer, article=article, status="submitted")
    services.article_move(actor=admin, article=article, status="in_review")
    services.article_move(actor=admin, article=article, status="published")
    return network


def test_the_network_site_on_a_phone_in_both_directions(chromium_browser, live_server, wasl_site, console_log):
    context = chromium_browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.on("console", console_log.on_console)
    page.on("pageerror", console_log.on_page_error)
    page.on("response", console_log.on_response)
    try:
        page.goto(live_server.url + "/networks/wasl/")
        html = page.locator("html")
        expect(html).to_have_attribute("lang", "ar")
        expect(html).to_have_attribute("dir", "rtl")
        brand = page.locator(".brand").bounding_box()
        assert brand["x"] + brand["width"] > PHONE["width"] / 2  # the brand starts on the right
        colour = page.evaluate("getComputedStyle(document.querySelector('.site-header')).backgroundColor")
        assert colour == "rgb(170, 51, 0)"  # #aa3300, from the generated stylesheet
        main = page.locator("main")
        expect(main).to_contain_text("بيت المواطنة")
        expect(main).not_to_contain_text("فريق صوت الريف")
        for path in ["/networks/wasl/", "/networks/wasl/members/", "/networks/wasl/opinion/",
                     "/networks/wasl/services/", "/en/networks/wasl/"]:
            page.goto(live_server.url + path)
            widths = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
            assert widths[0] <= widths[1], (path, widths)
        page.goto(live_server.url + "/networks/wasl/opinion/")
        page.get_by_role("link", name="حرية التعبير في الريف").click()
        page.wait_for_url(lambda url: urlsplit(url).path.startswith("/networks/wasl/opinion/"))
        expect(page.locator(".byline")).to_contain_text("قلم من الريف")
        expect(page.locator("body")).not_to_contain_text("الحقيقي")
        page.screenshot(path=SCREENSHOT, full_page=True)
        page.locator("#language-switch").click()
        page.wait_for_url(lambda url: urlsplit(url).path.startswith("/en/networks/wasl/"))
        expect(page.locator("html")).to_have_attribute("dir", "ltr")
        assert console_log.csp_violations() == [], console_log.errors
        assert console_log.failed_responses == []
    finally:
        context.close()
