"""One set of age bands (MADANI_AGE_BANDS) for person lists, the API, exports and the indicator engine."""

import datetime

import pytest

from madani.core.ages import age_band, age_bands
from madani.indicators.engine import age_bands as engine_age_bands
from madani.people.models import Person


def test_a_persons_age_group_is_their_band_of_the_setting(settings):
    settings.MADANI_AGE_BANDS = "0-29,30+"
    this_year = datetime.date.today().year
    assert Person(birth_year=this_year - 35).age_group == "30+"
    assert Person(birth_year=this_year - 20).age_group == "0–29"
    assert Person(birth_year=None).age_group is None


def test_the_engine_and_the_registry_use_the_same_bands(settings):
    settings.MADANI_AGE_BANDS = "0-17,18-40,41+"
    assert engine_age_bands() == age_bands() == [("0-17", 0, 17), ("18-40", 18, 40), ("41+", 41, None)]
    assert (age_band(17), age_band(18), age_band(90), age_band(None)) == ("0-17", "18-40", "41+", None)


@pytest.mark.django_db
def test_the_api_gives_the_band_of_the_setting(settings, administrator, person_a):
    from conftest import client_for

    settings.MADANI_AGE_BANDS = "0-29,30+"
    person_a.birth_year = datetime.date.today().year - 40
    person_a.save()
    client = client_for(administrator)
    assert client.get(f"/api/v1/people/{person_a.pk}/").json()["age_group"] == "30+"
