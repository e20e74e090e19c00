"""Scores by domain, from the answers a submission's XML carries (what ODK's engine sent)."""

from madani.assessments.engine import score_answers
from madani.assessments.models import Questionnaire
from madani.assessments.submissions import answers_from_xml
from madani.assessments.xlsform import iter_questions

from .helpers import instance_xml


def _answers(definition, **answers):
    questionnaire = Questionnaire(pk=1, version="1", definition=definition)
    return answers_from_xml(definition, instance_xml(questionnaire, answers))


def test_domain_scores_are_the_share_of_points_possible(small_definition):
    answers = _answers(small_definition, has_bank="yes", bank_name="x", tools=["budget", "manual"])
    overall, domains = score_answers(small_definition, answers)
    # has_bank: 2 of 2; tools: 3 of 4 → finance 5 of 6
    assert domains == {"finance": 83.3}
    assert overall == 83.3


def test_unanswered_relevant_questions_score_zero_and_absent_ones_do_not_count(small_definition):
    answers = _answers(small_definition, has_bank="no", tools=None)  # tools sent empty: relevant, unanswered
    assert answers == {"has_bank": "no", "tools": None}
    assert score_answers(small_definition, answers) == (0.0, {"finance": 0.0})
    answers = _answers(small_definition, has_bank="yes")  # tools absent: not relevant on the device
    assert score_answers(small_definition, answers) == (100.0, {"finance": 100.0})


def test_the_shipped_form_scores_every_domain(needs_questionnaire):
    definition = needs_questionnaire.definition
    raw = {}
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
    overall, domains = score_answers(definition, _answers(definition, **raw))
    assert overall == 100.0 and len(domains) == 9 and set(domains.values()) == {100.0}
