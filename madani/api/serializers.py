"""What every app's serializers share (each app's own are in ``<app>/api.py``): writes through the
app's services, and related records chosen among those the user may see."""

from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from madani.branches.models import Branch
from madani.places.models import Place


class VisibleField(serializers.PrimaryKeyRelatedField):
    """A primary key among the records the signed-in user may see (``visible_to``): another
    branch's record is "does not exist", exactly as if it were not there."""

    def __init__(self, model, **kwargs):
        self.model = model
        super().__init__(**kwargs)

    def get_queryset(self):
        return self.model.objects.visible_to(self.context["request"].user)


def visible_branch_field(**kwargs) -> VisibleField:
    return VisibleField(Branch, **kwargs)


class CodeField(serializers.SlugRelatedField):
    """A record given by its code (a P-code, a sector's or topic's code). A code holding a NUL character is
    refused as "does not exist" before it reaches the database (PostgreSQL cannot even compare it)."""

    def to_internal_value(self, data):
        if isinstance(data, str) and "\x00" in data:
            self.fail("does_not_exist", slug_name=self.slug_field, value=data.replace("\x00", "\\x00"))
        return super().to_internal_value(data)


def place_field(**kwargs) -> CodeField:
    """A place given by its P-code (optional, may be null)."""
    kwargs.setdefault("allow_null", True)
    kwargs.setdefault("required", False)
    return CodeField(slug_field="pcode", queryset=Place.objects.all(), **kwargs)


class ServiceSerializer(serializers.ModelSerializer):
    """Writes go through the app's services, so the API and the forms share one path."""

    def _call(self, function, **kwargs):
        try:
            return function(actor=self.context["request"].user, **kwargs)
        except DjangoValidationError as error:
            raise serializers.ValidationError(serializers.as_serializer_error(error)) from error


@extend_schema_field({
    "type": "string", "pattern": r"^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\.[0-9]{1,6})?)?$", "example": "09:30:00",
    "description": "Local time (the center's, Asia/Damascus), HH:MM or HH:MM:SS; answered as HH:MM:SS.",
})
class LocalTimeField(serializers.TimeField):
    """A time of day without a time zone (JSON Schema's ``time`` format requires one, so it is declared by
    its pattern)."""
