"""The public check behind the QR code: genuine or revoked, and nothing else about the person."""

from django.urls import reverse
from django.utils.translation import gettext

from madani.certificates.services import certificate_revoke
from tests.factories import ActivityFactory, ParticipationFactory


def verify(client, code):
    return client.get(reverse("certificates:verify", args=[code]))


def test_anyone_can_check_a_genuine_certificate(anonymous, certificate_a):
    response = verify(anonymous, certificate_a.code)
    assert response.status_code == 200
    body = response.content.decode()
    assert gettext("This certificate is genuine and valid.") in body
    assert "أحمد علي الخلف" in body
    assert "تدريب المناصرة" in body
    assert "2026-03-01" in body and "2026-03-03" in body
    assert "الرقة" in body  # the branch that ran it
    assert 'name="robots" content="noindex' in body
    assert "no-store" in response["Cache-Control"]  # a later revocation shows at once


def test_the_check_reveals_nothing_else_about_the_person(anonymous, certificate_a, person_a, branch_a):
    other = ActivityFactory(branch=branch_a, title_ar="دورة سرية أخرى", title_en="Another course")
    ParticipationFactory(activity=other, person=person_a, completed=True)
    person_a.phone, person_a.email, person_a.notes = "+963 944 123 456", "ahmad@example.org", "ملاحظة خاصة"
    person_a.save()
    body = verify(anonymous, certificate_a.code).content.decode()
    assert str(person_a.birth_year) not in body
    assert "944 123 456" not in body and "ahmad@example.org" not in body and "ملاحظة خاصة" not in body
    assert "منظمة توتول" not in body and "Tutul" not in body  # the organization represented
    assert "دورة سرية أخرى" not in body  # the person's other activities
    assert "سلمى المدربة" not in body  # nor who else took part
    assert reverse("people:detail", args=[person_a.pk]) not in body


def test_a_revoked_certificate_is_reported_as_revoked(anonymous, certificate_a, staff_a):
    certificate_revoke(actor=staff_a, certificate=certificate_a, reason="Issued by mistake to a namesake")
    response = verify(anonymous, certificate_a.code)
    body = response.content.decode()
    assert response.status_code == 200
    assert gettext("This certificate was revoked.") in body
    assert gettext("This certificate is genuine and valid.") not in body
    assert "namesake" not in body  # the reason stays internal


def test_an_unknown_code_gives_a_friendly_404(anonymous, certificate_a):
    response = verify(anonymous, certificate_a.code[:-1] + ("A" if certificate_a.code[-1] != "A" else "B"))
    assert response.status_code == 404
    assert gettext("No certificate has this code.") in response.content.decode()


def test_the_check_works_in_english(anonymous, certificate_a):
    response = anonymous.get(f"/en/certificates/verify/{certificate_a.code}/")
    assert response.status_code == 200
    assert "Advocacy training" in response.content.decode()


def test_guessing_codes_is_slowed_down(anonymous, certificate_a, settings):
    settings.MADANI_CERTIFICATE_VERIFY_RATE = "5/m"
    answers = [verify(anonymous, f"guess-{n}").status_code for n in range(5)]
    assert answers == [404] * 5
    response = verify(anonymous, certificate_a.code)
    assert response.status_code == 429
    assert "أحمد علي الخلف" not in response.content.decode()
