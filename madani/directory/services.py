"""Writes to the services directory: a CSO (or staff for it) submits a listing, staff of its branch
moderate it. Every submission, including an edit of a published listing, waits for moderation again:
the public only ever sees text a moderator has read."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from madani.core.arabic import clean_spaces
from madani.organizations.models import Organization

from .models import ServiceListing, Status

ONE_LINE_FIELDS = ("title_ar", "title_en")


def _save(*, actor, listing: ServiceListing) -> ServiceListing:
    listing._history_user = actor
    listing.full_clean(exclude=["search_key", "places"])
    listing.save()
    return listing


def _check_texts(listing: ServiceListing) -> None:
    errors = {}
    if not listing.title_ar and not listing.title_en:
        errors["title_ar"] = _("Name the service in Arabic or English.")
    if not listing.description_ar and not listing.description_en:
        errors["description_ar"] = _("Describe the service in Arabic or English.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def listing_submit(*, actor, data: dict, listing: ServiceListing | None = None) -> ServiceListing:
    """Create or change a listing; either way it waits for moderation. A CSO member always writes for
    their own organization; staff for an organization they see."""
    data = dict(data)
    places = data.pop("places", None)
    listing = listing or ServiceListing()
    if actor.is_center_staff:
        organization_id = getattr(data.pop("organization", None), "pk", None) or listing.organization_id
        organization = Organization.objects.visible_to(actor).filter(pk=organization_id).first()
        if organization is None:
            raise ValidationError({"organization": _("Choose an organization of your branches.")})
    else:
        data.pop("organization", None)
        if not actor.organization_id or (listing.pk and listing.organization_id != actor.organization_id):
            raise ValidationError(_("You can describe only your own organization's services."))
        organization = actor.organization
    for name, value in data.items():
        setattr(listing, name, clean_spaces(value) if name in ONE_LINE_FIELDS else value)
    listing.organization = organization
    listing.status = Status.PENDING
    listing.submitted_by = actor
    _check_texts(listing)
    _save(actor=actor, listing=listing)
    if places is not None:
        if not places:
            raise ValidationError({"places": _("Name at least one place the service reaches.")})
        listing.places.set(places)
    return listing


def _moderate(*, actor, listing: ServiceListing, status: str, note: str) -> ServiceListing:
    listing.status = status
    listing.moderation_note = note
    listing.moderated_by = actor
    listing.moderated_at = timezone.now()
    return _save(actor=actor, listing=listing)


@transaction.atomic
def listing_publish(*, actor, listing: ServiceListing) -> ServiceListing:
    """Publish a listing waiting for moderation: the public can find it from now on."""
    if listing.status != Status.PENDING:
        raise ValidationError(_("Only a listing waiting for moderation can be published."))
    return _moderate(actor=actor, listing=listing, status=Status.PUBLISHED, note="")


@transaction.atomic
def listing_reject(*, actor, listing: ServiceListing, reason: str) -> ServiceListing:
    """Refuse a waiting listing, or take a published one off the public pages, with a reason the
    organization reads."""
    if listing.status not in (Status.PENDING, Status.PUBLISHED):
        raise ValidationError(_("Only a waiting or published listing can be rejected."))
    if not clean_spaces(reason):
        raise ValidationError({"reason": _("Say why, so that the organization can correct the listing.")})
    return _moderate(actor=actor, listing=listing, status=Status.REJECTED, note=reason.strip())


@transaction.atomic
def listing_withdraw(*, actor, listing: ServiceListing) -> ServiceListing:
    """The organization (or staff) withdraws a listing: it leaves the public pages; editing it
    submits it again."""
    if listing.status == Status.WITHDRAWN:
        raise ValidationError(_("This listing is already withdrawn."))
    listing.status = Status.WITHDRAWN
    return _save(actor=actor, listing=listing)
