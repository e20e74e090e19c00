"""Reading XLSForms: the supported subset becomes a definition; anything else is a clear error naming
the sheet row and the feature — never a crash."""

from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.utils.translation import gettext

from madani.assessments.domains import DOMAINS
from madani.assessments.workbooks import xlsform_bytes
from madani.assessments.xlsform import iter_items, iter_questions, read_xlsform, text_in, web_entry_problems

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
                        {"type": "int", "name": "b", AR: "ب", EN: "B"},
                        {"type": "select one from tools", "name": "c", AR: "ج", EN: "C"}])
    assert [q["type"] for q, _g in iter_questions(definition)] == ["select_one", "integer", "select_one"]


def _web_problem(row, feature):
    return _row_problem(row, gettext("“%(feature)s” cannot be filled in the web form yet.") % {"feature": feature})


@pytest.mark.parametrize("row, feature", [
    ({"type": "geopoint", "name": "where", "label": "W"}, "geopoint"),
    ({"type": "image", "name": "photo", "label": "P"}, "photo"),
    ({"type": "range", "name": "scale", "label": "S"}, "range"),
    ({"type": "gps", "name": "where", "label": "W"}, "gps"),  # an alias of geopoint
    ({"type": "osm", "name": "building", "label": "B"}, "osm"),  # an OpenStreetMap file
])
def test_a_question_type_the_web_form_cannot_fill_loads_and_is_named_with_its_row(row, feature):
    """pyxform converts the form (ODK Collect and Enketo fill it); the web form names what it cannot fill."""
    definition = _read([*SURVEY, row])
    assert "<h:html" in definition["xform"] and row["name"] in definition["xform"]
    assert _web_problem(len(SURVEY) + 2, feature) in web_entry_problems(definition)


@pytest.mark.parametrize("rows", [
    [{"type": "begin repeat", "name": "members", "label": "M"}, {"type": "text", "name": "inside", "label": "I"},
     {"type": "end repeat"}],
    [{"type": "calculate", "name": "total", "calculation": "${staff} * 2"}],
    [{"type": "time", "name": "when", "label": "W"}],
    [{"type": "text", "name": "extra", AR: "إضافي", EN: "Extra", "relevant": "position(..) > 1"}],
    [{"type": "text", "name": "extra", AR: "إضافي", EN: "Extra", "constraint": "regex(., '^[0-9]+$')"}],
    [{"type": "text", "name": "extra", AR: "إضافي", EN: "Extra", "required": "${staff} > 3"}],
])
def test_what_odks_engine_evaluates_is_filled_on_the_web(rows):
    """Repeats, calculations and every XPath expression are ODK's engine's to apply (no Madani evaluator)."""
    assert web_entry_problems(_read([*SURVEY, *rows])) == []


def test_choices_and_data_from_a_file_are_filled_on_the_web_with_the_files_uploaded_with_the_form():
    """The web form hands the uploaded files to ODK's engine: the form names them, and nothing else stops it."""
    from madani.assessments.submissions import expected_data_files

    definition = _read([*SURVEY, {"type": "select_one_from_file places.csv", "name": "place", "label": "P"},
                        {"type": "select_multiple_from_file areas.xml", "name": "areas", "label": "A"},
                        {"type": "calculate", "name": "code",
                         "calculation": "pulldata('codes', 'code', 'name', ${place})"}])
    assert web_entry_problems(definition) == []
    assert expected_data_files(definition) == ["areas.xml", "codes.csv", "places.csv"]


def test_collects_search_appearance_names_its_csv_and_is_not_filled_on_the_web():
    from madani.assessments.submissions import expected_data_files

    definition = _read([*SURVEY, {"type": "select_one towns", "name": "near", "label": "N",
                                  "appearance": "search('towns')"}],
                       [*CHOICES, {"list_name": "towns", "name": "name", "label": "label"}])
    assert expected_data_files(definition) == ["towns.csv"]
    assert web_entry_problems(definition) == [_web_problem(len(SURVEY) + 2, "search()")]


def test_the_shipped_forms_are_filled_on_the_web_whole(small_definition):
    assert web_entry_problems(small_definition) == []


def test_pyxform_names_the_row_of_a_structural_mistake():
    messages = _errors([{"type": "text", "name": "a", AR: "أ", EN: "A"}, {"type": "text", "name": "a", AR: "أ", EN: "A"}])
    assert len(messages) == 1 and "[row : 3]" in messages[0] and "'a'" in messages[0]
    messages = _errors([{"type": "select_one nowhere", "name": "b", AR: "ب", EN: "B"}])
    assert "[row : 2]" in messages[0] and "nowhere" in messages[0]
    messages = _errors([{"type": "text", "name": "a", "label": "A"}, {"type": "end group"}])
    assert "[row : 3]" in messages[0]


def test_an_unknown_domain_is_named_with_its_row():
    messages = _errors([{"type": "text", "name": "a", AR: "أ", EN: "A"},
                        {"type": "text", "name": "d", AR: "د", EN: "D", "madani_domain": "cooking"}])
    assert messages == [_row_problem(3, gettext("the domain “%(domain)s” is not one of: %(domains)s.")
                                     % {"domain": "cooking", "domains": ", ".join(sorted(DOMAINS))})]


@pytest.mark.parametrize("arabic", ["label::Arabic (ar)", "label::العربية", "label:Arabic", "label::ar", "label::Arabic"])
def test_every_way_of_writing_the_arabic_label_is_understood(arabic):
    """Issue 13: ``label:Arabic`` (one colon, beside ``::`` columns) was ignored and questions showed their names."""
    definition = _read([{"type": "text", "name": "q1", arabic: "الاسم", "label::English (en)": "Name",
                         "hint::English (en)": "Full name"}], choices=[])
    [(question, _groups)] = iter_questions(definition)
    assert question["label"]["ar"] == "الاسم" and question["label"]["en"] == "Name"
    assert "الاسم" in definition["xform"]


def test_a_question_labelled_in_another_language_only_never_shows_its_name():
    definition = _read([{"type": "text", "name": "q_nom", "label::Français (fr)": "Nom"}], choices=[])
    [(question, _groups)] = iter_questions(definition)
    assert text_in(question["label"], "ar") == text_in(question["label"], "en") == "Nom"


def test_the_older_list_name_header_and_comment_rows_load():
    survey = [{"comments": "a note for the form's authors"}, {"type": "select_one colours", "name": "c", "label": "Colour"}]
    choices = [{"list name": "colours", "name": "red", "label": "Red"}, {"list name": "colours", "name": "blue", "label": "Blue"}]
    definition = _read(survey, choices)
    [(question, _groups)] = iter_questions(definition)
    assert [c["name"] for c in question["choices"]] == ["red", "blue"]


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


REAL_FORMS = Path(__file__).parent / "xlsforms"


@pytest.mark.parametrize("name", sorted(p.name for p in REAL_FORMS.glob("*.xls*")))
def test_real_xlsforms_that_pyxform_converts_load(name):
    """A sample of the corpus (bench/xlsform_corpus.py): repeats, choice filters, comment rows, or_other."""
    definition = read_xlsform((REAL_FORMS / name).read_bytes(), name, domains=set(DOMAINS))
    assert definition["xform"].startswith("<?xml") and list(iter_questions(definition))
    for question, _groups in iter_questions(definition):
        assert text_in(question["label"], "ar") or question["type"] in {"calculate", "hidden"} or not question["label"]
