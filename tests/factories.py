"""factory_boy factories shared by every test."""

import datetime

import factory

from django.utils import timezone

from madani.activities.models import Activity, Attendance, Participation, Phase, Program, Session, Status, Topic
from madani.activities.models import Kind as ActivityKind
from madani.accounts.models import Role, User
from madani.assessments.models import Questionnaire, Response
from madani.branches.models import Branch
from madani.certificates.models import CertificateBundle
from madani.consultations.models import Request
from madani.coworking.models import BookableResource, Booking
from madani.directory.models import ServiceListing
from madani.indicators.models import Baseline, Indicator, Outcome, Output, Target
from madani.library.models import Resource as LibraryResource
from madani.organizations.models import Kind, Organization, Sector
from madani.people.models import Affiliation, Gender, Person
from madani.places.models import Place
from madani.public.models import Registration
from madani.reports.models import ReportJob

PASSWORD = "correct-horse-battery"


def place(pcode: str) -> Place:
    return Place.objects.get(pcode=pcode)


def ensure_places(*pcodes: str) -> None:
    """Put back the gazetteer's rows for these P-codes and their parents, from the file its data migration
    reads. For browser tests: a transactional test that ran before on the same worker flushed the tables (and
    restoring serialized data would then collide with the content types the flush recreated)."""
    import csv

    from django.conf import settings

    rows = {}
    with open(settings.BASE_DIR / "madani" / "places" / "data" / "syria_places.csv", encoding="utf-8") as file:
        for pcode, parent, level, name_en, name_ar in csv.reader(file):
            rows[pcode] = (parent, level, name_en, name_ar)

    def put(pcode):
        if not pcode or Place.objects.filter(pcode=pcode).exists():
            return
        parent, level, name_en, name_ar = rows[pcode]
        put(parent)
        Place.objects.create(pcode=pcode, level=level, parent=Place.objects.filter(pcode=parent).first(),
                             name_ar=name_ar, name_en=name_en)

    for pcode in pcodes:
        put(pcode)


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


class AttendanceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Attendance

    session = factory.SubFactory(SessionFactory)
    person = factory.SubFactory(PersonFactory, branch=factory.SelfAttribute("..session.activity.branch"))


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic

    code = factory.Sequence(lambda n: f"topic-{n}")
    name_ar = factory.Sequence(lambda n: f"موضوع {n}")
    name_en = factory.Sequence(lambda n: f"Topic {n}")
    name = factory.SelfAttribute("name_ar")


class PhaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Phase

    program = factory.SubFactory(ProgramFactory)
    number = 1


class RequestFactory(factory.django.DjangoModelFactory):
    """A request for consultation or technical support, or a training suggestion (consultations)."""

    class Meta:
        model = Request

    kind = "consultation"
    branch = factory.SubFactory(BranchFactory)
    description = "خطة استراتيجية"


class QuestionnaireFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Questionnaire

    title_ar = factory.Sequence(lambda n: f"استمارة {n}")
    title = factory.SelfAttribute("title_ar")


class ResponseFactory(factory.django.DjangoModelFactory):
    """A filled questionnaire; by default the shipped needs assessment, for an organization."""

    class Meta:
        model = Response

    questionnaire = factory.LazyFunction(lambda: Questionnaire.objects.needs().get())
    organization = factory.SubFactory(OrganizationFactory)
    date = datetime.date(2026, 2, 1)


class OutcomeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Outcome

    program = factory.SubFactory(ProgramFactory)
    statement_ar = factory.Sequence(lambda n: f"نتيجة {n}")
    statement = factory.SelfAttribute("statement_ar")


class OutputFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Output

    outcome = factory.SubFactory(OutcomeFactory)
    statement_ar = factory.Sequence(lambda n: f"مخرج {n}")
    statement = factory.SelfAttribute("statement_ar")


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Indicator

    code = factory.Sequence(lambda n: f"indicator-{n}")
    name_ar = factory.Sequence(lambda n: f"مؤشر {n}")
    name = factory.SelfAttribute("name_ar")
    metric = "people"


class TargetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Target

    indicator = factory.SubFactory(IndicatorFactory)
    year = 2026
    value = 10


class BaselineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Baseline

    indicator = factory.SubFactory(IndicatorFactory)
    year = 2025
    value = 0


class ReportJobFactory(factory.django.DjangoModelFactory):
    """A donor report asked for (not built: tests that need the file build it or save one)."""

    class Meta:
        model = ReportJob

    program = factory.SubFactory(ProgramFactory)
    date_from = datetime.date(2026, 1, 1)
    date_to = datetime.date(2026, 12, 31)
    requested_by = factory.SubFactory(UserFactory)


class CertificateBundleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CertificateBundle

    activity = factory.SubFactory(ActivityFactory)
    requested_by = factory.SubFactory(UserFactory)
    site_root = "http://testserver"


class LibraryResourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LibraryResource

    title_ar = factory.Sequence(lambda n: f"دليل {n}")
    title = factory.SelfAttribute("title_ar")


class ServiceListingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ServiceListing

    organization = factory.SubFactory(OrganizationFactory)
    title_ar = factory.Sequence(lambda n: f"خدمة {n}")
    title = factory.SelfAttribute("title_ar")
    description_ar = "وصف الخدمة"
    description = factory.SelfAttribute("description_ar")
    sector = factory.LazyFunction(lambda: Sector.objects.order_by("pk").first())


class BookableResourceFactory(factory.django.DjangoModelFactory):
    """A room or desk of the co-working space."""

    class Meta:
        model = BookableResource

    branch = factory.SubFactory(BranchFactory)
    kind = "meeting_room"
    name_ar = factory.Sequence(lambda n: f"قاعة {n}")
    name = factory.SelfAttribute("name_ar")


class BookingFactory(factory.django.DjangoModelFactory):
    """Two hours tomorrow at ten (local time)."""

    class Meta:
        model = Booking

    resource = factory.SubFactory(BookableResourceFactory)
    organization = factory.SubFactory(OrganizationFactory, branch=factory.SelfAttribute("..resource.branch"))
    start = factory.LazyFunction(lambda: (timezone.localtime() + datetime.timedelta(days=1)).replace(
        hour=10, minute=0, second=0, microsecond=0))
    end = factory.LazyAttribute(lambda booking: booking.start + datetime.timedelta(hours=2))


class RegistrationFactory(factory.django.DjangoModelFactory):
    """A registration from the public form for an open training."""

    class Meta:
        model = Registration

    activity = factory.SubFactory(ActivityFactory)
    full_name = factory.Sequence(lambda n: f"مسجّل رقم {n}")
    gender = Gender.FEMALE
    birth_year = 1995
    phone = "+963 933 000 111"
    home_place = factory.LazyFunction(lambda: place("SY110100"))
