from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from madani.core.registry import DemoStep, Mount, NavItem


class CoworkingConfig(AppConfig):
    name = "madani.coworking"
    verbose_name = _("Co-working space")
    mounts = [Mount("coworking/", "madani.coworking.urls")]

    nav_items = [
        NavItem(_("Co-working"), "coworking:index", "coworking.see_space_as_staff", order=110),
        NavItem(_("Book a room"), "coworking:index", "coworking.book_as_member", order=110),
    ]
    demo_steps = [DemoStep("madani.sampledata.demo.coworking.load", order=100)]  # records the uses of the space in the ledger
