"""Public figures: the center's headline figures by year and branch, with small groups suppressed
(core/disclosure.py). The relations: people = women + men in every cell, and each branch's and each year's
figures add up to the totals.
"""

import datetime

from django.conf import settings
from django.utils.translation import gettext as _

from madani.branches.models import Branch
from madani.core import disclosure
from madani.core.disclosure import Cell

from .models import Figure

# Counts of people, suppressed when small. Activities, sessions and organizations are not groups of people.
PEOPLE_MEASURES = ("people", "women", "men", "person_days")
MEASURES = ("people", "women", "men", "activities", "sessions", "person_days", "organizations")


def _relations(years, branch_ids):
    """(total, parts) of (year, branch, measure) triples whose parts add up to the total."""
    for year in [None, *years]:
        for branch in [None, *branch_ids]:
            yield (year, branch, "people"), [(year, branch, "women"), (year, branch, "men")]
    for measure in PEOPLE_MEASURES:
        for year in [None, *years]:
            yield (year, None, measure), [(year, b, measure) for b in branch_ids]
        for branch in [None, *branch_ids]:
            yield (None, branch, measure), [(y, branch, measure) for y in years]


def suppress(cells: dict, years, branch_ids, minimum: int) -> None:
    """Mark the small cells, then hide others until no small group can be derived (in place), through the
    one disclosure mechanism (core/disclosure.py)."""
    disclosure.suppress(cells, _relations(years, branch_ids), minimum,
                        counts_people=lambda key: key[2] in PEOPLE_MEASURES)


def impact_table() -> dict:
    """Every year's and all time's figures, center-wide and per branch, suppressed."""
    rows = Figure.objects.filter(program__isnull=True, kind="", quarter__isnull=True, month__isnull=True)
    values = {(row.year, row.branch_id): row for row in rows}
    # A year with nothing done yet (only planned activities, which count from their start) has no section.
    years = sorted({year for (year, b), row in values.items() if year is not None and b is None
                    and any(getattr(row, m) for m in MEASURES)}, reverse=True)
    branches = list(Branch.objects.filter(pk__in={b for _y, b in values if b is not None}))
    branch_ids = [b.pk for b in branches]
    empty = Figure()
    cells = {
        (year, branch, measure): Cell(getattr(values.get((year, branch), empty), measure))
        for year in [None, *years] for branch in [None, *branch_ids] for measure in MEASURES
    }
    suppress(cells, years, branch_ids, settings.MADANI_MIN_CELL_SIZE)

    def row(year, branch):
        return {"branch": branch, "cells": [cells[(year, branch.pk if branch else None, m)] for m in MEASURES]}

    def period(year):
        rows = [row(year, None), *(row(year, b) for b in branches)]
        # A hidden figure's mark links to the note under its table that says why it is not shown.
        return {"year": year, "rows": rows, "note": f"#why-not-shown-{year or 'all'}",
                "hidden": any(cell.hidden for r in rows for cell in r["cells"])}

    periods = [period(year) for year in [None, *years]]
    return {"periods": periods, "cells": cells}


def headline_figures() -> dict:
    """The center-wide figures of the current year and of all time, suppressed like the impact page
    (for the public home page: ``dashboard/partials/public_figures.html``)."""
    cells = impact_table()["cells"]
    year = datetime.date.today().year

    def figures(y):
        return {m: cells.get((y, None, m), Cell(0)) for m in MEASURES}

    this_year, all_time = figures(year), figures(None)
    return {"year": year, "this_year": this_year, "all_time": all_time,
            "periods": [(_("This year (%(year)s)") % {"year": year}, this_year), (_("All years"), all_time)],
            "min_cell_size": settings.MADANI_MIN_CELL_SIZE}
