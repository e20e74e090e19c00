import functools

import django_filters
from django import forms


@functools.lru_cache(maxsize=1024)
def _rendered_select(name, value, attrs, choices, renderer):
    return forms.Select(attrs=dict(attrs), choices=choices).render(name, list(value), renderer=renderer)


class CachedSelect(forms.Select):
    """A select rendered once per distinct HTML: the option lists of reference data (kinds, governorates,
    sectors, the user's branches) are the same on most requests, and Django's templates spend far longer
    rendering them (one template per option) than the page's query does. The cache key is everything the
    HTML is made of — the name, the selected value, the attributes and every option's value and label as
    this user sees them in this language — so a user gets only options the form gave them."""

    def render(self, name, value, attrs=None, renderer=None):
        choices = []
        for option_value, label in self.choices:
            if isinstance(label, (list, tuple)):  # option groups: rendered as usual
                return super().render(name, value, attrs, renderer)
            choices.append(("" if option_value is None else str(option_value), str(label)))
        final_attrs = tuple(  # in their order: it is the order of the HTML attributes
            (key, val if isinstance(val, bool) else str(val)) for key, val in self.build_attrs(self.attrs, attrs).items()
        )
        return _rendered_select(name, tuple(self.format_value(value)), final_attrs, tuple(choices), renderer)


class RegistryFilterSet(django_filters.FilterSet):
    """Filters of a registry list: each select is a Bootstrap select whose empty choice names the filter
    (rendered through ``CachedSelect``)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for filter_ in self.filters.values():
            if isinstance(filter_, (django_filters.ChoiceFilter, django_filters.ModelChoiceFilter)):
                filter_.extra["empty_label"] = filter_.label
                filter_.extra.setdefault("widget", CachedSelect)

    @property
    def form(self):
        if not hasattr(self, "_form"):
            for field in super().form.fields.values():
                if hasattr(field, "empty_label"):
                    field.widget.attrs.update({"class": "form-select", "aria-label": field.label})
        return self._form
