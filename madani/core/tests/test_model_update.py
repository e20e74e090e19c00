"""model_update (core/services.py): only what changed is saved, and the history names who changed it."""

import pytest
from django.db.models.signals import pre_save

from madani.core.services import model_update
from madani.organizations import services
from madani.organizations.models import Organization, Sector
from tests.factories import OrganizationFactory


@pytest.fixture
def saves():
    """The ``update_fields`` of every Organization save."""
    seen = []

    def spy(sender, update_fields=None, **kwargs):
        seen.append(set(update_fields) if update_fields is not None else None)

    pre_save.connect(spy, sender=Organization)
    yield seen
    pre_save.disconnect(spy, sender=Organization)


def test_it_saves_only_the_changed_fields_and_names_the_actor(branch_a, staff_a, saves):
    organization = OrganizationFactory(branch=branch_a, acronym="OLD")
    saves.clear()
    _, updated = model_update(instance=organization, fields=["name_ar", "acronym"], actor=staff_a,
                              data={"name_ar": organization.name_ar, "acronym": "NEW"}, reason="acronym fixed")
    assert updated
    assert saves == [{"acronym", "updated_at"}]
    organization.refresh_from_db()
    assert organization.acronym == "NEW"
    latest = organization.history.latest()
    assert latest.history_user == staff_a and latest.history_change_reason == "acronym fixed"


def test_nothing_changed_means_no_save_and_no_history_entry(branch_a, staff_a, saves):
    organization = OrganizationFactory(branch=branch_a, acronym="SAME")
    saves.clear()
    entries = organization.history.count()
    _, updated = model_update(instance=organization, fields=["acronym", "branch"], actor=staff_a,
                              data={"acronym": "SAME", "branch": branch_a})
    assert not updated and saves == [] and organization.history.count() == entries


def test_a_value_a_form_already_put_on_the_instance_still_counts_as_a_change(branch_a, staff_a):
    organization = OrganizationFactory(branch=branch_a, acronym="OLD")
    organization.acronym = "NEW"  # what ModelForm.is_valid() does before the service runs
    _, updated = model_update(instance=organization, fields=["acronym"], data={"acronym": "NEW"}, actor=staff_a)
    assert updated
    assert Organization.objects.get(pk=organization.pk).acronym == "NEW"


def test_many_to_many_fields_are_set_after_the_save(branch_a, staff_a):
    organization = OrganizationFactory(branch=branch_a)
    sector = Sector.objects.create(code="governance", name_ar="الحوكمة", name_en="Governance")
    _, updated = model_update(instance=organization, fields=["sectors"], data={"sectors": [sector]}, actor=staff_a)
    assert updated and list(organization.sectors.all()) == [sector]
    _, again = model_update(instance=organization, fields=["sectors"], data={"sectors": [sector]}, actor=staff_a)
    assert not again


def test_the_update_service_records_the_acting_user(branch_a, staff_a):
    organization = OrganizationFactory(branch=branch_a)
    services.organization_update(actor=staff_a, organization=organization, data={"acronym": "KEY"})
    assert organization.history.latest().history_user == staff_a
