"""Answers from an ODK submission: the instance XML that ODK Collect, Enketo or ODK Web Forms send.

Madani evaluates no XPath here: ODK's engine on the device has already applied relevance, constraints
and calculations, and the submission carries the result. A question whose element is absent was not
relevant (ODK leaves non-relevant questions out of what it submits) and is left out of the answers; an
element present but empty is a relevant question left unanswered (``None``). Scoring
(``engine.score_answers``) relies on that difference, as it does for the web form's answers. A
calculation's value is the one the device computed.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from lxml import etree

from madani.core.arabic import western_digits

MAX_BYTES = 10 * 1024 * 1024
FORM_ID_PREFIX = "madani-"
XFORMS = "http://www.w3.org/2002/xforms"
XHTML = "http://www.w3.org/1999/xhtml"


class Refusal(Exception):
    """A submission refused: ``status`` (the HTTP status) and a message in the user's language."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status
        self.message = message


def served_version(questionnaire) -> str:
    return questionnaire.version or str(questionnaire.pk)


def served_xform(questionnaire) -> bytes:
    """The questionnaire's XForm as ODK's engine gets it (ODK Collect, the web form): form ID
    ``madani-<pk>``, its version and title — so that a submission names the form it belongs to."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    root = etree.fromstring(questionnaire.definition["xform"].encode(), parser)
    instance = root.find(f"{{{XHTML}}}head/{{{XFORMS}}}model/{{{XFORMS}}}instance")
    data = next(child for child in instance if isinstance(child.tag, str))
    data.set("id", f"{FORM_ID_PREFIX}{questionnaire.pk}")
    data.set("version", served_version(questionnaire))
    title = root.find(f"{{{XHTML}}}head/{{{XHTML}}}title")
    if title is not None:
        title.text = questionnaire.title
    return etree.tostring(root, xml_declaration=True, encoding="utf-8")


MEDIA_PREFIXES = {"jr://images/": "image", "jr://audio/": "audio", "jr://video/": "video"}
# Files a form reads its data from: choices from a file (select_one_from_file), pulldata(), csv-external
# and xml-external, whose secondary instances pyxform points at jr://file-csv/… or jr://file/….
DATA_PREFIXES = ("jr://file-csv/", "jr://file/")
DATA_KINDS = {".csv": "csv", ".xml": "xml", ".geojson": "geojson"}
SEARCH = re.compile(r"search\(\s*['\"]([^'\"/]+)['\"]")


def expected_media(definition: dict) -> dict[str, str]:
    """{file name: image | audio | video | csv | xml | geojson} of the files the form's XForm names: the
    media of the XLSForm's ``image``, ``audio`` and ``video`` columns (per language), the data files of its
    secondary instances, and the CSV of a ``search('name')`` appearance — the files its manifest serves."""
    if not definition.get("xform"):
        return {}
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    root = etree.fromstring(definition["xform"].encode(), parser)
    found = {}
    for element in root.iter(f"{{{XFORMS}}}value"):
        text = (element.text or "").strip()
        for prefix, kind in MEDIA_PREFIXES.items():
            if text.startswith(prefix) and "/" not in text[len(prefix):]:
                found[text[len(prefix):]] = kind
    for element in root.iter(f"{{{XFORMS}}}instance"):
        source = (element.get("src") or "").strip()
        for prefix in DATA_PREFIXES:
            name = source[len(prefix):]
            if source.startswith(prefix) and "/" not in name and extension(name) in DATA_KINDS:
                found[name] = DATA_KINDS[extension(name)]
    for element in root.iter(f"{{{XFORMS}}}select1", f"{{{XFORMS}}}select"):
        for name in SEARCH.findall(element.get("appearance") or ""):
            found[f"{name.strip()}.csv"] = "csv"
    return found


ITEMSET_INSTANCE = re.compile(r"""^\s*instance\(\s*['"]([^'"]+)['"]\s*\)""")
COLUMN = re.compile(r"^[A-Za-z_][\w.-]*$")


def value_columns(definition: dict) -> dict[str, set[str]]:
    """{CSV file name: the columns the form takes its choices' values from} (an itemset's ``value ref``
    over an instance whose ``src`` is that CSV: ``name`` for ``select_one_from_file``)."""
    if not definition.get("xform"):
        return {}
    root = etree.fromstring(definition["xform"].encode(), etree.XMLParser(resolve_entities=False, no_network=True))
    files = {}
    for element in root.iter(f"{{{XFORMS}}}instance"):
        source = (element.get("src") or "").strip()
        if element.get("id") and source.startswith(DATA_PREFIXES) and extension(source) == ".csv":
            files[element.get("id")] = source.rsplit("/", 1)[-1]
    columns: dict[str, set[str]] = {}
    for itemset in root.iter(f"{{{XFORMS}}}itemset"):
        match = ITEMSET_INSTANCE.match(itemset.get("nodeset") or "")
        value = itemset.find(f"{{{XFORMS}}}value")
        ref = (value.get("ref") or "").strip() if value is not None else ""
        if match and match.group(1) in files and COLUMN.match(ref):
            columns.setdefault(files[match.group(1)], set()).add(ref)
    return columns


def expected_data_files(definition: dict) -> list[str]:
    """The names of the data files (CSV, XML, GeoJSON) the form reads: it cannot be opened without them."""
    return sorted(name for name, kind in expected_media(definition).items() if kind in DATA_KINDS.values())


def extension(name: str) -> str:
    return "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""


def read_for(questionnaire, xml: bytes) -> tuple[dict, dict]:
    """(meta, answers) of a submission to ``questionnaire``; ``Refusal`` when it is not one: not XML (400),
    no instanceID (400), another form (404), a version no longer served (409), an answer that is not of its
    question's type (400)."""
    try:
        root = parse(xml)
    except ValidationError as error:
        raise Refusal(400, " ".join(error.messages)) from None
    info = meta(root)
    if not info["instanceID"]:
        raise Refusal(400, _("The submission has no meta/instanceID."))
    if info["id"] != f"{FORM_ID_PREFIX}{questionnaire.pk}":
        raise Refusal(404, _("No form “%(id)s” for this account.") % {"id": info["id"][:60]})
    if info["version"] != served_version(questionnaire):
        raise Refusal(409, _("This version of the form is no longer served: get the blank form again."))
    try:
        answers = _read(questionnaire.definition.get("children", []), root)
    except ValidationError as error:
        raise Refusal(400, " ".join(error.messages)) from None
    return info, answers


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
