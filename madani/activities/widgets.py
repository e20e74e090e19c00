"""The facilitator picker: the place picker's mechanism (``madani.js``'s ``data-place-picker``: type,
pick from the htmx suggestions, chips with hidden inputs) over the people of the registry."""

from django import forms
from django.urls import reverse

from madani.people.models import Person
from madani.places.widgets import MultiplePlacePicker


class PeoplePicker(MultiplePlacePicker):
    """Several people of the registry. ``queryset`` (set by the form to what the user may see) bounds
    the names shown for the chosen ids."""

    template_name = "activities/widgets/people_picker.html"
    queryset = Person.objects.none()

    def get_context(self, name, value, attrs):
        context = forms.Widget.get_context(self, name, value, attrs)  # not the places' lookup
        ids = self._ids(value)
        people = {p.pk: p for p in self.queryset.filter(pk__in=ids)}
        context["widget"].update(
            selected=[people[i] for i in ids if i in people],
            multiple=True,
            search_url=reverse("activities:people_search") + f"?field={name}",
        )
        return context
