"""A survey filled in the browser with ODK's engine (issue 13): Arabic labels, Eastern Arabic digits, form text
shown as text; once opened it keeps working offline, the submission waits on the device and is received once
when the connection returns. So does a needs assessment, whose page is outside the forms' address (the
worker's scope is the site in the page's language)."""

from urllib.parse import urlsplit

import pytest
from django.contrib.sessions.models import Session
from django.utils import translation
from django.utils.translation import gettext
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect

from madani.accounts.models import Role, User
from madani.assessments.models import Kind, Questionnaire, Response
from madani.assessments.tests.conftest import small_form_bytes
from madani.assessments.xlsform import read_xlsform
from madani.collect.models import Submission
from madani.collect.tests.conftest import make_survey
from tests.factories import BranchFactory, OrganizationFactory, PersonFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

EMAIL = "trainer.webform@example.org"
PASSWORD = "Webform-Trainer-2026"
STAFF_EMAIL = "manager.webform@example.org"
PHONE = {"width": 360, "height": 740}
XSS = '<img src=x onerror="document.title=1">'


@pytest.fixture
def survey(transactional_db, settings):
    settings.REQUIRE_2FA = False
    branch = BranchFactory(code="hajin", name="هجين", name_ar="هجين", name_en="Hajin")
    user = User.objects.create_user(email=EMAIL, password=PASSWORD, role=Role.TRAINER,
                                    person=PersonFactory(branch=branch, full_name="سلمى المدربة"))
    user.branches.set([branch])
    return make_survey(branch)


@pytest.fixture
def needs_assessment(transactional_db, settings):
    """A branch manager, an organization of the branch and a needs-assessment form."""
    settings.REQUIRE_2FA = False
    branch = BranchFactory(code="shaddadi", name="الشدادي", name_ar="الشدادي", name_en="Shaddadi")
    user = User.objects.create_user(email=STAFF_EMAIL, password=PASSWORD, role=Role.BRANCH_MANAGER)
    user.branches.set([branch])
    organization = OrganizationFactory(branch=branch, name="جمعية الشدادي", name_ar="جمعية الشدادي",
                                       name_en="Shaddadi Association")
    questionnaire = Questionnaire.objects.create(
        title="استمارة صغيرة", title_ar="استمارة صغيرة", title_en="Small form", kind=Kind.NEEDS,
        definition=read_xlsform(small_form_bytes(), "small.xlsx", domains={"finance"}))
    return organization, questionnaire


def _sign_in(page, live_server, email=EMAIL):
    page.goto(live_server.url + "/accounts/login/")
    form = page.locator("main form[method=post]")
    form.locator("input[name=login]").fill(email)
    form.locator("input[name=password]").fill(PASSWORD)
    form.locator("button[type=submit]").click()
    page.wait_for_url(lambda url: urlsplit(url).path != "/accounts/login/")


def _fill(page, place):
    question = page.locator(".odk-question")
    question.filter(has_text="اسم المكان").locator("input").fill(place)
    households = question.filter(has_text="عدد الأسر").locator("input")
    households.fill("١٢")
    households.blur()
    expect(households).to_have_value("12")
    page.get_by_label("نعم").check()


def test_survey_filled_offline_is_sent_once_when_the_connection_returns(chromium_browser, live_server, survey,
                                                                       console_log):
    context = chromium_browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.on("console", console_log.on_console)
    page.on("pageerror", console_log.on_page_error)
    try:
        _sign_in(page, live_server)
        url = f"{live_server.url}/collect/forms/{survey.pk}/fill/"
        page.goto(url)
        expect(page.locator("#odk-form[data-ready]")).to_be_attached()
        expect(page.locator("html")).to_have_attribute("dir", "rtl")
        expect(page.locator(".odk-question").filter(has_text="هل تتوفر المياه؟")).to_be_visible()
        # the engine checks the form's constraint (households < 1000) and says so under the question
        households = page.locator(".odk-question").filter(has_text="عدد الأسر").locator("input")
        households.fill("٢٠٠٠")
        households.blur()
        page.locator("#odk-form button[type=submit]").click()
        expect(page.locator("#odk-status .alert-danger")).to_be_visible()
        assert not Submission.objects.exists()
        # the service worker has kept the page and its files
        _wait_until_kept(page, url)
        page.wait_for_function("caches.open('madani-forms-v1').then(c => c.keys()).then(k => k.length >= 3)")

        context.set_offline(True)
        _reload_offline(page)
        expect(page.locator("#odk-form[data-ready]")).to_be_attached()
        _fill(page, XSS)
        page.locator("#odk-form button[type=submit]").click()
        expect(page.locator("#odk-status")).to_contain_text(gettext(
            "No connection: the submission is kept on this device and will be sent when the connection returns."))
        expect(page.locator("#odk-queue [data-queue='1']")).to_be_visible()
        assert not Submission.objects.exists()

        context.set_offline(False)  # the "online" event sends what waits
        expect(page.locator("#odk-status .alert-success")).to_be_visible()
        expect(page.locator("#odk-queue [data-queue]")).to_have_count(0)
        submission = Submission.objects.get()
        assert submission.answers["place_name"] == XSS  # kept as typed, never run
        assert str(submission.answers["households"]) == "12"
        assert submission.credential is None and submission.submitted_by.email == EMAIL
        page.evaluate("window.dispatchEvent(new Event('online'))")  # a second "online" sends nothing again
        page.wait_for_timeout(300)
        assert Submission.objects.count() == 1
        assert page.title() != "1"
        assert console_log.csp_violations() == []
        assert [e for e in console_log.errors if "pageerror" in e] == []
    finally:
        context.close()


def test_a_submission_waiting_when_the_sign_in_ends_is_sent_by_its_own_account_only(chromium_browser, live_server,
                                                                                     survey, console_log):
    branch = survey.branch
    other = User.objects.create_user(email="other.trainer@example.org", password=PASSWORD, role=Role.TRAINER)
    other.branches.set([branch])
    context = chromium_browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.on("pageerror", console_log.on_page_error)
    try:
        _sign_in(page, live_server)
        url = f"{live_server.url}/collect/forms/{survey.pk}/fill/"
        page.goto(url)
        expect(page.locator("#odk-form[data-ready]")).to_be_attached()
        _wait_until_kept(page, url)
        context.set_offline(True)
        _fill(page, "الباغوز")
        page.locator("#odk-form button[type=submit]").click()
        expect(page.locator("#odk-queue [data-queue='1']")).to_be_visible()

        Session.objects.all().delete()  # the sign-in ends while the phone is offline
        context.set_offline(False)
        with translation.override("ar"):
            sign_in_again = gettext("Your sign-in has ended: sign in again and open this form to send what waits "
                                    "on this device.")
        expect(page.locator("#odk-status")).to_contain_text(sign_in_again)
        expect(page.locator("#odk-queue [data-queue='1']")).to_be_visible()  # still waiting, not refused
        assert not Submission.objects.exists()

        # another account on the same phone does not send it
        _sign_in(page, live_server, other.email)
        page.goto(url)
        expect(page.locator("#odk-form[data-ready]")).to_be_attached()
        expect(page.locator("#odk-queue [data-queue]")).to_have_count(0)
        page.wait_for_timeout(500)
        assert not Submission.objects.exists()
        with page.expect_navigation():
            page.locator("form[data-sign-out]").evaluate("form => form.requestSubmit()")

        # its own account, signed in again, sends it once
        _sign_in(page, live_server)
        page.goto(url)
        expect(page.locator("#odk-status .alert-success")).to_be_visible()
        expect(page.locator("#odk-queue [data-queue]")).to_have_count(0)
        submission = Submission.objects.get()
        assert submission.submitted_by.email == EMAIL and submission.answers["place_name"] == "الباغوز"
        assert [e for e in console_log.errors if "pageerror" in e] == []
    finally:
        context.close()


def test_needs_assessment_page_opens_offline_and_its_answers_are_received_once(chromium_browser, live_server,
                                                                              needs_assessment, console_log):
    organization, questionnaire = needs_assessment
    context = chromium_browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.on("console", console_log.on_console)
    page.on("pageerror", console_log.on_page_error)
    try:
        _sign_in(page, live_server, STAFF_EMAIL)
        # in English, under /en/: the worker's scope is the site in the page's language
        url = f"{live_server.url}/en/assessments/organizations/{organization.pk}/new/?questionnaire={questionnaire.pk}"
        page.goto(url)
        expect(page.locator("#odk-form[data-ready]")).to_be_attached()
        _wait_until_kept(page, url)
        assert page.evaluate("navigator.serviceWorker.getRegistration().then(r => r.scope)") == live_server.url + "/en/"
        # another signed-in page, opened under the worker, is not kept: only form pages and static files are
        page.goto(f"{live_server.url}/en/assessments/organizations/{organization.pk}/")
        page.goto(url)
        expect(page.locator("#odk-form[data-ready]")).to_be_attached()
        kept = page.evaluate("caches.open('madani-forms-v1').then(c => c.keys()).then(k => k.map(r => r.url))")
        assert url in kept and all(k == url or k.startswith(live_server.url + "/static/") for k in kept), kept

        context.set_offline(True)
        _reload_offline(page)
        expect(page.locator("#odk-form[data-ready]")).to_be_attached()
        page.get_by_label("Yes").check()
        page.locator(".odk-question").filter(has_text="Name of the bank").locator("input").fill("مصرف الشدادي")
        page.locator("#odk-form button[type=submit]").click()
        with translation.override("en"):
            waiting = gettext("No connection: the submission is kept on this device and will be sent when the "
                              "connection returns.")
        expect(page.locator("#odk-status")).to_contain_text(waiting)
        expect(page.locator("#odk-queue [data-queue='1']")).to_be_visible()
        assert not Response.objects.exists()

        context.set_offline(False)  # the "online" event sends what waits
        expect(page.locator("#odk-status .alert-success")).to_be_visible()
        expect(page.locator("#odk-queue [data-queue]")).to_have_count(0)
        response = Response.objects.get()
        assert response.organization == organization and response.questionnaire == questionnaire
        assert response.answers["has_bank"] == "yes" and response.answers["bank_name"] == "مصرف الشدادي"
        page.evaluate("window.dispatchEvent(new Event('online'))")  # a second "online" sends nothing again
        page.wait_for_timeout(300)
        assert Response.objects.count() == 1

        # signing out forgets the kept page: on a shared phone it no longer opens offline
        with page.expect_navigation():
            page.locator("form[data-sign-out]").evaluate("form => form.requestSubmit()")
        assert page.evaluate("url => caches.match(url).then(kept => !kept)", url)
        context.set_offline(True)
        with pytest.raises(PlaywrightError):
            page.goto(url)
        assert console_log.csp_violations() == []
        assert [e for e in console_log.errors if "pageerror" in e] == []
    finally:
        context.close()



def _wait_until_kept(page, url):
    """The service worker controls the page and has kept it (with its files) for offline use."""
    page.wait_for_function("() => navigator.serviceWorker.controller !== null")
    page.wait_for_function("url => caches.open('madani-forms-v1').then(c => c.match(url)).then(r => !!r)", arg=url)

def _reload_offline(page):
    """Reload with the network off: the kept page must answer. Under a loaded machine (the suite on every
    core) Chromium has once answered the first offline navigation with ERR_FAILED while the worker was
    still starting; a second try a moment later must then succeed."""
    try:
        page.reload()
    except PlaywrightError:
        page.wait_for_timeout(1000)
        page.reload()

