from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from madani.core.registry import DemoStep, Mount, NavItem, PublicURL


class LibraryConfig(AppConfig):
    name = "madani.library"
    verbose_name = _("Civic-knowledge library")
    mounts = [Mount("library/", "madani.library.urls")]

    nav_items = [
        NavItem(_("Library"), "library:list", "library.see_library_as_staff", order=120),
        NavItem(_("Library"), "library:list", order=40, menu="public"),
    ]
    demo_steps = [DemoStep("madani.sampledata.demo.library.load", order=80)]
    # Anonymous visitors get public resources only (Resource.objects.visible_to); members-only and staff-only
    # resources, their pages and their files, are 404 to them.
    public_urls = [
        PublicURL("library:list", "public resources only", sitemap=True),
        PublicURL("library:export", "public resources only", robots=False),
        PublicURL("library:detail", "a public resource (404 otherwise)", test_object="resource"),
        PublicURL("library:file", "a public resource's file (404 otherwise)", test_object="resource"),
    ]
