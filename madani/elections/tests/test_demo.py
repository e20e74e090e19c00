"""The demo's elections (seed 004): Turkman Barih's public report gives 1,116 voters and 42% women, 15 seats;
it names no observer and no place finer than the sub-district; the campaign counts in the indicators."""

import pytest
from django.urls import reverse

from madani.elections.models import Election, Status
from madani.indicators.engine import IndicatorQuery, Metric, compute


@pytest.fixture
def turkman_barih(loaded):
    return Election.objects.get(title_en="Turkman Barih local council election")


def test_the_demo_has_talar_published_and_turkman_barih_as_the_seed_tells_it(turkman_barih):
    talar = Election.objects.get(title_en="Tal'ar local council election")
    assert talar.status == Status.PUBLISHED and talar.date < turkman_barih.date
    assert turkman_barih.centers.count() == 4 and turkman_barih.seats == 15
    assert sum(r.voters for r in turkman_barih.results.all()) == 1116
    assert turkman_barih.candidates.filter(elected=True).count() == 15
    observers = turkman_barih.observers.select_related("organization")
    assert observers.count() == 8
    wasl_members = set(turkman_barih.network.network_memberships.current().values_list("organization", flat=True))
    assert all(o.organization_id in wasl_members for o in observers if o.organization_id)
    assert turkman_barih.checklists.filter(conflict=True).exists()
    assert turkman_barih.incidents.filter(category="observer_safety", alerted_at__isnull=False).exists()


@pytest.mark.parametrize("language", ["ar", "en"])
def test_the_public_report_shows_1116_voters_and_42_percent_women(client, turkman_barih, language):
    prefix = "/en" if language == "en" else ""
    url = f"{prefix}/elections/{turkman_barih.pk}/report/"
    page = client.get(url)
    assert page.status_code == 200
    text = page.content.decode()
    assert "1,116" in text
    assert ">42%</bdi>" in text
    # No observer's name, no center, no place finer than the sub-district.
    for observer in turkman_barih.observers.select_related("person"):
        assert observer.person.full_name not in text
        assert observer.code not in text
    for center in turkman_barih.centers.all():
        assert center.name not in text and center.location not in text
    pdf = client.get(f"{prefix}/elections/{turkman_barih.pk}/report.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")


def test_donor_exports_carry_no_observer_name_nor_exact_location(turkman_barih):
    from conftest import client_for
    from madani.accounts.models import User

    client = client_for(User.objects.get(email__startswith="admin@"))
    names = [o.person.full_name for o in turkman_barih.observers.select_related("person")]
    locations = [c.location for c in turkman_barih.centers.all()]
    for name in ("checklist_list", "incident_list", "result_list"):
        response = client.get(reverse(f"elections:{name}", args=[turkman_barih.pk]), {"format": "csv"})
        text = b"".join(response.streaming_content).decode("utf-8-sig")
        assert text.count("\n") > 1
        assert not any(n in text for n in names) and not any(loc in text for loc in locations)


def test_the_campaign_counts_in_the_indicators(turkman_barih):
    activities = [p.activity for p in turkman_barih.promotion.select_related("activity")]
    kinds = {p.kind for p in turkman_barih.promotion.all()}
    assert {"awareness", "voter_cards", "leaflets", "observer_training"} <= kinds
    counted = compute(IndicatorQuery(metric=Metric.ACTIVITIES, activities=activities)).total
    assert counted == len(activities)
    reached = compute(IndicatorQuery(metric=Metric.PEOPLE, activities=activities, by=("gender",)))
    assert reached.total > 0
    awareness = [p.activity for p in turkman_barih.promotion.filter(kind="awareness").select_related("activity")]
    assert compute(IndicatorQuery(metric=Metric.PEOPLE, activities=awareness)).total > 0
    program = turkman_barih.program
    assert compute(IndicatorQuery(metric=Metric.ACTIVITIES, programs=[program])).total >= len(activities)
