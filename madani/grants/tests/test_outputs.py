"""The grants' outputs: the 360Giving file against the 360Giving schema, the IATI transactions against the
IATI 2.03 schema, the Excel of budget against actual, the dashboard."""

import io
import json
from decimal import Decimal
from pathlib import Path

import pytest
from django.urls import reverse
from jsonschema import Draft202012Validator, FormatChecker
from lxml import etree
from openpyxl import load_workbook
from referencing import Registry
from referencing.jsonschema import DRAFT202012

from conftest import client_for
from madani.grants import services
from madani.grants.models import Award
from madani.public.models import CenterProfile
from madani.reports.iati import program_activity_file

from .conftest import TODAY

pytestmark = pytest.mark.django_db

GIVING = Path(__file__).parent / "360giving"
IATI = Path(__file__).parents[2] / "reports" / "tests" / "iati-2.03"


def _giving_validator():
    package = json.loads((GIVING / "360-giving-package-schema.json").read_text())
    grant = json.loads((GIVING / "360-giving-schema.json").read_text())
    grant_url = package["properties"]["grants"]["items"]["$ref"]
    # The schemas say "http://json-schema.org/draft/2020-12/schema" (http): read them as draft 2020-12.
    resource = DRAFT202012.create_resource(grant)
    registry = Registry().with_resources([(grant_url, resource), (grant["$id"], resource)])
    checker = FormatChecker()

    @checker.checks("date-time", raises=ValueError)
    def _date_time(value):  # ISO 8601 with a time and an offset (jsonschema needs an extra package for it)
        import datetime

        if not isinstance(value, str) or "T" not in value:
            return False
        return datetime.datetime.fromisoformat(value.replace("Z", "+00:00")).tzinfo is not None

    return Draft202012Validator(package, registry=registry, format_checker=checker)


@pytest.fixture
def paid_award(award_a, staff_a):
    CenterProfile.objects.create(name="مركز دعم المجتمع المدني", name_ar="مركز دعم المجتمع المدني")
    tranche = services.tranche_plan(actor=staff_a, award=award_a, data={
        "amount": Decimal("14500000"), "currency": "SYP", "method": "hawala", "exchange_rate": Decimal("14500"),
        "planned_date": TODAY})
    services.tranche_request(actor=staff_a, tranche=tranche)
    services.tranche_approve(actor=staff_a, tranche=tranche)
    services.tranche_disburse(actor=staff_a, tranche=tranche, disbursed_on=TODAY, method="hawala",
                              exchange_rate=Decimal("14500"))
    return award_a


def test_the_360giving_file_validates(paid_award, staff_a):
    response = client_for(staff_a).get(reverse("grants:giving_360"))
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    package = json.loads(response.content)
    errors = sorted(_giving_validator().iter_errors(package), key=str)
    assert not errors, [f"{list(e.absolute_path)}: {e.message}" for e in errors]
    grant = package["grants"][0]
    assert grant["amountAwarded"] == 3000 and grant["amountDisbursed"] == 1000
    assert grant["disbursementTransaction"][0]["currency"] == "USD"


def test_the_validator_would_catch_a_broken_grant(paid_award, staff_a):
    package = json.loads(client_for(staff_a).get(reverse("grants:giving_360")).content)
    del package["grants"][0]["awardDate"]
    package["grants"][0]["currency"] = "SYRIAN POUNDS"
    assert len(list(_giving_validator().iter_errors(package))) >= 1


def test_the_programs_iati_file_carries_the_commitment_and_each_disbursement(paid_award, administrator, settings):
    settings.MADANI_IATI_ORG_REF = "SY-CSSC-0001"
    schema = etree.XMLSchema(etree.parse(str(IATI / "iati-activities-schema.xsd")))
    tree = etree.fromstring(program_activity_file(paid_award.application.call.program, administrator, today=TODAY))
    assert schema.validate(tree), schema.error_log.filter_from_errors()
    transactions = tree.findall(".//transaction")
    assert [t.find("transaction-type").get("code") for t in transactions] == ["2", "3"]
    assert transactions[0].find("value").text == "3000.00" and transactions[0].find("value").get("currency") == "USD"
    assert transactions[1].find("value").get("currency") == "SYP"
    assert tree.find(".//transaction/receiver-org") is None  # the grantee is not named in a public file


def test_the_workbook_lists_budget_against_actual(paid_award, staff_a):
    tranche = paid_award.tranches.get()
    lines = list(paid_award.application.budget_lines.order_by("pk"))
    services.report_submit(actor=staff_a, report=tranche.report, narrative="=HYPERLINK(\"http://x\")",
                           actuals={lines[0].pk: Decimal("2100"), lines[1].pk: Decimal("0")})
    services.report_approve(actor=staff_a, report=tranche.report)
    lines[0].description = "=HYPERLINK(\"http://evil\",\"x\")"
    lines[0].save()
    response = client_for(staff_a).get(reverse("grants:awards_workbook"))
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[1][9] == "=HYPERLINK(\"http://evil\",\"x\")"  # text, not a formula
    assert sheet.cell(row=2, column=10).data_type == "s"
    assert rows[1][10:14] == (2000, 0, 2100, 100)


def test_other_branch_staff_export_nothing_of_branch_a(paid_award, staff_b):
    package = json.loads(client_for(staff_b).get(reverse("grants:giving_360")).content)
    assert package["grants"] == []


def test_the_dashboard_shows_awarded_and_disbursed_by_branch_and_overdue_reports(paid_award, staff_a):
    report = paid_award.tranches.get().report
    report.due_date = TODAY.replace(year=TODAY.year - 1)
    report.save()
    page = client_for(staff_a).get(reverse("grants:dashboard")).content.decode()
    assert "3,000" in page and "1,000" in page  # grouped, read left to right
    assert reverse("grants:report_remind", args=[report.pk]) in page


def test_the_grant_shows_on_the_organizations_capacity_journey(paid_award, staff_a):
    page = client_for(staff_a).get(reverse("organizations:detail", args=[paid_award.organization_id]))
    assert reverse("grants:award_detail", args=[paid_award.pk]) in page.content.decode()
    assert Award.objects.count() == 1
