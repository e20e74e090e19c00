"""Finding a gazetteer place from what someone typed (madani/places/matching.py)."""

import pytest

from madani.places.matching import PlaceMatcher

pytestmark = pytest.mark.django_db


def test_a_pcode_is_found_whatever_its_case():
    assert PlaceMatcher().find(" sy020405 ").pcode == "SY020405"


def test_a_name_shared_along_one_line_means_the_most_specific_place():
    matcher = PlaceMatcher()
    assert matcher.find("دمشق").pcode == matcher.find("Damascus").pcode == "SY010000"


def test_a_name_shared_by_unrelated_places_gives_the_candidates():
    found = PlaceMatcher().find("صوران")
    assert isinstance(found, list) and "SY020405" in [p.pcode for p in found]


def test_an_unknown_name_finds_nothing():
    assert PlaceMatcher().find("no such place") is None


@pytest.mark.parametrize("typed, pcode", [
    ("كوباني", "SY020600"), ("Kobani", "SY020600"), ("Tabqa", "SY110300"), ("الطبقة", "SY110300"),
    ("Qamishli", "SY080200"), ("Idlib", "SY070000"), ("ديرالزور", "SY090100"), ("Deir ez Zor", "SY090100"),
    ("Al-Kasra", "SY090101"), ("الكسرة", "SY090101"), ("Azaz", "SY020400"), ("A'zaz", "SY020400"),
])
def test_a_sheet_s_place_is_found_by_its_other_names(typed, pcode):
    assert PlaceMatcher().find(typed).pcode == pcode
