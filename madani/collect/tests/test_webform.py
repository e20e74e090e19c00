"""The web form's page and its submission path: the same receiving code as ODK Collect (once per instanceID),
for the signed-in staff of the form's branch only; form text stays text."""

import json

import pytest
from django.urls import reverse
from django.utils import translation

from conftest import client_for
from madani.collect.models import Submission

from .conftest import instance

SUBMIT = reverse("collect:web_submission")


def send(client, xml: bytes):
    return client.post(SUBMIT, data=xml, content_type="text/xml; charset=utf-8")


def test_the_form_page_carries_the_served_xform_as_data_and_allows_webassembly_only(client_a, survey_a):
    response = client_a.get(reverse("collect:fill", args=[survey_a.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="odk-xform" type="application/json"' in html and f"madani-{survey_a.pk}" in html
    assert "vendor/odk/xforms-engine" in html
    policy = response["Content-Security-Policy"]
    assert "'wasm-unsafe-eval'" in policy and "'unsafe-inline'" not in policy and "'unsafe-eval'" not in policy


def test_a_web_submission_is_received_once_by_its_instance_id(client_a, survey_a, staff_a):
    xml = instance(survey_a, households="٣٤")
    first = send(client_a, xml)
    assert first.status_code == 201
    again = send(client_a, xml)  # the queue sent it twice (a reply lost on the way): nothing new
    assert again.status_code == 202
    submission = Submission.objects.get()
    assert submission.submitted_by == staff_a and submission.credential is None
    assert str(submission.answers["households"]) == "34"
    other = send(client_a, instance(survey_a, place="قرية أخرى"))
    assert other.status_code == 409 and json.loads(other.content)["message"]
    assert Submission.objects.count() == 1


def test_other_branches_forms_are_neither_shown_nor_received(client_b, survey_a):
    assert client_b.get(reverse("collect:fill", args=[survey_a.pk])).status_code == 404
    response = send(client_b, instance(survey_a))
    assert response.status_code == 404 and not Submission.objects.exists()


def test_a_closed_form_is_not_filled_and_its_submissions_are_refused(client_a, survey_a):
    survey_a.is_active = False
    survey_a.save()
    assert client_a.get(reverse("collect:fill", args=[survey_a.pk])).status_code == 404
    assert send(client_a, instance(survey_a)).status_code == 403


def test_cso_members_cannot_use_the_web_form(cso_member, survey_a):
    client = client_for(cso_member)
    assert client.get(reverse("collect:fill", args=[survey_a.pk])).status_code in {403, 404}
    assert send(client, instance(survey_a)).status_code == 403


def test_bad_xml_is_refused_with_a_message(client_a, survey_a):
    response = send(client_a, b"<data><unclosed></data>")
    assert response.status_code == 400 and json.loads(response.content)["message"]


def test_the_survey_page_links_to_the_web_form(client_a, survey_a):
    detail = client_a.get(reverse("assessments:detail", args=[survey_a.pk])).content.decode()
    assert reverse("collect:fill", args=[survey_a.pk]) in detail


@pytest.mark.parametrize("language, root", [("ar", "/"), ("en", "/en/")])
def test_the_offline_worker_covers_every_page_that_shows_a_web_form_in_the_pages_language(client_a, survey_a,
                                                                                         language, root):
    """Served at the forms' address, the worker may work over the whole site in that language (the scope the
    form pages register it with), so the assessments' form pages open offline too."""
    with translation.override(language):
        worker = reverse("collect:offline_worker")
        pages = [reverse("collect:fill", args=[survey_a.pk]), reverse("collect:attendance_fill", args=[1]),
                 reverse("assessments:assess", args=[1]), reverse("assessments:test", args=[1, 2])]
    response = client_a.get(worker)
    assert response.status_code == 200 and response["Content-Type"].startswith("text/javascript")
    assert response["Service-Worker-Allowed"] == root and all(page.startswith(root) for page in pages)
    html = client_a.get(pages[0]).content.decode()
    assert f'data-worker="{worker}" data-scope="{root}"' in html


def test_markdown_in_labels_and_hints_is_rendered_by_the_sites_sanitizer_never_as_raw_html(client_a, branch_a):
    """ODK's Markdown subset (emphasis, links…) shows as such; HTML and javascript: links in the XLSForm never
    become markup (issue 13): the page carries each Markdown text's HTML made by core.markdown."""
    from madani.assessments.models import Kind, Questionnaire
    from madani.assessments.workbooks import xlsform_bytes
    from madani.assessments.xlsform import read_xlsform

    label = ("**Water** point <img src=x onerror=alert(1)> [bad](javascript:alert(2)) "
             "[guide](https://example.org/guide) <script>alert(3)</script>")
    survey = [{"type": "text", "name": "q", "label": label, "hint": "_in litres_ <b onclick=alert(4)>x</b>"}]
    definition = read_xlsform(xlsform_bytes(survey, None, {"version": "1"}), "md.xlsx", domains=set())
    survey_md = Questionnaire.objects.create(title="md", kind=Kind.SURVEY, branch=branch_a, version="1",
                                             definition=definition)
    html = client_a.get(reverse("collect:fill", args=[survey_md.pk])).content.decode()
    markup = json.loads(html.split('id="odk-markup" type="application/json">')[1].split("</script>")[0])
    rendered = markup[label]
    assert "<strong>Water</strong>" in rendered and 'href="https://example.org/guide"' in rendered
    assert "noopener" in rendered
    assert "<img" not in rendered and "<script" not in rendered and 'href="javascript' not in rendered
    assert "&lt;img src=x onerror=alert(1)&gt;" in rendered  # shown as the text it is
    hint = [value for key, value in markup.items() if key.startswith("_in litres_")][0]
    assert "<em>in litres</em>" in hint and "<b" not in hint and "onclick=alert(4)&gt;" in hint
    # the data cannot close its <script> element
    assert "</script>" not in html.split('id="odk-markup" type="application/json">')[1].split("</script>")[0]
