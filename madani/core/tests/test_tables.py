"""One table definition per list (core/lists.py Table): the page's columns and the export's come from it."""

import csv
import io
import re

from django.urls import reverse

from madani.organizations.tables import OrganizationTable


def _export(response):
    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))


def test_the_list_page_shows_the_columns_of_the_table(client_a, organization_a):
    html = client_a.get(reverse("organizations:list")).content.decode()
    headers = re.findall(r'<th scope="col"[^>]*>([^<]*)</th>', html)
    assert headers == [str(column.label) for column in OrganizationTable().page_columns()]
    assert reverse("organizations:detail", args=[organization_a.pk]) in html


def test_the_export_has_the_columns_of_the_table_and_the_same_values_as_the_page(client_a, organization_a):
    table = OrganizationTable()
    header, *rows = _export(client_a.get(reverse("organizations:export")))
    assert header == [str(label) for label in table.export_header()]
    row = dict(zip(header, rows[0]))
    for column in table.columns:
        if column.page and column.export:  # shown in both: the same label and the same value
            assert row[str(column.label)] == str(column.get(organization_a) or "")


def test_every_column_shows_somewhere():
    assert all(column.page or column.export for column in OrganizationTable.columns)
