"""Issue 12: every headline number of the dashboard links to the records behind it, and records pages
export (CSV and Excel through core.exports)."""

import csv
import io

import openpyxl
import pytest
from django.urls import reverse

from conftest import client_for
from madani.dashboard.tests.helpers import two_branch_ledger
from madani.indicators.views import figure_records_url


@pytest.fixture
def ledger(db):
    return two_branch_ledger()


def _count(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.context["page"].paginator.count


def test_every_headline_number_links_to_as_many_records(ledger, administrator):
    client = client_for(administrator)
    response = client.get(reverse("dashboard:index"))
    headline, records = response.context["figures"]["headline"], response.context["records"]
    html = response.content.decode()
    for name in ("people", "women", "men", "sessions", "person_days", "participations", "completed",
                 "organizations"):
        assert records[name].replace("&", "&amp;") in html
        assert _count(client, records[name]) == getattr(headline, name), name


def test_the_records_follow_the_dashboard_s_branch_and_period(ledger, administrator, branch_a):
    client = client_for(administrator)
    response = client.get(reverse("dashboard:index"), {"branch": branch_a.pk, "period": "2025"})
    headline, records = response.context["figures"]["headline"], response.context["records"]
    assert _count(client, records["people"]) == headline.people == 10
    assert _count(client, records["women"]) == headline.women


def test_branch_staff_get_only_their_branch_s_records(ledger, staff_b, branch_a):
    url = figure_records_url("people", branch=branch_a)
    assert _count(client_for(staff_b), url) == 0


def test_the_records_export_as_csv_and_excel_with_formulas_neutralized(ledger, administrator):
    from madani.people.models import Person

    person = Person.objects.filter(attendance__isnull=False).first()
    person.full_name = '=HYPERLINK("http://evil.example","x")'
    person.save()
    client = client_for(administrator)
    url = figure_records_url("people")
    response = client.get(url + "&format=csv")
    assert response["Content-Disposition"].startswith("attachment")
    lines = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert len(lines) - 1 == _count(client, url)
    assert "'=HYPERLINK(\"http://evil.example\",\"x\")" in [line[0] for line in lines]
    workbook = openpyxl.load_workbook(io.BytesIO(client.get(url + "&format=xlsx").content))
    cells = [row[0] for row in workbook.worksheets[0].iter_rows(min_row=2)]
    assert all(cell.data_type == "s" for cell in cells)


def test_an_indicator_s_records_export_too(activity_a, administrator):
    from tests.factories import IndicatorFactory

    indicator = IndicatorFactory(code="trainees", metric="people", disaggregations=["gender"])
    response = client_for(administrator).get(reverse("indicators:records", args=[indicator.pk]), {"format": "xlsx"})
    assert response["Content-Disposition"] == 'attachment; filename="indicator-trainees.xlsx"'
    assert openpyxl.load_workbook(io.BytesIO(response.content)).worksheets[0].max_row == 2  # person A


def test_nonsense_in_the_records_address_is_a_404(administrator):
    client = client_for(administrator)
    for query in ("metric=nothing", "metric=people&gender=x", "metric=people&branch=9223372036854775808",
                  "metric=people&date_from=2026-13-01", "metric=people&kind=<script>", "metric=people&program=a"):
        assert client.get(reverse("indicators:figure_records") + "?" + query).status_code == 404, query


def test_cso_members_have_no_records_page_and_no_links(activity_a, cso_member):
    client = client_for(cso_member)
    assert client.get(figure_records_url("people")).status_code == 403
    assert client.get(reverse("dashboard:index")).context["records"] is None


def test_a_trainer_s_live_figures_link_to_their_own_records(activity_a, trainer_a):
    client = client_for(trainer_a)
    response = client.get(reverse("dashboard:index"))
    assert _count(client, response.context["records"]["people"]) == response.context["live"].people
