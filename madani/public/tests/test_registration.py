"""Registering for an open training on the public site, and staff accepting or rejecting it."""

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext

from conftest import client_for
from madani.activities.models import Participation, Source
from madani.people.models import Person
from madani.public.models import Registration, RegistrationStatus
from tests.factories import PersonFactory, RegistrationFactory, place

from .conftest import planned

LIMIT = int(settings.MADANI_PUBLIC_FORM_RATE.split("/")[0])


def _form(**overrides):
    data = {"full_name": "  ليلى   الحسن ", "gender": "female", "birth_year": "1996", "phone": "+963 933 111 222",
            "organization_name": "مبادرة شباب الطبقة", "home_place": place("SY110101").pk, "consent": "on"}
    return {**data, **overrides}


def _register(client, activity, **overrides):
    return client.post(reverse("public:register", args=[activity.pk]), _form(**overrides))


def _registration(activity, **extra):
    values = {"full_name": "ليلى الحسن", "gender": "female", "birth_year": 1996, "phone": "+963 933 111 222",
              "organization_name": "منظمة توتول", "home_place": place("SY110101")}
    return RegistrationFactory(activity=activity, **{**values, **extra})


def test_a_visitor_registers_and_a_pending_registration_waits_for_staff(anonymous, open_training):
    response = _register(anonymous, open_training)
    assert response["Location"] == reverse("public:register_thanks")
    registration = Registration.objects.get()
    assert (registration.activity, registration.status, registration.full_name) == (
        open_training, RegistrationStatus.PENDING, "ليلى الحسن")
    assert not Person.objects.filter(full_name="ليلى الحسن").exists()  # nobody enters the registry unchecked
    html = anonymous.get(response["Location"]).content.decode()
    assert gettext("Your registration was received. The branch's team will call you to confirm your place.") in html
    assert "ليلى" not in html and "933 111 222" not in html


def test_registering_twice_keeps_one_registration(anonymous, open_training):
    _register(anonymous, open_training)
    _register(anonymous, open_training, full_name="ليلى الحسن")
    assert Registration.objects.count() == 1


def test_consent_is_required(anonymous, open_training):
    response = _register(anonymous, open_training, consent="")
    assert response.status_code == 200 and "consent" in response.context["form"].errors
    assert not Registration.objects.exists()


def test_a_robot_filling_the_honeypot_is_thanked_and_ignored(anonymous, open_training):
    response = _register(anonymous, open_training, website="http://spam.example")
    assert response["Location"] == reverse("public:register_thanks")
    assert not Registration.objects.exists()


def test_registration_is_rate_limited_per_address(anonymous, open_training):
    for n in range(LIMIT):
        assert _register(anonymous, open_training, phone=f"+963 933 000 00{n}").status_code == 302
    response = _register(anonymous, open_training, phone="+963 933 999 999")
    assert response.status_code == 429
    assert gettext("Too many messages were sent from your connection. Please try again in an hour.") in (
        response.content.decode())
    assert Registration.objects.count() == LIMIT
    assert anonymous.get(reverse("public:register", args=[open_training.pk])).status_code == 200


def test_activities_not_open_for_registration_have_no_form(anonymous, branch_a, activity_a):
    closed = planned(branch_a, open_for_registration=False)
    for activity in (closed, activity_a):
        assert anonymous.get(reverse("public:register", args=[activity.pk])).status_code == 404
        assert _register(anonymous, activity).status_code == 404
    assert not Registration.objects.exists()


def test_staff_see_pending_registrations_on_the_activity_page(client_a, open_training):
    _registration(open_training)
    html = client_a.get(reverse("activities:detail", args=[open_training.pk])).content.decode()
    assert "ليلى الحسن" in html and reverse("public:registration_accept", args=[Registration.objects.get().pk]) in html


@pytest.fixture
def client_for_trainer(trainer_a):
    return client_for(trainer_a)


def test_accepting_a_new_person_registers_and_enrols_them(client_a, staff_a, open_training, organization_a):
    registration = _registration(open_training)
    url = reverse("public:registration_accept", args=[registration.pk])
    page = client_a.get(url)
    assert page.context["form"]["organization"].initial == organization_a  # found by the name they typed
    response = client_a.post(url, {"person": "new", "organization": organization_a.pk})
    assert response["Location"] == reverse("activities:detail", args=[open_training.pk])
    person = Person.objects.get(full_name="ليلى الحسن")
    assert (person.branch, person.birth_year, person.home_place.pcode, person.phone) == (
        open_training.branch, 1996, "SY110101", "+963 933 111 222")
    assert person.consent_date is not None
    participation = Participation.objects.get(activity=open_training, person=person)
    assert (participation.organization, participation.source) == (organization_a, Source.REGISTRATION)
    registration.refresh_from_db()
    assert (registration.status, registration.participation, registration.decided_by) == (
        RegistrationStatus.ACCEPTED, participation, staff_a)


def test_accepting_goes_through_the_registrys_duplicate_check(client_a, branch_a, open_training):
    known = PersonFactory(branch=branch_a, full_name="ليلى الحسن", birth_year=1996, home_place=place("SY110101"))
    registration = _registration(open_training, full_name="ليلي الحسن")  # ى typed as ي: the same normalized name
    url = reverse("public:registration_accept", args=[registration.pk])
    page = client_a.get(url)
    assert list(page.context["duplicates"]) == [known]
    assert client_a.post(url, {}).status_code == 200  # staff must say who it is
    response = client_a.post(url, {"person": known.pk})
    assert response.status_code == 302
    assert Person.objects.filter(name_key=known.name_key).count() == 1
    assert Participation.objects.get(activity=open_training).person == known


def test_a_new_record_despite_a_duplicate_needs_the_explicit_choice(staff_a, branch_a, open_training):
    from django.core.exceptions import ValidationError

    from madani.public.services import registration_accept

    PersonFactory(branch=branch_a, full_name="ليلى الحسن", birth_year=1996, home_place=place("SY110101"))
    registration = _registration(open_training)
    with pytest.raises(ValidationError):
        registration_accept(actor=staff_a, registration=registration)
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.PENDING and not Participation.objects.exists()
    registration_accept(actor=staff_a, registration=registration, confirm_new=True)
    assert Person.objects.filter(full_name="ليلى الحسن").count() == 2


def test_staff_reject_a_registration(client_a, open_training):
    registration = _registration(open_training)
    url = reverse("public:registration_reject", args=[registration.pk])
    assert client_a.get(url).status_code == 200
    assert client_a.post(url)["Location"] == reverse("activities:detail", args=[open_training.pk])
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.REJECTED and not Participation.objects.exists()
    response = client_a.post(reverse("public:registration_accept", args=[registration.pk]), {"person": "new"})
    assert response.status_code == 302 and not Person.objects.filter(full_name="ليلى الحسن").exists()


def test_staff_of_another_branch_get_404(client_b, open_training):
    registration = _registration(open_training)
    for name in ("public:registration_accept", "public:registration_reject"):
        url = reverse(name, args=[registration.pk])
        assert client_b.get(url).status_code == 404
        assert client_b.post(url, {"person": "new"}).status_code == 404
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.PENDING


def test_trainers_and_cso_members_never_see_registrations(client_for_trainer, cso_member, trainer_person_a,
                                                          open_training):
    open_training.facilitators.add(trainer_person_a)
    registration = _registration(open_training)
    html = client_for_trainer.get(reverse("activities:detail", args=[open_training.pk])).content.decode()
    assert "ليلى الحسن" not in html
    for client in (client_for_trainer, client_for(cso_member)):
        assert client.get(reverse("public:registration_accept", args=[registration.pk])).status_code == 404


def test_what_a_registrant_typed_is_escaped_on_the_staff_pages(client_a, open_training):
    registration = _registration(open_training, organization_name="<script>alert(1)</script>",
                                 full_name="<b>ليلى</b>")
    for name in ("public:registration_accept", "public:registration_reject"):
        html = client_a.get(reverse(name, args=[registration.pk])).content.decode()
        assert "<script>alert(1)</script>" not in html and "<b>ليلى</b>" not in html
    html = client_a.get(reverse("activities:detail", args=[open_training.pk])).content.decode()
    assert "<script>alert(1)</script>" not in html
