"""Scores from an ODK submission (the XML ODK Collect, Enketo or ODK Web Forms send): no XPath of ours —
what the device left out was not relevant, what it computed is taken as computed."""

import pytest
from django.core.exceptions import ValidationError

from madani.assessments.engine import score_answers
from madani.assessments.submissions import answers_from_xml, meta, parse
from madani.assessments.xlsform import read_xlsform

from .conftest import SURVEY, small_form_bytes

INSTANCE = """<?xml version="1.0"?>
<data xmlns:jr="http://openrosa.org/javarosa" xmlns:orx="http://openrosa.org/xforms" id="data" version="3">
  <welcome/>
  <finance_group><has_bank>{bank}</has_bank>{bank_name}<tools>{tools}</tools></finance_group>
  <staff>{staff}</staff><budget>{budget}</budget><founded>{founded}</founded>
  <meta><instanceID>uuid:6b0e6b8e-0d8b-4d63-a5b4-1d0b5d1f6a11</instanceID>{deprecated}</meta>
</data>"""


def _xml(bank="yes", bank_name="<bank_name>مصرف</bank_name>", tools="budget audit manual", staff="12", budget="1500.5",
         founded="2019-03-01", deprecated=""):
    return INSTANCE.format(bank=bank, bank_name=bank_name, tools=tools, staff=staff, budget=budget, founded=founded,
                           deprecated=deprecated).encode()


def test_a_submission_reads_as_the_web_forms_answers_and_scores_alike(small_definition):
    answers = answers_from_xml(small_definition, _xml())
    assert answers == {"has_bank": "yes", "bank_name": "مصرف", "tools": ["budget", "audit", "manual"], "staff": 12,
                       "budget": 1500.5, "founded": "2019-03-01"}
    assert score_answers(small_definition, answers) == (100.0, {"finance": 100.0})


def test_what_the_device_left_out_was_not_relevant_and_does_not_count(small_definition):
    left_out = answers_from_xml(small_definition, _xml(bank="no", bank_name="", tools=""))
    assert "bank_name" not in left_out and left_out["tools"] is None
    assert score_answers(small_definition, left_out) == (0.0, {"finance": 0.0})  # tools relevant, unanswered: 0


def test_eastern_arabic_digits_are_read_on_arrival(small_definition):
    answers = answers_from_xml(small_definition, _xml(staff="١٢", budget="١٥٠٠٫٥", founded="٢٠١٩-٠٣-٠١"))
    assert (answers["staff"], answers["budget"], answers["founded"]) == (12, 1500.5, "2019-03-01")


def test_a_calculation_is_the_value_the_device_computed():
    definition = read_xlsform(small_form_bytes([*SURVEY, {"type": "calculate", "name": "total",
                                                           "calculation": "${staff} * 2"}]), "f.xlsx", domains={"finance"})
    xml = _xml().replace(b"<meta>", b"<total>24</total><meta>")
    assert answers_from_xml(definition, xml)["total"] == "24"


def test_repeats_keep_each_round():
    definition = read_xlsform(small_form_bytes([
        {"type": "begin repeat", "name": "members", "label": "Members"},
        {"type": "text", "name": "member", "label": "Name"}, {"type": "integer", "name": "age", "label": "Age"},
        {"type": "end repeat"}]), "f.xlsx", domains=set())
    xml = (b"<data><members><member>A</member><age>30</age></members><members><member>B</member><age/></members>"
           b"<meta><instanceID>uuid:1</instanceID></meta></data>")
    assert answers_from_xml(definition, xml) == {"members": [{"member": "A", "age": 30}, {"member": "B", "age": None}]}


def test_meta_gives_the_instance_and_the_edited_one(small_definition):
    root_meta = meta(parse(_xml(deprecated="<deprecatedID>uuid:old</deprecatedID>")))
    assert root_meta == {"id": "data", "version": "3", "instanceID": "uuid:6b0e6b8e-0d8b-4d63-a5b4-1d0b5d1f6a11",
                         "deprecatedID": "uuid:old"}


@pytest.mark.parametrize("xml", [
    b"<data><staff>twelve</staff></data>",
    b"not xml",
])
def test_a_bad_submission_is_refused_with_a_message(small_definition, xml):
    with pytest.raises(ValidationError):
        answers_from_xml(small_definition, xml)


def test_an_external_entity_is_never_read(small_definition):
    xml = b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY e SYSTEM "file:///etc/passwd">]><data><bank_name>&e;</bank_name></data>'
    try:
        answers = answers_from_xml(small_definition, xml)
    except ValidationError:
        return
    assert "root:" not in str(answers)
