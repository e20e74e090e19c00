"""Needs assessments and tests are filled with ODK's own engine (@getodk/xforms-engine, headless in Node
with jsdom, as the web form runs it in the browser): it applies relevance, required answers and
constraints; Madani receives its submission XML once per instanceID and scores it by domain."""

import pytest
from django.urls import reverse

from madani.assessments.models import Response
from madani.collect.tests.test_odk_engine import fill, pytestmark  # noqa: F401 (skipped without Node)

ROOT = "/data"


def _served_form(client, organization, questionnaire) -> bytes:
    import json

    html = client.get(reverse("assessments:assess", args=[organization.pk]),
                      {"questionnaire": questionnaire.pk}).content.decode()
    return json.loads(html.split('id="odk-xform" type="application/json">')[1].split("</script>")[0]).encode()


def _root(form_xml: bytes) -> str:
    from lxml import etree

    from madani.assessments.submissions import XFORMS, XHTML

    instance = etree.fromstring(form_xml).find(f"{{{XHTML}}}head/{{{XFORMS}}}model/{{{XFORMS}}}instance")
    return "/" + etree.QName(next(c for c in instance if isinstance(c.tag, str))).localname


def _post(client, organization, questionnaire, xml: str):
    url = reverse("assessments:assess", args=[organization.pk]) + f"?questionnaire={questionnaire.pk}&date=2026-03-01"
    return client.post(url, xml.encode(), content_type="text/xml")


def test_the_engine_fills_a_needs_assessment_that_is_scored_by_domain_once(client_a, organization_a,
                                                                          small_questionnaire, tmp_path):
    form_xml = _served_form(client_a, organization_a, small_questionnaire)
    root = _root(form_xml)
    group = f"{root}/finance_group"
    filled = fill(tmp_path, form_xml, {"values": {
        f"{group}/has_bank": "no", f"{group}/bank_name": "not relevant", f"{group}/tools": ["budget", "manual"],
        f"{root}/staff": 12}})
    assert filled["status"] == "ready" and "<instanceID>uuid:" in filled["xml"]
    assert _post(client_a, organization_a, small_questionnaire, filled["xml"]).status_code == 201
    saved = Response.objects.get()
    assert "bank_name" not in saved.answers  # not relevant: the engine left it out, so it does not count
    assert saved.answers["tools"] == ["budget", "manual"] and saved.answers["staff"] == 12
    assert saved.domain_scores == {"finance": 50.0}  # has_bank 0 of 2, tools 3 of 4
    assert _post(client_a, organization_a, small_questionnaire, filled["xml"]).status_code == 202
    assert Response.objects.count() == 1


@pytest.mark.parametrize("values", [
    {"finance_group/has_bank": "no", "staff": 900},             # the constraint: between 0 and 500
    {"staff": 12},                                             # has_bank is required
    {"finance_group/has_bank": "yes", "staff": 12},            # bank_name: required once relevant
])
def test_the_engine_refuses_what_the_form_does_not_accept(client_a, organization_a, small_questionnaire, tmp_path,
                                                          values):
    form_xml = _served_form(client_a, organization_a, small_questionnaire)
    root = _root(form_xml)
    refused = fill(tmp_path, form_xml, {"values": {f"{root}/{k}": v for k, v in values.items()}})
    assert refused["status"] == "pending" and refused["violations"]


def test_the_shipped_needs_assessment_is_filled_by_the_engine(client_a, organization_a, needs_questionnaire, tmp_path):
    form_xml = _served_form(client_a, organization_a, needs_questionnaire)
    filled = fill(tmp_path, form_xml, {"values": {}})
    # nothing answered: the engine says what is missing, and nothing is sent
    assert filled["status"] == "pending" and filled["violations"]
