"""What the CSO member's portal gathers: their organization's certificates, the library at their access
level, and the open trainings they may register for (the public registration form, pre-filled)."""

from madani.activities.models import Activity
from madani.certificates.models import Certificate
from madani.library.models import Resource
from madani.places.models import Level

PORTAL_ROWS = 10


def certificates(user):
    """Certificates of the people the member sees (their organization's), valid ones only, newest first."""
    return (Certificate.objects.visible_to(user).filter(revoked_at__isnull=True)
            .select_related("participation__person", "participation__activity").order_by("-issued_at", "pk"))


def library(user):
    return Resource.objects.visible_to(user).order_by("-pk")


def open_trainings():
    return Activity.objects.registration_open().select_related("branch", "place").order_by("start_date", "pk")


def registration_initial(user) -> dict:
    """The public registration form's values for a signed-in partner account: their name, their
    organization, and what their person record holds. Empty for anyone else."""
    if not getattr(user, "is_authenticated", False) or not user.organization_id or user.is_center_staff:
        return {}
    person = user.person
    initial = {"full_name": person.full_name if person else user.get_full_name(),
               "organization_name": user.organization.name}
    if person is not None:
        initial |= {"gender": person.gender, "birth_year": person.birth_year, "phone": person.phone}
        if person.home_place_id and person.home_place.level == Level.SUBDISTRICT:
            initial["home_place"] = person.home_place_id
    return {name: value for name, value in initial.items() if value not in (None, "")}
