from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control

from madani.branches.models import Branch
from madani.core.ages import age_bands, band_label
from madani.indicators.permissions import can_see_indicators
from madani.people.models import Gender

from . import cube
from .figures import live_figures, staff_figures
from .forms import FigureFilterForm
from .permissions import can_see_precomputed_figures
from .public import impact_table


def _activities_url(selection, **extra) -> str:
    """The activities list filtered like the figures (the list filters by year, not by quarter)."""
    query = {"program": selection.program.pk if selection.program else "",
             "branch": selection.branch.pk if selection.branch else "", "year": selection.year or "", **extra}
    return reverse("activities:list") + "?" + urlencode({k: v for k, v in query.items() if v})


def _chart(title, labels, datasets, stacked=False):
    """A chart's data (drawn by static/madani/charts.js) and the same numbers as table rows."""
    return {"title": title, "labels": labels, "stacked": stacked, "datasets": datasets,
            "rows": list(zip(labels, zip(*(d["data"] for d in datasets))))}


def _by_gender(title, rows, label):
    return _chart(title, [getattr(r, label) for r in rows], [
        {"label": _("Women"), "data": [r.women for r in rows], "key": Gender.FEMALE},
        {"label": _("Men"), "data": [r.men for r in rows], "key": Gender.MALE},
    ], stacked=True)


def _records_urls(selection=None) -> dict:
    """The records behind each headline number (indicators' records page), filtered like the figures."""
    from madani.indicators.engine import period_bounds
    from madani.indicators.views import figure_records_url

    common = {}
    if selection is not None:
        dates = period_bounds(selection.year, selection.quarter) if selection.year else (None, None)
        common = {"program": selection.program, "branch": selection.branch, "date_from": dates[0],
                  "date_to": dates[1]}
    urls = {metric: figure_records_url(metric, **common)
            for metric in ("people", "sessions", "person_days", "participations", "completed", "organizations")}
    urls |= {"women": figure_records_url("people", gender="female", **common),
             "men": figure_records_url("people", gender="male", **common)}
    return urls


@login_required
def index(request):
    user = request.user
    if not can_see_precomputed_figures(user):
        records = _records_urls() if can_see_indicators(user) else None
        return render(request, "dashboard/index.html", {"live": live_figures(user), "records": records})
    cube.refresh_if_outdated()
    form = FigureFilterForm(request.GET or None, user=user)
    selection = form.selection()
    figures = staff_figures(selection, Branch.objects.visible_to(user))
    for row in figures["by_kind"]:
        row.url = _activities_url(selection, kind=row.kind)
    charts = {
        "timeline": _by_gender(_("People reached over time"), figures["timeline"], "label"),
        "branches": _by_gender(_("People reached by branch"), figures["by_branch"], "branch_name"),
        "kinds": _chart(_("Activities by kind"), [r.label for r in figures["by_kind"]],
                        [{"label": _("Activities"), "data": [r.activities for r in figures["by_kind"]]}]),
    }
    return render(request, "dashboard/index.html", {
        "form": form, "selection": selection, "figures": figures, "charts": charts, "status": cube.status(),
        "activities_url": _activities_url(selection), "records": _records_urls(selection),
    })


@cache_control(public=True, max_age=600)
def impact(request):
    """Public: the center's figures by year and branch, small groups suppressed (public.py)."""
    cube.refresh_if_outdated()
    return render(request, "dashboard/impact.html", {
        **impact_table(), "status": cube.status(), "min_cell_size": settings.MADANI_MIN_CELL_SIZE,
        "age_bands": [band_label(code) for code, _low, _high in age_bands()],
    })
