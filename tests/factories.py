"""factory_boy factories shared by every test."""

import datetime

import factory

from madani.activities.models import Activity, Participation, Program, Session, Status
from madani.activities.models import Kind as ActivityKind
from madani.accounts.models import Role, User
from madani.branches.models import Branch
from madani.organizations.models import Kind, Organization
from madani.people.models import Affiliation, Gender, Person
from madani.places.models import Place

PASSWORD = "correct-horse-battery"


def place(pcode: str) -> Place:
    return Place.objects.get(pcode=pcode)


class BranchFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Branch
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"branch-{n}")
    name_ar = factory.Sequence(lambda n: f"فرع {n}")
    name_en = factory.Sequence(lambda n: f"Branch {n}")
    name = factory.SelfAttribute("name_ar")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.org")
    role = Role.BRANCH_MANAGER
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def branches(self, create, extracted, **kwargs):
        if create and extracted:
            self.branches.set(extracted)
        if create:
            self.save()


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization

    kind = Kind.CSO
    name_ar = factory.Sequence(lambda n: f"منظمة رقم {n}")
    name_en = factory.Sequence(lambda n: f"Organization {n}")
    name = factory.SelfAttribute("name_ar")
    branch = factory.SubFactory(BranchFactory)


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    full_name = factory.Sequence(lambda n: f"شخص رقم {n}")
    gender = Gender.FEMALE
    birth_year = 1990
    branch = factory.SubFactory(BranchFactory)
    phone = "+963 944 000 111"
    email = factory.Sequence(lambda n: f"person{n}@example.org")


class AffiliationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Affiliation

    person = factory.SubFactory(PersonFactory)
    organization = factory.SubFactory(OrganizationFactory)
    role = "عضو"


class ProgramFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Program
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"program-{n}")
    name_ar = factory.Sequence(lambda n: f"برنامج {n}")
    name_en = factory.Sequence(lambda n: f"Program {n}")
    name = factory.SelfAttribute("name_ar")
    start_date = datetime.date(2026, 1, 1)
    end_date = datetime.date(2026, 12, 31)


class ActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Activity

    kind = ActivityKind.TRAINING
    title_ar = factory.Sequence(lambda n: f"تدريب رقم {n}")
    title_en = factory.Sequence(lambda n: f"Training {n}")
    title = factory.SelfAttribute("title_ar")
    program = factory.SubFactory(ProgramFactory)
    branch = factory.SubFactory(BranchFactory)
    start_date = datetime.date(2026, 3, 1)
    end_date = datetime.date(2026, 3, 3)
    status = Status.COMPLETED


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Session

    activity = factory.SubFactory(ActivityFactory)
    date = factory.SelfAttribute("activity.start_date")


class ParticipationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participation

    activity = factory.SubFactory(ActivityFactory)
    person = factory.SubFactory(PersonFactory, branch=factory.SelfAttribute("..activity.branch"))
