import django_filters
from rest_framework import filters, viewsets

from madani.organizations.models import Organization
from madani.organizations.services import organization_delete
from madani.people.models import Person
from madani.people.services import person_delete
from madani.places.models import Place

from .serializers import OrganizationSerializer, PersonSerializer, PlaceSerializer


class NormalizedSearchFilter(filters.BaseFilterBackend):
    """``?search=`` through the model's Arabic-normalizing ``search()`` QuerySet method."""

    def filter_queryset(self, request, queryset, view):
        text = request.query_params.get("search", "").strip()
        return queryset.search(text) if text else queryset

    def get_schema_operation_parameters(self, view):
        return [{"name": "search", "required": False, "in": "query", "schema": {"type": "string"},
                 "description": "Words in Arabic or English; diacritics and hamza forms are ignored."}]


class OrganizationFilter(django_filters.FilterSet):
    governorate = django_filters.CharFilter(method="filter_governorate", label="governorate P-code")

    class Meta:
        model = Organization
        fields = ["kind", "branch", "incubation_stage", "licensing_status"]

    def filter_governorate(self, queryset, name, value):
        return queryset.in_governorate(value)


class OrganizationViewSet(viewsets.ModelViewSet):
    serializer_class = OrganizationSerializer
    filterset_class = OrganizationFilter
    filter_backends = [django_filters.rest_framework.DjangoFilterBackend, NormalizedSearchFilter]

    def get_queryset(self):
        return (
            Organization.objects.visible_to(self.request.user)
            .select_related("place")
            .prefetch_related("places_of_work", "sectors")
            .order_by("pk")
        )

    def perform_destroy(self, instance):
        organization_delete(actor=self.request.user, organization=instance)


class PersonViewSet(viewsets.ModelViewSet):
    serializer_class = PersonSerializer
    filterset_fields = ["gender", "branch", "displacement", "birth_year"]
    filter_backends = [django_filters.rest_framework.DjangoFilterBackend, NormalizedSearchFilter]

    def get_queryset(self):
        return (
            Person.objects.visible_to(self.request.user)
            .select_related("home_place")
            .prefetch_related("organizations")
            .order_by("pk")
        )

    def perform_destroy(self, instance):
        person_delete(actor=self.request.user, person=instance)


class PlaceViewSet(viewsets.ReadOnlyModelViewSet):
    """The gazetteer is public reference data, readable by any signed-in user."""

    serializer_class = PlaceSerializer
    queryset = Place.objects.select_related("parent").order_by("pcode")
    filterset_fields = ["level", "parent"]
    filter_backends = [django_filters.rest_framework.DjangoFilterBackend, NormalizedSearchFilter]
