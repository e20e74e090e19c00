"""Reads of an election for its pages and reports: the coordinator's live picture of election day, and the
public results and observation report (no observer names, places no finer than the sub-district, small
groups of people suppressed through ``core/disclosure.py``)."""

from collections import Counter

from django.utils.translation import gettext_lazy as _

from madani.core.disclosure import gender_relation, people_cells, published

from .models import (
    Category,
    Checklist,
    FormRole,
    Incident,
    IncidentStatus,
    ResultStatus,
    Severity,
    Verification,
    public_place,
)

CHECKLIST_ROLES = [FormRole.OPENING, FormRole.WOMEN, FormRole.SECRECY, FormRole.ARMED, FormRole.COUNTING]
OPEN_INCIDENTS = [IncidentStatus.REPORTED, IncidentStatus.VERIFIED, IncidentStatus.ESCALATED]


def share(part, whole):
    return round(100 * part / whole) if whole else None


def latest_turnout(election) -> dict:
    """{center id: its latest count} (the voters so far)."""
    latest = {}
    for count in election.turnout_counts.order_by("center_id", "slot"):
        latest[count.center_id] = count
    return latest


def live(election) -> dict:
    """The coordinator's election-day picture."""
    centers = list(election.centers.order_by("code"))
    checklists = list(election.checklists.exclude(status=Verification.REJECTED).values("center_id", "form"))
    received = {(row["center_id"], row["form"]) for row in checklists}
    turnout = latest_turnout(election)
    voters = sum(count.voters for count in turnout.values())
    women = sum(count.women_voters for count in turnout.values())
    rows = []
    for center in centers:
        count = turnout.get(center.pk)
        rows.append({"center": center, "missing": [FormRole(role).label for role in CHECKLIST_ROLES
                                                   if (center.pk, role) not in received],
                     "reporting": any(c == center.pk for c, _role in received) or count is not None,
                     "voters": count.voters if count else None, "women": count.women_voters if count else None,
                     "slot": count.slot if count else None,
                     "turnout": share(count.voters, center.registered_voters) if count and center.registered_voters else None})
    incidents = election.incidents.filter(status__in=OPEN_INCIDENTS)
    by_severity = Counter(incidents.values_list("severity", flat=True))
    return {
        "rows": rows,
        "reporting": sum(1 for row in rows if row["reporting"]),
        "centers": len(rows),
        "missing": sum(len(row["missing"]) for row in rows),
        "severity": [(label, by_severity.get(value, 0), value) for value, label in reversed(Severity.choices)],
        "alerts": election.incidents.filter(category=Category.OBSERVER_SAFETY, status__in=OPEN_INCIDENTS).select_related(
            "center", "observer"),
        "voters": voters, "women": women, "women_share": share(women, voters),
        "conflicts": election.checklists.filter(conflict=True).exclude(status=Verification.REJECTED).count(),
    }


YES_FINDINGS = [
    # (form, question, the answer that is a finding, the sentence)
    (FormRole.OPENING, "opened_on_time", "yes", _("Centers that opened on time")),
    (FormRole.OPENING, "box_sealed", "yes", _("Ballot boxes shown empty and sealed")),
    (FormRole.WOMEN, "women_area", "yes", _("Centers with a place or arrangements for women to vote")),
    (FormRole.WOMEN, "women_turned_away", "yes", _("Reports of women turned away or voted for")),
    (FormRole.SECRECY, "booths_private", "yes", _("Reports of voters marking their ballots in private")),
    (FormRole.SECRECY, "family_voting", "yes", _("Reports of family or group voting")),
    (FormRole.ARMED, "armed_inside", "yes", _("Reports of armed people inside a center")),
    (FormRole.ARMED, "armed_outside", "yes", _("Reports of armed people near a center")),
    (FormRole.COUNTING, "count_public", "yes", _("Counts held in public")),
    (FormRole.COUNTING, "results_posted", "yes", _("Centers' results posted on their doors")),
]


def public_report(election) -> dict:
    """The published report's figures. Voters come from the reconciled results; places are named at the
    sub-district; counts of voters go through small-cell suppression."""
    results = list(election.results.filter(status=ResultStatus.RECONCILED).select_related("center__place__parent"))
    voters = sum(r.voters or 0 for r in results)
    women = sum(r.women_voters or 0 for r in results)
    registered_known = [r.center.registered_voters for r in results if r.center.registered_voters]
    registered = sum(registered_known) if len(registered_known) == len(results) and results else None
    cells = people_cells({"voters": voters, "women": women, "men": voters - women},
                         [gender_relation("voters", "women", "men")])
    areas = {}
    for result in results:
        area = public_place(result.center.place)
        entry = areas.setdefault(area.pk, {"place": area, "voters": 0, "women": 0})
        entry["voters"] += result.voters or 0
        entry["women"] += result.women_voters or 0
    area_rows = []
    for entry in areas.values():
        area_cells = people_cells({"voters": entry["voters"], "women": entry["women"],
                                   "men": entry["voters"] - entry["women"]}, [gender_relation("voters", "women", "men")])
        area_rows.append({"place": entry["place"], "voters": published(area_cells["voters"]),
                          "women": published(area_cells["women"]),
                          "share": share(entry["women"], entry["voters"]) if area_cells["women"].shown else None})
    candidates = list(election.candidates.all())
    elected = [c for c in candidates if c.elected]
    women_candidates = sum(1 for c in candidates if c.gender == "female")
    women_elected = sum(1 for c in elected if c.gender == "female")
    checklists = list(election.checklists.exclude(status=Verification.REJECTED).values("form", "answers"))
    findings = []
    for form, question, answer, sentence in YES_FINDINGS:
        asked = [c for c in checklists if c["form"] == form and c["answers"].get(question) is not None]
        if asked:
            yes = sum(1 for c in asked if c["answers"][question] == answer)
            findings.append({"text": sentence, "yes": yes, "asked": len(asked), "share": share(yes, len(asked))})
    incidents = Counter(election.incidents.exclude(status=IncidentStatus.REJECTED).values_list("category", flat=True))
    return {
        "election": election, "area": public_place(election.place), "voters": published(cells["voters"]),
        "women": published(cells["women"]), "men": published(cells["men"]),
        "women_share": share(women, voters) if cells["women"].shown else None,
        "registered": registered, "turnout": share(voters, registered) if registered else None,
        "centers": len(results), "areas": area_rows,
        "candidates": len(candidates), "women_candidates": women_candidates,
        "women_candidates_share": share(women_candidates, len(candidates)),
        "elected": len(elected), "women_elected": women_elected, "women_elected_share": share(women_elected, len(elected)),
        "findings": findings,
        "incidents": [(Category(value).label, count) for value, count in incidents.most_common()],
        "incident_total": sum(incidents.values()),
    }


def checklists_for_export(election):
    return Checklist.objects.filter(election=election).select_related("center__place__parent", "observer")


def incidents_for_export(election):
    return Incident.objects.filter(election=election).select_related("center", "place__parent", "observer")
