from django.db import transaction

from madani.core.arabic import clean_spaces
from madani.core.concurrency import check_version
from madani.core.ledger import ledger_write
from madani.core.services import model_update

from .models import Organization

# Names as they are stored: single spaces, no bidi override controls (madani.core.arabic.clean_spaces).
NAME_FIELDS = ("name_ar", "name_en", "acronym")


def _save(*, actor, organization: Organization, data: dict) -> Organization:
    values = {name: clean_spaces(value) if name in NAME_FIELDS and value is not None else value
              for name, value in data.items()}
    model_update(instance=organization, fields=list(values), data=values, actor=actor, clean_exclude=["search_key"])
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
