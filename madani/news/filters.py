import django_filters
from django.utils.translation import gettext_lazy as _

from madani.core.filters import RegistryFilterSet

from .models import NewsPost, Status, Tag

LANGUAGE_CHOICES = [("ar", _("Arabic")), ("en", _("English"))]


class NewsPostFilter(RegistryFilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="filter_q")
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Status.choices)
    tag = django_filters.ModelChoiceFilter(label=_("Tag"), field_name="tags", queryset=Tag.objects.all())
    language = django_filters.ChoiceFilter(label=_("Language"), choices=LANGUAGE_CHOICES, method="filter_language")

    class Meta:
        model = NewsPost
        fields = ["q", "status", "tag", "language"]

    def filter_q(self, queryset, name, value):
        return queryset.search(value)

    def filter_language(self, queryset, name, value):
        return queryset.in_language(value)
