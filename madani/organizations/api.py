"""Organizations in the API (``/api/v1/organizations/``), over ``visible_to`` and the services."""

from rest_framework import serializers, viewsets

from madani.api.concurrency import VersionedSerializerMixin, VersionedViewSetMixin
from madani.api.filters import NormalizedSearchFilter, StrictFilterBackend, StrictFilterSet, TextFilter
from madani.api.serializers import CodeField, ServiceSerializer, place_field, visible_branch_field
from madani.core.permissions import check

from . import services
from .models import Organization, Sector


class OrganizationSerializer(VersionedSerializerMixin, ServiceSerializer):
    branch = visible_branch_field(
        allow_null=True, help_text="The branch whose record it is; none for a center-wide partner (donors, INGOs), "
                                   "which only administrators register.")
    place = place_field()
    places_of_work = CodeField(slug_field="pcode", queryset=place_field().queryset, many=True,
                                                  required=False)
    sectors = CodeField(slug_field="code", queryset=Sector.objects.all(), many=True, required=False)

    class Meta:
        model = Organization
        fields = [
            "id", "kind", "name_ar", "name_en", "acronym", "branch", "place", "places_of_work", "sectors",
            "incubation_stage", "licensing_status", "founded_year", "contact_name", "phone", "email",
            "website", "address", "description_ar", "description_en", "created_at", "updated_at",
        ]
        read_only_fields = ["created_at", "updated_at"]

    def get_fields(self):
        fields = super().get_fields()
        request = self.context.get("request")
        if request is not None and not getattr(self.context.get("view"), "swagger_fake_view", False):
            # As the form: a branch is required, except from those who may register center-wide partners.
            center_wide = check(request.user, "organizations.edit_organizations", Organization(branch=None))
            fields["branch"].allow_null = center_wide
        return fields

    def validate(self, attrs):
        name_ar = attrs.get("name_ar", getattr(self.instance, "name_ar", ""))
        name_en = attrs.get("name_en", getattr(self.instance, "name_en", ""))
        if not name_ar and not name_en:
            raise serializers.ValidationError({"name_ar": [serializers.CharField.default_error_messages["blank"]]})
        return attrs

    def create(self, validated_data):
        return self._call(services.organization_create, data=validated_data)

    def update(self, instance, validated_data):
        return self._call(services.organization_update, organization=instance, data=validated_data,
                          version=self.expected_version)


class OrganizationFilter(StrictFilterSet):
    governorate = TextFilter(method="filter_governorate", label="governorate P-code")

    class Meta:
        model = Organization
        fields = ["kind", "branch", "incubation_stage", "licensing_status"]

    def filter_governorate(self, queryset, name, value):
        return queryset.in_governorate(value)


class OrganizationViewSet(VersionedViewSetMixin, viewsets.ModelViewSet):
    """Organizations the user may see: staff their branches' and center-wide partners; trainers those of their
    activities; CSO members their own. Deleting one that other records depend on answers 409."""

    serializer_class = OrganizationSerializer
    filterset_class = OrganizationFilter
    filter_backends = [StrictFilterBackend, NormalizedSearchFilter]
    write_rule = "organizations.edit_organizations"

    def get_queryset(self):
        return (
            Organization.objects.visible_to(self.request.user)
            .select_related("place")
            .prefetch_related("places_of_work", "sectors")
            .order_by("pk")
        )

    def perform_destroy(self, instance):
        services.organization_delete(actor=self.request.user, organization=instance)
