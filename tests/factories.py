"""factory_boy factories shared by every test."""

import factory

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
