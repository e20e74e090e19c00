"""A visitor opens the public home page: Arabic and right to left first (the brand on the right), the
same page in English mirrored, nothing wider than a 360 px phone, no CSP violations, and the
registration form of an open training one click away."""

import datetime
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from madani.activities.models import Kind, Status
from madani.places.models import Level, Place
from madani.public.models import Registration
from tests.factories import ActivityFactory, BranchFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 360, "height": 740}
TITLE_AR, TITLE_EN = "ورشة كتابة المقترحات", "Proposal-writing workshop"
SCREENSHOT_AR = "/tmp/madani-public-home-ar.png"
SCREENSHOT_EN = "/tmp/madani-public-home-en-phone.png"


def _place(pcode, level, name_ar, name_en, parent=None):
    """Transactional tests empty the gazetteer loaded by migrations: make sure these places exist."""
    place, _created = Place.objects.get_or_create(
        pcode=pcode, defaults={"level": level, "parent": parent, "name": name_ar, "name_ar": name_ar, "name_en": name_en})
    return place


@pytest.fixture
def open_workshop(transactional_db):
    raqqa = _place("SY11", Level.GOVERNORATE, "الرقة", "Ar-Raqqa")
    district = _place("SY1101", Level.DISTRICT, "الرقة", "Ar-Raqqa", raqqa)
    city = _place("SY110100", Level.SUBDISTRICT, "مركز الرقة", "Ar-Raqqa", district)
    branch = BranchFactory(code="raqqa", name="الرقة", name_ar="الرقة", name_en="Raqqa", place=city)
    start = datetime.date.today() + datetime.timedelta(days=10)
    return ActivityFactory(branch=branch, kind=Kind.WORKSHOP, status=Status.PLANNED, open_for_registration=True,
                           title=TITLE_AR, title_ar=TITLE_AR, title_en=TITLE_EN, place=city, start_date=start,
                           end_date=start + datetime.timedelta(days=2))


def assert_language(page, lang: str, direction: str):
    html = page.locator("html")
    expect(html).to_have_attribute("lang", lang)
    expect(html).to_have_attribute("dir", direction)


def assert_no_horizontal_scroll(page):
    widths = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert widths[0] <= widths[1], f"the page is {widths[0]} px wide on a {widths[1]} px screen"


def boxes(page):
    return page.locator(".navbar-brand").bounding_box(), page.locator("#language-switch").bounding_box()


def test_the_public_home_page_in_both_directions(chromium_browser, live_server, open_workshop, console_log):
    context = chromium_browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    page.on("console", console_log.on_console)
    page.on("pageerror", console_log.on_page_error)
    page.on("response", console_log.on_response)
    try:
        # 1. Arabic first: right to left, the brand on the right of the language switch.
        page.goto(live_server.url + "/")
        assert_language(page, "ar", "rtl")
        expect(page.locator("#trainings")).to_contain_text(TITLE_AR)
        brand, switch = boxes(page)
        assert brand["x"] > switch["x"] and brand["x"] + brand["width"] > DESKTOP["width"] / 2
        page.screenshot(path=SCREENSHOT_AR, full_page=True)

        # 2. The language switch leads to the same page in English, mirrored.
        page.locator("#language-switch").click()
        page.wait_for_url(lambda url: urlsplit(url).path == "/en/")
        assert_language(page, "en", "ltr")
        expect(page.locator("#trainings")).to_contain_text(TITLE_EN)
        brand, switch = boxes(page)
        assert brand["x"] < switch["x"] and brand["x"] < DESKTOP["width"] / 2

        # 3. On a 360 px phone nothing is wider than the screen, in either language.
        page.set_viewport_size(PHONE)
        for path in ("/en/", "/"):
            page.goto(live_server.url + path)
            assert_no_horizontal_scroll(page)
        page.goto(live_server.url + "/en/")
        page.screenshot(path=SCREENSHOT_EN, full_page=True)

        # 4. The open workshop's registration form is one click away, and it works on the phone.
        page.locator("#trainings").get_by_role("link", name="Register").click()
        page.wait_for_url(lambda url: urlsplit(url).path == f"/en/trainings/{open_workshop.pk}/register/")
        assert_no_horizontal_scroll(page)
        form = page.locator("#registration-form")
        form.locator("#id_full_name").fill("ليلى الحسن")
        form.locator("input[name=gender][value=female]").check()
        form.locator("#id_birth_year").fill("1996")
        form.locator("#id_phone").fill("+963 933 111 222")
        form.locator("#id_home_place").select_option(value=str(open_workshop.place_id))
        form.locator("#id_consent").check()
        form.locator("button[type=submit]").click()
        page.wait_for_url(lambda url: urlsplit(url).path == "/en/trainings/registered/")
        assert Registration.objects.get().full_name == "ليلى الحسن"
        expect(page.locator("main")).not_to_contain_text("ليلى")

        # 5. Nothing was blocked by the Content-Security-Policy, and every file loaded.
        assert console_log.csp_violations() == [], console_log.errors
        assert console_log.failed_responses == []
    finally:
        context.close()
