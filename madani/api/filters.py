"""Filters every app's API shares: ``?search=`` through the model's normalizing ``search()``, and
filter sets whose numbers are whole numbers that fit the database (anything else answers 400)."""

import django_filters
from django import forms
from django.db import models
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import filters

BIGGEST_ID = 2**63 - 1  # the largest value a 64-bit integer column holds


class WholeNumberField(forms.IntegerField):
    """A whole number within 64 bits: ``9223372036854775808``, ``1e30`` and ``1.5`` are refused (400), never
    sent to the database (where they overflow)."""

    def __init__(self, *, min_value=-BIGGEST_ID, max_value=BIGGEST_ID, **kwargs):
        super().__init__(min_value=min_value, max_value=max_value, **kwargs)


ID_SCHEMA = {"type": "integer", "minimum": 1, "maximum": BIGGEST_ID}


@extend_schema_field(ID_SCHEMA)
class IdFilter(django_filters.NumberFilter):
    """A record's id (plain number, not a choice among all records: another branch's id just matches nothing)."""

    field_class = WholeNumberField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1)
        super().__init__(*args, **kwargs)


@extend_schema_field({"type": "integer", "minimum": -BIGGEST_ID, "maximum": BIGGEST_ID})
class WholeNumberFilter(django_filters.NumberFilter):
    field_class = WholeNumberField


@extend_schema_field({"type": "string", "minLength": 1})
class TextFilter(django_filters.CharFilter):
    """A text parameter (a code, a P-code): sent, it is not empty."""


class StrictFilterSet(django_filters.rest_framework.FilterSet):
    """The base of every API filter set: integer columns take whole numbers that fit; a foreign key takes
    the related record's id as a plain number (an id that is not there, or is another branch's, just matches
    nothing: the answer says nothing about which ids exist); a parameter sent empty is refused."""

    FILTER_DEFAULTS = {
        **django_filters.rest_framework.FilterSet.FILTER_DEFAULTS,
        models.ForeignKey: {"filter_class": IdFilter},
        models.OneToOneField: {"filter_class": IdFilter},
        models.CharField: {"filter_class": TextFilter},
    }

    def is_valid(self):
        valid = super().is_valid()
        for name in self.filters:
            values = self.data.getlist(name) if hasattr(self.data, "getlist") else [self.data.get(name)]
            if name in self.data and any(value is None or not str(value).strip() for value in values):
                self.form.add_error(name, _("Give a value, or leave the parameter out."))
                valid = False
        return valid

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

