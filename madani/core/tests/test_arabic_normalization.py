from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from madani.core.arabic import normalize, search_terms
from madani.organizations.models import Organization
from tests.factories import OrganizationFactory

ARABIC = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي" + "أإآٱىةءؤئ" + "\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652\u0670\u0640"
words = st.text(alphabet=ARABIC + "abcXYZ", min_size=1, max_size=8)
names = st.lists(words, min_size=1, max_size=4).map(" ".join)


def test_normalize_strips_marks_and_unifies_letters():
    assert normalize("أَحْمَـد") == "احمد"
    assert normalize("إيمان") == "ايمان"
    assert normalize("آية") == "ايه"
    assert normalize("مصطفى") == "مصطفي"
    assert normalize(" Tutul ORG ") == "tutul org"


def test_search_terms_drop_a_leading_article():
    assert search_terms("الكسرة هجين") == ["كسره", "هجين"]
    assert search_terms("ال") == ["ال"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=names)
def test_the_database_search_key_equals_the_python_normalization(branch_a, name):
    """The generated column (SQL) and the query normalization (Python) must agree on every name."""
    organization = OrganizationFactory(branch=branch_a, name_ar=name, name_en="", acronym="")
    stored = Organization.objects.values_list("search_key", flat=True).get(pk=organization.pk)
    assert stored == normalize(name)
    organization.delete()
