"""A survey's submissions as a table (page and CSV/Excel export): one row per submission (its latest
version), one column per question, headed by its label and showing choices by their labels, in the
language asked for (``?labels=ar`` or ``en``). A question inside a repeat shows every round's answer,
separated by " | "; nothing is left out."""

from madani.assessments.xlsform import iter_questions, text_in


def columns(definition: dict, language: str):
    """[(label, question, repeat name or None)] in form order."""
    found = []
    for question, groups in iter_questions(definition):
        repeat = next((group["name"] for group in reversed(groups) if group["type"] == "repeat"), None)
        found.append((text_in(question.get("label"), language) or question["name"], question, repeat))
    return found


def _shown(question, value, language):
    if value is None or value == "" or value == []:
        return ""
    labels = {c["name"]: text_in(c["label"], language) or c["name"] for c in question.get("choices") or []}
    if isinstance(value, list):
        return ("، " if language == "ar" else ", ").join(labels.get(v, v) for v in value)
    return labels.get(value, value) if labels else value


def cell(answers: dict, question: dict, repeat: str | None, language: str):
    if repeat is None:
        return _shown(question, answers.get(question["name"]), language)
    rounds = answers.get(repeat) or []
    return " | ".join(str(_shown(question, one.get(question["name"]), language)) for one in rounds
                      if isinstance(one, dict))
