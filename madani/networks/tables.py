"""A network's members: their columns on the page and in the CSV/Excel export (core/lists.py)."""

from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from madani.core.lists import Column, Table
from madani.core.templatetags.bidi import isolate


def _network_link(row):
    return format_html('<a href="{}">{}</a>', reverse("networks:network_detail", args=[row.pk]), isolate(row.name))


class NetworkTable(Table):
    empty = _("No network yet: a network is an organization of kind “network”.")
    columns = (
        Column(_("Network"), "name", cell=_network_link),
        Column(_("Branch"), "branch", narrow=True),
        Column(_("Current members"), "current_members"),
    )


def _shown(membership):
    return _("Yes") if membership.shown_publicly else _("No")


class MembershipTable(Table):
    empty = _("No member yet.")
    columns = (
        Column(_("Member organization"), "organization", isolate=True),
        Column(_("Type of membership"), "get_kind_display"),
        Column(_("Status"), "get_status_display"),
        Column(_("Applied on"), "applied_on", narrow=True),
        Column(_("Joined on"), "joined_on", narrow=True),
        Column(_("Left on"), "left_on", narrow=True),
        Column(_("Shown publicly"), _shown),
        Column(_("Notes"), "notes", page=False),
    )

    def __init__(self, manage=False):
        if manage:
            self.columns = (*self.columns, Column(_("Change"), str, export=False, cell=lambda m: format_html(
                '<a href="{}">{}</a>', reverse("networks:membership_edit", args=[m.pk]), _("Change"))))
