import django_filters
from django.utils.translation import gettext_lazy as _

from madani.branches.models import Branch
from madani.core.filters import RegistryFilterSet

from .models import Displacement, Gender, Person


class PersonFilter(RegistryFilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="filter_q")
    gender = django_filters.ChoiceFilter(label=_("Gender"), choices=Gender.choices)
    displacement = django_filters.ChoiceFilter(label=_("Displacement status"), choices=Displacement.choices)
    branch = django_filters.ModelChoiceFilter(label=_("Branch"), queryset=Branch.objects.none())

    class Meta:
        model = Person
        fields = ["q", "gender", "displacement", "branch"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["branch"].queryset = Branch.objects.visible_to(user)

    def filter_q(self, queryset, name, value):
        return queryset.search(value)
