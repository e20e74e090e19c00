import django_filters
from django.utils.translation import gettext_lazy as _

from madani.activities.models import Topic
from madani.core.filters import RegistryFilterSet

from .models import Kind, Language, Resource


class ResourceFilter(RegistryFilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="filter_q")
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=Kind.choices)
    topic = django_filters.ModelChoiceFilter(label=_("Topic"), field_name="topics", queryset=Topic.objects.all())
    language = django_filters.ChoiceFilter(label=_("Language"), choices=Language.choices)
    year = django_filters.NumberFilter(label=_("Year"))

    class Meta:
        model = Resource
        fields = ["q", "kind", "topic", "language", "year"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.form.fields["year"].widget.attrs.update({"class": "form-control", "placeholder": _("Year")})

    def filter_q(self, queryset, name, value):
        return queryset.search(value)
