"""Adding a person's affiliation to an organization."""

from django.urls import reverse
from django.utils.translation import gettext


def test_an_affiliation_ending_before_it_starts_is_refused(client_a, person_a, organization_a):
    response = client_a.post(reverse("people:affiliation_add", args=[person_a.pk]), {
        "organization": organization_a.pk, "role": "منسق", "start_date": "2024-05-01", "end_date": "2024-01-01"})
    assert response.status_code == 200
    assert gettext("The end date cannot be before the start date.") in response.content.decode()
    assert person_a.affiliations.count() == 1  # only the fixture's
