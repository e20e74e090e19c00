"""Every list exports to CSV and Excel (issue 4): formulas neutralized, Arabic readable in Excel, numbers
typed, and the same branch scoping as the list itself."""

import csv
import io

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from openpyxl import load_workbook

from tests.factories import OrganizationFactory, RequestFactory

FORMULA_PREFIXES = ["=", "+", "-", "@", "\t", "\r"]


def _csv_rows(response) -> list[list[str]]:
    body = b"".join(response.streaming_content)
    assert body.startswith("\ufeff".encode()), "the CSV starts with the UTF-8 byte-order mark Excel needs"
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"), newline="")))


def _workbook(response):
    assert response["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.spreadsheetml")
    return load_workbook(io.BytesIO(response.content))


def _xlsx_rows(response) -> list[list]:
    return [list(row) for row in _workbook(response).active.iter_rows(values_only=True)]


def _rows(response, fmt):
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    return _csv_rows(response) if fmt == "csv" else _xlsx_rows(response)


def _export(client, name, fmt, **params):
    if fmt == "xlsx":
        params["format"] = "xlsx"
    return client.get(reverse(name), params)


PAYLOADS = ['=HYPERLINK("http://x","ok")', "=cmd|' /C calc'!A0", "@SUM(1+1)*cmd|' /C calc'!A0",
            '+HYPERLINK("http://x","ok")', "-2+3", "\t=1+1", "\r=1+1", " =1+1", "#N/A"]


@pytest.mark.parametrize("prefix", FORMULA_PREFIXES)
def test_a_csv_cell_that_starts_like_a_formula_is_never_run_as_one(prefix, client_b, branch_b):
    OrganizationFactory(branch=branch_b, name_ar=f'{prefix}HYPERLINK("http://x","ok")', name_en="Safe")
    header, row = _rows(_export(client_b, "organizations:export", "csv"), "csv")
    assert row[1] == f"'{prefix}HYPERLINK(\"http://x\",\"ok\")"
    assert row[2] == "Safe"


@pytest.mark.parametrize("payload", PAYLOADS)
def test_an_excel_cell_that_starts_like_a_formula_is_plain_text_shown_as_typed(payload, client_b, branch_b):
    OrganizationFactory(branch=branch_b, name_ar=payload, name_en="Safe")
    cell = _workbook(_export(client_b, "organizations:export", "xlsx")).active["B2"]
    assert (cell.value, cell.data_type) == (payload, "s")


@pytest.mark.parametrize("name, column", [("people:export", "Phone"), ("consultations:export", "Contact phone")])
def test_a_phone_number_shows_in_excel_exactly_as_typed_and_behind_an_apostrophe_only_in_csv(
        name, column, client_a, person_a, organization_a):
    RequestFactory(kind="consultation", branch=person_a.branch, organization=organization_a,
                   topic_text="—", description="—", contact_name="سعاد", contact_phone="+963 944 000 111")
    sheet = _workbook(_export(client_a, name, "xlsx")).active
    header = [cell.value for cell in sheet[1]]
    cell = sheet.cell(row=2, column=header.index(gettext(column)) + 1)
    assert (cell.value, cell.data_type) == ("+963 944 000 111", "s")
    rows = _csv_rows(_export(client_a, name, "csv"))
    assert rows[1][rows[0].index(gettext(column))] == "'+963 944 000 111"


def test_numbers_and_dates_stay_typed_in_excel_so_they_can_be_summed(client_a, activity_a):
    header, row = _xlsx_rows(_export(client_a, "activities:export", "xlsx"))
    assert row[0] == activity_a.pk
    assert row[-1] == 1 and isinstance(row[-1], int)  # participants
    assert row[7].date() == activity_a.start_date


def test_the_csv_carries_a_byte_order_mark_and_arabic_round_trips(client_a, organization_a):
    rows = _csv_rows(_export(client_a, "organizations:export", "csv"))
    assert rows[0][1] == gettext("Name in Arabic")
    assert rows[1][1] == "منظمة توتول"


def test_the_arabic_sheet_reads_right_to_left_and_the_english_one_does_not(client_a, organization_a):
    arabic = _workbook(_export(client_a, "organizations:export", "xlsx")).active
    assert arabic.sheet_view.rightToLeft
    assert arabic["B2"].value == "منظمة توتول"
    with translation.override("en"):
        english = _workbook(_export(client_a, "organizations:export", "xlsx")).active
    assert not english.sheet_view.rightToLeft
    assert english["B1"].value == "Name in Arabic"


def test_the_export_follows_the_list_filters(client_a, branch_a, organization_a):
    OrganizationFactory(branch=branch_a, name_ar="جمعية أخرى", name_en="Another")
    rows = _rows(_export(client_a, "organizations:export", "xlsx", q="توتول"), "xlsx")
    assert [row[1] for row in rows[1:]] == ["منظمة توتول"]


def test_the_list_links_to_both_exports_with_its_filters(client_a, organization_a):
    page = client_a.get(reverse("organizations:list"), {"q": "tutul"}).content.decode()
    export_url = reverse("organizations:export")
    assert f'href="{export_url}?q=tutul"' in page
    assert f'href="{export_url}?q=tutul&amp;format=xlsx"' in page


def test_the_export_links_follow_filters_changed_without_reloading_the_page(client_a, organization_a):
    """htmx swaps only the results: the links come back out of band, with the new filters."""
    page = client_a.get(reverse("organizations:list"), {"q": "tutul"}, headers={"HX-Request": "true"}).content.decode()
    assert 'id="export-buttons"' in page and 'hx-swap-oob="true"' in page
    assert f'href="{reverse("organizations:export")}?q=tutul&amp;format=xlsx"' in page


# Every list export, with text that only a branch-A record puts in it.
LIST_EXPORTS = {
    "organizations:export": "منظمة توتول",
    "people:export": "أحمد علي الخلف",
    "activities:export": "تدريب المناصرة",
    "activities:program_export": "برنامج فرع الرقة",
    "consultations:export": "خطة استراتيجية للرقة",
    "reports:three_w": "تدريب المناصرة",
}


@pytest.fixture
def branch_a_records(activity_a, organization_a):
    program = activity_a.program
    program.name_ar = program.name = "برنامج فرع الرقة"
    program.save()
    program.branches.set([activity_a.branch])
    RequestFactory(kind="consultation", branch=activity_a.branch, organization=organization_a,
                   topic_text="خطة استراتيجية للرقة", description="—")


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
@pytest.mark.parametrize("name", sorted(LIST_EXPORTS))
def test_other_branch_staff_never_export_a_branch_a_row(name, fmt, client_a, client_b, branch_a_records):
    def text(client):
        return "\n".join(" ".join(str(cell) for cell in row) for row in _rows(_export(client, name, fmt), fmt))

    assert LIST_EXPORTS[name] in text(client_a)  # …so its absence below is about the branch
    assert LIST_EXPORTS[name] not in text(client_b)
