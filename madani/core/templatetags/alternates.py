"""``{% alternate_links %}``: the canonical URL of the page and its other-language versions, absolute,
for search engines (hreflang ar, en and x-default, the Arabic page being the default)."""

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.html import format_html, format_html_join
from django.utils.translation import get_language

register = template.Library()


def alternates(request) -> list[tuple[str, str]]:
    """(hreflang, absolute URL) for each language and x-default, computed from the current path."""
    links = [(code, request.build_absolute_uri(translate_url(request.path, code)))
             for code, _name in settings.LANGUAGES]
    default = dict(links)[settings.LANGUAGE_CODE]
    return [*links, ("x-default", default)]


@register.simple_tag(takes_context=True)
def alternate_links(context):
    request = context.get("request")
    if request is None:
        return ""
    links = alternates(request)
    canonical = dict(links).get(get_language(), request.build_absolute_uri(request.path))
    return format_html('<link rel="canonical" href="{}">\n  ', canonical) + format_html_join(
        "\n  ", '<link rel="alternate" hreflang="{}" href="{}">', links
    )
