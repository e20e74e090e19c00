"""The activity ledger in the API: programs, topics, activities (and their deliverable), sessions (and bulk
attendance), participations (one or many at once). Reads through ``visible_to``; writes through
``madani.activities.services``; who may write through ``madani.activities.permissions``."""

import django_filters
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Prefetch, prefetch_related_objects
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiResponse,
    extend_schema,
    extend_schema_field,
    extend_schema_view,
)
from rest_framework import exceptions, parsers, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from madani.api.bulk import bulk_create, bulk_responses
from madani.api.concurrency import ETagMixin, VersionedSerializerMixin, VersionedViewSetMixin
from madani.api.filters import IdFilter, NormalizedSearchFilter, StrictFilterBackend, StrictFilterSet, TextFilter
from madani.api.serializers import (
    CodeField, LocalTimeField, ServiceSerializer, VisibleField, place_field, visible_branch_field,
)
from madani.core.uploads import attachment_response, validate_document
from madani.organizations.models import Organization
from madani.people.models import Person

from . import services
from .models import Activity, Attendance, Participation, Phase, Program, Session, Source, Topic

# The rules of madani/activities/permissions.py the viewsets name.
RECORD = "activities.record_activities"
MARK = "activities.mark_attendance"


# ---------------------------------------------------------------------------------------------
# Serializers
# ---------------------------------------------------------------------------------------------


class PhaseSerializer(serializers.ModelSerializer):
    class Meta:
        model = Phase
        fields = ["id", "number", "name_ar", "name_en", "branches", "start_date", "end_date"]


class ProgramSerializer(VersionedSerializerMixin, serializers.ModelSerializer):
    phases = PhaseSerializer(many=True, read_only=True)

    class Meta:
        model = Program
        fields = ["id", "code", "name_ar", "name_en", "description_ar", "description_en", "donor", "branches",
                  "start_date", "end_date", "phases"]


class TopicSerializer(serializers.ModelSerializer):
    class Meta:
        model = Topic
        fields = ["id", "code", "name_ar", "name_en", "assessment_domain"]


def visible_organizations_served(user) -> Prefetch:
    """An activity's organizations served, as ``user`` may see them (a CSO member: their own only)."""
    return Prefetch("target_organizations", queryset=Organization.objects.visible_to(user))


@extend_schema_field({"type": "string", "format": "uri", "nullable": True, "readOnly": True,
                      "description": "Where to download the deliverable (GET, signed in), none if there is none. "
                                     "Upload it with POST to the activity's `deliverable/`."})
class DeliverableLinkField(serializers.Field):
    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, activity):
        if not activity.deliverable:
            return None
        url = reverse("api:activity-deliverable", args=[activity.pk])
        request = self.context.get("request")
        return request.build_absolute_uri(url) if request is not None else url


def _day(value) -> str:
    return date_format(value, "SHORT_DATE_FORMAT")


class ActivitySerializer(VersionedSerializerMixin, ServiceSerializer):
    program = VisibleField(Program)
    phase = serializers.PrimaryKeyRelatedField(queryset=Phase.objects.all(), allow_null=True, required=False)
    branch = visible_branch_field()
    place = place_field()
    topics = CodeField(slug_field="code", queryset=Topic.objects.all(), many=True, required=False)
    facilitators = VisibleField(Person, many=True, required=False)
    target_organizations = VisibleField(Organization, many=True, required=False)
    session_per_day = serializers.BooleanField(
        write_only=True, required=False, default=False,
        help_text="On creation: one session for each day of the activity, at its place, with its first facilitator.",
    )
    deliverable = DeliverableLinkField()

    class Meta:
        model = Activity
        fields = [
            "id", "kind", "title_ar", "title_en", "description_ar", "description_en", "program", "phase", "branch",
            "place", "start_date", "end_date", "status", "topics", "facilitators", "target_organizations", "goals",
            "deliverable", "session_per_day", "created_at", "updated_at",
        ]
        read_only_fields = ["created_at", "updated_at"]

    def to_representation(self, instance):
        """Organizations served are listed as the user may see them, also after a write (whose instance
        has no prefetched, filtered list)."""
        if "target_organizations" not in getattr(instance, "_prefetched_objects_cache", {}):
            prefetch_related_objects([instance], visible_organizations_served(self.context["request"].user))
        return super().to_representation(instance)

    def validate(self, attrs):
        """The program runs in the activity's branch; the phase is one of the program's and the activity
        starts within its dates."""
        def current(name):
            return attrs.get(name, getattr(self.instance, name, None))

        program, phase, branch, start = current("program"), current("phase"), current("branch"), current("start_date")
        errors = {}
        if program is not None and branch is not None and program.branches.exists() \
                and not program.branches.filter(pk=branch.pk).exists():
            errors["program"] = [_("This program does not run in the activity's branch.")]
        if phase is not None and program is not None:
            if phase.program_id != program.pk:
                errors["phase"] = [_("This phase belongs to another program.")]
            elif start is not None and ((phase.start_date and start < phase.start_date)
                                        or (phase.end_date and start > phase.end_date)):
                errors["phase"] = [_("The activity starts on %(start)s, outside this phase (%(from)s – %(until)s).") % {
                    "start": _day(start), "from": _day(phase.start_date) if phase.start_date else "…",
                    "until": _day(phase.end_date) if phase.end_date else "…"}]
        if errors:
            raise serializers.ValidationError(errors)
        return attrs

    def create(self, validated_data):
        session_per_day = validated_data.pop("session_per_day", False)
        return self._call(services.activity_create, data=validated_data, session_per_day=session_per_day)

    def update(self, instance, validated_data):
        validated_data.pop("session_per_day", None)
        return self._call(services.activity_update, activity=instance, data=validated_data,
                          version=self.expected_version)


class DeliverableUploadSerializer(serializers.Serializer):
    file = serializers.FileField(help_text="The deliverable: PDF, Word (.docx), Excel (.xlsx) or OpenDocument (.odt).")

    def validate_file(self, upload):
        try:
            validate_document(upload)
        except DjangoValidationError as error:
            raise serializers.ValidationError(error.messages) from error
        return upload


class SessionSerializer(VersionedSerializerMixin, ServiceSerializer):
    activity = VisibleField(Activity)
    place = place_field()
    start_time = LocalTimeField(allow_null=True, required=False)
    end_time = LocalTimeField(allow_null=True, required=False)
    facilitator = VisibleField(Person, allow_null=True, required=False)
    present = serializers.SerializerMethodField(help_text="How many people were marked present.")

    class Meta:
        model = Session
        fields = ["id", "activity", "date", "start_time", "end_time", "place", "facilitator", "topic", "outcome",
                  "present"]

    def get_fields(self):
        fields = super().get_fields()
        if self.instance is not None and not isinstance(self.instance, (list, tuple)) and hasattr(self.instance, "pk"):
            fields["activity"].read_only = True  # a session does not move to another activity
        return fields

    def get_present(self, session) -> int:
        if hasattr(session, "present"):
            return session.present
        return Attendance.objects.visible_to(self.context["request"].user).filter(session=session).count()

    def validate(self, attrs):
        start = attrs.get("start_time", getattr(self.instance, "start_time", None))
        end = attrs.get("end_time", getattr(self.instance, "end_time", None))
        if start and end and end <= start:
            raise serializers.ValidationError({"end_time": [_("The session must end after it starts.")]})
        return attrs

    def create(self, validated_data):
        activity = validated_data.pop("activity")
        return self._call(services.session_create, activity=activity, data=validated_data)

    def update(self, instance, validated_data):
        validated_data.pop("activity", None)
        return self._call(services.session_update, session=instance, data=validated_data,
                          version=self.expected_version)


class AttendanceSerializer(serializers.Serializer):
    """Either ``present`` (the whole list: it replaces who was there) or ``add`` / ``remove``."""

    present = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=2**63 - 1), required=False,
        help_text="Person ids: exactly the people present at the session (replaces the recorded list).",
    )
    add = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=2**63 - 1), required=False,
        help_text="Person ids to mark present, keeping those already marked.",
    )
    remove = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=2**63 - 1), required=False,
        help_text="Person ids to mark absent.",
    )

    def validate(self, attrs):
        sent = {"present", "add", "remove"} & set(attrs)
        if not sent or ("present" in sent and len(sent) > 1):
            raise serializers.ValidationError(
                _("Send either the full list of people present, or people to add and remove.")
            )
        return attrs


class AttendanceResultSerializer(serializers.Serializer):
    present = serializers.ListField(child=serializers.IntegerField(), help_text="Person ids present at the session.")
    added = serializers.IntegerField(required=False)
    removed = serializers.IntegerField(required=False)


class ParticipationSerializer(ServiceSerializer):
    activity = VisibleField(Activity)
    person = VisibleField(Person)
    organization = VisibleField(Organization, allow_null=True, required=False)

    class Meta:
        model = Participation
        fields = ["id", "activity", "person", "organization", "completed", "source", "created_at"]
        read_only_fields = ["source", "created_at"]
        validators = []  # enrolling someone twice returns their participation (participation_add)

    def get_fields(self):
        fields = super().get_fields()
        if self.instance is not None and hasattr(self.instance, "pk"):
            fields["activity"].read_only = True  # change who represents what, or completion; not who or where
            fields["person"].read_only = True
        return fields

    def create(self, validated_data):
        return self._call(
            services.participation_add, activity=validated_data["activity"], person=validated_data["person"],
            organization=validated_data.get("organization"), completed=validated_data.get("completed", False),
            source=Source.API,
        )

    def update(self, instance, validated_data):
        data = {k: v for k, v in validated_data.items() if k in ("organization", "completed")}
        return self._call(services.participation_update, participation=instance, data=data)


# ---------------------------------------------------------------------------------------------
# Viewsets
# ---------------------------------------------------------------------------------------------


class ProgramViewSet(ETagMixin, viewsets.ReadOnlyModelViewSet):
    """Donor-funded programs and their phases, as on the programs page: staff see those that run in
    their branches (or in every branch)."""

    serializer_class = ProgramSerializer
    filterset_fields = ["donor"]
    filter_backends = [StrictFilterBackend]

    def get_queryset(self):
        return (Program.objects.visible_to(self.request.user)
                .prefetch_related("branches", "phases__branches").order_by("pk"))


class TopicViewSet(viewsets.ReadOnlyModelViewSet):
    """The topic taxonomy (each topic names the needs-assessment domain it addresses)."""

    serializer_class = TopicSerializer
    queryset = Topic.objects.order_by("code")
    filterset_fields = ["assessment_domain"]
    filter_backends = [StrictFilterBackend]


class ActivityFilter(StrictFilterSet):
    topic = TextFilter(field_name="topics__code", label="topic code")
    starts_after = django_filters.DateFilter(field_name="start_date", lookup_expr="gte")
    starts_before = django_filters.DateFilter(field_name="start_date", lookup_expr="lte")

    class Meta:
        model = Activity
        fields = ["kind", "status", "branch", "program", "phase", "topic", "starts_after", "starts_before"]


@extend_schema_view(destroy=extend_schema(responses={204: None, 409: OpenApiResponse(
    description="Other records depend on the activity: not deleted.")}))
class ActivityViewSet(VersionedViewSetMixin, viewsets.ModelViewSet):
    """The ledger's activities. Trainers read only those they facilitate; CSO members those their
    organization was served by or took part in; writes through ``madani.activities.services``."""

    serializer_class = ActivitySerializer
    filterset_class = ActivityFilter
    filter_backends = [StrictFilterBackend, NormalizedSearchFilter]
    write_rule = RECORD

    def get_queryset(self):
        return (
            Activity.objects.visible_to(self.request.user)
            .select_related("place")
            .prefetch_related("topics", "facilitators", visible_organizations_served(self.request.user))
            .order_by("-start_date", "pk")
        )

    def perform_destroy(self, instance):
        services.activity_delete(actor=self.request.user, activity=instance)

    @extend_schema(
        methods=["GET"], summary="Download the activity's deliverable",
        description="The file itself, as an attachment; 404 when the activity has none.",
        responses={(200, "application/octet-stream"): OpenApiTypes.BINARY, 404: OpenApiResponse(
            description="No such activity among those you may see, or it has no deliverable.")},
    )
    @extend_schema(
        methods=["POST"], summary="Upload (or replace) the activity's deliverable",
        description="`multipart/form-data` with `file`. The file's type is checked by its content.",
        request={"multipart/form-data": DeliverableUploadSerializer}, responses={200: ActivitySerializer},
    )
    @action(detail=True, methods=["get", "post"], parser_classes=[parsers.MultiPartParser, parsers.FormParser])
    def deliverable(self, request, pk=None):
        activity = self.get_object()
        if request.method == "GET":
            return attachment_response(activity.deliverable)
        upload = DeliverableUploadSerializer(data=request.data)
        upload.is_valid(raise_exception=True)
        try:
            services.activity_update(actor=request.user, activity=activity,
                                     data={"deliverable": upload.validated_data["file"]})
        except DjangoValidationError as error:
            raise exceptions.ValidationError(serializers.as_serializer_error(error)) from error
        activity = self.get_queryset().get(pk=activity.pk)
        return Response(self.get_serializer(activity).data)


class SessionFilter(StrictFilterSet):
    # Plain numbers, not choices among all activities: another branch's id just matches nothing.
    activity = IdFilter(field_name="activity_id")

    class Meta:
        model = Session
        fields = ["activity", "date"]


class SessionViewSet(VersionedViewSetMixin, viewsets.ModelViewSet):
    """Sessions (one day or slot) of the activities the user may see; ``?activity=`` for one activity's.
    The date must fall inside the activity."""

    serializer_class = SessionSerializer
    filterset_class = SessionFilter
    filter_backends = [StrictFilterBackend]
    write_rule = RECORD
    marker_rule = MARK
    marker_actions = ("update", "partial_update", "attendance")

    def get_queryset(self):
        return (
            Session.objects.visible_to(self.request.user)
            .select_related("place", "activity")
            .with_present_count(self.request.user)
            .order_by("date", "start_time", "pk")
        )

    def perform_destroy(self, instance):
        services.session_delete(actor=self.request.user, session=instance)

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
            result = services.attendance_record(actor=request.user, session=session, present_ids=present,
                                                source=Source.API)
        except DjangoValidationError as error:
            raise exceptions.ValidationError({"present": error.messages}) from error
        return Response({"present": self._present_ids(session), "added": result["added"],
                         "removed": result["removed"]})


class ParticipationFilter(StrictFilterSet):
    activity = IdFilter(field_name="activity_id")
    person = IdFilter(field_name="person_id")
    organization = IdFilter(field_name="organization_id")

    class Meta:
        model = Participation
        fields = ["activity", "person", "organization", "completed"]


class ParticipationViewSet(viewsets.ModelViewSet):
    """People enrolled in activities, representing an organization. CSO members read only their
    organization's. Enrolling is idempotent: enrolling someone already enrolled answers 200 with the
    existing participation. Removing someone also removes their attendance at the activity's sessions."""

    serializer_class = ParticipationSerializer
    filterset_class = ParticipationFilter
    filter_backends = [StrictFilterBackend]
    write_rule = RECORD
    marker_rule = MARK
    marker_actions = ("create", "update", "partial_update", "destroy")

    def get_queryset(self):
        return Participation.objects.visible_to(self.request.user).order_by("activity_id", "pk")

    @extend_schema(responses={200: ParticipationSerializer, 201: ParticipationSerializer})
    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        existed = Participation.objects.filter(
            activity=serializer.validated_data["activity"], person=serializer.validated_data["person"]
        ).exists()
        serializer.save()
        return Response(serializer.data, status=status.HTTP_200_OK if existed else status.HTTP_201_CREATED)

    def perform_destroy(self, instance):
        services.participation_remove(actor=self.request.user, participation=instance)

    @extend_schema(
        summary="Enrol many people at once, all or nothing",
        description="A list of participations, each as for one. If any row fails (a person or activity you may "
                    "not see, a person of another branch…), nothing is saved and the answer lists the failing rows. "
                    "Someone already enrolled keeps their participation (it is returned as it is).",
        request=ParticipationSerializer(many=True),
        responses=bulk_responses(ParticipationSerializer),
    )
    @action(detail=False, methods=["post"], parser_classes=[parsers.JSONParser])
    def bulk(self, request):
        return bulk_create(self, request, ParticipationSerializer)
