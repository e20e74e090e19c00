import django_filters


class RegistryFilterSet(django_filters.FilterSet):
    """Filters of a registry list: each select is a Bootstrap select whose empty choice names the filter."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for filter_ in self.filters.values():
            if isinstance(filter_, (django_filters.ChoiceFilter, django_filters.ModelChoiceFilter)):
                filter_.extra["empty_label"] = filter_.label

    @property
    def form(self):
        if not hasattr(self, "_form"):
            for field in super().form.fields.values():
                if hasattr(field, "empty_label"):
                    field.widget.attrs.update({"class": "form-select", "aria-label": field.label})
        return self._form
