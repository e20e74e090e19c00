from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Prefetch, prefetch_related_objects
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers
from rest_framework.exceptions import APIException

from madani.activities import services as activity_services
from madani.activities.models import Activity, Attendance, Participation, Phase, Program, Session, Source, Topic
from madani.api.concurrency import VersionedSerializerMixin
from madani.branches.models import Branch
from madani.core.arabic import clean_spaces
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


class OrganizationSerializer(VersionedSerializerMixin, _ServiceSerializer):
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
        return self._call(organization_services.organization_update, organization=instance, data=validated_data,
                          version=self.expected_version)


class LikelyDuplicate(APIException):
    """409: the person may already be registered; the body lists the candidates' ids."""

    status_code = 409
    default_code = "duplicate"

    def __init__(self, duplicate_ids):
        super().__init__(_("This person may already be registered. Open the existing record, or confirm that this "
                           "is a different person."))
        self.detail = {"detail": self.detail, "duplicates": duplicate_ids}


class PersonSerializer(VersionedSerializerMixin, _ServiceSerializer):
    branch = _VisibleBranchField()
    confirm_new = serializers.BooleanField(
        write_only=True, required=False, default=False,
        help_text="On creation: register the person even though likely duplicates exist (409 otherwise).",
    )
    home_place = serializers.SlugRelatedField(slug_field="pcode", queryset=Place.objects.all(), allow_null=True, required=False)
    age_group = serializers.CharField(read_only=True)
    organizations = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta:
        model = Person
        fields = [
            "id", "full_name", "name_latin", "gender", "birth_year", "age_group", "disability", "displacement",
            "home_place", "branch", "phone", "email", "consent_date", "organizations", "created_at", "updated_at",
            "confirm_new",
        ]
        read_only_fields = ["created_at", "updated_at"]

    def validate(self, attrs):
        confirmed = attrs.pop("confirm_new", False)
        if self.instance is None and not confirmed:
            duplicates = Person.objects.visible_to(self.context["request"].user).likely_duplicates_of(
                full_name=clean_spaces(attrs.get("full_name")),
                birth_year=attrs.get("birth_year"),
                home_place_id=getattr(attrs.get("home_place"), "pk", None),
            )
            ids = list(duplicates.order_by("pk").values_list("pk", flat=True)[:10])
            if ids:
                raise LikelyDuplicate(ids)
        return attrs

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
        return self._call(people_services.person_update, person=instance, data=validated_data,
                          version=self.expected_version)


# ---------------------------------------------------------------------------------------------
# The activity ledger
# ---------------------------------------------------------------------------------------------


def _place_field():
    return serializers.SlugRelatedField(slug_field="pcode", queryset=Place.objects.all(), allow_null=True,
                                        required=False)


class _VisibleField(serializers.PrimaryKeyRelatedField):
    """A primary key among the records the signed-in user may see (``visible_to``): another
    branch's record is "does not exist", exactly as if it were not there."""

    def __init__(self, model, **kwargs):
        self.model = model
        super().__init__(**kwargs)

    def get_queryset(self):
        return self.model.objects.visible_to(self.context["request"].user)


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


class ActivitySerializer(VersionedSerializerMixin, _ServiceSerializer):
    program = serializers.PrimaryKeyRelatedField(queryset=Program.objects.all())
    phase = serializers.PrimaryKeyRelatedField(queryset=Phase.objects.all(), allow_null=True, required=False)
    branch = _VisibleBranchField()
    place = _place_field()
    topics = serializers.SlugRelatedField(slug_field="code", queryset=Topic.objects.all(), many=True, required=False)
    facilitators = _VisibleField(Person, many=True, required=False)
    target_organizations = _VisibleField(Organization, many=True, required=False)
    session_per_day = serializers.BooleanField(
        write_only=True, required=False, default=False,
        help_text="On creation: one session for each day of the activity, at its place, with its first facilitator.",
    )
    deliverable = serializers.FileField(read_only=True)

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

    def create(self, validated_data):
        session_per_day = validated_data.pop("session_per_day", False)
        return self._call(activity_services.activity_create, data=validated_data, session_per_day=session_per_day)

    def update(self, instance, validated_data):
        validated_data.pop("session_per_day", None)
        return self._call(activity_services.activity_update, activity=instance, data=validated_data,
                          version=self.expected_version)


class SessionSerializer(VersionedSerializerMixin, _ServiceSerializer):
    activity = _VisibleField(Activity)
    place = _place_field()
    facilitator = _VisibleField(Person, allow_null=True, required=False)
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
        return self._call(activity_services.session_create, activity=activity, data=validated_data)

    def update(self, instance, validated_data):
        validated_data.pop("activity", None)
        return self._call(activity_services.session_update, session=instance, data=validated_data,
                          version=self.expected_version)


class AttendanceSerializer(serializers.Serializer):
    """Either ``present`` (the whole list: it replaces who was there) or ``add`` / ``remove``."""

    present = serializers.ListField(
        child=serializers.IntegerField(min_value=1), required=False,
        help_text="Person ids: exactly the people present at the session (replaces the recorded list).",
    )
    add = serializers.ListField(
        child=serializers.IntegerField(min_value=1), required=False,
        help_text="Person ids to mark present, keeping those already marked.",
    )
    remove = serializers.ListField(
        child=serializers.IntegerField(min_value=1), required=False,
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


class ParticipationSerializer(_ServiceSerializer):
    activity = _VisibleField(Activity)
    person = _VisibleField(Person)
    organization = _VisibleField(Organization, allow_null=True, required=False)

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
            activity_services.participation_add, activity=validated_data["activity"], person=validated_data["person"],
            organization=validated_data.get("organization"), completed=validated_data.get("completed", False),
            source=Source.API,
        )

    def update(self, instance, validated_data):
        data = {k: v for k, v in validated_data.items() if k in ("organization", "completed")}
        return self._call(activity_services.participation_update, participation=instance, data=data)
