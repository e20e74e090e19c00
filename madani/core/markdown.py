"""Markdown written by staff and members, rendered safely (DESIGN.md §5): markdown-it-py with raw HTML
off, then nh3 keeps only the tags below; links open no window on our page and pass no credit."""

import nh3
from django.utils.safestring import SafeString, mark_safe
from markdown_it import MarkdownIt

_PARSER = MarkdownIt("commonmark", {"html": False}).enable("table").enable("strikethrough")

ALLOWED_TAGS = {
    "p", "br", "hr", "strong", "em", "del", "a", "ul", "ol", "li", "blockquote", "code", "pre",
    "h2", "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tr", "th", "td",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}}


def render_markdown(text: str) -> SafeString:
    """HTML that is safe to put in a page, whatever ``text`` holds."""
    html = _PARSER.render(text or "")
    return mark_safe(nh3.clean(  # noqa: S308 — cleaned by nh3 just now
        html, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    ))
