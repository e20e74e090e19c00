"""The newsroom's list of posts: its columns on the page and in the CSV/Excel export (core/lists.py)."""

from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from madani.core.lists import Column, Table, listed, local_date


def _languages(post):
    return format_html_join(" ", '<span class="badge text-bg-light border">{}</span>',
                            ((code.upper(),) for code in post.languages))


class NewsPostTable(Table):
    empty = _("No post matches.")
    counted = ngettext_lazy("%(counter)s post", "%(counter)s posts", "counter")

    def __init__(self, request):
        def web_address(post):
            return request.build_absolute_uri(post.get_absolute_url()) if post.is_published else ""

        self.columns = (
            Column(_("ID"), "pk", page=False),
            Column(_("Title"), str, link="news:manage_detail", isolate=True, export=False),
            Column(_("Status"), "get_status_display"),
            Column(_("Title in Arabic"), "title_ar", page=False),
            Column(_("Title in English"), "title_en", page=False),
            Column(_("Languages"), lambda post: " ".join(post.languages).upper(), cell=_languages, export=False),
            Column(_("Tags"), lambda post: listed(post.tags.all()), narrow=True),
            Column(_("Branch"), "branch", narrow=True),
            Column(_("Author"), "author", page=False),
            Column(_("Published"), local_date("published_at"), page=False),
            Column(_("Updated"), local_date("updated_at"), isolate=True),
            Column(_("Web address"), web_address, page=False),
        )
