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


def test_the_rows_built_in_python_escape_what_users_typed_and_hide_narrow_columns_on_phones(client_a, organization_a):
    """Issue 17: the rows are built by ``Table.page_rows``, not a template loop; escaping and the narrow
    columns' class are the same as the template gave."""
    from madani.organizations.models import Organization

    Organization.objects.filter(pk=organization_a.pk).update(name_ar='<script>alert(1)</script>',
                                                             name='<script>alert(1)</script>', acronym="<b>X</b>")
    page = client_a.get(reverse("organizations:list")).content.decode()
    body = page[page.index("<tbody>"):page.index("</tbody>")]
    row = re.search(r"<tr>.*?</tr>", body, flags=re.S).group(0)
    assert "<script>" not in row and "&lt;script&gt;alert(1)&lt;/script&gt;" in row
    assert "<b>X</b>" not in row and "&lt;b&gt;X&lt;/b&gt;" in row
    narrow = [column for column in OrganizationTable().page_columns() if column.narrow]
    assert row.count('<td class="d-none d-md-table-cell">') == len(narrow) > 0
    assert row.count("<td") == len(OrganizationTable().page_columns())


def test_row_links_are_the_reversed_urls_in_each_language_and_prefix():
    from django.urls import reverse
    from django.urls.base import set_script_prefix
    from django.utils import translation

    from madani.core.lists import row_url

    for language in ("ar", "en"):
        with translation.override(language):
            for pk in (1, 42, 987654321, 10**12):
                assert row_url("organizations:detail", pk) == reverse("organizations:detail", args=[pk])
    set_script_prefix("/madani/")
    try:
        assert row_url("organizations:detail", 7) == reverse("organizations:detail", args=[7]) == "/madani/organizations/7/"
    finally:
        set_script_prefix("/")
    assert row_url("organizations:detail", "7") == reverse("organizations:detail", args=["7"])
