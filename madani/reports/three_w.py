"""The 3W/4W table (who does what, where, when — and for whom), one row per ledger activity, with the
HXL hashtag row (https://hxlstandard.org) that humanitarian tools read under the column headers."""

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from madani.core import disclosure
from madani.indicators.engine import reach_by_activity
from madani.public.models import CenterProfile
from madani.organizations.models import Organization
from madani.places.models import Level

# The DAC 5-digit sector of everything a civil-society support center does (also used by the IATI file).
SECTOR_CODE = "15150"
SECTOR_NAME = _("Democratic participation and civil society")

COLUMNS = [
    (_("Activity ID"), "#activity+code"),
    (_("Organization"), "#org+name"),
    (_("Branch"), "#org+impl+name"),
    (_("Donor"), "#org+funder+name"),
    (_("Organizations served"), "#org+partner+name"),
    (_("Program"), "#activity+programme"),
    (_("Kind"), "#activity+type"),
    (_("Activity"), "#activity+name"),
    (_("Topics"), "#subsector+name"),
    (_("Sector"), "#sector+name"),
    (_("Sector code (DAC)"), "#sector+code"),
    (_("Governorate"), "#adm1+name"),
    (_("Governorate P-code"), "#adm1+code"),
    (_("District"), "#adm2+name"),
    (_("District P-code"), "#adm2+code"),
    (_("Sub-district"), "#adm3+name"),
    (_("Sub-district P-code"), "#adm3+code"),
    (_("Community"), "#loc+name"),
    (_("Community P-code"), "#loc+code"),
    (_("Start date"), "#date+start"),
    (_("End date"), "#date+end"),
    (_("Status"), "#status"),
    (_("People reached"), "#reached+ind"),
    (_("Women reached"), "#reached+f"),
    (_("Men reached"), "#reached+m"),
]

LEVELS = [Level.GOVERNORATE, Level.DISTRICT, Level.SUBDISTRICT, Level.COMMUNITY]


def three_w_activities(activities, user, date_from=None, date_to=None):
    """The activities with what the table needs, in a few queries. People reached are the indicator engine's
    (``reach_by_activity``): the people present at the activity's sessions held in the period."""
    activities = activities.select_related("branch", "program__donor", "place__parent__parent__parent").prefetch_related(
        "topics", Prefetch("target_organizations", queryset=Organization.objects.visible_to(user)))
    return reach_by_activity(activities, date_from=date_from, date_to=date_to).order_by("start_date", "pk")


def _where(place) -> list:
    """Name and P-code at each level, from the activity's place up the gazetteer."""
    by_level = {p.level: p for p in ([place, *place.ancestors()] if place else [])}
    cells = []
    for level in LEVELS:
        found = by_level.get(level)
        cells += [str(found), found.pcode] if found else ["", ""]
    return cells


def three_w_table(activities, user, date_from=None, date_to=None) -> tuple[list[str], list[str], object]:
    """(column headers, HXL hashtags, rows) for the activities a user may see: the activities running in the
    period, each with the people it reached in the period."""

    def rows():
        for a in three_w_activities(activities, user, date_from, date_to).iterator(chunk_size=1000):
            # Shared with clusters and donors: people reached go through small-cell suppression.
            cells = disclosure.people_cells({"all": a.reached, "women": a.reached_women, "men": a.reached_men},
                                            [disclosure.gender_relation("all", "women", "men")])
            reached, women, men = (disclosure.published(cells[key]) for key in ("all", "women", "men"))
            yield [
                a.pk, CenterProfile.name_in("ar"), a.branch, a.program.donor or "",
                " ; ".join(str(o) for o in a.target_organizations.all()), a.program, a.get_kind_display(), a,
                " ; ".join(str(t) for t in a.topics.all()), SECTOR_NAME, SECTOR_CODE, *_where(a.place),
                a.start_date, a.end_date, a.get_status_display(), reached, women, men,
            ]

    return [str(label) for label, _tag in COLUMNS], [tag for _label, tag in COLUMNS], rows()
