"""Apply a form definition to answers: relevance, required, constraints (server-side), and scores.

Answers are stored as JSON: text and select_one as strings, integer as int, decimal as float,
date as 'YYYY-MM-DD', select_multiple as a list of choice names. A question that was not relevant
is left out of the answers; a relevant question left empty is stored as ``None``. Scoring relies on
that difference: non-relevant questions do not count, unanswered relevant ones score 0.
"""

from django.utils.translation import gettext as _

from . import xpath
from .xlsform import iter_questions, text_in


def _empty(value) -> bool:
    return value is None or value == "" or value == []


def clean_answers(definition: dict, raw: dict, language: str = "ar"):
    """(answers, errors): ``raw`` maps question names to typed values (None when left empty);
    ``errors`` maps question names to a message in the current language."""
    values = {name: value for name, value in raw.items()}
    answers, errors = {}, {}

    def walk(children, parent_relevant: bool):
        for item in children:
            relevant = parent_relevant and xpath.is_true(item.get("relevant", ""), values)
            if item["type"] == "group":
                walk(item["children"], relevant)
                continue
            if item["type"] == "note":
                continue
            name = item["name"]
            if not relevant:
                values[name] = None  # a hidden question reads as empty to the questions after it
                continue
            value = raw.get(name)
            if _empty(value):
                answers[name] = None
                if item.get("required"):
                    errors[name] = text_in(item.get("required_message"), language) or _("This question is required.")
                continue
            answers[name] = value
            if item.get("constraint") and not xpath.is_true(item["constraint"], values, current=value):
                errors[name] = text_in(item.get("constraint_message"), language) or _("This answer is not accepted.")

    walk(definition.get("children", []), True)
    return answers, errors


def _question_points(question: dict, value):
    """(points obtained, points possible) for a scored select question; None if it is not scored."""
    scores = {c["name"]: c["score"] for c in question.get("choices", []) if c.get("score") is not None}
    if not scores:
        return None
    if question["type"] == "select_one":
        possible = max(scores.values())
        obtained = scores.get(value, 0) if value else 0
    else:
        possible = sum(s for s in scores.values() if s > 0)
        obtained = sum(scores.get(v, 0) for v in (value or []))
    return max(0.0, min(obtained, possible)), possible


def score_answers(definition: dict, answers: dict):
    """(overall %, {domain: %}) from the ``madani_score`` points of the chosen answers.
    A domain's score is its points obtained over its points possible; overall likewise."""
    total_obtained = total_possible = 0.0
    by_domain: dict[str, list[float]] = {}
    for question, _groups in iter_questions(definition):
        if question["type"] not in {"select_one", "select_multiple"} or question["name"] not in answers:
            continue
        points = _question_points(question, answers[question["name"]])
        if points is None or points[1] <= 0:
            continue
        total_obtained += points[0]
        total_possible += points[1]
        if question.get("domain"):
            bucket = by_domain.setdefault(question["domain"], [0.0, 0.0])
            bucket[0] += points[0]
            bucket[1] += points[1]
    overall = round(100 * total_obtained / total_possible, 1) if total_possible else None
    return overall, {d: round(100 * o / p, 1) for d, (o, p) in by_domain.items()}
