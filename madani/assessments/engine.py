"""Scores of a filled questionnaire, from its answers (``submissions.answers_from_xml``).

Madani evaluates no XPath: relevance, required answers, constraints and calculations are applied by ODK's
engine where the form is filled (the web form, ODK Collect, Enketo). Answers are stored as JSON: text and
select_one as strings, integer as int, decimal as float, date as 'YYYY-MM-DD', select_multiple as a list
of choice names. A question that was not relevant is absent from the submission and from the answers; a
relevant question left empty is ``None``. Scoring relies on that difference: non-relevant questions do
not count, unanswered relevant ones score 0.
"""

from .xlsform import iter_questions


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
