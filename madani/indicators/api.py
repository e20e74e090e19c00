"""Indicators in the API (``/api/v1/indicators/``): the saved definitions the user may see, and their
figures with breakdowns (``/api/v1/indicators/{id}/figures/``), computed by the indicator engine
(``madani/indicators/engine.py``) over the activities the user may see — the same numbers as the
indicator's page."""

from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from .engine import MAX_DIMENSIONS, Dimension, Metric, compute, dimensions_for
from .models import Indicator


class IndicatorSerializer(serializers.ModelSerializer):
    metric_label = serializers.CharField(source="get_metric_display", read_only=True)
    place = serializers.SlugRelatedField(slug_field="pcode", read_only=True, allow_null=True)

    class Meta:
        model = Indicator
        fields = ["id", "code", "name_ar", "name_en", "metric", "metric_label", "kinds", "statuses", "topics",
                  "programs", "donors", "branches", "place", "date_from", "date_to", "organizations",
                  "disaggregations", "program", "outcome", "output"]
        read_only_fields = fields


class FigureKeySerializer(serializers.Serializer):
    dimension = serializers.ChoiceField(choices=Dimension.choices)
    value = serializers.CharField(allow_null=True, help_text="The group: an id (branch, organization, program), a "
                                  "P-code prefix, a choice's code, 1/0 (disability), a month's or quarter's first "
                                  "day, a year; null when not recorded.")
    label = serializers.CharField(help_text="The group's name in the client's language.")


class FigureRowSerializer(serializers.Serializer):
    keys = FigureKeySerializer(many=True)
    value = serializers.IntegerField()


class FiguresSerializer(serializers.Serializer):
    indicator = serializers.IntegerField()
    metric = serializers.ChoiceField(choices=Metric.choices)
    metric_label = serializers.CharField()
    date_from = serializers.DateField(allow_null=True)
    date_to = serializers.DateField(allow_null=True)
    by = serializers.ListField(child=serializers.CharField(), help_text="The dimensions of the breakdown, in order.")
    total = serializers.IntegerField(help_text="Counted by the database like every group (unique people are not "
                                               "added up: groups may add up to more than the total).")
    rows = FigureRowSerializer(many=True, help_text="One per group with a value (none are zero), in order.")


class FiguresQuerySerializer(serializers.Serializer):
    by = serializers.ListField(child=serializers.ChoiceField(choices=Dimension.choices), required=False,
                               max_length=MAX_DIMENSIONS)
    date_from = serializers.DateField(required=False)
    date_to = serializers.DateField(required=False)

    def validate(self, attrs):
        start, end = attrs.get("date_from"), attrs.get("date_to")
        if start and end and end < start:
            raise serializers.ValidationError({"date_to": [_("The end date cannot be before the start date.")]})
        return attrs


class IndicatorViewSet(viewsets.ReadOnlyModelViewSet):
    """Saved indicators (a metric over the ledger, its filters and disaggregations), for center staff: those
    of the programs they see and those of no program."""

    serializer_class = IndicatorSerializer
    filterset_fields = ["metric", "program"]
    read_rule = "indicators.see_indicators"

    def get_queryset(self):
        return (Indicator.objects.visible_to(self.request.user).select_related("place")
                .prefetch_related("topics", "programs", "donors", "branches", "organizations").order_by("code"))

    @extend_schema(
        summary="The indicator's figure and its breakdown",
        description="Computed now from the ledger, over the activities you may see (as on the indicator's page). "
                    "Without parameters: the indicator's own period and disaggregations. `by` (repeat it, at most "
                    "two) splits by other dimensions — gender, age group, displacement and disability only for "
                    "figures about people; `date_from` / `date_to` count another period.",
        parameters=[
            OpenApiParameter("by", OpenApiTypes.STR, many=True, enum=Dimension.values, style="form", explode=True),
            OpenApiParameter("date_from", OpenApiTypes.DATE),
            OpenApiParameter("date_to", OpenApiTypes.DATE),
        ],
        responses=FiguresSerializer,
    )
    @action(detail=True, methods=["get"], filter_backends=[], pagination_class=None)
    def figures(self, request, pk=None):
        indicator = self.get_object()
        params = FiguresQuerySerializer(data={
            **{name: request.query_params[name] for name in ("date_from", "date_to") if name in request.query_params},
            **({"by": request.query_params.getlist("by")} if "by" in request.query_params else {}),
        })
        params.is_valid(raise_exception=True)
        changes = dict(params.validated_data)
        by = changes.get("by", indicator.disaggregations)
        invalid = [d for d in by if d not in dimensions_for(indicator.metric)]
        if invalid:
            raise ValidationError({"by": [_("A count of “%(metric)s” cannot be disaggregated by “%(dimension)s”: only "
                                             "figures about people are split by gender, age, displacement or "
                                             "disability.") % {"metric": Metric(indicator.metric).label,
                                                               "dimension": Dimension(invalid[0]).label}]})
        if len(set(by)) != len(by):
            raise ValidationError({"by": [_("Choose different disaggregations.")]})
        result = compute(indicator.query(**changes), user=request.user)
        query = result.query
        return Response({
            "indicator": indicator.pk, "metric": query.metric, "metric_label": str(Metric(query.metric).label),
            "date_from": query.date_from, "date_to": query.date_to, "by": list(query.by), "total": result.total,
            "rows": [{"keys": [{"dimension": key.dimension, "value": None if key.value is None else key.param,
                                "label": str(key.label)} for key in row.keys], "value": row.value}
                     for row in result.rows],
        })
