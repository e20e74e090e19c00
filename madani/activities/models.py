"""The activity ledger (DESIGN.md §2): every service the center delivers is recorded once, here.

Program → Activity → Session; Participation (a person in an activity) and Attendance (a person at a
session). Every figure, report and news draft is computed from these rows.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from madani.core.arabic import search_key_expression, search_terms
from madani.core.querysets import RestrictedQuerySet


def _count_of(queryset, path: str):
    """A correlated count of ``queryset``'s rows whose ``path`` is the outer row (0 when none)."""
    counted = queryset.filter(**{path: models.OuterRef("pk")}).order_by().values(path).annotate(
        n=models.Count("pk")).values("n")
    return Coalesce(models.Subquery(counted), 0)


class ProgramQuerySet(RestrictedQuerySet):
    # Programs are center-wide; staff see those that run in one of their branches (or in all, when
    # no branch is named). CSO members and the public see none.
    def for_branch_staff(self, user):
        return self.filter(models.Q(branches__in=user.branch_ids()) | models.Q(branches__isnull=True)).distinct()

    for_trainer = for_branch_staff


class Program(models.Model):
    """A donor-funded project ("Enhancing Participatory Democracy in NES", supported by NPA)."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=255)
    description = models.TextField(_("description"), blank=True)
    donor = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("donor"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="funded_programs",
    )
    branches = models.ManyToManyField("branches.Branch", verbose_name=_("branches"), blank=True, related_name="programs")
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)

    objects = ProgramQuerySet.as_manager()

    class Meta:
        verbose_name = _("program")
        verbose_name_plural = _("programs")
        ordering = ["-start_date", "code"]

    def __str__(self):
        return self.name

    def runs_in(self, branch_id) -> bool:
        """A program naming no branch runs in every branch."""
        branches = {branch.pk for branch in self.branches.all()}
        return not branches or branch_id in branches


class Phase(models.Model):
    """A phase of a program, with its own dates and branches ("phase 3")."""

    program = models.ForeignKey(Program, verbose_name=_("program"), on_delete=models.CASCADE, related_name="phases")
    number = models.PositiveSmallIntegerField(_("phase number"))
    name = models.CharField(_("name"), max_length=255, blank=True)
    branches = models.ManyToManyField("branches.Branch", verbose_name=_("branches"), blank=True, related_name="+")
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)

    class Meta:
        verbose_name = _("phase")
        verbose_name_plural = _("phases")
        ordering = ["program", "number"]
        constraints = [models.UniqueConstraint(fields=["program", "number"], name="phase_number_unique_in_program")]

    def __str__(self):
        return _("%(program)s, phase %(number)s") % {"program": self.program, "number": self.number}

    def covers(self, start, end) -> bool:
        """Whether the days ``start``–``end`` fall inside the phase (an open end is no limit)."""
        return (not self.start_date or self.start_date <= start) and (not self.end_date or end <= self.end_date)


class Topic(models.Model):
    """A training or support topic, from a bilingual taxonomy that staff can extend."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=160)
    assessment_domain = models.SlugField(
        _("assessment domain"),
        max_length=60,
        blank=True,
        help_text=_("The needs-assessment domain whose gaps this topic addresses (e.g. finance)."),
    )

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["code"]

    def __str__(self):
        return self.name


class Kind(models.TextChoices):
    TRAINING = "training", _("Training course")
    WORKSHOP = "workshop", _("Workshop")
    COACHING = "coaching", _("Coaching engagement")
    CONSULTATION = "consultation", _("Consultation")
    TECHNICAL_SUPPORT = "technical_support", _("Technical-support session")
    NETWORKING = "networking", _("Networking event")
    LOCAL_ADMINISTRATION = "local_administration", _("Meeting with local administration")
    DIALOGUE = "dialogue", _("Dialogue session")
    ADVOCACY = "advocacy", _("Advocacy campaign")
    SPACE_USE = "space_use", _("Use of the co-working space")
    COMMUNITY_PROJECT = "community_project", _("Community project")


# Kinds whose completers receive a certificate.
CERTIFIED_KINDS = {Kind.TRAINING, Kind.WORKSHOP}
# Kinds the public may register for on the home page (issue 5).
REGISTRATION_KINDS = {Kind.TRAINING, Kind.WORKSHOP}
# Kinds that serve one organization at a time (seed 001: four days of coaching each).
ONE_ORGANIZATION_KINDS = {Kind.COACHING, Kind.CONSULTATION, Kind.TECHNICAL_SUPPORT, Kind.SPACE_USE}


class Status(models.TextChoices):
    PLANNED = "planned", _("Planned")
    ONGOING = "ongoing", _("Ongoing")
    COMPLETED = "completed", _("Completed")


class ActivityQuerySet(RestrictedQuerySet):
    # Activities a user may see. Administrators: all. Branch managers and M&E officers: their
    # branches'. Trainers: only those they facilitate (the whole activity or one of its sessions).
    # CSO members: those their organization was served by or took part in.
    def for_trainer(self, user):
        if not user.person_id:
            return self.none()
        return self.filter(
            models.Q(facilitators=user.person_id) | models.Q(sessions__facilitator=user.person_id),
            branch_id__in=user.branch_ids(),
        ).distinct()

    def for_branch_staff(self, user):
        return self.filter(branch_id__in=user.branch_ids())

    def for_cso_member(self, user):
        if not user.organization_id:
            return self.none()
        return self.filter(
            models.Q(target_organizations=user.organization_id)
            | models.Q(participations__organization_id=user.organization_id)
        ).distinct()

    def with_participant_count(self, user):
        """``participant_count``: the participations in each activity that ``user`` may see (a CSO member:
        their organization's only)."""
        return self.annotate(participant_count=_count_of(Participation.objects.visible_to(user), "activity"))

    def completed(self):
        return self.filter(status=Status.COMPLETED)

    def upcoming(self):
        return self.exclude(status=Status.COMPLETED)

    def registration_open(self, today=None):
        """Planned trainings and workshops open for public registration: they start after today and
        their registration deadline, if any, has not passed."""
        today = today or timezone.localdate()
        return self.filter(
            kind__in=REGISTRATION_KINDS, status=Status.PLANNED, open_for_registration=True, start_date__gt=today,
        ).exclude(registration_deadline__lt=today)

    def between(self, start, end):
        """Activities that overlap the period [start, end]."""
        return self.filter(start_date__lte=end, end_date__gte=start)

    def search(self, text: str):
        qs = self
        for word in search_terms(text):
            qs = qs.filter(search_key__contains=word)
        return qs


class Activity(models.Model):
    """One entry in the ledger: a training, workshop, coaching engagement, consultation…"""

    kind = models.CharField(_("kind"), max_length=24, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=255)
    description = models.TextField(_("description"), blank=True)
    program = models.ForeignKey(
        Program, verbose_name=_("program"), on_delete=models.PROTECT, related_name="activities"
    )
    phase = models.ForeignKey(
        Phase, verbose_name=_("phase"), on_delete=models.PROTECT, null=True, blank=True, related_name="activities"
    )
    branch = models.ForeignKey(
        "branches.Branch", verbose_name=_("branch"), on_delete=models.PROTECT, related_name="activities"
    )
    place = models.ForeignKey(
        "places.Place", verbose_name=_("place"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.PLANNED)
    open_for_registration = models.BooleanField(
        _("open for registration"), default=False,
        help_text=_("A planned training or workshop shown on the public site, where anyone may ask to take part."),
    )
    registration_deadline = models.DateField(
        _("registration deadline"), null=True, blank=True, help_text=_("The last day the public may register."),
    )
    topics = models.ManyToManyField(Topic, verbose_name=_("topics"), blank=True, related_name="activities")
    facilitators = models.ManyToManyField(
        "people.Person", verbose_name=_("facilitators"), blank=True, related_name="facilitated_activities"
    )
    target_organizations = models.ManyToManyField(
        "organizations.Organization",
        verbose_name=_("organizations served"),
        blank=True,
        related_name="served_by_activities",
    )
    goals = models.TextField(_("goals"), blank=True, help_text=_("For coaching: what the organization will achieve."))
    deliverable = models.FileField(
        _("deliverable"),
        upload_to="deliverables/%Y/",
        blank=True,
        help_text=_("For coaching: the document produced (e.g. the strategic plan)."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    search_key = models.GeneratedField(
        expression=search_key_expression("title_ar", "title_en"),
        output_field=models.CharField(max_length=520),
        db_persist=True,
    )

    # Change history is registered in translation.py, after modeltranslation adds title_ar/title_en.
    objects = ActivityQuerySet.as_manager()

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["-start_date", "pk"]
        indexes = [models.Index(fields=["branch", "start_date"]), models.Index(fields=["kind", "status"])]
        constraints = [
            models.CheckConstraint(condition=models.Q(end_date__gte=models.F("start_date")), name="activity_ends_after_start")
        ]

    def __str__(self):
        return self.title

    def clean(self):
        """What the web form, the API and the import all rely on, in the user's language (run by
        ``full_clean``; on ``end_date`` so the database constraint's generic message never shows)."""
        errors = {}
        if not self.title_ar and not self.title_en:
            errors["title_ar"] = _("Give the activity's title in Arabic or English.")
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("The end date cannot be before the start date.")
        if self.phase_id and self.program_id and self.phase.program_id != self.program_id:
            errors["phase"] = _("This phase belongs to another program.")
        elif self.phase_id and self.start_date and self.end_date and not self.phase.covers(self.start_date, self.end_date):
            errors["phase"] = _("The activity's dates fall outside this phase (%(start)s – %(end)s).") % {
                "start": self.phase.start_date or "…", "end": self.phase.end_date or "…"}
        if self.open_for_registration and self.kind not in REGISTRATION_KINDS:
            errors["open_for_registration"] = _("Only trainings and workshops take registrations from the public.")
        if self.registration_deadline and self.start_date and self.registration_deadline > self.start_date:
            errors["registration_deadline"] = _("The registration deadline cannot be after the start date.")
        if errors:
            raise ValidationError(errors)

    def check_program_branch(self) -> None:
        """A program that names its branches takes activities of those branches only. The activity form
        and the API ask this; it joins ``clean`` once the consultations demo stops recording every
        branch's consultations under the newest program (today Aleppo's only)."""
        if self.program_id and self.branch_id and not self.program.runs_in(self.branch_id):
            raise ValidationError({"program": _("This program does not run in the activity's branch.")})

    @property
    def is_certified(self) -> bool:
        return self.kind in CERTIFIED_KINDS

    def covers(self, day) -> bool:
        return self.start_date <= day <= self.end_date

    def organizations_served_visible_to(self, user):
        """The organizations this activity served that ``user`` may see (a CSO member: their own only)."""
        from madani.organizations.models import Organization

        return Organization.objects.visible_to(user).filter(served_by_activities=self)


class SessionQuerySet(RestrictedQuerySet):
    def _of_visible_activities(self, user):
        return self.filter(activity__in=Activity.objects.visible_to(user))

    for_trainer = for_branch_staff = for_cso_member = _of_visible_activities

    def with_present_count(self, user):
        """``present``: how many people ``user`` may see were present (a CSO member: their organization's)."""
        return self.annotate(present=_count_of(Attendance.objects.visible_to(user), "session"))


class Session(models.Model):
    """One day or slot of an activity, with its own place and facilitator."""

    activity = models.ForeignKey(Activity, verbose_name=_("activity"), on_delete=models.CASCADE, related_name="sessions")
    date = models.DateField(_("date"))
    start_time = models.TimeField(_("starts"), null=True, blank=True)
    end_time = models.TimeField(_("ends"), null=True, blank=True)
    place = models.ForeignKey(
        "places.Place", verbose_name=_("place"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    facilitator = models.ForeignKey(
        "people.Person",
        verbose_name=_("facilitator"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="facilitated_sessions",
    )
    topic = models.CharField(_("topic"), max_length=255, blank=True)
    outcome = models.TextField(_("outcome"), blank=True)

    objects = SessionQuerySet.as_manager()

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["date", "start_time", "pk"]

    def __str__(self):
        return f"{self.activity} — {self.date:%Y-%m-%d}"


class ParticipationQuerySet(RestrictedQuerySet):
    # Participations in the activities a user may see; CSO members only their organization's.
    def for_branch_staff(self, user):
        return self.filter(activity__in=Activity.objects.visible_to(user))

    for_trainer = for_branch_staff

    def for_cso_member(self, user):
        if not user.organization_id:
            return self.none()
        return self.for_branch_staff(user).filter(organization_id=user.organization_id)

    def completed(self):
        return self.filter(completed=True)


class Source(models.TextChoices):
    MANUAL = "manual", _("Entered by staff")
    SHEET = "sheet", _("Attendance sheet")
    IMPORT = "import", _("Imported")
    API = "api", _("API")
    REGISTRATION = "online", _("Registered on the public site")


class Participation(models.Model):
    """A person in an activity, representing an organization; completed or not."""

    activity = models.ForeignKey(
        Activity, verbose_name=_("activity"), on_delete=models.CASCADE, related_name="participations"
    )
    person = models.ForeignKey(
        "people.Person", verbose_name=_("person"), on_delete=models.PROTECT, related_name="participations"
    )
    organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("representing"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="participations",
    )
    completed = models.BooleanField(_("completed"), default=False)
    source = models.CharField(_("source"), max_length=8, choices=Source.choices, default=Source.MANUAL)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    history = HistoricalRecords()
    objects = ParticipationQuerySet.as_manager()

    class Meta:
        verbose_name = _("participation")
        verbose_name_plural = _("participations")
        ordering = ["person__full_name", "pk"]
        constraints = [models.UniqueConstraint(fields=["activity", "person"], name="one_participation_per_person")]

    def __str__(self):
        return f"{self.person} — {self.activity}"


class AttendanceQuerySet(RestrictedQuerySet):
    # Attendance at the sessions of the activities a user may see; CSO members only that of the people
    # who represent their organization in the activity.
    def for_branch_staff(self, user):
        return self.filter(session__activity__in=Activity.objects.visible_to(user))

    for_trainer = for_branch_staff

    def for_cso_member(self, user):
        if not user.organization_id:
            return self.none()
        return self.for_branch_staff(user).filter(models.Exists(Participation.objects.filter(
            activity=models.OuterRef("session__activity"), person=models.OuterRef("person"),
            organization_id=user.organization_id)))


class Attendance(models.Model):
    """A person present at a session."""

    session = models.ForeignKey(Session, verbose_name=_("session"), on_delete=models.CASCADE, related_name="attendance")
    person = models.ForeignKey(
        "people.Person", verbose_name=_("person"), on_delete=models.PROTECT, related_name="attendance"
    )
    source = models.CharField(_("source"), max_length=8, choices=Source.choices, default=Source.MANUAL)

    objects = AttendanceQuerySet.as_manager()

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [models.UniqueConstraint(fields=["session", "person"], name="one_attendance_per_session")]

    def __str__(self):
        return f"{self.person} @ {self.session}"


class ImportMapping(models.Model):
    """How the columns of an exported sheet (KoboToolbox, ODK…) map to the import's fields, remembered
    by the sheet's header signature so that the next export of the same form imports without asking.
    Center-wide: a mapping holds column names only, and one form is usually shared by every branch."""

    signature = models.CharField(_("header signature"), max_length=64, unique=True)
    headers = models.JSONField(_("headers"), default=list)
    mapping = models.JSONField(_("mapping"), default=dict, help_text=_("Normalized header → field."))
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("updated by"), on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("import column mapping")
        verbose_name_plural = _("import column mappings")

    def __str__(self):
        return ", ".join(self.headers[:4])
