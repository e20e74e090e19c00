"""The center's public profile: edited by administrators (and in the admin); the demo's profile."""

import random

from django.urls import reverse

from conftest import client_for
from madani.activities.models import Activity
from madani.public.models import BranchContact, CenterProfile, Registration
from madani.sampledata.demo import public as demo
from tests.factories import BranchFactory, place

from .conftest import planned

PROFILE_FORM = {
    "name_ar": "مركز دعم المجتمع المدني", "name_en": "Civil Society Support Center",
    "tagline_ar": "", "tagline_en": "", "about_ar": "مساحة عمل مشتركة", "about_en": "A co-working space",
    "email": "info@example.org", "phone": "+963 22 000 1018", "facebook_url": "facebook.com/center",
    "x_url": "", "youtube_url": "", "telegram_url": "",
    "contacts-TOTAL_FORMS": "1", "contacts-INITIAL_FORMS": "0",
}


def test_an_administrator_edits_the_profile_and_the_branch_contacts(administrator, branch_a):
    data = {**PROFILE_FORM, "contacts-0-branch": branch_a.pk, "contacts-0-address_ar": "الرقة، شارع تل أبيض",
            "contacts-0-address_en": "Raqqa, Tal Abyad Street", "contacts-0-phone": "+963 22 000 1101",
            "contacts-0-email": ""}
    response = client_for(administrator).post(reverse("public:profile_edit"), data)
    assert response["Location"] == reverse("public:home")
    profile = CenterProfile.current()
    assert (profile.name_en, profile.facebook_url) == ("Civil Society Support Center", "https://facebook.com/center")
    assert BranchContact.objects.get().address_en == "Raqqa, Tal Abyad Street"
    assert profile.history.count() == 1


def test_the_profile_needs_its_name_in_both_languages(administrator):
    response = client_for(administrator).post(reverse("public:profile_edit"), {**PROFILE_FORM, "name_en": ""})
    assert response.status_code == 200 and "name_en" in response.context["form"].errors
    assert not CenterProfile.objects.exists()


def test_branch_managers_cannot_edit_the_profile(client_a):
    assert client_a.get(reverse("public:profile_edit")).status_code == 403
    assert client_a.post(reverse("public:profile_edit"), PROFILE_FORM).status_code == 403
    assert not CenterProfile.objects.exists()


def test_the_admin_offers_one_profile_only(administrator):
    client = client_for(administrator)
    assert client.get("/admin/public/centerprofile/add/").status_code == 200
    CenterProfile.objects.create(name="مركز", name_ar="مركز", name_en="Center")
    assert client.get("/admin/public/centerprofile/add/").status_code == 403


def test_the_demo_fills_the_profile_opens_planned_trainings_and_leaves_registrations_waiting(db):
    branches = [BranchFactory(code=code, place=place(pcode)) for code, pcode in
                [("raqqa", "SY110100"), ("deir-ez-zor", "SY090100"), ("amouda", "SY080202"), ("aleppo", "SY020000")]]
    workshop = planned(branches[0], open_for_registration=False)
    demo.load(random.Random(1))
    profile = CenterProfile.current()
    assert profile.name_en == "Civil Society Support Center"
    assert {c.branch.code for c in profile.branch_contacts.all()} == {"raqqa", "deir-ez-zor", "amouda", "aleppo"}
    assert list(Activity.objects.registration_open()) == [workshop]
    assert Registration.objects.filter(activity=workshop).pending().count() >= 4
