import base64

import pytest
from django.test import Client

from madani.assessments.models import Kind, Questionnaire
from madani.assessments.workbooks import xlsform_bytes
from madani.assessments.xlsform import read_xlsform
from madani.collect import services

SURVEY = [
    {"type": "start", "name": "start"},
    {"type": "text", "name": "place_name", "label::Arabic (ar)": "اسم المكان", "label::English (en)": "Place"},
    {"type": "integer", "name": "households", "label::Arabic (ar)": "عدد الأسر", "label::English (en)": "Households",
     "constraint": ". < 1000"},
    {"type": "select_one yn", "name": "water", "label::Arabic (ar)": "هل تتوفر المياه؟", "label::English (en)": "Water?"},
    {"type": "begin repeat", "name": "visits", "label::Arabic (ar)": "الزيارات", "label::English (en)": "Visits"},
    {"type": "date", "name": "visit_date", "label::Arabic (ar)": "التاريخ", "label::English (en)": "Date"},
    {"type": "end repeat"},
    {"type": "image", "name": "photo", "label::Arabic (ar)": "صورة", "label::English (en)": "Photo"},
    {"type": "calculate", "name": "twice", "calculation": "${households} * 2"},
]
CHOICES = [{"list_name": "yn", "name": "yes", "label::Arabic (ar)": "نعم", "label::English (en)": "Yes"},
           {"list_name": "yn", "name": "no", "label::Arabic (ar)": "لا", "label::English (en)": "No"}]
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 60


def make_survey(branch, **fields):
    definition = read_xlsform(xlsform_bytes(SURVEY, CHOICES, {"form_title": "Field survey", "version": "1"}),
                              "survey.xlsx", domains=set())
    return Questionnaire.objects.create(title="مسح ميداني", title_ar="مسح ميداني", title_en="Field survey",
                                        kind=Kind.SURVEY, branch=branch, version="1", definition=definition, **fields)


@pytest.fixture
def survey_a(branch_a):
    return make_survey(branch_a)


@pytest.fixture
def device_a(staff_a):
    credential, secret = services.credential_create(actor=staff_a, name="هاتف فريق هجين")
    return credential, secret


def openrosa_client(credential_and_secret) -> Client:
    credential, secret = credential_and_secret
    token = base64.b64encode(f"{credential.username}:{secret}".encode()).decode()
    return Client(HTTP_X_OPENROSA_VERSION="1.0", HTTP_AUTHORIZATION=f"Basic {token}")


@pytest.fixture
def collect_a(device_a):
    return openrosa_client(device_a)


def instance(questionnaire, instance_id="uuid:11111111-2222-3333-4444-555555555555", households="12", photo="",
             deprecated="", version="1", place="قرية الخير"):
    deprecated_xml = f"<deprecatedID>{deprecated}</deprecatedID>" if deprecated else ""
    photo_xml = f"<photo>{photo}</photo>" if photo else "<photo/>"
    return (f'<?xml version="1.0"?><data xmlns:jr="http://openrosa.org/javarosa" id="madani-{questionnaire.pk}" '
            f'version="{version}"><start>2026-12-04T10:00:00+03:00</start><place_name>{place}</place_name>'
            f"<households>{households}</households><water>yes</water><visits><visit_date>2026-12-01</visit_date>"
            f"</visits><visits><visit_date>2026-12-02</visit_date></visits>{photo_xml}<twice>24</twice>"
            f"<meta><instanceID>{instance_id}</instanceID>{deprecated_xml}</meta></data>").encode()
