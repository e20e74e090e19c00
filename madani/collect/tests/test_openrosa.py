"""The OpenRosa server as ODK Collect uses it: form list, download, manifest, submissions (idempotent by
instanceID), edits, attachments, and device accesses scoped to their owner's branches."""

import base64

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from lxml import etree

from madani.collect import services
from madani.collect.models import Attachment, Submission

from .conftest import JPEG, instance, make_survey, openrosa_client

FORM_LIST = reverse("openrosa:form_list")
SUBMISSION = reverse("openrosa:submission")


def post(client, xml, *files, **extra):
    data = {"xml_submission_file": SimpleUploadedFile("submission.xml", xml, content_type="text/xml")}
    for upload in files:
        data[upload.name] = upload
    data.update(extra)
    return client.post(SUBMISSION, data)


def test_every_answer_carries_the_openrosa_headers_and_a_request_without_them_is_refused(collect_a, device_a):
    response = collect_a.get(FORM_LIST)
    assert response.status_code == 200 and response["X-OpenRosa-Version"] == "1.0" and response["Date"]
    bare = openrosa_client(device_a)
    bare.defaults.pop("HTTP_X_OPENROSA_VERSION")
    assert bare.get(FORM_LIST).status_code == 400
    head = collect_a.head(SUBMISSION)
    assert head.status_code == 204 and int(head["X-OpenRosa-Accept-Content-Length"]) > 0


def test_without_a_device_access_the_server_asks_for_one(survey_a, device_a, staff_a):
    anonymous = Client(HTTP_X_OPENROSA_VERSION="1.0")
    response = anonymous.get(FORM_LIST)
    assert response.status_code == 401 and response["WWW-Authenticate"].startswith("Basic")
    credential, _secret = device_a
    wrong = openrosa_client((credential, "not-the-password"))
    assert wrong.get(FORM_LIST).status_code == 401
    staff_password = Client(HTTP_X_OPENROSA_VERSION="1.0", HTTP_AUTHORIZATION="Basic " + base64.b64encode(
        f"{staff_a.email}:password".encode()).decode())
    assert staff_password.get(FORM_LIST).status_code == 401


def test_the_form_list_offers_the_branchs_surveys_with_their_download_and_manifest(collect_a, survey_a, branch_b):
    other_branch = make_survey(branch_b)
    closed = make_survey(survey_a.branch, is_active=False)
    root = etree.fromstring(collect_a.get(FORM_LIST).content)
    ns = {"x": "http://openrosa.org/xforms/xformsList"}
    ids = root.xpath("//x:formID/text()", namespaces=ns)
    assert ids == [f"madani-{survey_a.pk}"]  # not another branch's, not a closed one, not a needs assessment
    assert other_branch.pk != closed.pk
    download = root.xpath("//x:downloadUrl/text()", namespaces=ns)[0]
    xform = collect_a.get(download)
    assert xform.status_code == 200 and f'id="madani-{survey_a.pk}"'.encode() in xform.content
    assert b'version="1"' in xform.content and "مسح ميداني".encode() in xform.content
    manifest = collect_a.get(root.xpath("//x:manifestUrl/text()", namespaces=ns)[0])
    assert manifest.status_code == 200 and b"xformsManifest" in manifest.content
    assert collect_a.get(reverse("openrosa:form", args=[other_branch.pk])).status_code == 404


def test_a_submission_is_received_once_by_its_instance_id(collect_a, survey_a, staff_a):
    xml = instance(survey_a)
    first = post(collect_a, xml)
    assert first.status_code == 201 and b"submit_success" in first.content
    submission = Submission.objects.get()
    assert submission.answers["households"] == 12 and submission.answers["twice"] == "24"
    assert [v["visit_date"] for v in submission.answers["visits"]] == ["2026-12-01", "2026-12-02"]
    assert submission.submitted_by == staff_a and submission.questionnaire == survey_a
    again = post(collect_a, xml)
    assert again.status_code == 202 and Submission.objects.count() == 1
    conflict = post(collect_a, instance(survey_a, households="13"))
    assert conflict.status_code == 409 and Submission.objects.count() == 1


def test_an_edit_made_on_the_device_is_a_new_version_of_the_submission(collect_a, survey_a):
    post(collect_a, instance(survey_a))
    edit = instance(survey_a, instance_id="uuid:edit-1", households="14",
                    deprecated="uuid:11111111-2222-3333-4444-555555555555")
    assert post(collect_a, edit).status_code == 201
    current = Submission.objects.current().get()
    assert current.answers["households"] == 14 and current.replaces.instance_id.endswith("5555")
    assert Submission.objects.count() == 2
    second_edit_of_the_old = instance(survey_a, instance_id="uuid:edit-2", deprecated=current.replaces.instance_id)
    assert post(collect_a, second_edit_of_the_old).status_code == 409
    unknown = instance(survey_a, instance_id="uuid:edit-3", deprecated="uuid:never-sent")
    assert post(collect_a, unknown).status_code == 404


def test_closed_forms_unknown_versions_and_other_branches_are_refused(collect_a, survey_a, branch_b):
    assert post(collect_a, instance(survey_a, version="0")).status_code == 409
    other = make_survey(branch_b)
    assert post(collect_a, instance(other, instance_id="uuid:x")).status_code == 404
    survey_a.is_active = False
    survey_a.save()
    assert post(collect_a, instance(survey_a, instance_id="uuid:y")).status_code == 403
    assert not Submission.objects.exists()


@pytest.mark.parametrize("xml", [b"<data>", b"<data id='madani-1'><meta/></data>"])
def test_a_broken_submission_is_a_400_with_a_message(collect_a, survey_a, xml):
    response = post(collect_a, xml)
    assert response.status_code == 400 and b"<message" in response.content


def test_eastern_arabic_digits_are_normalized_on_arrival(collect_a, survey_a):
    post(collect_a, instance(survey_a, households="١٢"))
    assert Submission.objects.get().answers["households"] == 12


def test_attachments_only_the_expected_names_type_checked_and_split_posts_assembled(collect_a, survey_a):
    xml = instance(survey_a, photo="1733300000.jpg")
    stranger = post(collect_a, xml, SimpleUploadedFile("other.jpg", JPEG))
    assert stranger.status_code == 400 and not Submission.objects.exists()
    fake = post(collect_a, xml, SimpleUploadedFile("1733300000.jpg", b"MZ\x90\x00 not a picture"))
    assert fake.status_code == 400 and not Submission.objects.exists()
    first_part = post(collect_a, xml, **{"*isIncomplete*": "yes"})  # the phone sends the XML first
    assert first_part.status_code == 201 and Submission.objects.get().complete is False
    rest = post(collect_a, xml, SimpleUploadedFile("1733300000.jpg", JPEG))
    assert rest.status_code == 202
    submission = Submission.objects.get()
    assert submission.complete and [a.name for a in submission.attachments.all()] == ["1733300000.jpg"]
    assert post(collect_a, xml, SimpleUploadedFile("1733300000.jpg", JPEG)).status_code == 202
    assert Attachment.objects.count() == 1


def test_a_revoked_device_is_refused_and_its_submissions_kept(collect_a, survey_a, device_a, staff_a):
    post(collect_a, instance(survey_a))
    services.credential_revoke(actor=staff_a, credential=device_a[0])
    assert collect_a.get(FORM_LIST).status_code == 401
    assert post(collect_a, instance(survey_a, instance_id="uuid:after")).status_code == 401
    assert Submission.objects.count() == 1


def test_markup_in_a_submission_is_text_on_the_submissions_page(collect_a, survey_a, client_a):
    post(collect_a, instance(survey_a, place="&lt;img src=x onerror=alert(1)&gt;"))
    html = client_a.get(reverse("collect:submissions", args=[survey_a.pk])).content.decode()
    assert "<img src=x" not in html and "&lt;img src=x" in html


PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 40


def _survey_with_an_image(client_a, branch_a, media):
    """Upload, as staff do, a survey whose XLSForm shows an image (media::image column) with that image."""
    import hashlib

    from madani.assessments.models import Questionnaire
    from madani.assessments.workbooks import xlsform_bytes

    survey = [{"type": "note", "name": "logo_note", "label": "Our logo", "media::image": "logo.png"},
              {"type": "text", "name": "q", "label": "Q"}]
    response = client_a.post(reverse("assessments:upload"), {
        "title_ar": "مسح بصورة", "title_en": "Survey with an image", "kind": "survey", "branch": branch_a.pk,
        "xlsform": SimpleUploadedFile("image.xlsx", xlsform_bytes(survey, None, {"version": "1"})),
        "media": media})
    return response, Questionnaire.objects.filter(title_ar="مسح بصورة").first(), hashlib.md5(PNG).hexdigest()


def test_the_manifest_lists_the_forms_image_with_its_md5_and_serves_it(client_a, branch_a, collect_a, staff_b):
    response, questionnaire, md5 = _survey_with_an_image(
        client_a, branch_a, [SimpleUploadedFile("logo.png", PNG, content_type="image/png")])
    assert response.status_code == 302, response.content.decode()[:3000]
    manifest = collect_a.get(reverse("openrosa:manifest", args=[questionnaire.pk]))
    root = etree.fromstring(manifest.content)
    ns = {"m": "http://openrosa.org/xforms/xformsManifest"}
    assert root.xpath("//m:mediaFile/m:filename/text()", namespaces=ns) == ["logo.png"]
    assert root.xpath("//m:mediaFile/m:hash/text()", namespaces=ns) == [f"md5:{md5}"]
    url = root.xpath("//m:mediaFile/m:downloadUrl/text()", namespaces=ns)[0]
    download = collect_a.get(url)
    assert download.status_code == 200 and b"".join(download.streaming_content) == PNG
    assert "jr://images/logo.png" in collect_a.get(reverse("openrosa:form", args=[questionnaire.pk])).content.decode()
    # another branch's device sees neither the manifest nor the file
    device_b = openrosa_client(services.credential_create(actor=staff_b, name="هاتف ب"))
    assert device_b.get(reverse("openrosa:manifest", args=[questionnaire.pk])).status_code == 404
    assert device_b.get(url).status_code == 404


def test_a_media_file_the_form_does_not_name_or_of_another_type_is_refused(client_a, branch_a):
    response, questionnaire, _md5 = _survey_with_an_image(
        client_a, branch_a, [SimpleUploadedFile("other.png", PNG, content_type="image/png")])
    assert response.status_code == 200 and questionnaire is None
    assert "other.png" in response.content.decode()
    response, questionnaire, _md5 = _survey_with_an_image(
        client_a, branch_a, [SimpleUploadedFile("logo.png", b"<script>alert(1)</script>", content_type="image/png")])
    assert response.status_code == 200 and questionnaire is None
