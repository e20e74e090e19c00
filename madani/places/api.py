"""The gazetteer in the API (``/api/v1/places/``): public reference data, readable by any signed-in user."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers, viewsets

from madani.api.filters import NormalizedSearchFilter, StrictFilterBackend

from .models import Place


@extend_schema_field({"type": "string", "nullable": True, "description": "The parent's P-code (none for a governorate)."})
class ParentPcodeField(serializers.SlugRelatedField):
    pass


class PlaceSerializer(serializers.ModelSerializer):
    parent = ParentPcodeField(slug_field="pcode", read_only=True, allow_null=True)

    class Meta:
        model = Place
        fields = ["id", "pcode", "level", "parent", "name_ar", "name_en"]


class PlaceViewSet(viewsets.ReadOnlyModelViewSet):
    """The gazetteer is public reference data, readable by any signed-in user."""

    serializer_class = PlaceSerializer
    queryset = Place.objects.select_related("parent").order_by("pcode")
    filterset_fields = ["level", "parent"]
    filter_backends = [StrictFilterBackend, NormalizedSearchFilter]


