"""A survey whose choices come from a CSV uploaded with it (select_one_from_file), filled in the browser:
the web form hands the CSV to ODK's engine, which offers its rows as the choices."""

from urllib.parse import urlsplit

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from playwright.sync_api import expect

from madani.accounts.models import Role, User
from madani.assessments import services
from madani.assessments.models import Kind, Questionnaire
from madani.assessments.workbooks import xlsform_bytes
from madani.assessments.xlsform import read_xlsform
from madani.collect.models import Submission
from tests.factories import BranchFactory, PersonFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

EMAIL = "trainer.villages@example.org"
PASSWORD = "Villages-Trainer-2026"
SURVEY = [{"type": "select_one_from_file villages.csv", "name": "village", "label::Arabic (ar)": "القرية",
           "label::English (en)": "Village"}]
VILLAGES = "name,label\nkhair,قرية الخير\nnour,قرية النور\n".encode()


@pytest.fixture
def survey(transactional_db, settings):
    settings.REQUIRE_2FA = False
    branch = BranchFactory(code="hajin", name="هجين", name_ar="هجين", name_en="Hajin")
    user = User.objects.create_user(email=EMAIL, password=PASSWORD, role=Role.TRAINER,
                                    person=PersonFactory(branch=branch, full_name="سلمى المدربة"))
    user.branches.set([branch])
    definition = read_xlsform(xlsform_bytes(SURVEY, None, {"version": "1"}), "villages.xlsx", domains=set())
    questionnaire = Questionnaire.objects.create(title="مسح القرى", title_ar="مسح القرى", title_en="Villages",
                                                 kind=Kind.SURVEY, branch=branch, version="1", definition=definition)
    services.media_attach(actor=user, questionnaire=questionnaire,
                          uploads=[SimpleUploadedFile("villages.csv", VILLAGES, content_type="text/csv")])
    return questionnaire


def test_the_choices_come_from_the_uploaded_csv_and_the_answer_is_received(page, live_server, survey, console_log):
    page.goto(live_server.url + "/accounts/login/")
    form = page.locator("main form[method=post]")
    form.locator("input[name=login]").fill(EMAIL)
    form.locator("input[name=password]").fill(PASSWORD)
    form.locator("button[type=submit]").click()
    page.wait_for_url(lambda url: urlsplit(url).path != "/accounts/login/")

    page.goto(f"{live_server.url}/collect/forms/{survey.pk}/fill/")
    expect(page.locator("#odk-form[data-ready]")).to_be_attached()
    question = page.locator(".odk-question").filter(has_text="القرية")
    expect(question.locator(".form-check-label")).to_have_text(["قرية الخير", "قرية النور"])
    page.get_by_label("قرية النور").check()
    page.locator("#odk-form button[type=submit]").click()
    expect(page.locator("#odk-status .alert-success")).to_be_visible()
    assert Submission.objects.get().answers["village"] == "nour"
    assert [e for e in console_log.errors if "pageerror" in e] == []
