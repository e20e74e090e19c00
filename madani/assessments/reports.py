"""Reads computed from responses: scores over time, the gap report, before/after, test gains."""

from django.conf import settings
from django.db.models import Q

from madani.activities.models import ONE_ORGANIZATION_KINDS, Activity, Participation, Topic

from .domains import domain_label
from .models import Kind, Response

DEFAULT_GAP_THRESHOLD = 60  # a domain scoring under this percentage is a gap


def gap_threshold() -> float:
    return getattr(settings, "MADANI_ASSESSMENT_GAP_THRESHOLD", DEFAULT_GAP_THRESHOLD)


def scores_over_time(organization):
    """[(date, {domain: score %})] of the organization's needs assessments, oldest first — for the
    organization's capacity journey."""
    responses = Response.objects.needs().filter(organization=organization).order_by("date", "pk")
    return [(r.date, dict(r.domain_scores)) for r in responses.only("date", "domain_scores")]


def needs_responses(organization, user):
    return (
        Response.objects.visible_to(user).needs().filter(organization=organization)
        .select_related("questionnaire", "submitted_by").order_by("date", "pk")
    )


def activities_open_to(organization, user):
    """Upcoming activities (that ``user`` may see) whose places are open to ``organization``'s staff: group
    activities, and one-to-one services (coaching, consultation, technical support) given to it — never
    another organization's coaching (issue 12)."""
    return (
        Activity.objects.visible_to(user).upcoming()
        .filter(~Q(kind__in=ONE_ORGANIZATION_KINDS) | Q(target_organizations=organization))
        .distinct()
    )


def gap_report(organization, user, latest=None):
    """Domains of the latest needs assessment under the threshold, weakest first, each with the topics
    that address it and the upcoming activities (that ``user`` may see) on those topics."""
    if latest is None:
        latest = needs_responses(organization, user).last()
    if latest is None:
        return []
    threshold = gap_threshold()
    gaps = sorted(((score, domain) for domain, score in latest.domain_scores.items() if score < threshold))
    report = []
    for score, domain in gaps:
        topics = list(Topic.objects.filter(assessment_domain=domain))
        activities = (
            activities_open_to(organization, user).filter(topics__in=topics)
            .select_related("branch").order_by("start_date", "pk")[:10]
        )
        report.append({"domain": domain, "label": domain_label(domain), "score": score, "topics": topics,
                       "activities": list(activities)})
    return report


def before_after(responses):
    """Rows (domain label, before %, after %, change) comparing the first and the last of
    ``responses`` (oldest first), or [] with fewer than two."""
    responses = list(responses)
    if len(responses) < 2:
        return None, None, []
    before, after = responses[0], responses[-1]
    domains = list(dict.fromkeys([*before.domain_scores, *after.domain_scores]))
    rows = []
    for domain in domains:
        a, b = before.domain_scores.get(domain), after.domain_scores.get(domain)
        change = round(b - a, 1) if a is not None and b is not None else None
        rows.append({"domain": domain, "label": str(domain_label(domain)), "before": a, "after": b, "change": change})
    return before, after, rows


def activity_test_results(activity, user):
    """Per participant of ``activity`` (as ``user`` sees them): latest pre-test and post-test score,
    and the gain; plus the average gain over participants with both."""
    participations = (
        Participation.objects.visible_to(user).filter(activity=activity).select_related("person", "organization")
    )
    latest = {}
    responses = (
        Response.objects.filter(participation__in=participations, questionnaire__kind__in=[Kind.PRE_TEST, Kind.POST_TEST])
        .select_related("questionnaire").order_by("date", "pk")
    )
    for response in responses:
        latest[(response.participation_id, response.questionnaire.kind)] = response
    rows, gains = [], []
    for participation in participations:
        pre = latest.get((participation.pk, Kind.PRE_TEST))
        post = latest.get((participation.pk, Kind.POST_TEST))
        gain = None
        if pre and post and pre.score is not None and post.score is not None:
            gain = round(post.score - pre.score, 1)
            gains.append(gain)
        rows.append({"participation": participation, "pre": pre, "post": post, "gain": gain})
    average = round(sum(gains) / len(gains), 1) if gains else None
    return {"rows": rows, "average_gain": average, "with_both": len(gains)}


def journey_events(organization, user):
    """The organization's needs assessments as events of its capacity journey (activities/journey.py)."""
    from django.urls import reverse
    from django.utils.translation import gettext as _

    from madani.activities.journey import JourneyEvent

    from .domains import domain_label

    url = reverse("assessments:organization", args=[organization.pk])
    events = []
    for response in needs_responses(organization, user):
        scores = sorted(response.domain_scores.items(), key=lambda item: item[1])
        detail = " · ".join(f"{domain_label(domain)} {round(score)}%" for domain, score in scores)
        events.append(JourneyEvent(date=response.date, kind=_("Needs assessment"), title=str(response.questionnaire),
                                   url=url, detail=detail))
    return events
