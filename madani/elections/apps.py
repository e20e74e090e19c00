from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from madani.core.registry import ApiRoute, DemoStep, Mount, NavItem, PublicURL


class ElectionsConfig(AppConfig):
    name = "madani.elections"
    verbose_name = _("Local elections")
    mounts = [Mount("elections/", "madani.elections.urls")]
    nav_items = [NavItem(_("Elections"), "elections:election_list", "elections.see_elections", order=73)]
    # After the networks (68), whose members supply the observers; before the dashboard's figures (1000).
    demo_steps = [DemoStep("madani.sampledata.demo.elections.load", order=69)]
    public_urls = [
        PublicURL("elections:public_report", "a published election's results and observation report: turnout, "
                  "women's shares, checklist findings and incidents by category — no observer names, places no "
                  "finer than the sub-district, small groups suppressed (404 unless published)",
                  test_object="published_election"),
        PublicURL("elections:public_report_pdf", "the same report as a PDF (404 unless published)", robots=False,
                  test_object="published_election"),
    ]
    submission_handlers = ["madani.elections.services.submission_received"]
    api_routes = [
        ApiRoute("elections", "madani.elections.api.ElectionViewSet", "election", order=220),
        ApiRoute("polling-centers", "madani.elections.api.PollingCenterViewSet", "polling-center", order=221),
        ApiRoute("observers", "madani.elections.api.ObserverViewSet", "election-observer", order=222),
        ApiRoute("incidents", "madani.elections.api.IncidentViewSet", "election-incident", order=223),
        ApiRoute("turnout", "madani.elections.api.TurnoutViewSet", "election-turnout", order=224),
        ApiRoute("results", "madani.elections.api.ResultViewSet", "election-result", order=225),
    ]
