"""A form's data files, as ODK Central takes them: the CSV a ``select_one_from_file`` reads is uploaded with
the XLSForm, checked (its name, UTF-8 CSV text), listed in the OpenRosa manifest with its md5, served to
ODK Collect and handed to ODK's engine by the web form — whose choices then come from it."""

import hashlib
import json
import re
import shutil

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils.html import escape
from django.utils.translation import gettext
from lxml import etree

from madani.assessments.models import FormMedia, Questionnaire
from madani.assessments.workbooks import xlsform_bytes
from madani.collect.models import Submission
from madani.core.templatetags.bidi import separator

from .test_odk_engine import ENGINE, fill

SURVEY = [{"type": "select_one_from_file villages.csv", "name": "village", "label::English (en)": "Village",
           "label::Arabic (ar)": "القرية"},
          {"type": "integer", "name": "households", "label::English (en)": "Households",
           "label::Arabic (ar)": "عدد الأسر"}]
VILLAGES = "name,label\nkhair,قرية الخير\nnour,قرية النور\n".encode()
NS = {"m": "http://openrosa.org/xforms/xformsManifest"}


def upload(client, *files, title="مسح القرى"):
    """Upload, as staff do, a survey whose choices come from villages.csv, with ``files``."""
    return client.post(reverse("assessments:upload"), {
        "title_ar": title, "title_en": "Villages survey", "kind": "survey",
        "branch": client.branch.pk, "xlsform": SimpleUploadedFile("villages.xlsx", xlsform_bytes(SURVEY, None, {
            "version": "1"})), "media": list(files)})


@pytest.fixture
def staff(client_a, branch_a):
    client_a.branch = branch_a
    return client_a


def csv_file(content=VILLAGES, name="villages.csv"):
    return SimpleUploadedFile(name, content, content_type="text/csv")


def test_the_csv_a_form_chooses_from_is_in_the_manifest_with_its_md5_and_is_served(staff, collect_a):
    response = upload(staff, csv_file())
    assert response.status_code == 302, response.content.decode()[:2000]
    questionnaire = Questionnaire.objects.get(title_ar="مسح القرى")
    root = etree.fromstring(collect_a.get(reverse("openrosa:manifest", args=[questionnaire.pk])).content)
    assert root.xpath("//m:filename/text()", namespaces=NS) == ["villages.csv"]
    assert root.xpath("//m:hash/text()", namespaces=NS) == [f"md5:{hashlib.md5(VILLAGES).hexdigest()}"]
    download = collect_a.get(root.xpath("//m:downloadUrl/text()", namespaces=NS)[0])
    assert download.status_code == 200 and b"".join(download.streaming_content) == VILLAGES
    assert download["Content-Type"].startswith("text/csv")
    form = collect_a.get(reverse("openrosa:form", args=[questionnaire.pk])).content.decode()
    assert 'src="jr://file-csv/villages.csv"' in form


def test_the_web_form_page_carries_the_csv_for_odks_engine(staff):
    upload(staff, csv_file("\ufeff".encode() + VILLAGES))  # Excel's "CSV UTF-8" starts with a byte order mark
    questionnaire = Questionnaire.objects.get(title_ar="مسح القرى")
    html = staff.get(reverse("collect:fill", args=[questionnaire.pk])).content.decode()
    files = json.loads(re.search(r'<script id="odk-files" type="application/json">(.*?)</script>', html, re.S)[1])
    assert files == {"villages.csv": VILLAGES.decode()}


NOT_UTF8 = "The file “%(name)s” is not text in UTF-8 (in Excel: Save As, “CSV UTF-8”)."


@pytest.mark.parametrize("files, message, values", [
    ([csv_file(name="towns.csv")], "The form names no file “%(name)s”; the files it names: %(expected)s.",
     {"name": "towns.csv", "expected": "villages.csv"}),
    ([csv_file(b"\x89PNG\r\n\x1a\n" + b"\x00" * 40)], NOT_UTF8, {"name": "villages.csv"}),
    ([csv_file("name,label\nkhair,قرية الخير\n".encode("cp1256"))], NOT_UTF8, {"name": "villages.csv"}),
    ([csv_file(b"\n\n")], "The file “%(name)s” is not a CSV file whose first row names its columns.",
     {"name": "villages.csv"}),
    ([csv_file("code,label\nkhair,قرية الخير\n".encode())],
     "The file “%(name)s” has no column “%(column)s”, which the form reads its choices from (its columns: "
     "%(columns)s).", {"name": "villages.csv", "column": "name", "columns": ["code", "label"]}),
    ([], "The form reads its data from these files: upload them with it: %(names)s.", {"names": "villages.csv"}),
])
def test_a_wrong_name_a_file_that_is_not_a_utf8_csv_or_a_missing_csv_is_refused_with_a_message(staff, files, message,
                                                                                               values):
    response = upload(staff, *files)
    assert response.status_code == 200
    values = {key: separator().join(value) if isinstance(value, list) else value for key, value in values.items()}
    assert escape(gettext(message) % values) in response.content.decode()
    assert not Questionnaire.objects.filter(title_ar="مسح القرى").exists() and not FormMedia.objects.exists()


def test_a_csv_over_the_size_limit_is_refused(staff):
    from madani.assessments import services

    big = VILLAGES + b"x" * services.MAX_DATA_FILE_BYTES
    response = upload(staff, csv_file(big))
    message = gettext("The file “%(name)s” is too large (at most %(size)s).") % {
        "name": "villages.csv", "size": filesizeformat(services.MAX_DATA_FILE_BYTES)}
    assert response.status_code == 200 and escape(message) in response.content.decode()
    assert not Questionnaire.objects.filter(title_ar="مسح القرى").exists()


@pytest.mark.skipif(not shutil.which("node") or not ENGINE.exists(),
                    reason="Node 20 and frontend/node_modules (npm ci in frontend/) are needed")
def test_odks_engine_takes_its_choices_from_the_uploaded_csv_and_the_server_keeps_the_answer(staff, collect_a,
                                                                                             tmp_path):
    upload(staff, csv_file())
    questionnaire = Questionnaire.objects.get(title_ar="مسح القرى")
    form_xml = collect_a.get(reverse("openrosa:form", args=[questionnaire.pk])).content
    files = {"villages.csv": VILLAGES.decode()}
    filled = fill(tmp_path, form_xml, {"values": {"/data/village": "nour", "/data/households": 7}, "files": files})
    assert filled["status"] == "ready" and "<village>nour</village>" in filled["xml"]
    response = staff.post(reverse("collect:web_submission"), data=filled["xml"].encode(),
                          content_type="text/xml; charset=utf-8")
    assert response.status_code == 201
    assert Submission.objects.get().answers["village"] == "nour"
    # a value the CSV does not offer is not a choice: the engine keeps nothing
    other = fill(tmp_path, form_xml, {"values": {"/data/village": "elsewhere"}, "files": files})
    assert "<village>elsewhere</village>" not in other["xml"]


def test_staff_replace_the_csv_of_a_form_on_its_files_page_and_the_manifest_follows(staff, collect_a, client_b):
    upload(staff, csv_file())
    questionnaire = Questionnaire.objects.get(title_ar="مسح القرى")
    page = reverse("assessments:media", args=[questionnaire.pk])
    assert 'data-file="villages.csv"' in staff.get(page).content.decode()
    newer = VILLAGES + "salam,قرية السلام\n".encode()
    response = staff.post(page, {"media": [csv_file(newer)]})
    assert response.status_code == 302
    root = etree.fromstring(collect_a.get(reverse("openrosa:manifest", args=[questionnaire.pk])).content)
    assert root.xpath("//m:hash/text()", namespaces=NS) == [f"md5:{hashlib.md5(newer).hexdigest()}"]
    assert questionnaire.media_files.count() == 1
    refused = staff.post(page, {"media": [csv_file(name="towns.csv")]})
    assert refused.status_code == 200
    assert escape(gettext("The form names no file “%(name)s”; the files it names: %(expected)s.")
                  % {"name": "towns.csv", "expected": "villages.csv"}) in refused.content.decode()
    # another branch's staff change nothing
    other = client_b.post(page, {"media": [csv_file(b"name,label\nx,X\n")]})
    assert other.status_code == 404, other.status_code
    assert questionnaire.media_files.get().md5 == hashlib.md5(newer).hexdigest()
