from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import serializers

from madani.branches.models import Branch
from madani.organizations import services as organization_services
from madani.organizations.models import Organization, Sector
from madani.people import services as people_services
from madani.people.models import Person
from madani.places.models import Place


class PlaceSerializer(serializers.ModelSerializer):
    parent = serializers.SlugRelatedField(slug_field="pcode", read_only=True)

    class Meta:
        model = Place
        fields = ["id", "pcode", "level", "parent", "name_ar", "name_en"]


class _VisibleBranchField(serializers.PrimaryKeyRelatedField):
    def get_queryset(self):
        return Branch.objects.visible_to(self.context["request"].user)


class _ServiceSerializer(serializers.ModelSerializer):
    """Writes go through the app's services, so the API and the forms share one path."""

    def _call(self, function, **kwargs):
        try:
            return function(actor=self.context["request"].user, **kwargs)
        except DjangoValidationError as error:
            raise serializers.ValidationError(serializers.as_serializer_error(error)) from error


class OrganizationSerializer(_ServiceSerializer):
    branch = _VisibleBranchField()
    place = serializers.SlugRelatedField(slug_field="pcode", queryset=Place.objects.all(), allow_null=True, required=False)
    places_of_work = serializers.SlugRelatedField(slug_field="pcode", queryset=Place.objects.all(), many=True, required=False)
    sectors = serializers.SlugRelatedField(slug_field="code", queryset=Sector.objects.all(), many=True, required=False)

    class Meta:
        model = Organization
        fields = [
            "id", "kind", "name_ar", "name_en", "acronym", "branch", "place", "places_of_work", "sectors",
            "incubation_stage", "licensing_status", "founded_year", "contact_name", "phone", "email",
            "website", "address", "description_ar", "description_en", "created_at", "updated_at",
        ]
        read_only_fields = ["created_at", "updated_at"]

    def validate(self, attrs):
        name_ar = attrs.get("name_ar", getattr(self.instance, "name_ar", ""))
        name_en = attrs.get("name_en", getattr(self.instance, "name_en", ""))
        if not name_ar and not name_en:
            raise serializers.ValidationError({"name_ar": [serializers.CharField.default_error_messages["blank"]]})
        return attrs

    def create(self, validated_data):
        return self._call(organization_services.organization_create, data=validated_data)

    def update(self, instance, validated_data):
        return self._call(organization_services.organization_update, organization=instance, data=validated_data)


class PersonSerializer(_ServiceSerializer):
    branch = _VisibleBranchField()
    home_place = serializers.SlugRelatedField(slug_field="pcode", queryset=Place.objects.all(), allow_null=True, required=False)
    age_group = serializers.CharField(read_only=True)
    organizations = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta:
        model = Person
        fields = [
            "id", "full_name", "name_latin", "gender", "birth_year", "age_group", "disability", "displacement",
            "home_place", "branch", "phone", "email", "consent_date", "organizations", "created_at", "updated_at",
        ]
        read_only_fields = ["created_at", "updated_at"]

    def get_fields(self):
        fields = super().get_fields()
        if getattr(self.context.get("view"), "swagger_fake_view", False):
            return fields  # the OpenAPI schema documents every field
        request = self.context.get("request")
        if request is None or not getattr(request.user, "can_see_contacts", False):
            fields.pop("phone")
            fields.pop("email")
        return fields

    def create(self, validated_data):
        return self._call(people_services.person_create, data=validated_data)

    def update(self, instance, validated_data):
        return self._call(people_services.person_update, person=instance, data=validated_data)
