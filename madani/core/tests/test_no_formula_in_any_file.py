"""Issue 10: every workbook and CSV file Madani writes — list exports, the attendance templates, the donor
report, the XLSForm workbooks — carries no formula, whatever text users typed into the records behind it.

Every free-text column of every Madani model is overwritten with a ``=HYPERLINK(...)`` payload (titles,
names, organization names, topics, notes…); then every kind of file is generated and every cell scanned:
in .xlsx no cell is a formula and every text cell is a string; in CSV no cell starts like a formula."""

import csv
import datetime
import io

import pytest
from django.apps import apps
from django.db import models
from django.db.models.functions import Cast, Concat
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from openpyxl import load_workbook

from madani.accounts.models import Role
from madani.activities.models import Activity, Program
from madani.assessments.workbooks import xlsform_bytes
from madani.core.exports import FORMULA_PREFIXES
from madani.reports.donor import DonorReport
from madani.reports.models import ReportJob
from madani.reports.tasks import DONOR_STEPS
from tests.factories import UserFactory

PAYLOAD = '=HYPERLINK("http://x","y'  # the record's pk and '")' follow
MARK = "HYPERLINK"

# Text that users cannot type freely (validated slugs, secrets) or that the code parses.
SKIPPED_FIELDS = (models.SlugField,)
SKIPPED_NAMES = {"password"}

# Every URL that answers with a spreadsheet or CSV file (the guard below keeps this list complete).
LIST_EXPORTS = ["organizations:export", "people:export", "activities:export", "activities:program_export",
                "consultations:export", "coworking:booking_export", "directory:export", "library:export",
                "news:manage_export", "reports:three_w", "grants:application_export"]
PER_OBJECT_EXPORTS = ["indicators:logframe_export", "activities:import_template_xlsx",
                      "activities:import_template_csv", "collect:submissions_export", "networks:member_export"]


def _text_fields(model):
    for field in model._meta.concrete_fields:
        if (isinstance(field, (models.CharField, models.TextField)) and not isinstance(field, SKIPPED_FIELDS)
                and not field.choices and not field.primary_key and field.name not in SKIPPED_NAMES):
            yield field


def _poison_every_text():
    """Every free-text value of every Madani record becomes ``=HYPERLINK("http://x","y<pk>")`` (or
    ``=1+<pk>`` where the column is short or unique)."""
    for model in apps.get_models():
        if not model.__module__.startswith("madani.") or model._meta.proxy or not model._meta.managed:
            continue
        updates = {}
        for field in _text_fields(model):
            pk = Cast("pk", models.CharField())
            if field.unique or (field.max_length and field.max_length < len(PAYLOAD) + 12):
                value = Concat(models.Value("=1+"), pk, output_field=models.TextField())  # short, still unique
            else:
                value = Concat(models.Value(PAYLOAD), pk, models.Value('")'), output_field=models.TextField())
            updates[field.attname] = value
        if updates:
            model._base_manager.all().update(**updates)


def _url_names(resolver=None, namespace=""):
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _url_names(pattern, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield namespace + pattern.name


def test_the_list_of_generated_files_below_is_complete():
    """A new export URL must be added to this module's lists (and so be scanned)."""
    names = {n for n in _url_names() if "export" in n or "template_" in n or n.endswith("three_w")}
    assert names <= set(LIST_EXPORTS + PER_OBJECT_EXPORTS)


def _scan_xlsx(content: bytes, what: str):
    workbook = load_workbook(io.BytesIO(content))
    found = False
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"{what}: {sheet.title}!{cell.coordinate} is a formula: {cell.value!r}"
                if isinstance(cell.value, str):
                    assert cell.data_type == "s", f"{what}: {sheet.title}!{cell.coordinate} is {cell.data_type}"
                    found = found or MARK in cell.value
    assert found, f"{what}: no record text reached the file, so this test proves nothing about it"


def _scan_csv(content: bytes, what: str):
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"), newline="")))
    found = False
    for number, row in enumerate(rows, start=1):
        for cell in row:
            assert not cell.startswith(FORMULA_PREFIXES), f"{what}: row {number} starts like a formula: {cell!r}"
            found = found or MARK in cell
    return found


def _body(response) -> bytes:
    assert response.status_code == 200
    return b"".join(response.streaming_content) if response.streaming else response.content


@pytest.fixture
def poisoned(loaded):
    _poison_every_text()
    admin = UserFactory(email="files.admin@example.org", role=Role.ADMINISTRATOR, is_staff=True, is_superuser=True)
    from django.test import Client

    client = Client()
    client.force_login(admin)
    return client


@pytest.mark.parametrize("name", LIST_EXPORTS)
def test_no_list_export_carries_a_formula(name, poisoned):
    _scan_xlsx(_body(poisoned.get(reverse(name), {"format": "xlsx"})), f"{name} xlsx")
    assert _scan_csv(_body(poisoned.get(reverse(name))), f"{name} csv")


def test_the_logframe_export_carries_no_formula(poisoned):
    program = Program.objects.filter(outcomes__isnull=False).first() or Program.objects.first()
    url = reverse("indicators:logframe_export", args=[program.pk])
    _scan_xlsx(_body(poisoned.get(url, {"format": "xlsx"})), "logframe xlsx")
    assert _scan_csv(_body(poisoned.get(url)), "logframe csv")


def test_the_attendance_templates_carry_no_formula(poisoned):
    activity = Activity.objects.filter(sessions__isnull=False).first()
    _scan_xlsx(_body(poisoned.get(reverse("activities:import_template_xlsx", args=[activity.pk]))),
               "attendance template xlsx")
    _scan_csv(_body(poisoned.get(reverse("activities:import_template_csv", args=[activity.pk]))),
              "attendance template csv")  # only translated headers and dates: nothing of the records


def test_the_donor_report_workbook_carries_no_formula(poisoned):
    program = Program.objects.filter(activities__isnull=False).first()
    administrator = UserFactory(role=Role.ADMINISTRATOR)  # the report covers every branch
    job = ReportJob(program=program, date_from=datetime.date(2000, 1, 1), date_to=datetime.date(2100, 1, 1),
                    language="ar", format="xlsx", requested_by=administrator, covers_all_branches=True)
    report = DonorReport(job)
    for _step, _progress, add in DONOR_STEPS:
        add(report)
    _scan_xlsx(report.xlsx(), "donor report")


def test_an_xlsform_workbook_carries_no_formula():
    _scan_xlsx(xlsform_bytes([{"type": "text", "name": "q", "label": PAYLOAD + '")'}], [{"list_name": "l",
               "name": "a", "label": "@SUM(1+1)*cmd|' /C calc'!A0"}], {"form_title": "-2+3"}), "xlsform")


def test_a_surveys_submissions_export_carries_no_formula(staff_a, client_a):
    """What ODK Collect sent (answers, not a model's text column) goes through the same export."""
    from madani.collect import services as collect
    from madani.collect.tests.conftest import instance, make_survey

    survey = make_survey(staff_a.branches.first())
    credential, _secret = collect.credential_create(actor=staff_a, name=PAYLOAD + '")')
    collect.submission_receive(credential=credential, xml=instance(survey, place=PAYLOAD.replace('"', "&quot;") + "1&quot;)"))
    url = reverse("collect:submissions_export", args=[survey.pk])
    _scan_xlsx(_body(client_a.get(url, {"format": "xlsx"})), "submissions xlsx")
    assert _scan_csv(_body(client_a.get(url)), "submissions csv")
