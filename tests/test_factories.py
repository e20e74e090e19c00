"""Every factory makes a saved record with no arguments (tests/factories.py)."""

import inspect

import factory
import pytest

from tests import factories

FACTORIES = sorted(
    (cls for _name, cls in inspect.getmembers(factories, inspect.isclass)
     if issubclass(cls, factory.django.DjangoModelFactory) and cls.__module__ == factories.__name__),
    key=lambda cls: cls.__name__,
)


@pytest.mark.parametrize("factory_class", FACTORIES, ids=lambda cls: cls.__name__)
def test_each_factory_makes_a_saved_record(db, factory_class):
    record = factory_class()
    assert type(record).objects.filter(pk=record.pk).exists()
