"""Writes of indicators and logframes: each under one transaction, checked by the models' ``clean``
(translated ``ValidationError``), nothing half-saved."""

from django.db import transaction

from .models import Indicator, Outcome, Output

INDICATOR_RELATIONS = ("topics", "programs", "donors", "branches", "organizations")


@transaction.atomic
def indicator_save(*, actor, indicator: Indicator, data: dict, baselines=None, targets=None) -> Indicator:
    """Create or change an indicator and, in the same transaction, its baselines and targets
    (inline formsets)."""
    relations = {name: data.pop(name) for name in INDICATOR_RELATIONS if name in data}
    for name, value in data.items():
        setattr(indicator, name, value)
    indicator.full_clean()
    indicator.save()
    for name, values in relations.items():
        getattr(indicator, name).set(values)
    for formset in (baselines, targets):
        if formset is not None:
            formset.instance = indicator
            formset.save()
    return indicator


@transaction.atomic
def outcome_save(*, actor, outcome: Outcome, data: dict) -> Outcome:
    for name, value in data.items():
        setattr(outcome, name, value)
    outcome.full_clean()
    outcome.save()
    return outcome


@transaction.atomic
def output_save(*, actor, output: Output, data: dict) -> Output:
    for name, value in data.items():
        setattr(output, name, value)
    output.full_clean()
    output.save()
    return output
