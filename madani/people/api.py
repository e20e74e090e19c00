"""People and their affiliations in the API (``/api/v1/people/``, ``/api/v1/affiliations/``)."""

import django_filters
from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view, inline_serializer
from rest_framework import mixins, parsers, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import APIException

from madani.api.bulk import bulk_create, bulk_responses
from madani.api.concurrency import VersionedSerializerMixin, VersionedViewSetMixin
from madani.api.filters import IdFilter, NormalizedSearchFilter, StrictFilterBackend, StrictFilterSet
from madani.api.serializers import ServiceSerializer, VisibleField, place_field, visible_branch_field
from madani.core.arabic import clean_spaces
from madani.core.permissions import check
from madani.organizations.models import Organization

from . import services
from .models import Affiliation, Person

MAX_CANDIDATES = 10


class LikelyDuplicate(APIException):
    """409: the person may already be registered; the body names the candidates."""

    status_code = 409
    default_code = "duplicate"

    def __init__(self, candidates):
        super().__init__(_("This person may already be registered. Open the existing record, or confirm that this "
                           "is a different person."))
        self.detail = {
            "detail": self.detail,
            "duplicates": [person.pk for person in candidates],
            "candidates": [{"id": person.pk, "full_name": person.full_name, "birth_year": person.birth_year,
                            "home_place": person.home_place.pcode if person.home_place_id else None}
                           for person in candidates],
        }


CandidateSerializer = inline_serializer("DuplicateCandidate", {
    "id": serializers.IntegerField(),
    "full_name": serializers.CharField(),
    "birth_year": serializers.IntegerField(allow_null=True),
    "home_place": serializers.CharField(allow_null=True, help_text="P-code"),
})
DuplicateResponse = OpenApiResponse(
    response=inline_serializer("LikelyDuplicates", {
        "detail": serializers.CharField(),
        "duplicates": serializers.ListField(child=serializers.IntegerField(), help_text="The candidates' ids."),
        "candidates": serializers.ListField(child=CandidateSerializer),
    }),
    description="Likely duplicates, named in `candidates`: nothing was saved. Send `confirm_new: true` once "
                "you have checked that the person is not one of them.")


class PersonSerializer(VersionedSerializerMixin, ServiceSerializer):
    branch = visible_branch_field()
    confirm_new = serializers.BooleanField(
        write_only=True, required=False, default=False,
        help_text="On creation: you have checked the likely duplicates; register the person anyway (409 otherwise).",
    )
    home_place = place_field()
    age_group = serializers.CharField(read_only=True, allow_null=True)
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
            candidates = list(duplicates.select_related("home_place").order_by("pk")[:MAX_CANDIDATES])
            if candidates:
                raise LikelyDuplicate(candidates)
        return attrs

    def get_fields(self):
        fields = super().get_fields()
        if getattr(self.context.get("view"), "swagger_fake_view", False):
            return fields  # the OpenAPI schema documents every field
        request = self.context.get("request")
        if request is None or not check(request.user, "people.see_contacts"):
            fields.pop("phone")
            fields.pop("email")
        return fields

    def create(self, validated_data):
        return self._call(services.person_create, data=validated_data)

    def update(self, instance, validated_data):
        return self._call(services.person_update, person=instance, data=validated_data,
                          version=self.expected_version)


class PersonFilter(StrictFilterSet):
    organization = IdFilter(field_name="affiliations__organization_id", distinct=True,
                            label="organization id (people affiliated with it)")

    class Meta:
        model = Person
        fields = ["gender", "branch", "displacement", "birth_year", "organization"]


@extend_schema_view(
    create=extend_schema(
        description="Registers a person after the registry's duplicate check: when people with the same normalized "
                    "name, birth year and home place exist, the answer is 409 naming them in `candidates`; "
                    "send `confirm_new: true` to register the person anyway.",
        responses={201: PersonSerializer, 409: DuplicateResponse},
    ),
    destroy=extend_schema(responses={204: None, 409: OpenApiResponse(
        description="The person takes part in the ledger (participations, attendance…): not deleted.")}),
)
class PersonViewSet(VersionedViewSetMixin, viewsets.ModelViewSet):
    serializer_class = PersonSerializer
    filterset_class = PersonFilter
    filter_backends = [StrictFilterBackend, NormalizedSearchFilter]
    write_rule = "people.edit_people"

    def get_queryset(self):
        return (
            Person.objects.visible_to(self.request.user)
            .select_related("home_place")
            .prefetch_related(Prefetch("organizations", queryset=Organization.objects.visible_to(self.request.user)))
            .order_by("pk")
        )

    def perform_destroy(self, instance):
        services.person_delete(actor=self.request.user, person=instance)

    @extend_schema(
        summary="Register many people at once, all or nothing",
        description="A list of people, each as for one. Every row goes through the duplicate check (also against "
                    "the rows before it): a row with likely duplicates fails with its `candidates` unless it has "
                    "`confirm_new: true`. If any row fails, nothing is saved and the answer lists the failing rows.",
        request=PersonSerializer(many=True),
        responses=bulk_responses(PersonSerializer),
    )
    @action(detail=False, methods=["post"], parser_classes=[parsers.JSONParser])
    def bulk(self, request):
        return bulk_create(self, request, PersonSerializer, row_exception=LikelyDuplicate,
                           describe=lambda error: error.detail)


class AffiliationSerializer(ServiceSerializer):
    person = VisibleField(Person)
    organization = VisibleField(Organization)

    class Meta:
        model = Affiliation
        fields = ["id", "person", "organization", "role", "start_date", "end_date"]

    def validate(self, attrs):
        start, end = attrs.get("start_date"), attrs.get("end_date")
        if start and end and end < start:
            raise serializers.ValidationError({"end_date": [_("The end date cannot be before the start date.")]})
        return attrs

    def create(self, validated_data):
        person = validated_data.pop("person")
        return self._call(services.affiliation_create, person=person, data=validated_data)


class AffiliationFilter(StrictFilterSet):
    person = IdFilter(field_name="person_id")
    organization = IdFilter(field_name="organization_id")
    current = django_filters.BooleanFilter(field_name="end_date", lookup_expr="isnull",
                                           label="true: affiliations without an end date")

    class Meta:
        model = Affiliation
        fields = ["person", "organization", "current"]


class AffiliationViewSet(mixins.CreateModelMixin, mixins.DestroyModelMixin, viewsets.ReadOnlyModelViewSet):
    """Who belongs to which organization, with role and dates: those of the people and organizations the user
    may see. Registry editors add and remove them."""

    serializer_class = AffiliationSerializer
    filterset_class = AffiliationFilter
    filter_backends = [StrictFilterBackend]
    write_rule = "people.edit_people"

    def get_queryset(self):
        user = self.request.user
        return (Affiliation.objects
                .filter(person__in=Person.objects.visible_to(user), organization__in=Organization.objects.visible_to(user))
                .order_by("pk"))

    def perform_destroy(self, instance):
        services.affiliation_delete(actor=self.request.user, affiliation=instance)
