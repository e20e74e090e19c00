"""POST /api/v1/forms/ (multipart file) → 201 with the form or 400 with the messages; lists scoped."""

from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from madani.assessments.models import Questionnaire

from .conftest import SURVEY, small_form_bytes

URL = "/api/v1/forms/"


def api(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def upload(client, data=None, name="form.xlsx", **fields):
    payload = {"file": SimpleUploadedFile(name, data if data is not None else small_form_bytes()), **fields}
    return client.post(URL, payload, format="multipart")


def test_uploading_an_xlsform_answers_201_with_the_form(staff_a, branch_a):
    repeat = [*SURVEY, {"type": "begin repeat", "name": "rounds", "label": "R"},
              {"type": "text", "name": "round", "label": "N"}, {"type": "end repeat"}]
    response = upload(api(staff_a), small_form_bytes(repeat), kind="survey", branch=branch_a.pk,
                      title_ar="مسح الأسر")
    assert response.status_code == 201, response.content
    assert response.json()["kind"] == "survey" and response.json()["questions"] == 7
    assert Questionnaire.objects.get(pk=response.json()["id"]).definition["xform"]


def test_a_bad_xlsform_answers_400_with_the_messages_and_saves_nothing(staff_a, branch_a):
    before = Questionnaire.objects.count()
    duplicate = small_form_bytes([{"type": "text", "name": "a", "label": "A"}, {"type": "text", "name": "a", "label": "A"}])
    response = upload(api(staff_a), duplicate, kind="survey", branch=branch_a.pk, title_ar="x")
    assert response.status_code == 400 and "[row : 3]" in str(response.json()["file"])
    web_only = small_form_bytes([*SURVEY, {"type": "geopoint", "name": "where", "label": "W"}])
    response = upload(api(staff_a), web_only, kind="needs", title_ar="x")
    assert response.status_code == 400 and "geopoint" in str(response.json())
    response = upload(api(staff_a), b"=HYPERLINK(\"http://x\")", name="form.xlsx", kind="needs", title_ar="x")
    assert response.status_code == 400
    assert Questionnaire.objects.count() == before


def test_another_branch_is_refused_and_other_branches_surveys_are_not_listed(staff_a, staff_b, branch_b):
    response = upload(api(staff_a), kind="survey", branch=branch_b.pk, title_ar="x")
    assert response.status_code == 400 and "branch" in response.json()
    upload(api(staff_b), kind="survey", branch=branch_b.pk, title_ar="مسح حلب")
    listed = [form["title"] for form in api(staff_a).get(URL).json()["results"]]
    assert "مسح حلب" not in listed


def test_cso_members_and_trainers_cannot_upload(cso_member, trainer_a):
    assert upload(api(cso_member), kind="needs", title_ar="x").status_code == 403
    assert upload(api(trainer_a), kind="needs", title_ar="x").status_code == 403


def test_a_needs_assessment_choosing_from_a_csv_is_uploaded_with_its_csv_or_refused_without_it(staff_a):
    """The web form fills it with the CSV's choices; without the CSV the form could not open, so it is refused."""
    form = small_form_bytes([*SURVEY, {"type": "select_one_from_file villages.csv", "name": "village",
                                       "label": "Village"}])
    villages = "name,label\nkhair,قرية الخير\n".encode()
    refused = upload(api(staff_a), form, kind="needs", title_ar="تقييم القرى")
    assert refused.status_code == 400 and "villages.csv" in str(refused.json()["media"])
    assert not Questionnaire.objects.filter(title_ar="تقييم القرى").exists()
    created = upload(api(staff_a), form, kind="needs", title_ar="تقييم القرى",
                     media=[SimpleUploadedFile("villages.csv", villages, content_type="text/csv")])
    assert created.status_code == 201, created.content
    media = Questionnaire.objects.get(pk=created.json()["id"]).media_files.get()
    assert media.name == "villages.csv" and media.file.read() == villages
