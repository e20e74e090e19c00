"""Small-cell suppression: the one disclosure rule of every public or donor-facing figure (DESIGN.md §3, §5).

A count of people under ``settings.MADANI_MIN_CELL_SIZE`` is never shown ("fewer than 5"). Nor is a figure
from which it could be worked out by subtraction: given the relations between figures (a total and the parts
that add up to it — people = women + men, a center's figure = the sum of its branches'), a suppressed figure
never stands alone in a relation, and the suppressed parts never add up to a small group: the smallest other
figure is hidden too ("not shown").

Only where a hidden cell could really be worked out: a relation counts when its parts add up exactly to its
total. Distinct people do not always add up — a person reached in two years is one person of all time, so the
years of a branch give 400 where all time gives 352 — and then subtracting the shown parts from the total
gives no one's figure; such a relation suppresses nothing (issue 12: Aleppo's and Amouda's split by gender was
hidden for a small group of another year).

Users: the public impact page and home-page figures (``dashboard/public.py``), the IATI file
(``reports/iati.py``), the donor report (``reports/donor.py``) and the 3W table (``reports/three_w.py``).
"""

from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass

from django.conf import settings


def min_cell_size() -> int:
    """The smallest group of people a published figure may show (``MADANI_MIN_CELL_SIZE``)."""
    return settings.MADANI_MIN_CELL_SIZE


@dataclass
class Cell:
    value: int
    small: bool = False  # under the minimum cell size
    hidden: bool = False  # hidden so that a small one cannot be worked out

    @property
    def shown(self) -> bool:
        return not (self.small or self.hidden)


Relation = tuple[Hashable, list[Hashable]]  # (the key of a total, the keys of the parts that add up to it)


def suppress(cells: dict, relations: Iterable[Relation], minimum: int | None = None, *,
             counts_people: Callable[[Hashable], bool] = lambda key: True) -> dict:
    """Mark the small cells (those of ``counts_people`` keys), then hide others until no small group can be
    derived through ``relations`` (in place; returns ``cells``)."""
    minimum = min_cell_size() if minimum is None else minimum
    for key, cell in cells.items():
        if counts_people(key) and 0 < cell.value < minimum:
            cell.small = True
    relations = [(total, parts) for total, parts in relations
                 if parts and sum(cells[key].value for key in parts) == cells[total].value]
    changed = True
    while changed:
        changed = False
        for total, parts in relations:
            members = [cells[k] for k in (total, *parts)]
            suppressed = [c for c in members if not c.shown]
            visible_parts = [cells[k] for k in parts if cells[k].shown and cells[k].value > 0]
            derivable = cells[total].shown and 0 < sum(cells[k].value for k in parts if not cells[k].shown) < minimum
            if len(suppressed) == 1 or derivable:
                candidates = visible_parts or ([cells[total]] if cells[total].shown else [])
                if candidates:
                    min(candidates, key=lambda c: c.value).hidden = True
                    changed = True
    return cells


def people_cells(values: dict, relations: Iterable[Relation] = (), minimum: int | None = None) -> dict:
    """``{key: Cell}`` for counts of people ``{key: int}``, suppressed."""
    return suppress({key: Cell(value or 0) for key, value in values.items()}, relations, minimum)


def gender_relation(total, women, men) -> Relation:
    """People = women + men (gender is recorded for everyone)."""
    return total, [women, men]


def published(cell: Cell):
    """A cell as printed in a file or sheet: its number, or the words that say why it is not shown."""
    from django.utils.translation import gettext

    if cell.small:
        return gettext("fewer than %(minimum)s") % {"minimum": min_cell_size()}
    if cell.hidden:
        return gettext("not shown")
    return cell.value
