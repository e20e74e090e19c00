"""What makes a registry list fast (issue 17) must not change what it shows: the filter selects rendered
once per distinct HTML (core/filters.py) and the choice labels of list columns (core/lists.py) are the
same HTML and text as Django's, per user and per language; the queries of a page do not grow with the rows."""

import re

from django import forms
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from madani.branches.models import Branch
from madani.organizations.filters import OrganizationFilter
from madani.organizations.models import Organization
from madani.organizations.tables import OrganizationTable
from madani.places.models import Place
from tests.factories import OrganizationFactory


def _selects(html):
    return re.findall(r"<select.*?</select>", html, flags=re.S)


def test_the_filter_selects_are_djangos_own_html_in_both_languages(branch_a, staff_a):
    governorate = Place.objects.governorates().first()
    for language in ("ar", "en"):
        with translation.override(language):
            for data in (None, {"kind": "donor", "governorate": str(governorate.pk), "branch": str(branch_a.pk)}):
                filterset = OrganizationFilter(data, queryset=Organization.objects.all(), user=staff_a)
                for field in filterset.form:
                    if field.name == "q":
                        continue
                    widget = field.field.widget
                    plain = forms.Select(attrs=widget.attrs, choices=widget.choices)
                    assert str(field) == plain.render(field.html_name, field.value(), {"id": field.auto_id}), field.name
                    assert str(field) == str(field)  # served from the cache the second time, the same


def test_a_manager_never_gets_another_branchs_options_from_the_cache(client_a, client_b, branch_a, branch_b):
    Branch.objects.filter(pk=branch_b.pk).update(name_ar="حلب <b>غامق</b>", name="حلب <b>غامق</b>")
    for _ in range(2):  # the second time, both pages come from the cache
        page_a = client_a.get(reverse("organizations:list")).content.decode()
        page_b = client_b.get(reverse("organizations:list")).content.decode()
        branch_select_a = next(s for s in _selects(page_a) if 'name="branch"' in s)
        branch_select_b = next(s for s in _selects(page_b) if 'name="branch"' in s)
        assert "الرقة" in branch_select_a and "حلب" not in branch_select_a
        assert "حلب &lt;b&gt;غامق&lt;/b&gt;" in branch_select_b and "الرقة" not in branch_select_b
        assert "<b>غامق" not in page_b


def test_the_selected_filter_shows_selected(client_a):
    page = client_a.get(reverse("organizations:list"), {"kind": "donor"}).content.decode()
    kind_select = next(s for s in _selects(page) if 'name="kind"' in s)
    assert re.search(r'<option value="donor" selected>', kind_select)
    assert kind_select.count("selected") == 1


def test_choice_labels_of_list_columns_are_djangos_in_the_language_of_the_request(branch_a):
    organization = OrganizationFactory(branch=branch_a, kind="donor", incubation_stage="graduated")
    odd = OrganizationFactory(branch=branch_a)
    Organization.objects.filter(pk=odd.pk).update(kind="retired-kind")  # a value no longer among the choices
    rows = list(Organization.objects.filter(pk__in=[organization.pk, odd.pk]).order_by("pk"))
    columns = {column.value: column for column in OrganizationTable.columns if isinstance(column.value, str)}
    for language in ("ar", "en"):
        with translation.override(language):
            for row in rows:
                for name in ("get_kind_display", "get_incubation_stage_display", "get_licensing_status_display"):
                    assert columns[name].get(row) == getattr(row, name)()
    with translation.override("ar"):
        assert columns["get_kind_display"].get(rows[0]) != "Donor"
    assert columns["get_kind_display"].get(rows[1]) == "retired-kind"


def _list_queries(client):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("organizations:list"))
    assert response.status_code == 200
    return len(queries.captured_queries)


def test_the_organizations_list_makes_as_many_queries_for_200_organizations_as_for_10(client_a, branch_a):
    OrganizationFactory.create_batch(10, branch=branch_a)
    _list_queries(client_a)  # warm (first-request caches: the site's settings, content types)
    ten = _list_queries(client_a)
    OrganizationFactory.create_batch(190, branch=branch_a)
    assert _list_queries(client_a) == ten
