"""What the ledger says about a group of activities, gathered once for both drafts: ``Facts``
(``gather``), and the activities reported together (``companion_activities``)."""

import datetime
import re
from dataclasses import dataclass, field

from madani.activities.models import Activity
from madani.assessments.models import Response
from madani.assessments.reports import gap_threshold
from madani.core.arabic import normalize
from madani.indicators.engine import IndicatorQuery, Metric, records
from madani.organizations.models import Kind as OrganizationKind
from madani.people.models import Gender

@dataclass
class Unit:
    """One activity of the group: its place, length, participants and facilitators."""

    activity: Activity
    days: int
    total: int
    women: int
    men: int
    genders_known: bool
    facilitators: list


@dataclass
class Facts:
    kind: str
    units: list[Unit]
    start: datetime.date
    end: datetime.date
    topics: list
    networks: list
    organizations: int
    assessed: int = 0
    gaps: list = field(default_factory=list)  # [(domain, organizations with a gap)]
    session_topics: list = field(default_factory=list)  # [(unit, date, text)]
    goals: list = field(default_factory=list)

    @property
    def first(self) -> Activity:
        return self.units[0].activity

    @property
    def total(self) -> int:
        return sum(u.total for u in self.units)

    @property
    def places(self) -> list:
        seen = []
        for unit in self.units:
            if unit.activity.place and unit.activity.place not in seen:
                seen.append(unit.activity.place)
        return seen

    @property
    def by_place(self) -> bool:
        """Several activities, each at its own place: figures and trainers are given per place."""
        return len(self.units) > 1 and len(self.places) == len(self.units)


def companion_activities(activity: Activity, user=None) -> list[Activity]:
    """``activity`` and the completed activities reported with it (same kind, program, phase,
    branch and topics, overlapping dates), those ``user`` may see, in the order they were recorded."""
    candidates = Activity.objects.visible_to(user) if user is not None else Activity.objects.all()
    candidates = (
        candidates.completed().exclude(pk=activity.pk)
        .filter(kind=activity.kind, program_id=activity.program_id, phase_id=activity.phase_id,
                branch_id=activity.branch_id, start_date__lte=activity.end_date, end_date__gte=activity.start_date)
        .prefetch_related("topics").order_by("pk")[:20]
    )
    topics = set(activity.topics.values_list("pk", flat=True))
    return [activity, *[a for a in candidates if {t.pk for t in a.topics.all()} == topics]]


def _words(text: str) -> set[str]:
    """Words of a title or topic name, in both languages, without the Arabic article or "and"."""
    words = set()
    for word in re.findall(r"\w{4,}", normalize(text)):
        for prefix in ("وال", "بال", "لل", "ال", "و"):
            if word.startswith(prefix) and len(word) - len(prefix) >= 3:
                word = word[len(prefix):]
                break
        words.add(word)
    return words


def _ordered_topics(activity):
    """The activity's topics, the one its title names first (the news is "on" it), then as recorded."""
    through = Activity.topics.through
    topics = [row.topic for row in through.objects.filter(activity=activity).select_related("topic").order_by("pk")]
    title = _words(f"{activity.title_ar or ''} {activity.title_en or ''}")
    return sorted(topics, key=lambda t: -len(title & _words(f"{t.name_ar} {t.name_en}")))


def _facilitators(activity):
    through = Activity.facilitators.through
    people = [row.person for row in through.objects.filter(activity=activity).select_related("person").order_by("pk")]
    for session in activity.sessions.filter(facilitator__isnull=False).select_related("facilitator"):
        if session.facilitator not in people:
            people.append(session.facilitator)
    return people


def _unit(activity) -> Unit:
    """The activity's participants as the news tells them: the people it reached (the indicator engine's
    definition — present at one of its sessions; a no-show is not counted)."""
    reached = records(IndicatorQuery(Metric.PEOPLE, activities=(activity.pk,)))
    genders = list(reached.values_list("gender", flat=True))
    return Unit(
        activity=activity, days=(activity.end_date - activity.start_date).days + 1, total=len(genders),
        women=genders.count(Gender.FEMALE), men=genders.count(Gender.MALE),
        genders_known=all(g in (Gender.FEMALE, Gender.MALE) for g in genders), facilitators=_facilitators(activity),
    )


def _needs(facts: Facts, organization_ids: set) -> None:
    """The latest needs assessment (before the activity) of each organization served, and how many of
    them scored under the gap threshold in a domain that the activity's topics address."""
    domains = list(dict.fromkeys(t.assessment_domain for t in facts.topics if t.assessment_domain))
    if not domains or not organization_ids:
        return
    latest = {}
    for response in (Response.objects.needs().filter(organization_id__in=organization_ids, date__lte=facts.start)
                     .order_by("date", "pk").only("organization_id", "domain_scores")):
        latest[response.organization_id] = response
    threshold = gap_threshold()
    facts.assessed = len(latest)
    for domain in domains:
        count = sum(1 for r in latest.values() if r.domain_scores.get(domain) is not None
                    and r.domain_scores[domain] < threshold)
        if count:
            facts.gaps.append((domain, count))


def gather(activities: list[Activity]) -> Facts:
    """What the ledger says about a group of activities (the first one is the one asked for)."""
    first = activities[0]
    units = [_unit(a) for a in activities]
    served = [o for a in activities for o in a.target_organizations.all()]
    represented = {pk for a in activities for pk in a.participations.exclude(organization=None)
                   .values_list("organization_id", flat=True)}
    networks = list(dict.fromkeys(o for o in served if o.kind == OrganizationKind.NETWORK))
    organization_ids = represented | {o.pk for o in served if o.kind != OrganizationKind.NETWORK}
    facts = Facts(
        kind=first.kind, units=units, start=min(a.start_date for a in activities),
        end=max(a.end_date for a in activities), topics=_ordered_topics(first), networks=networks,
        organizations=len(organization_ids),
    )
    for unit in units:
        for session in unit.activity.sessions.exclude(topic=""):
            facts.session_topics.append((unit, session.date, session.topic))
    facts.goals = list(dict.fromkeys(a.goals.strip() for a in activities if a.goals.strip()))
    _needs(facts, organization_ids | {o.pk for o in networks})
    return facts

