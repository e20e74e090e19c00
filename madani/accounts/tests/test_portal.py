"""Issue 12: the CSO member's portal — their organization's certificates, the library at their access
level, and registering for open trainings with the public form pre-filled."""

import datetime

import pytest
from django.urls import reverse

from conftest import client_for
from madani.activities.models import Kind, Status
from madani.certificates.services import certificate_issue
from madani.library import services as library
from madani.public.models import Registration
from tests.factories import ActivityFactory, PersonFactory, place


@pytest.fixture
def open_training(branch_a):
    start = datetime.date.today() + datetime.timedelta(days=10)
    return ActivityFactory(branch=branch_a, kind=Kind.WORKSHOP, status=Status.PLANNED, open_for_registration=True,
                           start_date=start, end_date=start + datetime.timedelta(days=1), place=place("SY110100"),
                           title="ورشة كتابة المقترحات", title_ar="ورشة كتابة المقترحات")


@pytest.fixture
def resources(staff_a, branch_a):
    def add(title, access):
        return library.resource_create(actor=staff_a, data={"kind": "link", "access": access, "title_ar": title,
                                                            "branch": branch_a, "url": "https://example.org/x"},
                                       upload=None)
    return {access: add(f"مورد {access}", access) for access in ("public", "members", "staff")}


def test_the_portal_is_in_the_member_s_navigation(cso_member):
    html = client_for(cso_member).get(reverse("dashboard:index")).content.decode()
    assert reverse("accounts:portal") in html


def test_the_portal_lists_certificates_the_library_and_open_trainings(cso_member, activity_a, staff_a, open_training,
                                                                      resources):
    certificate_issue(actor=staff_a, participation=activity_a.participations.get())
    response = client_for(cso_member).get(reverse("accounts:portal"))
    assert response.status_code == 200
    html = response.content.decode()
    participation = activity_a.participations.get()
    assert reverse("certificates:download", args=[activity_a.pk, participation.pk]) in html
    assert "مورد public" in html and "مورد members" in html and "مورد staff" not in html
    assert reverse("public:register", args=[open_training.pk]) in html
    download = client_for(cso_member).get(reverse("certificates:download", args=[activity_a.pk, participation.pk]))
    assert download.status_code == 200


def test_another_organization_s_certificates_are_not_listed(cso_member, activity_a, staff_a, branch_a):
    outsider = PersonFactory(branch=branch_a, full_name="شخص من منظمة أخرى")
    from tests.factories import ParticipationFactory

    other = ParticipationFactory(activity=activity_a, person=outsider, completed=True)
    certificate_issue(actor=staff_a, participation=other)
    html = client_for(cso_member).get(reverse("accounts:portal")).content.decode()
    assert "شخص من منظمة أخرى" not in html


def test_the_registration_form_opens_pre_filled_for_the_member(cso_member, open_training, organization_a):
    cso_member.person = PersonFactory(branch=open_training.branch, full_name="نور الجاسم", gender="female",
                                      birth_year=1995, phone="+963 944 555 666", home_place=place("SY110100"))
    cso_member.save()
    client = client_for(cso_member)
    form = client.get(reverse("public:register", args=[open_training.pk])).context["form"]
    assert form["full_name"].value() == "نور الجاسم"
    assert form["organization_name"].value() == organization_a.name
    assert form["phone"].value() == "+963 944 555 666"
    assert str(form["home_place"].value()) == str(place("SY110100").pk)
    response = client.post(reverse("public:register", args=[open_training.pk]), {
        "full_name": "نور الجاسم", "gender": "female", "birth_year": "1995", "phone": "+963 944 555 666",
        "organization_name": organization_a.name, "home_place": place("SY110100").pk, "consent": "on"})
    assert response.status_code == 302
    assert Registration.objects.get(activity=open_training).full_name == "نور الجاسم"


def test_the_public_form_stays_empty_for_visitors(anonymous, open_training):
    form = anonymous.get(reverse("public:register", args=[open_training.pk])).context["form"]
    assert form["full_name"].value() is None


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["staff_a", "trainer_a"])
def test_staff_have_no_portal(request, persona):
    assert client_for(request.getfixturevalue(persona)).get(reverse("accounts:portal")).status_code == 403
