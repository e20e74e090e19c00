"""What every registry list shares: filtering, server-side pagination, htmx partial responses, and
one table definition per model (``Table``) that the page and its CSV/Excel export both read.

django-tables2 was configured but never used; it is removed (its export needs tablib, which we do not
install, and would bypass core/exports.py's formula neutralization). ``Table`` is the small part of it
we need."""

import datetime
import functools
from decimal import Decimal

from django.conf import settings
from django.core.paginator import Paginator
from django.db import models
from django.shortcuts import render
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse
from django.utils import timezone
from django.utils.choices import CallableChoiceIterator
from django.utils.encoding import force_str
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from madani.core.arabic import strip_bidi_controls
from madani.core.exports import export_response
from madani.core.templatetags.bidi import ltr, separator

PAGE_SIZE = 25


def filtered_queryset(filterset):
    """The filtered rows; the unfiltered (but still visible_to-scoped) ones when the filters are invalid."""
    return filterset.qs if filterset.is_bound and filterset.is_valid() else filterset.queryset


def render_list(request, filterset, *, ordering, template, partial="core/partials/results.html", context=None,
                table=None):
    """The list page (``template``) or, for htmx, its results (``partial``); with ``table``, the page's
    rows come with their cells (``table_rows``) and the count (``table_count``) for ``core/partials/results.html``
    (the filter's errors, the count, ``core/partials/table.html``, the pagination, and the export buttons again
    when htmx refreshes the results of a list that has ``export_url``)."""
    page = Paginator(filtered_queryset(filterset).order_by(*ordering), PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {**(context or {}), "filter": filterset, "page": page, "query": query.urlencode()}
    if table is not None:
        context.update(table=table, table_rows=table.page_rows(page), table_count=table.count_text(page.paginator.count))
    return render(request, partial if request.htmx else template, context)


def listed(values) -> str:
    """Names joined with the language's list separator (Arabic «، », templatetags/bidi.py), for a cell of
    the page and the export."""
    return separator().join(str(value) for value in values)


def local_date(name):
    """A column value: the row's ``name`` timestamp as a date where the center is (``None`` stays empty)."""
    def value(row):
        moment = getattr(row, name)
        return timezone.localdate(moment) if moment else None
    return value


@functools.cache
def _choice_labels(row_class, name):
    """``(attname, {value: label})`` of the field whose label ``row_class.<name>()`` gives, when that is
    Django's own ``get_FOO_display`` with fixed choices (None otherwise). Django's rebuilds the choices and
    hashes every (lazy) label on each call, which a page of rows with two or three such columns pays
    hundreds of times; the labels stay lazy here, so each row still reads the request's language."""
    method = getattr(getattr(row_class, name, None), "_partialmethod", None)
    if method is None or method.func is not models.Model._get_FIELD_display:
        return None
    field = method.keywords["field"]
    if isinstance(field.choices, CallableChoiceIterator):
        return None
    try:
        return field.attname, dict(field.flatchoices)
    except TypeError:  # unhashable choice values: Django's own method
        return None


_SENTINEL = 987654321


@functools.lru_cache(maxsize=512)
def _row_url_parts(name, urlconf, language, prefix):
    try:
        url = reverse(name, args=[_SENTINEL], urlconf=urlconf)
    except NoReverseMatch:  # not an integer key: reversed for every row
        return None
    head, found, tail = url.partition(str(_SENTINEL))
    return (head, tail) if found and str(_SENTINEL) not in tail else None


def row_url(name, pk) -> str:
    """``reverse(name, args=[pk])`` for the rows of a page: reversed once per URL name, language and URL prefix,
    then each row's key put in (25 reverses cost a list page more than some of its queries, issue 17)."""
    parts = _row_url_parts(name, get_urlconf() or settings.ROOT_URLCONF, get_language(), get_script_prefix())
    if parts is None or not isinstance(pk, int):
        return reverse(name, args=[pk])
    return f"{parts[0]}{pk}{parts[1]}"


class Column:
    """One column of a list, defined once for the page and the export (``Table``).

    ``value``: an attribute name (``"branch"``, ``"get_kind_display"``: called when callable) or a function
    of the row; ``link``: a URL name reversed with the row's pk (the page links the cell); ``isolate``: the
    text is user-typed (a name), put in its own ``<bdi>``; ``narrow``: hidden on small screens;
    ``page``/``export``: where the column shows (both by default); ``cell``: a function of the row giving
    the page's HTML when it shows more than the value (``format_html``)."""

    def __init__(self, label, value, *, link=None, isolate=False, narrow=False, page=True, export=True, cell=None):
        self.label, self.value, self.link, self.isolate = label, value, link, isolate
        self.narrow, self.page, self.export, self.cell = narrow, page, export, cell

    def get(self, row):
        if callable(self.value):
            return self.value(row)
        choice = _choice_labels(type(row), self.value)
        if choice is not None:
            attname, labels = choice
            value = getattr(row, attname)
            if not isinstance(value, (list, dict, set)):
                return force_str(labels.get(value, value), strings_only=True)
        value = getattr(row, self.value)
        return value() if callable(value) else value

    def html(self, row):
        if self.cell:
            return self.cell(row)
        value = self.get(row)
        if isinstance(value, datetime.datetime):
            text = ltr(f"{timezone.localtime(value):%Y-%m-%d %H:%M}")  # where the center is
        elif isinstance(value, (datetime.date, int, float, Decimal)) and not isinstance(value, bool):
            text = ltr(value)  # dates and numbers read left to right inside Arabic text
        elif self.isolate and value:
            text = format_html("<bdi>{}</bdi>", strip_bidi_controls(str(value)))
        else:
            text = value
        if text is None or text == "":
            text = "—"
        if self.link:
            return format_html('<a href="{}">{}</a>', row_url(self.link, row.pk), text)
        return conditional_escape(text)


class Table:
    """A model's list, defined once: ``columns`` feed the page (``core/partials/table.html``) and the
    CSV/Excel export (``export_response``), so the two cannot disagree."""

    columns: tuple[Column, ...] = ()
    empty = ""  # the page's text when nothing matches
    counted = None  # ngettext_lazy("%(counter)s thing", "%(counter)s things", "counter"): the page's count

    def count_text(self, count):
        return self.counted % {"counter": count} if self.counted is not None else ""

    def page_columns(self):
        return [column for column in self.columns if column.page]

    def export_columns(self):
        return [column for column in self.columns if column.export]

    def page_rows(self, rows):
        """Each row of the page as its ``<tr>`` (``core/partials/table.html``): built here rather than by a
        template loop over every cell, which cost a list page more than its queries (issue 17)."""
        columns = [(column, '<td class="d-none d-md-table-cell">' if column.narrow else "<td>")
                   for column in self.page_columns()]
        return [mark_safe("<tr>" + "".join(f"{td}{conditional_escape(column.html(row))}</td>" for column, td in columns)
                          + "</tr>") for row in rows]

    def export_header(self):
        return [column.label for column in self.export_columns()]

    def export_rows(self, queryset):
        columns = self.export_columns()
        return ([column.get(row) for column in columns] for row in queryset.iterator(chunk_size=2000))

    def export(self, request, basename, queryset):
        return export_response(request, basename, self.export_header(), self.export_rows(queryset))
