"""The portal ("our services"), the staff moderation queue and the listing pages."""

from django.urls import reverse
from django.utils.translation import gettext

from conftest import client_for
from madani.directory.models import ServiceListing
from tests.factories import UserFactory, place


def _form(listing_data, **extra):
    data = {key: value for key, value in listing_data.items() if key not in ("sector", "places")}
    return {**data, "sector": listing_data["sector"].pk, "places": [p.pk for p in listing_data["places"]], **extra}


def test_a_cso_member_describes_a_service_and_it_waits_for_moderation(cso_member, organization_a, listing_data):
    response = client_for(cso_member).post(reverse("directory:create"), _form(listing_data))
    listing = ServiceListing.objects.get()
    assert response["Location"] == reverse("directory:detail", args=[listing.pk])
    assert listing.organization == organization_a and listing.status == "pending"
    assert list(listing.places.all()) == [place("SY110100")]
    page = client_for(cso_member).get(response["Location"]).content.decode()
    assert gettext("This listing waits for a moderator of the center; the public does not see it yet.") in page


def test_staff_moderate_from_a_queue_counted_by_status(client_a, pending_listing, deir_listing):
    response = client_a.get(reverse("directory:list"))
    assert list(response.context["page"]) == [pending_listing]  # branch B's listing is not in branch A's queue
    counts = {value: count for value, _label, count in response.context["summary"]}
    assert counts == {"pending": 1, "published": 0, "rejected": 0, "withdrawn": 0}
    client_a.post(reverse("directory:publish", args=[pending_listing.pk]))
    pending_listing.refresh_from_db()
    assert pending_listing.status == "published"


def test_a_rejection_shows_its_reason_to_the_organization(client_a, pending_listing, cso_member):
    assert client_a.post(reverse("directory:reject", args=[pending_listing.pk]), {"reason": ""}).status_code == 200
    client_a.post(reverse("directory:reject", args=[pending_listing.pk]), {"reason": "أضيفوا ساعات العمل."})
    page = client_for(cso_member).get(reverse("directory:detail", args=[pending_listing.pk])).content.decode()
    assert gettext("Reason given by the moderator:") in page and "أضيفوا ساعات العمل." in page


def test_cso_members_and_trainers_cannot_moderate(pending_listing, cso_member, trainer_a):
    for user in (cso_member, trainer_a):
        client = client_for(user)
        assert client.post(reverse("directory:publish", args=[pending_listing.pk])).status_code in (403, 404)
    assert client_for(cso_member).post(reverse("directory:publish", args=[pending_listing.pk])).status_code == 403
    pending_listing.refresh_from_db()
    assert pending_listing.status == "pending"


def test_a_member_sees_only_their_organizations_listings(pending_listing, deir_listing, cso_member):
    client = client_for(cso_member)
    assert list(client.get(reverse("directory:list")).context["page"]) == [pending_listing]
    assert client.get(reverse("directory:detail", args=[deir_listing.pk])).status_code == 404
    assert client.get(reverse("directory:edit", args=[deir_listing.pk])).status_code == 404


def test_the_organization_withdraws_its_listing_from_the_public(published_listing, cso_member, anonymous):
    client_for(cso_member).post(reverse("directory:withdraw", args=[published_listing.pk]), {"confirm": "on"})
    published_listing.refresh_from_db()
    assert published_listing.status == "withdrawn"
    assert anonymous.get(reverse("directory:public_detail", args=[published_listing.pk])).status_code == 404


def test_the_export_holds_the_visible_listings(client_a, published_listing, deir_listing):
    response = client_a.get(reverse("directory:export"))
    content = b"".join(response.streaming_content).decode("utf-8-sig")
    assert "جلسات دعم نفسي للأطفال" in content and "استشارات قانونية" not in content
    xlsx = client_a.get(reverse("directory:export"), {"format": "xlsx"})
    assert xlsx["Content-Disposition"] == 'attachment; filename="service-listings.xlsx"'


def test_staff_of_another_branch_get_404_on_the_listing(client_b, pending_listing):
    assert client_b.get(reverse("directory:detail", args=[pending_listing.pk])).status_code == 404
    assert client_b.post(reverse("directory:publish", args=[pending_listing.pk])).status_code == 404


def test_a_network_editor_without_an_organization_cannot_submit(db):
    user = UserFactory(role="network_editor")
    assert client_for(user).get(reverse("directory:create")).status_code == 403
