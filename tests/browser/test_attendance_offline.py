"""Ticks are never lost when the connection drops (issue 12): the sheet keeps them in the page and in
localStorage, says they are not saved yet, and saves them when the connection is back."""

import datetime
from urllib.parse import urlsplit

import pytest
from django.utils.translation import gettext
from playwright.sync_api import expect

from madani.accounts.models import Role, User
from madani.activities.models import Attendance
from tests.factories import ActivityFactory, BranchFactory, ParticipationFactory, PersonFactory, SessionFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

EMAIL = "trainer.offline@example.org"
PASSWORD = "Offline-Trainer-2026"
PHONE = {"width": 360, "height": 740}


@pytest.fixture
def workshop(transactional_db, settings):
    settings.REQUIRE_2FA = False
    branch = BranchFactory(code="amouda", name="عامودا", name_ar="عامودا", name_en="Amouda")
    trainer = PersonFactory(branch=branch, full_name="ليلى المدربة")
    user = User.objects.create_user(email=EMAIL, password=PASSWORD, role=Role.TRAINER, person=trainer)
    user.branches.set([branch])
    activity = ActivityFactory(branch=branch, kind="workshop", title="ورشة عامودا", title_ar="ورشة عامودا",
                               start_date=datetime.date(2026, 5, 10), end_date=datetime.date(2026, 5, 12))
    activity.facilitators.add(trainer)
    session = SessionFactory(activity=activity, date=activity.start_date, facilitator=trainer)
    people = [ParticipationFactory(activity=activity, person=PersonFactory(branch=branch, full_name=n)).person
              for n in ["نور الخلف", "عمر الجاسم", "ريم العبيد"]]
    return activity, session, people


def _sign_in(page, live_server):
    page.goto(live_server.url + "/accounts/login/")
    form = page.locator("main form[method=post]")
    form.locator("input[name=login]").fill(EMAIL)
    form.locator("input[name=password]").fill(PASSWORD)
    form.locator("button[type=submit]").click()
    page.wait_for_url(lambda url: urlsplit(url).path == "/activities/my-sessions/")


def test_ticks_survive_a_dropped_connection_and_are_saved_when_it_is_back(chromium_browser, live_server, workshop,
                                                                          console_log):
    activity, session, people = workshop
    context = chromium_browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.on("pageerror", console_log.on_page_error)
    try:
        _sign_in(page, live_server)
        sheet = f"/activities/{activity.pk}/sessions/{session.pk}/attendance/"
        page.goto(live_server.url + sheet)
        page.get_by_text(people[0].full_name).tap()
        page.get_by_text(people[1].full_name).tap()
        status = page.locator("[data-sheet-status]")
        expect(status).to_have_text(gettext("Not saved yet: your ticks are kept on this phone."))

        context.set_offline(True)
        page.locator("main form button[type=submit]").first.tap()
        expect(status).to_have_text(gettext("Not saved: there is no connection. Your ticks are kept on this phone and "
                                            "will be saved as soon as the connection is back."))
        assert not Attendance.objects.filter(session=session).exists()
        expect(page.locator(f"input[name=present][value='{people[0].pk}']")).to_be_checked()
        kept = page.evaluate(f"JSON.parse(localStorage.getItem('madani-attendance-{session.pk}')).present")
        assert sorted(kept) == sorted([str(people[0].pk), str(people[1].pk)])

        context.set_offline(False)  # the browser's "online" event sends the list again
        expect(page.locator(".alert-success").first).to_be_visible()
        present = set(Attendance.objects.filter(session=session).values_list("person_id", flat=True))
        assert present == {people[0].pk, people[1].pk}
        assert page.evaluate(f"localStorage.getItem('madani-attendance-{session.pk}')") is None
        assert console_log.errors == []
    finally:
        context.close()


def test_ticks_not_yet_saved_come_back_when_the_page_is_opened_again(chromium_browser, live_server, workshop):
    activity, session, people = workshop
    context = chromium_browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    try:
        _sign_in(page, live_server)
        sheet = live_server.url + f"/activities/{activity.pk}/sessions/{session.pk}/attendance/"
        page.goto(sheet)
        page.locator("[data-all-present]").tap()
        expect(page.locator("input[name=present]:checked")).to_have_count(3)
        page.goto(sheet)  # the phone's browser was closed before saving
        expect(page.locator("input[name=present]:checked")).to_have_count(3)
        expect(page.locator("[data-sheet-status]")).to_have_text(
            gettext("Ticks from an earlier save that did not reach the server were put back. Press Save to send them."))
        assert not Attendance.objects.filter(session=session).exists()
    finally:
        context.close()
