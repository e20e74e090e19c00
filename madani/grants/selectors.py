"""Reads for the grants dashboard, over what the user may see."""

from collections import defaultdict

from django.db.models import Count

from .models import (
    Application,
    ApplicationStatus,
    Award,
    Call,
    GrantReport,
    Tranche,
    TrancheStatus,
)


def dashboard(user) -> dict:
    applications = Application.objects.visible_to(user)
    counts = dict(applications.order_by().values_list("status").annotate(n=Count("pk")))
    by_state = [(label, counts.get(value, 0)) for value, label in ApplicationStatus.choices]
    awards = Award.objects.visible_to(user).select_related("branch")
    awarded = defaultdict(lambda: defaultdict(int))  # branch → currency → amount
    for award in awards:
        awarded[str(award.branch)][award.currency] += award.amount
    disbursed = defaultdict(lambda: defaultdict(int))
    by_month = defaultdict(lambda: defaultdict(int))  # "YYYY-MM" → currency → amount
    tranches = (Tranche.objects.visible_to(user).filter(status=TrancheStatus.DISBURSED)
                .select_related("award__branch"))
    for tranche in tranches:
        amount = tranche.in_award_currency
        disbursed[str(tranche.award.branch)][tranche.award.currency] += amount
        by_month[tranche.disbursed_on.strftime("%Y-%m")][tranche.award.currency] += amount
    currencies = sorted({c for row in (*awarded.values(), *disbursed.values()) for c in row})
    branches = sorted(set(awarded) | set(disbursed))
    return {
        "calls": Call.objects.visible_to(user).annotate(n_applications=Count("applications")).order_by("-deadline"),
        "by_state": by_state,
        "currencies": currencies,
        "by_branch": [(branch, [(awarded[branch].get(c, 0), disbursed[branch].get(c, 0)) for c in currencies])
                      for branch in branches],
        "by_month": [(month, [by_month[month].get(c, 0) for c in currencies]) for month in sorted(by_month)],
        "overdue": GrantReport.objects.visible_to(user).overdue().select_related(
            "award__organization", "award__application", "tranche").order_by("due_date"),
    }
