from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from madani.core.registry import ApiRoute, DemoStep, Mount, NavItem, Panel, PublicURL


class GrantsConfig(AppConfig):
    name = "madani.grants"
    verbose_name = _("Small grants")
    mounts = [Mount("grants/", "madani.grants.urls")]

    nav_items = [
        NavItem(_("Grants"), "grants:dashboard", "grants.see_grants", order=75),
        NavItem(_("My reviews"), "grants:review_list", "grants.review_applications", order=76),
        NavItem(_("Grant applications"), "grants:application_list", "grants.see_own_applications", order=75),
        NavItem(_("Open calls for grants"), "grants:open_calls", order=40, menu="public"),
    ]
    # After the ledger (order 10) and the organizations it funds; before the dashboard's figures (1000).
    demo_steps = [DemoStep("madani.sampledata.demo.grants.load", order=65)]
    journey_sources = ["madani.grants.journey.grant_events"]
    sitemaps = {"grant-calls": "madani.grants.sitemaps.OpenCallSitemap"}
    public_urls = [
        PublicURL("grants:open_calls", "the open calls for grants: their published text, nothing about applicants",
                  sitemap=True),
        PublicURL("grants:public_call", "one open call's published text (404 unless open)", test_object="call"),
    ]
    panels = [Panel("activity.summary", "grants/partials/activity_grant.html", "madani.grants.panels.activity_grant")]
    iati_transactions = ["madani.grants.iati.transactions"]
    api_routes = [
        ApiRoute("calls", "madani.grants.api.CallViewSet", "grant-call", order=200),
        ApiRoute("applications", "madani.grants.api.ApplicationViewSet", "grant-application", order=201),
        ApiRoute("awards", "madani.grants.api.AwardViewSet", "grant-award", order=202),
        ApiRoute("tranches", "madani.grants.api.TrancheViewSet", "grant-tranche", order=203),
        ApiRoute("grant-reports", "madani.grants.api.GrantReportViewSet", "grant-report", order=204),
    ]
