"""A trainer opens the attendance sheet of their workshop on a phone, ticks who is here and saves —
Arabic, right to left, no horizontal scrolling, no CSP violations."""

import datetime
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from madani.accounts.models import Role, User
from madani.activities.models import Attendance
from tests.factories import (
    ActivityFactory,
    BranchFactory,
    ParticipationFactory,
    PersonFactory,
    SessionFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

EMAIL = "trainer.hajin@example.org"
PASSWORD = "Hajin-Trainer-2024"
PHONE = {"width": 360, "height": 740}
SCREENSHOT = "/tmp/madani-attendance-phone.png"


@pytest.fixture
def workshop(transactional_db, settings):
    settings.REQUIRE_2FA = False
    branch = BranchFactory(code="deir", name="دير الزور", name_ar="دير الزور", name_en="Deir ez-Zor")
    trainer = PersonFactory(branch=branch, full_name="محمد المدرب")
    user = User.objects.create_user(email=EMAIL, password=PASSWORD, role=Role.TRAINER, person=trainer)
    user.branches.set([branch])
    activity = ActivityFactory(branch=branch, kind="workshop", title="ورشة هجين", title_ar="ورشة هجين",
                               start_date=datetime.date(2026, 5, 10), end_date=datetime.date(2026, 5, 12))
    activity.facilitators.add(trainer)
    session = SessionFactory(activity=activity, date=activity.start_date, facilitator=trainer)
    names = ["نور الخلف", "عمر الجاسم", "ريم العبيد"]
    people = [ParticipationFactory(activity=activity, person=PersonFactory(branch=branch, full_name=n)).person
              for n in names]
    return activity, session, people


def test_a_trainer_marks_attendance_on_a_phone(chromium_browser, live_server, workshop, console_log):
    activity, session, people = workshop
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
        page.wait_for_url(lambda url: urlsplit(url).path == "/activities/my-sessions/")  # a trainer lands there

        sheet = f"/activities/{activity.pk}/sessions/{session.pk}/attendance/"
        page.goto(live_server.url + sheet)
        expect(page.locator("html")).to_have_attribute("dir", "rtl")
        boxes = page.locator("input[name=present]")
        expect(boxes).to_have_count(3)
        # Whole rows are the tap targets: tapping a name ticks its box.
        page.get_by_text(people[0].full_name).tap()
        page.get_by_text(people[2].full_name).tap()
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], "the sheet scrolls sideways"
        page.screenshot(path=SCREENSHOT, full_page=True)
        page.locator("main form button[type=submit]").first.tap()
        page.wait_for_url(lambda url: urlsplit(url).path == sheet)
        expect(page.locator("main .alert-success, .alert-success").first).to_be_visible()
        present = set(Attendance.objects.filter(session=session).values_list("person_id", flat=True))
        assert present == {people[0].pk, people[2].pk}
        expect(page.locator(f"input[name=present][value='{people[0].pk}']")).to_be_checked()
        assert console_log.csp_violations() == [], console_log.errors
    finally:
        context.close()
