"""What every registry list shares: filtering, server-side pagination, htmx partial responses."""

from django.core.paginator import Paginator
from django.shortcuts import render

PAGE_SIZE = 25


def filtered_queryset(filterset):
    """The filtered rows; the unfiltered (but still visible_to-scoped) ones when the filters are invalid."""
    return filterset.qs if filterset.is_bound and filterset.is_valid() else filterset.queryset


def render_list(request, filterset, *, ordering, template, partial, context=None):
    page = Paginator(filtered_queryset(filterset).order_by(*ordering), PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {**(context or {}), "filter": filterset, "page": page, "query": query.urlencode()}
    return render(request, partial if request.htmx else template, context)
