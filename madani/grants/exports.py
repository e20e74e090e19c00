"""Grant exports: the 360Giving data package (https://standard.threesixtygiving.org/, schema 1.4, checked
in the tests against the schema stored in ``tests/360giving/``) and the Excel workbook of awards with
budget against actual spending (core/exports.py). The IATI transactions are in ``iati.py``."""

import json

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from madani.core.exports import xlsx_response

from .models import ReportStatus, TrancheStatus

GIVING_VERSION = "1.4"


def _money(value) -> float:
    return float(value)


def _prefix() -> str:
    return f"360G-{settings.MADANI_IATI_ORG_REF or 'madani'}"


def giving_grant(award, request=None) -> dict:
    from madani.public.models import CenterProfile

    application = award.application
    call = application.call
    center = CenterProfile.name_in("ar") or CenterProfile.name_in("en") or "Madani"
    grant = {
        "id": f"{_prefix()}-grant-{award.pk}",
        "title": application.title,
        "description": application.need,
        "currency": award.currency,
        "amountAppliedFor": _money(application.requested_amount),
        "amountAwarded": _money(award.amount),
        "amountDisbursed": _money(award.disbursed_total()),
        "awardDate": award.awarded_on.isoformat(),
        "recipientOrganization": [{"id": f"{_prefix()}-org-{award.organization_id}",
                                   "name": award.organization.name_ar or award.organization.name}],
        "fundingOrganization": [{"id": settings.MADANI_IATI_ORG_REF or f"{_prefix()}-center", "name": center}],
        "grantProgramme": [{"code": call.code, "title": call.title_ar or call.title}],
        "fromOpenCall": "Yes",
        "dateModified": timezone.now().isoformat(timespec="seconds"),
    }
    if application.start_date and application.end_date:
        grant["plannedDates"] = [{"startDate": application.start_date.isoformat(),
                                  "endDate": application.end_date.isoformat()}]
    places = list(application.places.all())
    if places:
        grant["beneficiaryLocation"] = [{"name": place.name_ar or place.name, "countryCode": "SY",
                                         "geoCode": place.pcode, "geoCodeType": "OCHA P-code"} for place in places]
    disbursed = [t for t in award.tranches.all() if t.status == TrancheStatus.DISBURSED]
    if disbursed:
        grant["disbursementTransaction"] = [{
            "id": f"{_prefix()}-tranche-{t.pk}", "transactionDate": t.disbursed_on.isoformat(),
            "currency": award.currency, "value": _money(t.in_award_currency),
            "description": t.get_method_display()} for t in disbursed]
    return grant


def giving_package(awards, request=None) -> str:
    awards = awards.select_related("application__call", "organization").prefetch_related(
        "tranches", "application__places").order_by("pk")
    package = {"version": GIVING_VERSION, "grants": [giving_grant(award, request) for award in awards],
               "title": _("Grants awarded"), "issued": timezone.localdate().isoformat()}
    return json.dumps(package, ensure_ascii=False, indent=2)


def awards_workbook(awards):
    """One row per budget line of every award: budgeted (the grant's share), co-funding, spent according to
    the approved reports, and the variance (spent − budgeted)."""
    header = [_("Award"), _("Organization"), _("Branch"), _("Call"), _("Awarded on"), _("Amount awarded"),
              _("Disbursed"), _("Currency"), _("Budget category"), _("Budget line"), _("Budgeted"), _("Co-funding"),
              _("Spent"), _("Variance")]
    awards = awards.select_related("application__call", "organization", "branch").prefetch_related(
        "tranches", "application__budget_lines__actuals__report").order_by("pk")

    def rows():
        for award in awards:
            disbursed = award.disbursed_total()
            for line in award.application.budget_lines.all():
                spent = sum((a.actual for a in line.actuals.all() if a.report.status == ReportStatus.APPROVED), 0)
                yield [award.pk, award.organization, award.branch, award.application.call, award.awarded_on,
                       award.amount, disbursed, award.currency, line.get_category_display(), line.description,
                       line.grant_share, line.co_funding, spent, spent - line.grant_share]

    return xlsx_response("grants-budget-vs-actual.xlsx", header, rows(), sheet_title=_("Budget vs actual"))


