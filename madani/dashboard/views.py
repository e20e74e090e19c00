from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control

from madani.branches.models import Branch
from madani.core.ages import age_bands, band_label
from madani.people.models import Gender

from . import cube
from .figures import live_figures, staff_figures
from .forms import FigureFilterForm
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


@login_required
def index(request):
    user = request.user
    if not user.is_center_staff or user.is_trainer:
        return render(request, "dashboard/index.html", {"live": live_figures(user)})
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
        "activities_url": _activities_url(selection),
    })


@cache_control(public=True, max_age=600)
def impact(request):
    """Public: the center's figures by year and branch, small groups suppressed (public.py)."""
    return render(request, "dashboard/impact.html", {
        **impact_table(), "status": cube.status(), "min_cell_size": settings.MADANI_MIN_CELL_SIZE,
        "age_bands": [band_label(code) for code, _low, _high in age_bands()],
    })
