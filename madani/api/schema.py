"""The OpenAPI description of every operation (``DEFAULT_SCHEMA_CLASS``): besides what the view says, the
errors any operation may answer — 400 (what was sent, field by field), 401/403 (who may), 404 (which
record, which page), 409 (a delete that other records prevent), 429 (too many requests) — so clients and
schemathesis know them. ``concurrency.VersionedSchema`` adds 412 to the writes of versioned records."""

from drf_spectacular.openapi import AutoSchema
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, inline_serializer
from rest_framework import serializers

ERROR = inline_serializer("Error", {"detail": serializers.CharField()})
CONFLICT = inline_serializer("DeleteConflict", {
    "detail": serializers.CharField(help_text="Why the record cannot be deleted, in the client's language."),
    "dependent_records": serializers.DictField(child=serializers.IntegerField(),
                                               help_text="How many records of each kind depend on it."),
})


def _errors(schema) -> dict:
    method = schema.method
    has_path_parameter = "{" in schema.path
    has_body = method in ("POST", "PUT", "PATCH")
    is_list = method == "GET" and not has_path_parameter and schema._is_list_view()
    errors = {
        "401": OpenApiResponse(ERROR, "Not signed in: no token, a wrong token, or no session."),
        "403": OpenApiResponse(ERROR, "Signed in, but this role may not do this."),
        "429": OpenApiResponse(ERROR, "Too many requests: wait the seconds in `Retry-After`."),
    }
    if has_body or is_list or schema._get_filter_parameters() or schema._get_pagination_parameters():
        errors["400"] = OpenApiResponse(
            OpenApiTypes.OBJECT, "What was sent is not valid: the errors, field by field (or `detail`), in the "
                                 "client's language (`Accept-Language`). Nothing was saved.")
    if has_path_parameter or is_list:
        errors["404"] = OpenApiResponse(
            ERROR, "No such record among those you may see (another branch's records are not there for you), or "
                   "no such page.")
    if method == "DELETE":
        errors["409"] = OpenApiResponse(CONFLICT, "Other records depend on this one: it was not deleted.")
    return errors


class ApiSchema(AutoSchema):
    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        if direction != "response":
            return responses
        for code, response in _errors(self).items():
            if code not in responses:
                responses[code] = self._get_response_for_code(response, code, direction=direction)
        return responses
