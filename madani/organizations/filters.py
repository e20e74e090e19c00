import django_filters
from django.utils.translation import gettext_lazy as _

from madani.branches.models import Branch
from madani.core.filters import RegistryFilterSet
from madani.places.models import Place

from .models import IncubationStage, Kind, Organization, Sector


class OrganizationFilter(RegistryFilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="filter_q")
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=Kind.choices)
    branch = django_filters.ModelChoiceFilter(label=_("Branch"), queryset=Branch.objects.none())
    governorate = django_filters.ModelChoiceFilter(
        label=_("Governorate"), queryset=Place.objects.governorates(), method="filter_governorate"
    )
    sector = django_filters.ModelChoiceFilter(label=_("Sector"), field_name="sectors", queryset=Sector.objects.all())
    incubation_stage = django_filters.ChoiceFilter(label=_("Incubation stage"), choices=IncubationStage.choices)

    class Meta:
        model = Organization
        fields = ["q", "kind", "branch", "governorate", "sector", "incubation_stage"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["branch"].queryset = Branch.objects.visible_to(user)

    def filter_q(self, queryset, name, value):
        return queryset.search(value)

    def filter_governorate(self, queryset, name, value):
        return queryset.in_governorate(value.pcode)
