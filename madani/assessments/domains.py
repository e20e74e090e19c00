"""The capacity domains of the needs assessment. Their slugs match ``Topic.assessment_domain``."""

from django.utils.translation import gettext_lazy as _

DOMAINS = {
    "governance": _("Governance"),
    "strategic_planning": _("Strategic planning"),
    "project_management": _("Project management"),
    "monitoring_evaluation": _("Monitoring and evaluation"),
    "finance": _("Financial management"),
    "human_resources": _("Human resources"),
    "fundraising": _("Fundraising"),
    "networking": _("Networking"),
    "advocacy": _("Advocacy"),
}


def known_domains() -> set[str]:
    """The nine domains plus any other that a topic of the taxonomy addresses."""
    from madani.activities.models import Topic

    extra = Topic.objects.exclude(assessment_domain="").values_list("assessment_domain", flat=True)
    return set(DOMAINS) | set(extra)


def domain_label(slug: str):
    return DOMAINS.get(slug) or slug.replace("_", " ").capitalize()
