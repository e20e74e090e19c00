"""Uploading an XLSForm and seeing it as a bilingual web form."""

import time

from django.urls import reverse
from django.utils.html import escape
from django.utils.translation import gettext

from conftest import client_for
from madani.assessments.models import Kind, Questionnaire
from tests.workbooks import xlsx_bytes

from .conftest import SURVEY, small_form_bytes
from .helpers import upload_questionnaire


def test_staff_upload_an_xlsform_and_see_it_in_arabic_and_english(client_a, staff_a):
    response = upload_questionnaire(client_a)
    questionnaire = Questionnaire.objects.get(title_ar="استمارة المالية")
    assert response["Location"] == reverse("assessments:detail", args=[questionnaire.pk])
    assert questionnaire.created_by == staff_a and questionnaire.source_file
    arabic = client_a.get(response["Location"]).content.decode()
    assert "هل لدى المنظمة حساب مصرفي؟" in arabic and "مرحباً بكم" in arabic and 'dir="rtl"' in arabic
    english = client_a.get("/en" + response["Location"]).content.decode()
    assert "Does the organization have a bank account?" in english and "Welcome" in english
    assert "In US dollars" in english  # the hint
    assert "Yes" in english and "(2.0 points)" in english and "Financial management" in english  # choices, scores
    assert '<code dir="ltr">${has_bank} = &#x27;yes&#x27;</code>' in english  # when a question shows


def test_an_unsupported_feature_is_reported_on_the_page_not_as_a_server_error(client_a):
    bad = small_form_bytes([*SURVEY, {"type": "geopoint", "name": "where", "label": "Where"}])
    response = upload_questionnaire(client_a, bad)
    assert response.status_code == 200
    problem = gettext("“%(feature)s” cannot be filled in the web form yet.") % {"feature": "geopoint"}
    expected = gettext("Survey sheet, row %(row)s: %(problem)s") % {"row": len(SURVEY) + 2, "problem": problem}
    assert expected in response.content.decode()
    assert not Questionnaire.objects.filter(title_ar="استمارة المالية").exists()


def test_garbage_files_get_a_message(client_a):
    response = upload_questionnaire(client_a, b"not a spreadsheet at all")
    assert response.status_code == 200
    assert gettext("The file could not be read as an XLSForm spreadsheet.") in response.content.decode()


def test_a_test_needs_its_training(client_a, activity_a):
    response = upload_questionnaire(client_a, kind="pre_test")
    assert gettext("Choose the training that this test belongs to.") in response.content.decode()
    upload_questionnaire(client_a, kind="pre_test", activity=activity_a.pk)
    assert Questionnaire.objects.get(kind=Kind.PRE_TEST).activity == activity_a


def test_only_recorders_upload(cso_member, trainer_a):
    for user in (cso_member, trainer_a):
        assert client_for(user).get(reverse("assessments:upload")).status_code == 403


def test_the_file_downloads_as_an_attachment(client_a, needs_questionnaire):
    upload_questionnaire(client_a)
    uploaded = Questionnaire.objects.get(title_ar="استمارة المالية")
    for questionnaire in (uploaded, needs_questionnaire):
        response = client_a.get(reverse("assessments:download", args=[questionnaire.pk]))
        assert response.status_code == 200
        assert response["Content-Disposition"].startswith("attachment")


def test_cso_members_see_needs_assessments_but_not_tests(cso_member, activity_a, small_definition, needs_questionnaire):
    test = Questionnaire.objects.create(title="اختبار", kind=Kind.PRE_TEST, activity=activity_a, definition=small_definition)
    client = client_for(cso_member)
    listed = list(client.get(reverse("assessments:list")).context["questionnaires"])
    assert needs_questionnaire in listed and test not in listed
    assert client.get(reverse("assessments:detail", args=[test.pk])).status_code == 404


def test_a_200000_row_xlsform_is_refused_at_once_naming_the_sheet_and_nothing_is_saved(client_a):
    survey = [["type", "name", "label"]] + [["text", f"q{i}", f"Question {i}"] for i in range(200_000)]
    huge = xlsx_bytes({"survey": survey, "choices": [["list_name", "name", "label"]]})
    started = time.monotonic()
    response = upload_questionnaire(client_a, huge)
    assert time.monotonic() - started < 5
    assert response.status_code == 200
    message = gettext("The sheet “%(sheet)s” has more than %(limit)s rows, the most this upload accepts.") % {
        "sheet": "survey", "limit": 5000}
    assert escape(message) in response.content.decode()
    assert not Questionnaire.objects.filter(title_ar="استمارة المالية").exists()


def test_an_xlsform_whose_choices_are_over_the_limit_is_refused(client_a, settings):
    settings.MADANI_XLSFORM_MAX_ROWS = 4
    response = upload_questionnaire(client_a, small_form_bytes(SURVEY[2:3]))  # one question, five choices
    message = gettext("The sheet “%(sheet)s” has more than %(limit)s rows, the most this upload accepts.") % {
        "sheet": "choices", "limit": 4}
    assert escape(message) in response.content.decode()


def test_an_xlsform_that_unpacks_to_too_much_is_refused(client_a, settings):
    settings.MADANI_XLSX_MAX_UNPACKED_MB = 1
    bomb = xlsx_bytes({"survey": [["type", "name", "label"], ["text", "q", "Q"]]},
                      extra={"xl/media/padding.bin": b"\0" * (2 * 1024 * 1024)})
    response = upload_questionnaire(client_a, bomb)
    message = gettext("The workbook unpacks to more than %(megabytes)s MB, the most this upload accepts.") % {
        "megabytes": 1}
    assert escape(message) in response.content.decode()
    assert not Questionnaire.objects.filter(title_ar="استمارة المالية").exists()


def test_repeats_calculations_and_any_expression_load_for_the_web_form(client_a):
    """ODK's engine fills them in the browser: the needs assessment or test is accepted (issue 13)."""
    richer = small_form_bytes([*SURVEY, {"type": "begin repeat", "name": "members", "label": "M"},
                               {"type": "text", "name": "member", "label": "N", "constraint": "regex(., '^[a-z]+$')"},
                               {"type": "end repeat"},
                               {"type": "calculate", "name": "twice", "calculation": "${staff} * 2"}])
    assert upload_questionnaire(client_a, richer).status_code == 302
