"""A session's attendance as a form (issue 13): listed to the trainer's device through OpenRosa, filled in
ODK Collect or offline on the web, recorded in the ledger once per instanceID; walk-ins go through the
registry's duplicate check on arrival."""


import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from lxml import etree

from conftest import client_for, place
from madani.accounts.models import Role
from madani.activities.models import Attendance, Participation
from madani.collect import attendance, services
from madani.collect.models import AttendanceSubmission
from madani.people.models import Person
from tests.factories import PersonFactory, UserFactory

from .conftest import openrosa_client
from .test_odk_engine import ENGINE, fill

NS = {"x": "http://openrosa.org/xforms/xformsList"}


@pytest.fixture
def session_today(activity_a):
    session = activity_a.sessions.order_by("date")[1]
    session.date = timezone.localdate()
    session.save(update_fields=["date"])
    return session


@pytest.fixture
def trainer_device(trainer_a):
    return openrosa_client(services.credential_create(actor=trainer_a, name="هاتف المدربة"))


def submission_xml(session, present=(), walk_ins=(), instance_id="uuid:aaaaaaaa-0000-4000-8000-000000000001",
                   version=None):
    version = attendance.version(session) if version is None else version
    people = " ".join(f"p{pk}" for pk in present)
    rounds = "".join(f"<walk_in><full_name>{w['name']}</full_name><gender>{w['gender']}</gender><age>{w['age']}</age>"
                     f"<place>{w.get('place', '')}</place></walk_in>" for w in walk_ins)
    return (f'<?xml version="1.0"?><data id="{attendance.form_id(session)}" version="{version}">'
            f"<present>{people}</present>{rounds}<meta><instanceID>{instance_id}</instanceID></meta></data>").encode()


def send(client, xml: bytes):
    return client.post(reverse("openrosa:submission"), {
        "xml_submission_file": SimpleUploadedFile("submission.xml", xml, content_type="text/xml")})


def test_the_trainers_device_lists_and_downloads_the_sessions_attendance_form(trainer_device, session_today, person_a):
    listing = etree.fromstring(trainer_device.get(reverse("openrosa:form_list")).content)
    assert attendance.form_id(session_today) in listing.xpath("//x:formID/text()", namespaces=NS)
    download = [u for u in listing.xpath("//x:downloadUrl/text()", namespaces=NS) if "/attendance/" in u][0]
    form = trainer_device.get(download)
    assert form.status_code == 200 and form["X-OpenRosa-Version"] == "1.0"
    xml = form.content.decode()
    assert person_a.full_name in xml and f"p{person_a.pk}" in xml and "walk_in" in xml
    manifest = [u for u in listing.xpath("//x:manifestUrl/text()", namespaces=NS) if "/attendance/" in u][0]
    assert trainer_device.get(manifest).status_code == 200


def test_a_submission_records_attendance_and_walk_ins_once(trainer_device, session_today, person_a, branch_a,
                                                           trainer_a):
    home = place("SY110100")
    known = PersonFactory(branch=branch_a, full_name="خالد العمر", birth_year=timezone.localdate().year - 40,
                          home_place=home)
    xml = submission_xml(session_today, present=[person_a.pk], walk_ins=[
        {"name": "ليلى حسن", "gender": "female", "age": "٢٥"},
        {"name": "خالد العمر", "gender": "male", "age": "40", "place": home.name_ar or home.name},
    ])
    people_before = Person.objects.count()
    response = send(trainer_device, xml)
    assert response.status_code == 201, response.content
    present = set(Attendance.objects.filter(session=session_today).values_list("person__full_name", flat=True))
    assert present == {person_a.full_name, "ليلى حسن", "خالد العمر"}
    assert Person.objects.count() == people_before + 1  # the likely duplicate was marked, not registered again
    leila = Person.objects.get(full_name="ليلى حسن")
    assert leila.birth_year == timezone.localdate().year - 25 and leila.gender == "female" and leila.branch == branch_a
    assert Participation.objects.filter(activity=session_today.activity, person=known).exists()
    saved = AttendanceSubmission.objects.get()
    assert saved.submitted_by == trainer_a and [w["duplicate_of_existing"] for w in saved.walk_ins] == [False, True]

    assert send(trainer_device, xml).status_code == 202  # the phone sends it again: nothing new
    assert Person.objects.count() == people_before + 1 and AttendanceSubmission.objects.count() == 1
    other = submission_xml(session_today, present=[])
    assert send(trainer_device, other).status_code == 409


def test_a_form_with_an_older_list_of_names_is_refused(trainer_device, session_today):
    assert send(trainer_device, submission_xml(session_today, version="0ld")).status_code == 409
    assert not AttendanceSubmission.objects.exists()


def test_a_trainer_who_does_not_facilitate_the_session_gets_404(branch_a, session_today, person_a):
    other = UserFactory(email="trainer.other@example.org", role=Role.TRAINER, branches=[branch_a])
    other.person = PersonFactory(branch=branch_a)
    other.save(update_fields=["person"])
    device = openrosa_client(services.credential_create(actor=other, name="هاتف آخر"))
    listing = etree.fromstring(device.get(reverse("openrosa:form_list")).content)
    assert attendance.form_id(session_today) not in listing.xpath("//x:formID/text()", namespaces=NS)
    assert device.get(reverse("openrosa:attendance_form", args=[session_today.pk])).status_code == 404
    assert device.get(reverse("openrosa:attendance_manifest", args=[session_today.pk])).status_code == 404
    assert send(device, submission_xml(session_today, present=[person_a.pk])).status_code == 404
    assert client_for(other).get(reverse("collect:attendance_fill", args=[session_today.pk])).status_code == 404
    assert not AttendanceSubmission.objects.exists()


def test_another_branch_gets_404(staff_b, session_today, person_a):
    device = openrosa_client(services.credential_create(actor=staff_b, name="هاتف ب"))
    assert device.get(reverse("openrosa:attendance_form", args=[session_today.pk])).status_code == 404
    assert send(device, submission_xml(session_today, present=[person_a.pk])).status_code == 404
    assert client_for(staff_b).get(reverse("collect:attendance_fill", args=[session_today.pk])).status_code == 404


def test_the_web_form_of_the_attendance_works_offline_like_a_surveys(trainer_a, session_today, person_a):
    client = client_for(trainer_a)
    sheet = client.get(reverse("activities:attendance", args=[session_today.activity_id, session_today.pk]))
    assert f'href="{reverse("collect:attendance_fill", args=[session_today.pk])}"' in sheet.content.decode()
    page = client.get(reverse("collect:attendance_fill", args=[session_today.pk]))
    html = page.content.decode()
    assert page.status_code == 200 and "collect/webform.js" in html and 'id="odk-xform"' in html
    assert reverse("collect:offline_worker") in html and reverse("collect:web_submission") in html
    response = client.post(reverse("collect:web_submission"), submission_xml(session_today, present=[person_a.pk]),
                           content_type="text/xml")
    assert response.status_code == 201
    assert Attendance.objects.filter(session=session_today, person=person_a).exists()


@pytest.mark.skipif(not ENGINE.exists(), reason="frontend/node_modules is needed")
def test_odks_engine_fills_the_attendance_form(trainer_device, session_today, person_a, tmp_path):
    form_xml = trainer_device.get(reverse("openrosa:attendance_form", args=[session_today.pk])).content
    filled = fill(tmp_path, form_xml, {"repeats": {"/data/walk_in": 1}, "values": {
        "/data/present": [f"p{person_a.pk}"], "/data/walk_in[1]/full_name": "سعاد يوسف",
        "/data/walk_in[1]/gender": "female", "/data/walk_in[1]/age": 33}})
    assert filled["status"] == "ready", filled
    assert send(trainer_device, filled["xml"].encode()).status_code == 201
    assert set(Attendance.objects.filter(session=session_today).values_list("person__full_name", flat=True)) == {
        person_a.full_name, "سعاد يوسف"}
    assert send(trainer_device, filled["xml"].encode()).status_code == 202
    too_young = fill(tmp_path, form_xml, {"repeats": {"/data/walk_in": 1}, "values": {
        "/data/walk_in[1]/full_name": "x", "/data/walk_in[1]/gender": "male", "/data/walk_in[1]/age": 2}})
    assert too_young["status"] == "pending"
