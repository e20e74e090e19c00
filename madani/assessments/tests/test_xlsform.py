"""Reading XLSForms: the supported subset becomes a definition; anything else is a clear error naming
the sheet row and the feature — never a crash."""

import pytest
from django.core.exceptions import ValidationError
from django.utils.translation import gettext

from madani.assessments.domains import DOMAINS
from madani.assessments.workbooks import xlsform_bytes
from madani.assessments.xlsform import iter_items, iter_questions, read_xlsform

from .conftest import AR, CHOICES, EN, SURVEY, small_form_bytes


def _read(survey, choices=CHOICES):
    return read_xlsform(small_form_bytes(survey, choices), "form.xlsx", domains=set(DOMAINS))


def _errors(survey, choices=CHOICES, name="form.xlsx", data=None):
    with pytest.raises(ValidationError) as error:
        read_xlsform(data if data is not None else small_form_bytes(survey, choices), name, domains=set(DOMAINS))
    return error.value.messages


def _row_problem(row, problem):
    return gettext("Survey sheet, row %(row)s: %(problem)s") % {"row": row, "problem": problem}


def test_every_supported_type_is_read_with_both_languages(small_definition):
    items = {item["name"]: item for item in iter_items(small_definition["children"])}
    assert {item["type"] for item in items.values()} == {
        "note", "group", "select_one", "text", "select_multiple", "integer", "decimal", "date"}
    assert items["has_bank"]["label"] == {"ar": "هل لدى المنظمة حساب مصرفي؟", "en": "Does the organization have a bank account?"}
    assert items["has_bank"]["required"] is True and items["staff"]["required"] is False
    assert items["bank_name"]["relevant"] == "${has_bank} = 'yes'"
    assert items["staff"]["constraint_message"] == {"ar": "عدد غير مقبول", "en": "Between 0 and 500, please"}
    assert items["budget"]["hint"] == {"en": "In US dollars"}
    assert [c["score"] for c in items["tools"]["choices"]] == [1, 1, 2]


def test_questions_inherit_the_domain_of_their_group(small_definition):
    domains = {q["name"]: q["domain"] for q, _groups in iter_questions(small_definition)}
    assert domains == {"has_bank": "finance", "bank_name": "finance", "tools": "finance", "staff": "", "budget": "",
                       "founded": ""}


def test_metadata_rows_and_kobo_columns_are_ignored():
    survey = [{"type": "start", "name": "start"}, {"type": "today", "name": "today"}, *SURVEY]
    survey[3] = {**survey[3], "$kuid": "abc123", "appearance": "minimal"}
    definition = _read(survey)
    assert "start" not in {item["name"] for item in iter_items(definition["children"])}


def test_aliases_of_types_are_accepted():
    definition = _read([{"type": "select one yes_no", "name": "a", AR: "أ", EN: "A"},
                        {"type": "int", "name": "b", AR: "ب", EN: "B"}])
    assert [q["type"] for q, _g in iter_questions(definition)] == ["select_one", "integer"]


@pytest.mark.parametrize("row, feature", [
    ({"type": "begin repeat", "name": "members"}, "begin repeat"),
    ({"type": "geopoint", "name": "where"}, "geopoint"),
    ({"type": "image", "name": "photo"}, "image"),
    ({"type": "time", "name": "when"}, "time"),
    ({"type": "range", "name": "scale"}, "range"),
    ({"type": "select_one yes_no or_other", "name": "other"}, "or_other"),
    ({"type": "select_one_from_file places.csv", "name": "place"}, "select_one_from_file places.csv"),
])
def test_an_unsupported_question_type_is_named_with_its_row(row, feature):
    messages = _errors([*SURVEY, row])
    problem = gettext("the question type “%(feature)s” is not supported.") % {"feature": feature}
    assert _row_problem(len(SURVEY) + 2, problem) in messages


def test_calculate_is_refused_as_a_type_and_its_calculation_column_too():
    messages = _errors([*SURVEY, {"type": "calculate", "name": "total", "calculation": "${staff} * 2"}])
    row = len(SURVEY) + 2
    assert _row_problem(row, gettext("the column “%(feature)s” is not supported.") % {"feature": "calculation"}) in messages
    assert _row_problem(row, gettext("the question type “%(feature)s” is not supported.") % {"feature": "calculate"}) in messages


@pytest.mark.parametrize("column, expression, feature", [
    ("relevant", "position() > 1", "position()"),
    ("relevant", "${staff} + 1 > 3", "+ (arithmetic)"),
    ("constraint", "string-length(.) < 10", "string-length()"),
    ("constraint", "regex(., '^[0-9]+$')", "regex()"),
])
def test_an_unsupported_expression_names_its_row_column_and_feature(column, expression, feature):
    messages = _errors([*SURVEY, {"type": "text", "name": "extra", AR: "إضافي", EN: "Extra", column: expression}])
    problem = gettext("the %(column)s expression uses “%(feature)s”, which is not supported.") % {
        "column": column, "feature": feature}
    assert messages == [_row_problem(len(SURVEY) + 2, problem)]


def test_structural_mistakes_are_named_with_their_rows():
    messages = _errors([
        {"type": "text", "name": "a", AR: "أ", EN: "A", "relevant": "${missing} = 1"},
        {"type": "text", "name": "a", AR: "أ", EN: "A"},
        {"type": "select_one nowhere", "name": "b", AR: "ب", EN: "B"},
        {"type": "text", "name": "c", AR: "ج", EN: "C", "required": "${a} = 'x'"},
        {"type": "text", "name": "d", AR: "د", EN: "D", "madani_domain": "cooking"},
        {"type": "end group"},
        {"type": "begin group", "name": "open"},
    ])
    assert len(messages) == 7
    assert [m.split(":")[0] for m in messages] == [
        m.split(":")[0] for m in [_row_problem(r, "") for r in (3, 4, 5, 6, 7, 8, 2)]]


def test_a_choice_score_must_be_a_number():
    messages = _errors(SURVEY, [*CHOICES, {"list_name": "tools", "name": "x", AR: "س", EN: "X", "madani_score": "lots"}])
    assert messages == [gettext("Choices sheet, row %(row)s: the score “%(value)s” is not a number.")
                        % {"row": len(CHOICES) + 2, "value": "lots"}]


def test_files_that_are_not_xlsforms_are_refused_with_a_message():
    assert _errors(None, data=b"%PDF-1.4", name="form.xlsx") == [gettext("The file could not be read as an XLSForm spreadsheet.")]
    assert _errors(None, data=b"x", name="form.pdf") == [gettext("Upload the form as an Excel file (.xlsx or .xls).")]
    no_survey = xlsform_bytes([{"list_name": "a"}])
    assert _errors(None, data=no_survey.replace(b"survey", b"survey"), name="form.xlsx")  # a sheet without questions


def test_pyxform_checks_still_apply():
    messages = _errors([{"type": "text", "name": "bad name", AR: "أ", EN: "A"}])
    assert messages[0].startswith(gettext("The XLSForm has an error: %(detail)s") % {"detail": ""})


def test_the_shipped_needs_assessment_covers_the_nine_domains(needs_questionnaire):
    assert set(needs_questionnaire.domains()) == set(DOMAINS)
    for question, _groups in iter_questions(needs_questionnaire.definition):
        assert question["label"]["ar"] and question["label"]["en"]
