"""The shipped checklists and incident report go through the forms engine, and what ODK Collect or the web
form sends becomes checklists and incidents — once per instanceID (issue 16)."""

import pytest
from django.urls import reverse

from madani.assessments.models import Questionnaire
from madani.collect.tests.conftest import openrosa_client
from madani.elections.models import Checklist, FormRole, Incident

from .builders import make_election

pytestmark = pytest.mark.django_db


@pytest.fixture
def election(staff_a, branch_a):
    return make_election(staff_a, branch_a, forms=True)


def _xml(form, instance_id, body):
    q = form.questionnaire
    return (f'<?xml version="1.0"?><data id="madani-{q.pk}" version="{q.version}"><start>2026-12-04T08:00:00+03:00'
            f"</start><center>c1</center><observer>O1</observer>{body}<meta><instanceID>{instance_id}</instanceID>"
            f"</meta></data>").encode()


def _post(client, xml):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return client.post(reverse("openrosa:submission"),
                       {"xml_submission_file": SimpleUploadedFile("submission.xml", xml, content_type="text/xml")})


def test_every_shipped_form_is_read_by_the_forms_engine_in_both_languages(election):
    assert sorted(election.forms.values_list("role", flat=True)) == sorted(FormRole.values)
    for form in election.forms.select_related("questionnaire"):
        definition = form.questionnaire.definition
        assert "xform" in definition
        assert "Arabic (ar)" in definition["xform"] and "English (en)" in definition["xform"]
    assert Questionnaire.objects.filter(kind="survey", branch=election.branch).count() == len(FormRole.values)


def test_the_same_incident_posted_twice_through_openrosa_and_the_web_is_one(election, device_a, client_a):
    form = election.forms.get(role=FormRole.INCIDENT)
    xml = _xml(form, "uuid:aaaa-1", "<category>armed_presence</category><severity>high</severity>"
                                    "<occurred>2026-12-04T09:30:00+03:00</occurred><description>مسلحون عند الباب</description><photo/>")
    odk = openrosa_client(device_a)
    assert _post(odk, xml).status_code == 201
    assert _post(odk, xml).status_code == 202
    web = client_a.post(reverse("collect:web_submission"), xml, content_type="text/xml")
    assert web.status_code == 202
    incident = Incident.objects.get()
    assert (incident.category, incident.severity, incident.center.code, incident.observer.code) == (
        "armed_presence", "high", "C1", "O1")


def test_a_checklist_submission_becomes_a_checklist_with_its_quality_checks(election, device_a):
    form = election.forms.get(role=FormRole.COUNTING)
    xml = _xml(form, "uuid:count-1", "<count_public>yes</count_public><voters>310</voters><women_voters>130"
                                     "</women_voters><ballots>310</ballots><valid>300</valid><invalid>5</invalid>"
                                     "<blank>4</blank><results_posted>yes</results_posted>")
    assert _post(openrosa_client(device_a), xml).status_code == 201
    checklist = Checklist.objects.get()
    assert (checklist.phase, checklist.voters, checklist.women_voters) == ("counting", 310, 130)
    assert checklist.problems == ["ballots_arithmetic"]


def test_an_unknown_center_code_is_refused_so_the_observer_can_correct_it(election, device_a):
    form = election.forms.get(role=FormRole.OPENING)
    xml = _xml(form, "uuid:open-1", "<opened_on_time>yes</opened_on_time>").replace(b"<center>c1</center>",
                                                                                   b"<center>C9</center>")
    response = _post(openrosa_client(device_a), xml)
    assert response.status_code == 400
    assert Checklist.objects.count() == 0
