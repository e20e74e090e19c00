"""Relevance, required and constraints on the server, and scores by domain."""

from django.utils.translation import gettext

from madani.assessments.engine import clean_answers, score_answers


def _raw(**answers):
    base = {"has_bank": None, "bank_name": None, "tools": None, "staff": None, "budget": None, "founded": None}
    return {**base, **answers}


def test_a_required_question_left_empty_is_an_error(small_definition):
    _answers, errors = clean_answers(small_definition, _raw())
    assert errors == {"has_bank": gettext("This question is required.")}


def test_a_question_that_is_not_relevant_is_skipped_even_if_required(small_definition):
    answers, errors = clean_answers(small_definition, _raw(has_bank="no", bank_name="مصرف قديم"))
    assert errors == {}
    assert "bank_name" not in answers  # dropped, not stored as answered
    answers, errors = clean_answers(small_definition, _raw(has_bank="yes"))
    assert errors == {"bank_name": gettext("This question is required.")}


def test_a_failed_constraint_gives_its_message_in_the_language_of_the_form(small_definition):
    _answers, errors = clean_answers(small_definition, _raw(has_bank="no", staff=900), language="en")
    assert errors == {"staff": "Between 0 and 500, please"}
    _answers, errors = clean_answers(small_definition, _raw(has_bank="no", staff=900), language="ar")
    assert errors == {"staff": "عدد غير مقبول"}
    _answers, errors = clean_answers(small_definition, _raw(has_bank="no", staff=12))
    assert errors == {}


def test_domain_scores_are_the_share_of_points_possible(small_definition):
    answers, _errors = clean_answers(small_definition, _raw(has_bank="yes", bank_name="x", tools=["budget", "manual"]))
    overall, domains = score_answers(small_definition, answers)
    # has_bank: 2 of 2; tools: 3 of 4 → finance 5 of 6
    assert domains == {"finance": 83.3}
    assert overall == 83.3


def test_unanswered_relevant_questions_score_zero(small_definition):
    answers, _errors = clean_answers(small_definition, _raw(has_bank="no"))
    assert score_answers(small_definition, answers) == (0.0, {"finance": 0.0})


def test_the_shipped_form_scores_every_domain(needs_questionnaire):
    definition = needs_questionnaire.definition
    raw = {}
    from madani.assessments.xlsform import iter_questions

    for question, _groups in iter_questions(definition):
        if question["type"] == "select_one":
            raw[question["name"]] = max(question["choices"], key=lambda c: c["score"])["name"]
        elif question["type"] == "select_multiple":
            raw[question["name"]] = [c["name"] for c in question["choices"] if c["score"]]
        elif question["type"] in {"integer", "decimal"}:
            raw[question["name"]] = 3
        elif question["type"] == "date":
            raw[question["name"]] = "2024-01-01"
        else:
            raw[question["name"]] = "مدير"
    answers, errors = clean_answers(definition, raw)
    assert errors == {}
    overall, domains = score_answers(definition, answers)
    assert overall == 100.0 and len(domains) == 9 and set(domains.values()) == {100.0}
    raw["fr_sources"] = ["none", "local"]
    _answers, errors = clean_answers(definition, raw, language="en")
    assert errors == {"fr_sources": "\"None\" cannot be combined with another source."}  # pyxform straightens quotes
