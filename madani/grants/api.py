"""``/api/v1/`` resources of the grants app (declared in ``GrantsConfig.api_routes``): calls,
applications, awards, tranches and grant reports, read-only and scoped by ``visible_to`` like every
other resource. Every state change goes through a service from the staff pages, with its history.
Applicants never get reviewers' scores or names: reviews are not exposed here at all; staff read the
weighted total."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import exceptions, serializers, viewsets

from .models import Application, Award, BudgetLine, Call, Criterion, GrantReport, ReportLine, Tranche
from .scoring import weighted_total


class CriterionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Criterion
        fields = ["id", "name_ar", "name_en", "weight"]


class CallSerializer(serializers.ModelSerializer):
    criteria = CriterionSerializer(many=True, read_only=True)

    class Meta:
        model = Call
        fields = ["id", "code", "title_ar", "title_en", "description_ar", "description_en", "program", "branches",
                  "status", "currency", "ceiling", "deadline", "incubated_only", "minimum_stage", "places",
                  "criteria"]


class BudgetLineSerializer(serializers.ModelSerializer):
    class Meta:
        model = BudgetLine
        fields = ["id", "category", "description", "quantity", "unit_cost", "currency", "co_funding"]


class ApplicationSerializer(serializers.ModelSerializer):
    budget_lines = BudgetLineSerializer(many=True, read_only=True)
    weighted_score = serializers.SerializerMethodField()

    class Meta:
        model = Application
        fields = ["id", "call", "organization", "branch", "status", "source", "title", "need", "plan", "places",
                  "beneficiaries_female", "beneficiaries_male", "start_date", "end_date", "requested_amount",
                  "currency", "decision_reasons", "decided_at", "submitted_at", "budget_lines", "weighted_score"]

    @extend_schema_field(OpenApiTypes.NUMBER)
    def get_weighted_score(self, application):
        if not self.context["request"].user.is_center_staff:
            return None  # applicants never see scores
        total = weighted_total(application)
        return None if total is None else str(total)


class AwardSerializer(serializers.ModelSerializer):
    class Meta:
        model = Award
        fields = ["id", "application", "organization", "branch", "amount", "currency", "awarded_on", "status",
                  "project", "activities", "closed_on", "refund"]


class TrancheSerializer(serializers.ModelSerializer):
    class Meta:
        model = Tranche
        fields = ["id", "award", "number", "status", "planned_date", "amount", "currency", "method", "exchange_rate",
                  "disbursed_on"]


class ReportLineSerializer(serializers.ModelSerializer):
    class Meta:
        model = ReportLine
        fields = ["budget_line", "actual"]


class GrantReportSerializer(serializers.ModelSerializer):
    lines = ReportLineSerializer(many=True, read_only=True)

    class Meta:
        model = GrantReport
        fields = ["id", "award", "tranche", "final", "due_date", "status", "narrative", "people_reached_female",
                  "people_reached_male", "submitted_at", "lines"]


class _Scoped(viewsets.ReadOnlyModelViewSet):
    """Read-only. A write to one record is answered after the record is fetched for the user: another
    branch's record is a 404 (its existence is not given away), one's own a 405."""

    model = None

    def get_queryset(self):
        return self.model.objects.visible_to(self.request.user).order_by("pk")

    def _refuse(self, request, *args, **kwargs):
        self.get_object()
        raise exceptions.MethodNotAllowed(request.method)

    update = partial_update = destroy = extend_schema(exclude=True)(_refuse)


class CallViewSet(_Scoped):
    model, serializer_class = Call, CallSerializer
    filterset_fields = ["status", "program"]

    def get_queryset(self):
        return super().get_queryset().prefetch_related("criteria", "branches", "places")


class ApplicationViewSet(_Scoped):
    model, serializer_class = Application, ApplicationSerializer
    filterset_fields = ["status", "call", "organization", "branch"]

    def get_queryset(self):
        return super().get_queryset().prefetch_related("budget_lines", "places")


class AwardViewSet(_Scoped):
    model, serializer_class = Award, AwardSerializer
    filterset_fields = ["status", "branch", "currency"]


class TrancheViewSet(_Scoped):
    model, serializer_class = Tranche, TrancheSerializer
    filterset_fields = ["status", "award", "method", "currency"]


class GrantReportViewSet(_Scoped):
    model, serializer_class = GrantReport, GrantReportSerializer
    filterset_fields = ["status", "award"]

    def get_queryset(self):
        return super().get_queryset().prefetch_related("lines")
