"""``/api/v1/`` resources of the elections app (declared in ``ElectionsConfig.api_routes``): elections,
polling centers, observers, incidents, turnout counts and center results — read-only and scoped by
``visible_to`` (the staff of the election's branch; CSO members, trainers and visitors get nothing). Every
change goes through the services from the staff pages and ODK, with its history. Observers are given by
their code and their person's id, for the staff who run the monitoring; no public output carries them."""

from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, serializers, viewsets

from .models import CenterResult, Election, Incident, Observer, PollingCenter, TurnoutCount


class ElectionSerializer(serializers.ModelSerializer):
    place = serializers.SlugRelatedField(slug_field="pcode", read_only=True)

    class Meta:
        model = Election
        fields = ["id", "title_ar", "title_en", "body", "branch", "place", "town_ar", "town_en", "date", "seats",
                  "organizations", "network", "program", "status", "published_at"]


class PollingCenterSerializer(serializers.ModelSerializer):
    place = serializers.SlugRelatedField(slug_field="pcode", read_only=True)

    class Meta:
        model = PollingCenter
        fields = ["id", "election", "code", "name", "place", "location", "registered_voters", "stations"]


class ObserverSerializer(serializers.ModelSerializer):
    class Meta:
        model = Observer
        fields = ["id", "election", "code", "person", "organization", "center", "accreditation", "accredited_on",
                  "training", "unsafe_since"]


class IncidentSerializer(serializers.ModelSerializer):
    place = serializers.SlugRelatedField(slug_field="pcode", read_only=True)

    class Meta:
        model = Incident
        fields = ["id", "election", "instance_id", "center", "place", "observer", "category", "severity",
                  "occurred_at", "description", "status", "alerted_at", "created_at"]


class TurnoutSerializer(serializers.ModelSerializer):
    class Meta:
        model = TurnoutCount
        fields = ["id", "election", "center", "slot", "voters", "women_voters"]


class ResultSerializer(serializers.ModelSerializer):
    class Meta:
        model = CenterResult
        fields = ["id", "election", "center", "status", "voters", "women_voters", "ballots", "valid", "invalid",
                  "blank", "votes"]


class _Scoped(viewsets.ReadOnlyModelViewSet):
    """Read-only; a write to another branch's record is a 404, to one's own a 405."""

    model = None

    def get_queryset(self):
        return self.model.objects.visible_to(self.request.user).order_by("pk")

    def _refuse(self, request, *args, **kwargs):
        self.get_object()
        raise exceptions.MethodNotAllowed(request.method)

    update = partial_update = destroy = extend_schema(exclude=True)(_refuse)


class ElectionViewSet(_Scoped):
    model, serializer_class = Election, ElectionSerializer
    filterset_fields = ["status", "branch"]

    def get_queryset(self):
        return super().get_queryset().select_related("place").prefetch_related("organizations")


class PollingCenterViewSet(_Scoped):
    model, serializer_class = PollingCenter, PollingCenterSerializer
    filterset_fields = ["election"]

    def get_queryset(self):
        return super().get_queryset().select_related("place")


class ObserverViewSet(_Scoped):
    model, serializer_class = Observer, ObserverSerializer
    filterset_fields = ["election", "center"]


class IncidentViewSet(_Scoped):
    model, serializer_class = Incident, IncidentSerializer
    filterset_fields = ["election", "center", "category", "severity", "status"]

    def get_queryset(self):
        return super().get_queryset().select_related("place")


class TurnoutViewSet(_Scoped):
    model, serializer_class = TurnoutCount, TurnoutSerializer
    filterset_fields = ["election", "center"]


class ResultViewSet(_Scoped):
    model, serializer_class = CenterResult, ResultSerializer
    filterset_fields = ["election", "status"]
