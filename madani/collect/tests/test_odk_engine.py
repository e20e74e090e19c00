"""A real ODK client in the tests: ODK's own XForms engine (@getodk/xforms-engine, headless in Node 20 with
jsdom, installed from frontend/package-lock.json by `make test`) loads the XForm our OpenRosa server
serves, is filled, enforces the form's constraint, computes its calculation and writes the submission
XML, which is posted back — then sent again, then edited on the "device"."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from madani.collect.models import Submission

FRONTEND = Path(__file__).resolve().parents[3] / "frontend"
FILL = FRONTEND / "odk" / "fill.mjs"
ENGINE = FRONTEND / "node_modules" / "@getodk" / "xforms-engine"

pytestmark = pytest.mark.skipif(not shutil.which("node") or not ENGINE.exists(),
                                reason="Node 20 and frontend/node_modules (npm ci in frontend/) are needed")

ANSWERS = {"repeats": {"/data/visits": 2}, "values": {
    "/data/place_name": "قرية الخير", "/data/households": 12, "/data/water": "yes",
    "/data/visits[1]/visit_date": "2026-12-01", "/data/visits[2]/visit_date": "2026-12-02"}}


def fill(tmp_path, form_xml: bytes, answers: dict, instance_xml: str | None = None) -> dict:
    (tmp_path / "form.xml").write_bytes(form_xml)
    (tmp_path / "answers.json").write_text(json.dumps(answers), encoding="utf-8")
    arguments = ["node", str(FILL), str(tmp_path / "form.xml"), str(tmp_path / "answers.json")]
    if instance_xml is not None:
        (tmp_path / "instance.xml").write_text(instance_xml, encoding="utf-8")
        arguments.append(str(tmp_path / "instance.xml"))
    done = subprocess.run(arguments, capture_output=True, text=True, timeout=120, check=True)
    return json.loads(done.stdout)


def send(client, xml: str):
    return client.post(reverse("openrosa:submission"), {
        "xml_submission_file": SimpleUploadedFile("submission.xml", xml.encode(), content_type="text/xml")})


def test_odk_engine_fills_our_served_form_and_the_server_keeps_it_once_and_its_edit(collect_a, survey_a, tmp_path):
    form_xml = collect_a.get(reverse("openrosa:form", args=[survey_a.pk])).content
    filled = fill(tmp_path, form_xml, ANSWERS)
    assert filled["status"] == "ready" and "<instanceID>uuid:" in filled["xml"]

    assert send(collect_a, filled["xml"]).status_code == 201
    submission = Submission.objects.get()
    assert submission.answers["households"] == 12
    assert submission.answers["twice"] == "24"  # computed by ODK's engine, not by Madani
    assert [visit["visit_date"] for visit in submission.answers["visits"]] == ["2026-12-01", "2026-12-02"]

    assert send(collect_a, filled["xml"]).status_code == 202  # the phone resends: nothing new
    assert Submission.objects.count() == 1

    edited = fill(tmp_path, form_xml, {"values": {"/data/households": 14}}, instance_xml=filled["xml"])
    assert f"<deprecatedID>{submission.instance_id}</deprecatedID>" in edited["xml"]
    assert send(collect_a, edited["xml"]).status_code == 201
    current = Submission.objects.current().get()
    assert current.replaces == submission and current.answers["households"] == 14 and current.answers["twice"] == "28"


def test_odk_engine_enforces_the_forms_constraint(collect_a, survey_a, tmp_path):
    form_xml = collect_a.get(reverse("openrosa:form", args=[survey_a.pk])).content
    refused = fill(tmp_path, form_xml, {"values": {**ANSWERS["values"], "/data/households": 5000},
                                        "repeats": ANSWERS["repeats"]})
    assert refused["status"] == "pending" and refused["violations"]
