import django_filters
from django.utils.translation import gettext_lazy as _

from madani.core.filters import RegistryFilterSet
from madani.organizations.models import Sector
from madani.places.models import Place

from .models import ServiceListing, Status


class PublicListingFilter(RegistryFilterSet):
    """The public search: governorate, sector and words."""

    q = django_filters.CharFilter(label=_("Search"), method="filter_q")
    governorate = django_filters.ModelChoiceFilter(
        label=_("Governorate"), method="filter_governorate", to_field_name="pcode",
        queryset=Place.objects.governorates().order_by("name"),
    )
    sector = django_filters.ModelChoiceFilter(label=_("Sector"), queryset=Sector.objects.order_by("name"))

    class Meta:
        model = ServiceListing
        fields = ["q", "governorate", "sector"]

    def filter_q(self, queryset, name, value):
        return queryset.search(value)

    def filter_governorate(self, queryset, name, value):
        return queryset.in_governorate(value.pcode)


class ListingFilter(PublicListingFilter):
    """Staff and CSO members: the same, and the moderation status."""

    status = django_filters.ChoiceFilter(label=_("Status"), choices=Status.choices)

    class Meta(PublicListingFilter.Meta):
        fields = ["q", "status", "governorate", "sector"]
