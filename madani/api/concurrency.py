"""Optimistic concurrency for the API (issue 10), over madani/core/concurrency.py.

A record's version is its ``ETag`` (and its read-only ``version`` field). ``PUT``/``PATCH`` with
``If-Match`` — or with a ``version`` in the body — that is not the record's current version answer
412 Precondition Failed and change nothing. Without either, the write is accepted as before: ODK
Collect, KoboToolbox and existing scripts send neither, and a client that sends back what it read
(``version`` included) is protected without knowing about it.
"""

from django.utils.http import parse_etags, quote_etag
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema_field
from rest_framework import serializers, status
from rest_framework.response import Response

from madani.core.concurrency import StaleVersion, version_of

from .schema import ApiSchema

WRITE_ACTIONS = ("update", "partial_update")


@extend_schema_field(OpenApiTypes.STR)
class VersionField(serializers.Field):
    """The record's current version, the same as its ETag. Send it back (in the body, or as
    ``If-Match``) with a change: if the record changed meanwhile, the answer is 412."""

    def __init__(self, **kwargs):
        kwargs.setdefault("help_text", "The record's version (its ETag without quotes). Sent back with a change, "
                                       "a version that is no longer current answers 412 and nothing is saved.")
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, instance):
        return version_of(instance)


class VersionedSerializerMixin:
    # Adds the read-only ``version`` field; ``self.expected_version`` is what the client sent.
    # (Comments, not docstrings: drf-spectacular would show a mixin's docstring as the operation's.)

    def get_fields(self):
        fields = super().get_fields()
        fields["version"] = VersionField()
        return fields

    @property
    def expected_version(self):
        return self.context.get("expected_version")


class PreconditionFailedSerializer(serializers.Serializer):
    detail = serializers.CharField()
    version = serializers.CharField(help_text="The record's current version (also in the ETag header).")


class VersionedSchema(ApiSchema):
    """OpenAPI: ``If-Match`` on PUT/PATCH and their 412, the ``ETag`` header of one record's answers."""

    def _action(self):
        return getattr(self.view, "action", None)

    def get_override_parameters(self):
        parameters = list(super().get_override_parameters())
        if self._action() in WRITE_ACTIONS:
            parameters.append(OpenApiParameter(
                "If-Match", OpenApiTypes.STR, OpenApiParameter.HEADER, required=False,
                description="The record's ETag as read (GET). If the record changed since, the answer is 412 and "
                            "nothing is saved. Optional: without it (and without `version` in the body) the "
                            "change is applied to the current record."))
        if self._action() in ("retrieve", *WRITE_ACTIONS):
            parameters.append(OpenApiParameter(
                "ETag", OpenApiTypes.STR, OpenApiParameter.HEADER, response=[200],
                description="The record's current version; send it as If-Match with a change."))
        return parameters

    def get_description(self):
        description = super().get_description()
        if self._action() in WRITE_ACTIONS:
            note = ("To change a record without erasing someone else's change, send its ETag (from GET) as "
                    "`If-Match`, or its `version` in the body: if it changed meanwhile, the answer is 412 and "
                    "nothing is saved.")
            return f"{description}\n\n{note}" if description else note
        return description

    def get_response_serializers(self):
        responses = super().get_response_serializers()
        if self._action() in WRITE_ACTIONS and not isinstance(responses, dict):
            responses = {200: responses, 412: OpenApiResponse(
                response=PreconditionFailedSerializer,
                description="Precondition Failed: the record changed since the version sent in If-Match (or "
                            "`version`) was read. Nothing was saved; read it again and resend the change."),
            }
        return responses


class ETagMixin:
    # One record's answer carries its version as ``ETag`` (read-only viewsets too).

    schema = VersionedSchema()

    def retrieve(self, request, *args, **kwargs):
        instance = self.get_object()
        return Response(self.get_serializer(instance).data, headers={"ETag": quote_etag(version_of(instance))})


class VersionedViewSetMixin(ETagMixin):
    # For a ModelViewSet whose serializer has ``VersionedSerializerMixin`` and whose update service
    # takes ``version`` (checked in its transaction by ``madani.core.concurrency.check_version``).

    def _expected_version(self, request):
        header = request.headers.get("If-Match")
        if header:
            tags = parse_etags(header)
            if tags == ["*"]:
                return None  # "any current version": the record exists, or get_object() answered 404
            # Our ETags are strong; a proxy that compresses may have weakened them on the way: W/"x" is "x".
            return [tag.removeprefix("W/").strip('"') for tag in tags] or [header]
        body = request.data.get("version") if hasattr(request.data, "get") else None
        return [str(body)] if body not in (None, "") else None

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "expected_version": getattr(self, "expected_version", None)}

    @staticmethod
    def _etag(instance) -> str:
        return quote_etag(version_of(type(instance)._base_manager.get(pk=instance.pk)))

    def update(self, request, *args, **kwargs):
        self.expected_version = self._expected_version(request)
        try:
            response = super().update(request, *args, **kwargs)
        except StaleVersion as stale:
            current = version_of(stale.current)
            return Response(
                {"detail": _("This record was changed by someone else after the version you sent was read; nothing "
                             "was saved. Read it again and send your change with its new version."),
                 "version": current},
                status=status.HTTP_412_PRECONDITION_FAILED, headers={"ETag": quote_etag(current)},
            )
        if response.status_code == status.HTTP_200_OK and getattr(self, "updated_instance", None) is not None:
            response["ETag"] = self._etag(self.updated_instance)
        return response

    def perform_update(self, serializer):
        super().perform_update(serializer)
        self.updated_instance = serializer.instance
