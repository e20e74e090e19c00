"""``{% alternate_links %}``: the canonical URL of the page and its other-language versions, absolute,
for search engines (hreflang ar, en and x-default, the Arabic page being the default)."""

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.html import format_html, format_html_join
from django.utils.translation import get_language

from madani.core.context_processors import page_languages

register = template.Library()


def alternates(request) -> list[tuple[str, str]]:
    """(hreflang, absolute URL) for each language the page exists in, and x-default, computed from the
    current path."""
    links = [(code, request.build_absolute_uri(translate_url(request.path, code))) for code in page_languages(request)]
    default = dict(links).get(settings.LANGUAGE_CODE, links[0][1] if links else None)
    return [*links, ("x-default", default)] if default else links


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
