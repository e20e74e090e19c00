from django.db import transaction

from madani.core.arabic import clean_spaces
from madani.core.concurrency import check_version
from madani.core.ledger import ledger_write

from .models import Organization

M2M_FIELDS = ("sectors", "places_of_work", "members")
# Names as they are stored: single spaces, no bidi override controls (madani.core.arabic.clean_spaces).
NAME_FIELDS = ("name_ar", "name_en", "acronym")


def _split(data: dict):
    fields = {k: v for k, v in data.items() if k not in M2M_FIELDS}
    relations = {k: v for k, v in data.items() if k in M2M_FIELDS}
    return fields, relations


def _save(*, actor, organization: Organization, data: dict) -> Organization:
    fields, relations = _split(data)
    for name, value in fields.items():
        setattr(organization, name, clean_spaces(value) if name in NAME_FIELDS and value is not None else value)
    organization._history_user = actor
    organization.full_clean(exclude=["search_key"])
    organization.save()
    for name, values in relations.items():
        getattr(organization, name).set(values)
    return organization


@transaction.atomic
def organization_create(*, actor, data: dict) -> Organization:
    """Register an organization (and its sectors, places of work, members) in one transaction."""
    return _save(actor=actor, organization=Organization(), data=data)


@transaction.atomic
def organization_update(*, actor, organization: Organization, data: dict, version=None) -> Organization:
    """Change an organization; with ``version`` (what the writer read), refuse with ``StaleVersion``
    if someone else changed it since (madani/core/concurrency.py)."""
    check_version(organization, version)
    return _save(actor=actor, organization=organization, data=data)


@ledger_write
def organization_delete(*, actor, organization: Organization) -> None:
    """Delete an organization: the activities that served it no longer count it (a ledger write)."""
    organization._history_user = actor
    organization.delete()
