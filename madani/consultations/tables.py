"""The requests queue: its columns on the page and in the CSV/Excel export (core/lists.py)."""

from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy, pgettext_lazy

from madani.core.lists import Column, Table, local_date
from madani.core.templatetags.bidi import isolate

from .models import RequestSource
from .permissions import can_see_contacts


def _subject(support_request):
    text = support_request.topic_text or support_request.topic or support_request.get_kind_display()
    return format_html('<a href="{}">{}</a>', reverse("consultations:detail", args=[support_request.pk]), isolate(text))


def _from(support_request):
    if support_request.source == RequestSource.PUBLIC:
        return format_html('{} <span class="badge text-bg-light border">{}</span>',
                           isolate(support_request.requester_label), _("Public form"))
    return isolate(support_request.requester_label)


class RequestTable(Table):
    empty = _("No request matches.")
    counted = ngettext_lazy("%(counter)s request", "%(counter)s requests", "counter")
    columns = (
        Column(_("ID"), "pk", page=False),
        Column(_("Subject"), lambda r: r.topic_text or r.topic or "", cell=_subject),
        Column(_("Kind"), "get_kind_display"),
        Column(pgettext_lazy("sender", "From"), lambda r: r.organization or r.organization_name, cell=_from),
        Column(_("Branch"), "branch", narrow=True),
        Column(_("Received"), local_date("created_at"), isolate=True, narrow=True),
        Column(_("Expert"), "expert", narrow=True),
        Column(_("Status"), "get_status_display"),
        Column(_("Source"), "get_source_display", page=False),
        Column(_("Ledger activity"), "activity_id", page=False),
    )
    # Contact details only for those who may see them (need-to-know, DESIGN.md §5).
    contact_columns = (Column(_("Contact name"), "contact_name", page=False),
                       Column(_("Contact phone"), "contact_phone", page=False),
                       Column(_("Contact email"), "contact_email", page=False))

    def __init__(self, user):
        if can_see_contacts(user):
            self.columns = self.columns + self.contact_columns
