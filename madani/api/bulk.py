"""Bulk creation, all or nothing: every row is checked (and written, in one transaction, so that later rows
see earlier ones — two rows for the same person are caught like any other duplicate); if any row fails, the
transaction is rolled back and the answer lists each failing row's errors by its position."""

from django.db import transaction
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, inline_serializer
from rest_framework import serializers, status
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

MAX_BULK_ROWS = 500


class _RolledBack(Exception):
    pass


def bulk_create(view, request, serializer_class, *, row_exception=(), describe=None) -> Response:
    """``request.data`` is a list of rows (at most ``MAX_BULK_ROWS``), each what ``serializer_class`` takes
    for one record. ``row_exception``: exceptions a row may raise that are that row's error (``describe(exc)``
    gives the row's error body)."""
    rows = request.data
    if not isinstance(rows, list) or not rows:
        return _refused(_("Send a list of at least one row."))
    if len(rows) > MAX_BULK_ROWS:
        return _refused(_("Send at most %(largest)d rows at once.") % {"largest": MAX_BULK_ROWS})
    errors, created = [], []
    try:
        with transaction.atomic():
            for index, row in enumerate(rows):
                serializer = serializer_class(data=row, context=view.get_serializer_context())
                try:
                    if not isinstance(row, dict):
                        raise ValidationError({"non_field_errors": [_("Each row must be an object.")]})
                    serializer.is_valid(raise_exception=True)
                    serializer.save()
                except ValidationError as error:
                    errors.append({"row": index, "errors": error.detail})
                except row_exception as error:
                    errors.append({"row": index, "errors": describe(error) if describe else error.detail})
                else:
                    created.append(serializer.data)
            if errors:
                raise _RolledBack
    except _RolledBack:
        return _refused(_("Nothing was saved: correct the rows listed and send them all again."), errors)
    return Response(created, status=status.HTTP_201_CREATED)


def _refused(detail, rows=()) -> Response:
    return Response({"detail": detail, "rows": list(rows)}, status=status.HTTP_400_BAD_REQUEST)


BULK_ERRORS = OpenApiResponse(
    response=inline_serializer("BulkErrors", {
        "detail": serializers.CharField(),
        "rows": serializers.ListField(required=False, child=inline_serializer("BulkRowError", {
            "row": serializers.IntegerField(help_text="The row's position in the list sent, from 0."),
            "errors": serializers.DictField(help_text="The row's errors, field by field."),
        })),
    }),
    description="Nothing was saved; `rows` lists each failing row (from 0) with its errors (absent when the "
                "body itself could not be read).")


def bulk_responses(serializer_class) -> dict:
    """The OpenAPI answers of a bulk creation."""
    return {201: serializer_class(many=True), 400: BULK_ERRORS}
