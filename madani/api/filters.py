"""Filters every app's API shares: ``?search=`` through the model's normalizing ``search()``, and
filter sets whose numbers are whole numbers that fit the database (anything else answers 400)."""

import django_filters
from django import forms
from django.db import models
from rest_framework import filters

BIGGEST_ID = 2**63 - 1  # the largest value a 64-bit integer column holds


class WholeNumberField(forms.IntegerField):
    """A whole number within 64 bits: ``9223372036854775808``, ``1e30`` and ``1.5`` are refused (400), never
    sent to the database (where they overflow)."""

    def __init__(self, *, min_value=-BIGGEST_ID, max_value=BIGGEST_ID, **kwargs):
        super().__init__(min_value=min_value, max_value=max_value, **kwargs)


class IdFilter(django_filters.NumberFilter):
    """A record's id (plain number, not a choice among all records: another branch's id just matches nothing)."""

    field_class = WholeNumberField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1)
        super().__init__(*args, **kwargs)


class IdChoiceField(django_filters.fields.ModelChoiceField):
    """A related record by id; an id that is not a whole number within 64 bits is refused before any query."""

    def to_python(self, value):
        if value not in self.empty_values:
            WholeNumberField(min_value=1, required=False).clean(value)
        return super().to_python(value)


class IdChoiceFilter(django_filters.ModelChoiceFilter):
    field_class = IdChoiceField


class WholeNumberFilter(django_filters.NumberFilter):
    field_class = WholeNumberField


def _remote_queryset(field):
    return {"queryset": field.remote_field.model._default_manager.all()}


class StrictFilterSet(django_filters.rest_framework.FilterSet):
    """The base of every API filter set: integer columns and foreign keys take whole numbers that fit."""

    FILTER_DEFAULTS = {
        **django_filters.rest_framework.FilterSet.FILTER_DEFAULTS,
        models.ForeignKey: {"filter_class": IdChoiceFilter, "extra": _remote_queryset},
        models.OneToOneField: {"filter_class": IdChoiceFilter, "extra": _remote_queryset},
    }

    @classmethod
    def filter_for_lookup(cls, field, lookup_type):
        filter_class, params = super().filter_for_lookup(field, lookup_type)
        if filter_class is django_filters.NumberFilter and isinstance(field, (models.IntegerField, models.AutoField)):
            filter_class = WholeNumberFilter
        return filter_class, params


class StrictFilterBackend(django_filters.rest_framework.DjangoFilterBackend):
    """``filterset_fields`` build their filter set on ``StrictFilterSet``."""

    filterset_base = StrictFilterSet


class NormalizedSearchFilter(filters.BaseFilterBackend):
    """``?search=`` through the model's Arabic-normalizing ``search()`` QuerySet method."""

    def filter_queryset(self, request, queryset, view):
        text = request.query_params.get("search", "").strip()
        return queryset.search(text) if text else queryset

    def get_schema_operation_parameters(self, view):
        return [{"name": "search", "required": False, "in": "query", "schema": {"type": "string"},
                 "description": "Words in Arabic or English; diacritics and hamza forms are ignored."}]

