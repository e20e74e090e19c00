"""The base QuerySet writes the anonymous guard and the administrator bypass once; a model only says what
each kind of signed-in user may see, and a kind it says nothing about sees nothing."""

from django.contrib.auth.models import AnonymousUser

from madani.activities.models import Activity, Program
from madani.branches.models import Branch
from madani.core.querysets import RestrictedQuerySet
from tests.factories import ProgramFactory


def _no_rules(model):
    """A QuerySet over ``model`` that names no rule for any kind of user."""
    return RestrictedQuerySet(model=model)


def test_an_anonymous_visitor_gets_nothing(activity_a):
    assert not _no_rules(Activity).visible_to(AnonymousUser()).exists()
    assert not Activity.objects.visible_to(AnonymousUser()).exists()


def test_an_inactive_account_gets_nothing_even_an_administrator(activity_a, administrator):
    administrator.is_active = False
    assert not Activity.objects.visible_to(administrator).exists()
    assert not Branch.objects.visible_to(administrator).exists()


def test_an_administrator_gets_everything_without_any_rule(activity_a, branch_b, administrator):
    assert _no_rules(Activity).visible_to(administrator).count() == Activity.objects.count() == 1
    assert set(_no_rules(Branch).visible_to(administrator)) == set(Branch.objects.all())


def test_a_model_with_no_rule_for_a_role_gives_that_role_nothing(activity_a, staff_a, trainer_a, cso_member):
    for user in (staff_a, trainer_a, cso_member):
        assert not _no_rules(Activity).visible_to(user).exists()
    # Programs say nothing about CSO members: a CSO member whose organization took part sees no program.
    activity_a.program = ProgramFactory()
    activity_a.save()
    assert Activity.objects.visible_to(cso_member).exists()
    assert not Program.objects.visible_to(cso_member).exists()


def test_each_role_gets_what_the_model_says(activity_a, staff_a, staff_b, trainer_a, cso_member):
    assert list(Activity.objects.visible_to(staff_a)) == [activity_a]
    assert list(Activity.objects.visible_to(trainer_a)) == [activity_a]
    assert list(Activity.objects.visible_to(cso_member)) == [activity_a]
    assert not Activity.objects.visible_to(staff_b).exists()
