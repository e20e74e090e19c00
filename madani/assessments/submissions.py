"""Answers from an ODK submission: the instance XML that ODK Collect, Enketo or ODK Web Forms send.

Madani evaluates no XPath here: ODK's engine on the device has already applied relevance, constraints
and calculations, and the submission carries the result. A question whose element is absent was not
relevant (ODK leaves non-relevant questions out of what it submits) and is left out of the answers; an
element present but empty is a relevant question left unanswered (``None``). Scoring
(``engine.score_answers``) relies on that difference, as it does for the web form's answers. A
calculation's value is the one the device computed.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from lxml import etree

from madani.core.arabic import western_digits

MAX_BYTES = 10 * 1024 * 1024


def parse(xml: bytes):
    """The root element of a submission; ``ValidationError`` when it is not well-formed XML. No DTD, no
    entities, no network: a submission is untrusted input."""
    if len(xml) > MAX_BYTES:
        raise ValidationError(_("The submission is too large."))
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    try:
        root = etree.fromstring(xml, parser)
    except etree.XMLSyntaxError:
        raise ValidationError(_("The submission is not well-formed XML.")) from None
    if root is None or not isinstance(root.tag, str):
        raise ValidationError(_("The submission is not well-formed XML."))
    return root


def _local(tag) -> str:
    return etree.QName(tag).localname if isinstance(tag, str) else ""


def _child(element, name):
    for child in element:
        if _local(child.tag) == name:
            return child
    return None


def meta(root) -> dict:
    """``instanceID``, ``deprecatedID`` and the form's ``id`` and ``version`` attributes of a submission."""
    found = {"id": root.get("id", ""), "version": root.get("version", ""), "instanceID": "", "deprecatedID": ""}
    block = _child(root, "meta")
    if block is not None:
        for name in ("instanceID", "deprecatedID"):
            element = _child(block, name)
            if element is not None:
                found[name] = (element.text or "").strip()
    return found


def _value(item: dict, text: str):
    text = text.strip()
    if text == "":
        return None
    kind = item["type"]
    try:
        if kind == "integer":
            return int(western_digits(text))
        if kind == "decimal":
            return float(western_digits(text))
    except ValueError:
        raise ValidationError(_("The answer to “%(name)s” is not a number: %(value)s")
                              % {"name": item["name"], "value": text[:40]}) from None
    if kind == "date":
        return western_digits(text)[:10]
    if kind == "select_multiple":
        return text.split()
    return text


def answers_from_xml(definition: dict, xml: bytes) -> dict:
    """The answers of the submission ``xml`` to the form ``definition``, as Madani stores them (the web
    form's shape: select_multiple a list, integer an int, decimal a float, date 'YYYY-MM-DD'; a repeat a
    list of its rounds' answers)."""
    return _read(definition.get("children", []), parse(xml))


def _read(children, element) -> dict:
    answers = {}
    for item in children:
        node = _child(element, item["name"])
        if item["type"] == "group":
            if node is not None:
                answers.update(_read(item["children"], node))
            continue
        if item["type"] == "repeat":
            rounds = [child for child in element if _local(child.tag) == item["name"]]
            if rounds:
                answers[item["name"]] = [_read(item["children"], one) for one in rounds]
            continue
        if item["type"] == "note" or node is None:
            continue
        answers[item["name"]] = _value(item, "".join(node.itertext()))
    return answers
