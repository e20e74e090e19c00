import pytest
from django.core.exceptions import ValidationError

from madani.activities.models import Kind
from madani.certificates.models import Certificate
from madani.certificates.services import certificate_issue, certificate_revoke, certificates_issue_for_activity
from tests.factories import ActivityFactory, ParticipationFactory


def test_a_completer_of_a_training_receives_a_certificate(participation_a, staff_a):
    certificate = certificate_issue(actor=staff_a, participation=participation_a)
    assert certificate.participation == participation_a
    assert certificate.issued_by == staff_a
    assert not certificate.is_revoked


def test_someone_who_did_not_complete_receives_none(activity_a, staff_a):
    dropout = ParticipationFactory(activity=activity_a, completed=False)
    with pytest.raises(ValidationError):
        certificate_issue(actor=staff_a, participation=dropout)
    assert not Certificate.objects.filter(participation=dropout).exists()


def test_activities_that_are_not_courses_give_no_certificate(branch_a, staff_a):
    coaching = ActivityFactory(branch=branch_a, kind=Kind.COACHING)
    participation = ParticipationFactory(activity=coaching, completed=True)
    with pytest.raises(ValidationError):
        certificate_issue(actor=staff_a, participation=participation)
    with pytest.raises(ValidationError):
        certificates_issue_for_activity(actor=staff_a, activity=coaching)
    assert not Certificate.objects.exists()


def test_workshops_give_certificates_too(branch_a, staff_a):
    workshop = ActivityFactory(branch=branch_a, kind=Kind.WORKSHOP)
    participation = ParticipationFactory(activity=workshop, completed=True)
    assert certificate_issue(actor=staff_a, participation=participation).pk


def test_issuing_twice_returns_the_same_certificate(participation_a, staff_a):
    first = certificate_issue(actor=staff_a, participation=participation_a)
    second = certificate_issue(actor=staff_a, participation=participation_a)
    assert first.pk == second.pk and first.code == second.code
    assert Certificate.objects.count() == 1


def test_issuing_for_an_activity_covers_its_completers_only_and_never_duplicates(activity_a, staff_a):
    completers = [ParticipationFactory(activity=activity_a, completed=True) for _ in range(3)]
    dropout = ParticipationFactory(activity=activity_a, completed=False)
    issued = certificates_issue_for_activity(actor=staff_a, activity=activity_a)
    assert len(issued) == 4  # person A and the three others
    person_a_participation = activity_a.participations.get(person__full_name="أحمد علي الخلف")
    assert {c.participation_id for c in issued} == {p.pk for p in completers} | {person_a_participation.pk}
    assert certificates_issue_for_activity(actor=staff_a, activity=activity_a) == []
    assert Certificate.objects.count() == 4
    assert not Certificate.objects.filter(participation=dropout).exists()


def test_codes_are_long_random_and_distinct(activity_a, staff_a):
    for _ in range(20):
        ParticipationFactory(activity=activity_a, completed=True)
    codes = [c.code for c in certificates_issue_for_activity(actor=staff_a, activity=activity_a)]
    assert len(set(codes)) == len(codes) == 21
    assert all(len(code) >= 16 for code in codes)


def test_revoking_needs_a_reason_keeps_the_row_and_happens_once(certificate_a, staff_a):
    with pytest.raises(ValidationError):
        certificate_revoke(actor=staff_a, certificate=certificate_a, reason="  ")
    certificate_revoke(actor=staff_a, certificate=certificate_a, reason="Issued to the wrong person")
    certificate_a.refresh_from_db()
    assert certificate_a.is_revoked and certificate_a.revoked_by == staff_a
    assert certificate_a.revocation_reason == "Issued to the wrong person"
    with pytest.raises(ValidationError):
        certificate_revoke(actor=staff_a, certificate=certificate_a, reason="again")
    assert certificate_a.history.first().history_user == staff_a


def test_issuing_again_does_not_revive_a_revoked_certificate(certificate_a, participation_a, staff_a):
    certificate_revoke(actor=staff_a, certificate=certificate_a, reason="mistake")
    again = certificate_issue(actor=staff_a, participation=participation_a)
    assert again.pk == certificate_a.pk and again.is_revoked
