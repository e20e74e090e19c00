from django import forms
from django.urls import reverse

from .models import Place


class PlacePicker(forms.Widget):
    """Type a few letters in Arabic or English, pick a place from the list (htmx + madani.js)."""

    template_name = "places/widgets/place_picker.html"
    allow_multiple_selected = False

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        ids = self._ids(value)
        places = {p.pk: p for p in Place.objects.filter(pk__in=ids).select_related("parent__parent")}
        context["widget"].update(
            selected=[places[i] for i in ids if i in places],
            multiple=self.allow_multiple_selected,
            search_url=reverse("places:autocomplete") + f"?field={name}",
        )
        return context

    def _ids(self, value):
        if value in (None, ""):
            return []
        values = value if isinstance(value, (list, tuple)) else [value]
        ids = []
        for item in values:
            item = getattr(item, "pk", item)
            try:
                ids.append(int(item))
            except (TypeError, ValueError):
                continue
        return ids

    def value_from_datadict(self, data, files, name):
        if self.allow_multiple_selected:
            return data.getlist(name) if hasattr(data, "getlist") else data.get(name)
        return data.get(name)


class MultiplePlacePicker(PlacePicker):
    allow_multiple_selected = True
