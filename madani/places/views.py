from django.contrib.auth.decorators import login_required
from django.db.models.functions import Length
from django.shortcuts import render

from .models import Place

AUTOCOMPLETE_LIMIT = 15


@login_required
def autocomplete(request):
    """Place picker suggestions: HTML options for the widget (htmx)."""
    field = request.GET.get("field", "place")
    query = (request.GET.get(f"{field}-q") or request.GET.get("q") or "").strip()
    places = []
    if query:
        places = list(
            Place.objects.search(query).select_related("parent__parent__parent").order_by(Length("pcode"), "pcode")[
                :AUTOCOMPLETE_LIMIT
            ]
        )
    return render(request, "places/partials/place_options.html", {"places": places, "query": query})
