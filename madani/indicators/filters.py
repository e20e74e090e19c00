import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from madani.activities.models import Program
from madani.core.filters import RegistryFilterSet

from .engine import Metric
from .models import Indicator


class IndicatorFilter(RegistryFilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="filter_q")
    metric = django_filters.ChoiceFilter(label=_("What is counted"), choices=Metric.choices)
    program = django_filters.ModelChoiceFilter(label=_("Program"), queryset=Program.objects.none())

    class Meta:
        model = Indicator
        fields = ["q", "metric", "program"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["program"].queryset = Program.objects.visible_to(user)

    def filter_q(self, queryset, name, value):
        return queryset.filter(Q(code__icontains=value) | Q(name_ar__icontains=value) | Q(name_en__icontains=value))
