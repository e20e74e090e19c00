"""Writes of the public site: the center's profile, and registrations for open trainings."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from madani.activities.models import Activity, Source
from madani.activities.services import participation_add
from madani.core.arabic import clean_spaces, normalize
from madani.core.ledger import ledger_write
from madani.people.models import Person
from madani.people.services import person_create

from .models import CenterProfile, Registration, RegistrationStatus


@transaction.atomic
def profile_save(*, actor, profile: CenterProfile, data: dict, branch_contacts=None) -> CenterProfile:
    """Save the center's public profile and, in the same transaction, its branches' contacts (a formset)."""
    for name, value in data.items():
        setattr(profile, name, value)
    profile._history_user = actor
    profile.full_clean()
    profile.save()
    if branch_contacts is not None:
        branch_contacts.instance = profile
        branch_contacts.save()
    return profile


@transaction.atomic
def registration_submit(*, activity: Activity, data: dict) -> Registration:
    """A visitor asks to take part. The same person registering twice for the same activity (same
    normalized name and phone, still pending) is kept once."""
    if not Activity.objects.registration_open().filter(pk=activity.pk).exists():
        raise ValidationError(_("Registration for this activity is closed."))
    data = {**data, "full_name": clean_spaces(data.get("full_name"))}
    pending = Registration.objects.pending().filter(activity=activity, phone=data.get("phone", ""))
    for registration in pending:
        if normalize(registration.full_name) == normalize(data["full_name"]):
            return registration
    registration = Registration(activity=activity, **data)
    registration.full_clean()
    registration.save()
    return registration


def likely_duplicates(*, actor, registration: Registration):
    """People of the registry the registrant may already be (the registry's duplicate rule)."""
    return Person.objects.visible_to(actor).likely_duplicates_of(
        full_name=registration.full_name, birth_year=registration.birth_year,
        home_place_id=registration.home_place_id,
    )


def _decide(*, actor, registration: Registration, status: str) -> None:
    if registration.status != RegistrationStatus.PENDING:
        raise ValidationError(_("This registration was already decided."))
    registration.status = status
    registration.decided_by = actor
    registration.decided_at = timezone.now()
    registration._history_user = actor


@ledger_write
def registration_accept(*, actor, registration: Registration, person: Person | None = None, organization=None,
                        confirm_new: bool = False) -> Registration:
    """Enrol the registrant as ``person``, when staff recognised them in the registry, or as a new
    person record of the activity's branch. A new record goes through the registry's duplicate check:
    while a likely duplicate exists it needs ``confirm_new`` (staff ruled the duplicates out)."""
    registration = Registration.objects.select_for_update().select_related("activity").get(pk=registration.pk)
    _decide(actor=actor, registration=registration, status=RegistrationStatus.ACCEPTED)
    if person is None:
        if not confirm_new and likely_duplicates(actor=actor, registration=registration).exists():
            raise ValidationError(_("This person may already be registered. Choose the existing record, "
                                    "or confirm that this is a different person."))
        person = person_create(actor=actor, data={
            "full_name": registration.full_name, "gender": registration.gender, "birth_year": registration.birth_year,
            "home_place": registration.home_place, "phone": registration.phone, "branch": registration.activity.branch,
            "consent_date": timezone.localdate(registration.created_at),
        })
    registration.participation = participation_add(
        actor=actor, activity=registration.activity, person=person, organization=organization,
        source=Source.REGISTRATION,
    )
    registration.save()
    return registration


@transaction.atomic
def registration_reject(*, actor, registration: Registration) -> Registration:
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    _decide(actor=actor, registration=registration, status=RegistrationStatus.REJECTED)
    registration.save()
    return registration
