import django_filters
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Prefetch, ProtectedError
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiExample, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import exceptions, filters, permissions, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from madani.activities import services as activity_services
from madani.activities.models import Activity, Attendance, Participation, Program, Session, Source, Topic

from madani.organizations.models import Organization
from madani.organizations.services import organization_delete
from madani.people.models import Person
from madani.people.services import person_delete
from madani.places.models import Place

from .concurrency import ETagMixin, VersionedViewSetMixin
from .serializers import (
    ActivitySerializer,
    AttendanceResultSerializer,
    AttendanceSerializer,
    OrganizationSerializer,
    ParticipationSerializer,
    PersonSerializer,
    PlaceSerializer,
    ProgramSerializer,
    SessionSerializer,
    TopicSerializer,
    visible_organizations_served,
)


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


class OrganizationViewSet(VersionedViewSetMixin, viewsets.ModelViewSet):
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


@extend_schema_view(create=extend_schema(
    description="Registers a person after the registry's duplicate check: when people with the same normalized "
                "name, birth year and home place exist, the answer is 409 with their ids in `duplicates`; "
                "send `confirm_new: true` to register the person anyway.",
    responses={201: PersonSerializer,
               409: OpenApiResponse(description="Likely duplicates: `detail`, `duplicates` (ids).")},
))
class PersonViewSet(VersionedViewSetMixin, viewsets.ModelViewSet):
    serializer_class = PersonSerializer
    filterset_fields = ["gender", "branch", "displacement", "birth_year"]
    filter_backends = [django_filters.rest_framework.DjangoFilterBackend, NormalizedSearchFilter]

    def get_queryset(self):
        return (
            Person.objects.visible_to(self.request.user)
            .select_related("home_place")
            .prefetch_related(Prefetch("organizations", queryset=Organization.objects.visible_to(self.request.user)))
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


# ---------------------------------------------------------------------------------------------
# The activity ledger
# ---------------------------------------------------------------------------------------------


class LedgerPermission(permissions.BasePermission):
    """Signed-in users read what ``visible_to`` gives them (trainers: the activities they facilitate;
    CSO members: their organization's). Writes: staff who record activities; trainers may also do
    the view's ``marker_actions`` (attendance, completion) — on their own activities only, because
    every object is fetched through ``visible_to`` first (another's is a 404)."""

    def has_permission(self, request, view):
        user = request.user
        if not (user and user.is_authenticated and user.is_active):
            return False
        if request.method in permissions.SAFE_METHODS:
            return True
        if user.can_record_activities:
            return True
        return user.is_trainer and view.action in getattr(view, "marker_actions", ())


class Conflict(exceptions.APIException):
    status_code = 409
    default_code = "conflict"


class ProgramViewSet(ETagMixin, viewsets.ReadOnlyModelViewSet):
    """Donor-funded programs and their phases, as on the programs page: staff see those that run in
    their branches (or in every branch)."""

    serializer_class = ProgramSerializer
    filterset_fields = ["donor"]
    permission_classes = [LedgerPermission]

    def get_queryset(self):
        return (Program.objects.visible_to(self.request.user)
                .prefetch_related("branches", "phases__branches").order_by("pk"))


class TopicViewSet(viewsets.ReadOnlyModelViewSet):
    """The topic taxonomy (each topic names the needs-assessment domain it addresses)."""

    serializer_class = TopicSerializer
    queryset = Topic.objects.order_by("code")
    filterset_fields = ["assessment_domain"]
    permission_classes = [LedgerPermission]


class ActivityFilter(django_filters.FilterSet):
    topic = django_filters.CharFilter(field_name="topics__code", label="topic code")
    starts_after = django_filters.DateFilter(field_name="start_date", lookup_expr="gte")
    starts_before = django_filters.DateFilter(field_name="start_date", lookup_expr="lte")

    class Meta:
        model = Activity
        fields = ["kind", "status", "branch", "program", "phase", "topic", "starts_after", "starts_before"]


class ActivityViewSet(VersionedViewSetMixin, viewsets.ModelViewSet):
    """The ledger's activities. Trainers read only those they facilitate; CSO members those their
    organization was served by or took part in; writes through ``madani.activities.services``."""

    serializer_class = ActivitySerializer
    filterset_class = ActivityFilter
    filter_backends = [django_filters.rest_framework.DjangoFilterBackend, NormalizedSearchFilter]
    permission_classes = [LedgerPermission]

    def get_queryset(self):
        return (
            Activity.objects.visible_to(self.request.user)
            .select_related("place")
            .prefetch_related("topics", "facilitators", visible_organizations_served(self.request.user))
            .order_by("-start_date", "pk")
        )

    def perform_destroy(self, instance):
        try:
            activity_services.activity_delete(actor=self.request.user, activity=instance)
        except ProtectedError as error:
            raise Conflict(_("Other records depend on this activity; it cannot be deleted.")) from error


class SessionFilter(django_filters.FilterSet):
    # Plain numbers, not choices among all activities: another branch's id just matches nothing.
    activity = django_filters.NumberFilter(field_name="activity_id")

    class Meta:
        model = Session
        fields = ["activity", "date"]


class SessionViewSet(VersionedViewSetMixin, viewsets.ModelViewSet):
    """Sessions (one day or slot) of the activities the user may see; ``?activity=`` for one activity's.
    The date must fall inside the activity."""

    serializer_class = SessionSerializer
    filterset_class = SessionFilter
    permission_classes = [LedgerPermission]
    marker_actions = ("update", "partial_update", "attendance")

    def get_queryset(self):
        return (
            Session.objects.visible_to(self.request.user)
            .select_related("place", "activity")
            .with_present_count(self.request.user)
            .order_by("date", "start_time", "pk")
        )

    def perform_destroy(self, instance):
        activity_services.session_delete(actor=self.request.user, session=instance)

    def _present_ids(self, session):
        """Who was there, among the people whose participation the user may see."""
        return sorted(Attendance.objects.visible_to(self.request.user).filter(session=session)
                      .values_list("person_id", flat=True))

    @extend_schema(
        methods=["GET"],
        summary="Who was present at the session",
        responses=AttendanceResultSerializer,
    )
    @extend_schema(
        methods=["POST"],
        summary="Record attendance at the session, in bulk",
        description=(
            "Send `present` (person ids) to replace the whole list of people present, or `add` and/or "
            "`remove` to change it. Only people enrolled in the activity (see /participations/) can be "
            "marked present; anyone else makes the whole request fail with 400 and nothing is changed. "
            "Trainers may record attendance on the activities they facilitate."
        ),
        request=AttendanceSerializer,
        responses=AttendanceResultSerializer,
        examples=[
            OpenApiExample("Replace the list", value={"present": [12, 15, 31]}, request_only=True),
            OpenApiExample("A latecomer", value={"add": [44]}, request_only=True),
        ],
    )
    @action(detail=True, methods=["get", "post"])
    def attendance(self, request, pk=None):
        session = self.get_object()
        if request.method == "GET":
            return Response({"present": self._present_ids(session)})
        payload = AttendanceSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        if "present" in data:
            present = set(data["present"])
        else:
            current = set(session.attendance.values_list("person_id", flat=True))
            present = (current | set(data.get("add", []))) - set(data.get("remove", []))
        try:
            result = activity_services.attendance_record(actor=request.user, session=session, present_ids=present,
                                                         source=Source.API)
        except DjangoValidationError as error:
            raise exceptions.ValidationError({"present": error.messages}) from error
        return Response({"present": self._present_ids(session), "added": result["added"],
                         "removed": result["removed"]})


class ParticipationFilter(django_filters.FilterSet):
    activity = django_filters.NumberFilter(field_name="activity_id")
    person = django_filters.NumberFilter(field_name="person_id")
    organization = django_filters.NumberFilter(field_name="organization_id")

    class Meta:
        model = Participation
        fields = ["activity", "person", "organization", "completed"]


class ParticipationViewSet(viewsets.ModelViewSet):
    """People enrolled in activities, representing an organization. CSO members read only their
    organization's. Enrolling is idempotent: enrolling someone already enrolled answers 200 with the
    existing participation. Removing someone also removes their attendance at the activity's sessions."""

    serializer_class = ParticipationSerializer
    filterset_class = ParticipationFilter
    permission_classes = [LedgerPermission]
    marker_actions = ("create", "update", "partial_update", "destroy")

    def get_queryset(self):
        return Participation.objects.visible_to(self.request.user).order_by("activity_id", "pk")

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        existed = Participation.objects.filter(
            activity=serializer.validated_data["activity"], person=serializer.validated_data["person"]
        ).exists()
        serializer.save()
        return Response(serializer.data, status=status.HTTP_200_OK if existed else status.HTTP_201_CREATED)

    def perform_destroy(self, instance):
        activity_services.participation_remove(actor=self.request.user, participation=instance)
