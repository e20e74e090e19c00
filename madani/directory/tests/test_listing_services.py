"""A listing waits for moderation after every submission; staff publish or reject it with a reason."""

import pytest
from django.core.exceptions import ValidationError

from madani.directory import services
from madani.directory.models import ServiceListing
from tests.factories import OrganizationFactory


def test_a_cso_member_submits_for_their_own_organization_and_it_waits(cso_member, organization_a, listing_data):
    other = OrganizationFactory()
    listing = services.listing_submit(actor=cso_member, data={**listing_data, "organization": other})
    assert listing.organization == organization_a and listing.status == "pending"
    assert listing.submitted_by == cso_member and listing.history.latest().history_user == cso_member


def test_publishing_records_who_moderated_and_when(pending_listing, staff_a):
    services.listing_publish(actor=staff_a, listing=pending_listing)
    pending_listing.refresh_from_db()
    assert pending_listing.status == "published" and pending_listing.moderated_by == staff_a
    assert pending_listing.moderated_at is not None


def test_editing_a_published_listing_sends_it_back_to_moderation(published_listing, cso_member, listing_data):
    services.listing_submit(actor=cso_member, listing=published_listing, data={**listing_data, "phone": "+963 1"})
    published_listing.refresh_from_db()
    assert published_listing.status == "pending" and published_listing.phone == "+963 1"
    assert not ServiceListing.objects.published().exists()


def test_a_rejection_needs_a_reason_the_organization_reads(pending_listing, staff_a):
    with pytest.raises(ValidationError):
        services.listing_reject(actor=staff_a, listing=pending_listing, reason="  ")
    services.listing_reject(actor=staff_a, listing=pending_listing, reason="أضيفوا رقم هاتف الخدمة.")
    pending_listing.refresh_from_db()
    assert pending_listing.status == "rejected" and pending_listing.moderation_note == "أضيفوا رقم هاتف الخدمة."


def test_only_a_waiting_listing_is_published(published_listing, staff_a):
    with pytest.raises(ValidationError):
        services.listing_publish(actor=staff_a, listing=published_listing)
    services.listing_withdraw(actor=staff_a, listing=published_listing)
    with pytest.raises(ValidationError):
        services.listing_publish(actor=staff_a, listing=published_listing)


def test_a_member_cannot_edit_another_organizations_listing(published_listing, listing_data):
    from tests.factories import UserFactory

    stranger = UserFactory(role="cso_member", organization=OrganizationFactory())
    with pytest.raises(ValidationError):
        services.listing_submit(actor=stranger, listing=published_listing, data=listing_data)


def test_staff_submit_only_for_organizations_they_see(staff_b, organization_a, listing_data):
    with pytest.raises(ValidationError):
        services.listing_submit(actor=staff_b, data={**listing_data, "organization": organization_a})
    assert not ServiceListing.objects.exists()


def test_a_listing_needs_a_title_and_a_description_in_one_language(cso_member, listing_data):
    data = {**listing_data, "title_ar": "", "title_en": "", "description_ar": "", "description_en": "Only English"}
    with pytest.raises(ValidationError) as error:
        services.listing_submit(actor=cso_member, data=data)
    assert set(error.value.message_dict) == {"title_ar"}
    assert services.listing_submit(actor=cso_member, data={**data, "title_en": "Legal aid"}).title_en == "Legal aid"
