"""The public home page (issue 5): who the center is, its services, open trainings, contact details."""

import datetime

from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from madani.activities.models import Kind, Status
from madani.public.models import BranchContact, CenterProfile
from tests.factories import RegistrationFactory

from .conftest import TODAY, planned


def _profile(branch):
    profile = CenterProfile.objects.create(
        name="مركز دعم المجتمع المدني", name_ar="مركز دعم المجتمع المدني", name_en="Civil Society Support Center",
        tagline_ar="نبني قدرات المنظمات المحلية", tagline_en="We build local organizations' capacity",
        about_ar="تأسس المركز عام 2018.", about_en="The center was founded in 2018.",
        email="info@example.org", phone="+963 22 000 1018", facebook_url="https://www.facebook.com/center")
    BranchContact.objects.create(profile=profile, branch=branch, address_ar="الرقة، شارع تل أبيض",
                                 address_en="Raqqa, Tal Abyad Street", phone="+963 22 000 1101")
    return profile


def test_the_home_page_says_who_the_center_is_in_arabic_and_english(anonymous, branch_a):
    _profile(branch_a)
    arabic = anonymous.get("/").content.decode()
    english = anonymous.get("/en/").content.decode()
    assert "مركز دعم المجتمع المدني" in arabic and "تأسس المركز عام 2018." in arabic
    assert "Civil Society Support Center" in english and "The center was founded in 2018." in english
    assert "الرقة، شارع تل أبيض" in arabic and "Raqqa, Tal Abyad Street" in english
    assert "info@example.org" in arabic and "+963 22 000 1101" in arabic
    assert "https://www.facebook.com/center" in english


def test_the_home_page_works_before_the_profile_is_filled_in(anonymous, db):
    response = anonymous.get("/")
    assert response.status_code == 200
    assert gettext("Madani — civil-society support center") in response.content.decode()


def test_the_home_page_lists_the_services_with_the_public_forms(anonymous, db):
    html = anonymous.get("/").content.decode()
    for title in ["Trainings and workshops", "Coaching", "Consultations and technical support", "Small grants",
                  "Networks", "Co-working space", "Civic-knowledge library", "Election monitoring"]:
        assert gettext(title) in html
    assert reverse("consultations:request_consultation") in html
    assert reverse("consultations:suggest_training") in html


def test_only_planned_trainings_open_for_registration_are_announced(anonymous, branch_a, open_training):
    planned(branch_a, title_ar="ورشة مغلقة", title="ورشة مغلقة", open_for_registration=False)
    planned(branch_a, title_ar="ورشة انتهى التسجيل", title="ورشة انتهى التسجيل",
            registration_deadline=TODAY - datetime.timedelta(days=1))
    planned(branch_a, title_ar="تدريب جارٍ", title="تدريب جارٍ", days_ahead=0, status=Status.ONGOING)
    html = anonymous.get("/").content.decode()
    assert "ورشة كتابة المقترحات" in html
    assert reverse("public:register", args=[open_training.pk]) in html
    assert "ورشة مغلقة" not in html and "ورشة انتهى التسجيل" not in html and "تدريب جارٍ" not in html


def test_nothing_about_registrants_is_shown_publicly(anonymous, open_training):
    RegistrationFactory(activity=open_training, full_name="سمر الحسن", gender="female", birth_year=1995,
                        phone="+963 933 000 111", home_place=open_training.place)
    for url in ["/", "/en/", reverse("public:trainings"), reverse("public:register", args=[open_training.pk])]:
        html = anonymous.get(url).content.decode()
        assert "سمر الحسن" not in html and "933 000 111" not in html, url


def test_hreflang_links_of_each_language_point_to_each_other(anonymous, db):
    for path in ["/", "/en/"]:
        html = anonymous.get(path).content.decode()
        assert '<link rel="alternate" hreflang="ar" href="http://testserver/">' in html
        assert '<link rel="alternate" hreflang="en" href="http://testserver/en/">' in html
        assert '<link rel="alternate" hreflang="x-default" href="http://testserver/">' in html
    assert '<link rel="canonical" href="http://testserver/">' in anonymous.get("/").content.decode()
    assert '<link rel="canonical" href="http://testserver/en/">' in anonymous.get("/en/").content.decode()


def test_every_public_page_has_its_alternates(anonymous, open_training):
    path = reverse("public:register", args=[open_training.pk])
    with translation.override("en"):
        english = reverse("public:register", args=[open_training.pk])
    html = anonymous.get(english).content.decode()
    assert f'<link rel="alternate" hreflang="ar" href="http://testserver{path}">' in html
    assert f'<link rel="canonical" href="http://testserver{english}">' in html


def _activity_form(activity, **extra):
    data = {"kind": activity.kind, "title_ar": activity.title_ar, "title_en": activity.title_en,
            "program": activity.program_id, "branch": activity.branch_id, "place": activity.place_id,
            "start_date": activity.start_date.isoformat(), "end_date": activity.end_date.isoformat(),
            "status": activity.status, "open_for_registration": "on"}
    return {**data, **extra}


def test_staff_open_a_planned_workshop_for_registration_on_its_form(client_a, open_training):
    deadline = (open_training.start_date - datetime.timedelta(days=1)).isoformat()
    response = client_a.post(reverse("activities:edit", args=[open_training.pk]),
                             _activity_form(open_training, registration_deadline=deadline))
    assert response.status_code == 302
    open_training.refresh_from_db()
    assert open_training.open_for_registration and open_training.registration_deadline.isoformat() == deadline


def test_only_trainings_and_workshops_take_registrations(client_a, open_training, organization_a):
    response = client_a.post(reverse("activities:edit", args=[open_training.pk]),
                             _activity_form(open_training, kind=Kind.COACHING, target_organizations=organization_a.pk))
    assert gettext("Only trainings and workshops take registrations from the public.") in response.content.decode()


def test_the_registration_deadline_cannot_be_after_the_start(client_a, open_training):
    late = (open_training.start_date + datetime.timedelta(days=1)).isoformat()
    response = client_a.post(reverse("activities:edit", args=[open_training.pk]),
                             _activity_form(open_training, registration_deadline=late))
    assert gettext("The registration deadline cannot be after the start date.") in response.content.decode()
