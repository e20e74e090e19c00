"""Local elections (issue 16): promoting participation and monitoring the vote, observers kept safe.

An **election** (planning → campaign → polling → counting → results published → archived) of a body (a
local council) in a place, with its seats and the organizations taking part. Its **polling centers** have a
place (never shown publicly finer than the sub-district) and a private description of where they are.
**Observers** are people of the registry assigned to centers. **Checklists** (one per observer, center and
phase) arrive as ODK submissions of the shipped XLSForms and are verified with quality checks; two observers
disagreeing at one center are a **conflict**. **Incidents** (reported → verified → escalated → resolved |
rejected) are created once per ``instanceID``. **Turnout counts** per center and time slot; **results** per
center are entered twice, by two different people, and reconciled before they can be published."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from madani.core.querysets import RestrictedQuerySet
from madani.places.models import Level


class Status(models.TextChoices):
    PLANNING = "planning", _("Planning")
    CAMPAIGN = "campaign", _("Campaign")
    POLLING = "polling", _("Polling")
    COUNTING = "counting", _("Counting")
    PUBLISHED = "published", _("Results published")
    ARCHIVED = "archived", _("Archived")


class Body(models.TextChoices):
    LOCAL_COUNCIL = "local_council", _("local council")
    MUNICIPAL_COUNCIL = "municipal_council", _("municipal council")
    OTHER = "other", _("other elected body")


class ElectionQuerySet(RestrictedQuerySet):
    def for_branch_staff(self, user):
        return self.filter(branch_id__in=user.branch_ids())

    def published(self):
        return self.filter(status__in=[Status.PUBLISHED, Status.ARCHIVED])


class OfElectionQuerySet(RestrictedQuerySet):
    """Rows of an election: visible to the staff of the election's branch."""

    def for_branch_staff(self, user):
        return self.filter(election__branch_id__in=user.branch_ids())


class Election(models.Model):
    title_ar = models.CharField(_("title (Arabic)"), max_length=255)
    title_en = models.CharField(_("title (English)"), max_length=255, blank=True)
    body = models.CharField(_("body elected"), max_length=20, choices=Body.choices, default=Body.LOCAL_COUNCIL)
    branch = models.ForeignKey("branches.Branch", verbose_name=_("branch"), on_delete=models.PROTECT,
                               related_name="elections")
    place = models.ForeignKey("places.Place", verbose_name=_("place"), on_delete=models.PROTECT, related_name="+")
    town_ar = models.CharField(_("town (Arabic)"), max_length=120, blank=True,
                               help_text=_("The town or village whose council is elected."))
    town_en = models.CharField(_("town (English)"), max_length=120, blank=True)
    date = models.DateField(_("election day"))
    seats = models.PositiveSmallIntegerField(_("seats"))
    organizations = models.ManyToManyField("organizations.Organization", verbose_name=_("organizations taking part"),
                                           blank=True, related_name="elections")
    network = models.ForeignKey("organizations.Organization", verbose_name=_("network"), on_delete=models.PROTECT,
                                null=True, blank=True, related_name="network_elections",
                                help_text=_("The network whose members supply the observers."))
    program = models.ForeignKey("activities.Program", verbose_name=_("program"), on_delete=models.PROTECT,
                                related_name="elections", help_text=_("The program the campaign's activities are recorded under."))
    coordinator = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("coordinator"), on_delete=models.SET_NULL,
                                    null=True, blank=True, related_name="coordinated_elections",
                                    help_text=_("Alerted at once when an observer is unsafe or leaving."))
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.PLANNING)
    published_at = models.DateTimeField(_("results published"), null=True, blank=True)
    history = HistoricalRecords()

    objects = ElectionQuerySet.as_manager()

    class Meta:
        verbose_name = _("election")
        verbose_name_plural = _("elections")
        ordering = ["-date", "-pk"]

    def __str__(self):
        from django.utils.translation import get_language

        return (self.title_en if get_language() == "en" and self.title_en else self.title_ar)

    @property
    def is_published(self):
        return self.status in (Status.PUBLISHED, Status.ARCHIVED)


def public_place(place):
    """The place a public output may name: the sub-district holding ``place`` (or ``place`` itself when it
    is a district or a governorate)."""
    node = place
    while node is not None and node.level == Level.COMMUNITY:
        node = node.parent
    return node


class PollingCenter(models.Model):
    election = models.ForeignKey(Election, verbose_name=_("election"), on_delete=models.CASCADE,
                                 related_name="centers")
    code = models.CharField(_("code"), max_length=20, help_text=_("What observers type into their forms, e.g. C1."))
    name = models.CharField(_("name"), max_length=200)
    place = models.ForeignKey("places.Place", verbose_name=_("place"), on_delete=models.PROTECT, related_name="+")
    location = models.CharField(_("exact location"), max_length=255, blank=True,
                                help_text=_("Where the center is (building, street). Never shown publicly."))
    registered_voters = models.PositiveIntegerField(_("registered voters"), null=True, blank=True)
    stations = models.PositiveSmallIntegerField(_("polling stations"), default=1)

    objects = OfElectionQuerySet.as_manager()

    class Meta:
        verbose_name = _("polling center")
        verbose_name_plural = _("polling centers")
        ordering = ["election", "code"]
        constraints = [models.UniqueConstraint(fields=["election", "code"], name="one_center_code_per_election")]

    def __str__(self):
        return f"{self.code} — {self.name}"


class Observer(models.Model):
    """A person of the registry trained (the observer training is a ledger activity), accredited and assigned
    to a center. Their name never appears in a public output or a donor's export."""

    election = models.ForeignKey(Election, verbose_name=_("election"), on_delete=models.CASCADE,
                                 related_name="observers")
    person = models.ForeignKey("people.Person", verbose_name=_("person"), on_delete=models.PROTECT,
                               related_name="election_observations")
    organization = models.ForeignKey("organizations.Organization", verbose_name=_("member organization"),
                                     on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    code = models.CharField(_("observer code"), max_length=20)
    center = models.ForeignKey(PollingCenter, verbose_name=_("polling center"), on_delete=models.PROTECT,
                               null=True, blank=True, related_name="observers")
    accreditation = models.CharField(_("accreditation number"), max_length=60, blank=True)
    accredited_on = models.DateField(_("accredited on"), null=True, blank=True)
    training = models.ForeignKey("activities.Activity", verbose_name=_("observer training"), on_delete=models.SET_NULL,
                                 null=True, blank=True, related_name="+")
    unsafe_since = models.DateTimeField(_("reported unsafe or leaving"), null=True, blank=True)

    objects = OfElectionQuerySet.as_manager()

    class Meta:
        verbose_name = _("observer")
        verbose_name_plural = _("observers")
        ordering = ["election", "code"]
        constraints = [
            models.UniqueConstraint(fields=["election", "code"], name="one_observer_code_per_election"),
            models.UniqueConstraint(fields=["election", "person"], name="one_assignment_per_person_per_election"),
        ]

    def __str__(self):
        return self.code

    @property
    def is_accredited(self):
        return bool(self.accreditation)


class Phase(models.TextChoices):
    OPENING = "opening", _("Opening")
    MIDDAY = "midday", _("Mid-day")
    CLOSING = "closing", _("Closing")
    COUNTING = "counting", _("Counting")


class FormRole(models.TextChoices):
    OPENING = "opening", _("Opening procedures")
    WOMEN = "women_access", _("Women's access")
    SECRECY = "secrecy", _("Secrecy of the vote")
    ARMED = "armed_presence", _("Presence of armed people")
    COUNTING = "counting", _("Counting procedures")
    INCIDENT = "incident", _("Incident report")


class ElectionForm(models.Model):
    """One of the shipped XLSForms, loaded as a survey of the election's branch (served by the OpenRosa
    server and the web form); its submissions become checklists or incidents."""

    election = models.ForeignKey(Election, verbose_name=_("election"), on_delete=models.CASCADE, related_name="forms")
    role = models.CharField(_("form"), max_length=20, choices=FormRole.choices)
    phase = models.CharField(_("phase"), max_length=12, choices=Phase.choices, blank=True)
    questionnaire = models.OneToOneField("assessments.Questionnaire", verbose_name=_("questionnaire"),
                                         on_delete=models.PROTECT, related_name="election_form")

    objects = OfElectionQuerySet.as_manager()

    class Meta:
        verbose_name = _("election form")
        verbose_name_plural = _("election forms")
        constraints = [models.UniqueConstraint(fields=["election", "role"], name="one_form_per_role_per_election")]

    def __str__(self):
        return self.get_role_display()


class Verification(models.TextChoices):
    UNVERIFIED = "unverified", _("Unverified")
    VERIFIED = "verified", _("Verified")
    REJECTED = "rejected", _("Rejected")


class Checklist(models.Model):
    """One observer's checklist for one center and phase (from an ODK submission, or recorded by staff),
    with the figures the quality checks read and the problems they found."""

    election = models.ForeignKey(Election, verbose_name=_("election"), on_delete=models.CASCADE,
                                 related_name="checklists")
    form = models.CharField(_("form"), max_length=20, choices=FormRole.choices)
    phase = models.CharField(_("phase"), max_length=12, choices=Phase.choices)
    center = models.ForeignKey(PollingCenter, verbose_name=_("polling center"), on_delete=models.PROTECT,
                               related_name="checklists")
    observer = models.ForeignKey(Observer, verbose_name=_("observer"), on_delete=models.PROTECT, null=True,
                                 blank=True, related_name="checklists")
    instance_id = models.CharField(_("instance ID"), max_length=255, unique=True)
    submission = models.OneToOneField("collect.Submission", verbose_name=_("submission"), on_delete=models.SET_NULL,
                                      null=True, blank=True, related_name="election_checklist")
    answers = models.JSONField(_("answers"), default=dict, blank=True)
    voters = models.PositiveIntegerField(_("voters"), null=True, blank=True)
    women_voters = models.PositiveIntegerField(_("women voters"), null=True, blank=True)
    ballots = models.PositiveIntegerField(_("ballots in the box"), null=True, blank=True)
    valid = models.PositiveIntegerField(_("valid ballots"), null=True, blank=True)
    invalid = models.PositiveIntegerField(_("invalid ballots"), null=True, blank=True)
    blank = models.PositiveIntegerField(_("blank ballots"), null=True, blank=True)
    problems = models.JSONField(_("quality problems"), default=list, blank=True)
    conflict = models.BooleanField(_("conflicts with another observer"), default=False)
    status = models.CharField(_("verification"), max_length=12, choices=Verification.choices,
                              default=Verification.UNVERIFIED)
    verified_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("verified by"), on_delete=models.SET_NULL,
                                    null=True, blank=True, related_name="+")
    note = models.TextField(_("verification note"), blank=True)
    received_at = models.DateTimeField(_("received"), auto_now_add=True)
    history = HistoricalRecords()

    objects = OfElectionQuerySet.as_manager()

    class Meta:
        verbose_name = _("checklist")
        verbose_name_plural = _("checklists")
        ordering = ["election", "center", "phase", "pk"]

    def __str__(self):
        return f"{self.get_form_display()} — {self.center.code}"


class Category(models.TextChoices):
    INTIMIDATION = "intimidation", _("Intimidation or pressure on voters")
    ARMED = "armed_presence", _("Armed people at or near the center")
    WOMEN_BLOCKED = "women_blocked", _("Women prevented from voting")
    SECRECY = "secrecy", _("Secrecy of the vote breached")
    VOTE_BUYING = "vote_buying", _("Vote buying")
    PROCEDURE = "procedure", _("Procedures not followed")
    MATERIALS = "materials", _("Missing or tampered materials")
    VIOLENCE = "violence", _("Violence")
    OBSERVER_SAFETY = "observer_safety", _("Observer unsafe or leaving")
    OTHER = "other", _("Other")


class Severity(models.TextChoices):
    LOW = "low", _("Low")
    MEDIUM = "medium", _("Medium")
    HIGH = "high", _("High")
    CRITICAL = "critical", _("Critical")


class IncidentStatus(models.TextChoices):
    REPORTED = "reported", _("Reported")
    VERIFIED = "verified", _("Verified")
    ESCALATED = "escalated", _("Escalated")
    RESOLVED = "resolved", _("Resolved")
    REJECTED = "rejected", _("Rejected")


class Incident(models.Model):
    election = models.ForeignKey(Election, verbose_name=_("election"), on_delete=models.CASCADE,
                                 related_name="incidents")
    instance_id = models.CharField(_("instance ID"), max_length=255, unique=True,
                                   help_text=_("The report's identity: the same report sent again is the same incident."))
    submission = models.OneToOneField("collect.Submission", verbose_name=_("submission"), on_delete=models.SET_NULL,
                                      null=True, blank=True, related_name="election_incident")
    center = models.ForeignKey(PollingCenter, verbose_name=_("polling center"), on_delete=models.PROTECT, null=True,
                               blank=True, related_name="incidents")
    place = models.ForeignKey("places.Place", verbose_name=_("place"), on_delete=models.PROTECT, related_name="+")
    observer = models.ForeignKey(Observer, verbose_name=_("observer"), on_delete=models.PROTECT, null=True,
                                 blank=True, related_name="incidents")
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    severity = models.CharField(_("severity"), max_length=10, choices=Severity.choices, default=Severity.MEDIUM)
    occurred_at = models.DateTimeField(_("when"))
    description = models.TextField(_("what happened"), blank=True)
    status = models.CharField(_("status"), max_length=12, choices=IncidentStatus.choices,
                              default=IncidentStatus.REPORTED)
    alerted_at = models.DateTimeField(_("coordinator alerted"), null=True, blank=True)
    reported_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("reported by"), on_delete=models.SET_NULL,
                                    null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(_("received"), auto_now_add=True)
    history = HistoricalRecords()

    objects = OfElectionQuerySet.as_manager()

    class Meta:
        verbose_name = _("incident")
        verbose_name_plural = _("incidents")
        ordering = ["-occurred_at", "-pk"]

    def __str__(self):
        return f"{self.get_category_display()} ({self.get_severity_display()})"

    @property
    def observer_unsafe(self):
        return self.category == Category.OBSERVER_SAFETY


class TurnoutCount(models.Model):
    election = models.ForeignKey(Election, verbose_name=_("election"), on_delete=models.CASCADE,
                                 related_name="turnout_counts")
    center = models.ForeignKey(PollingCenter, verbose_name=_("polling center"), on_delete=models.CASCADE,
                               related_name="turnout_counts")
    slot = models.TimeField(_("time"))
    voters = models.PositiveIntegerField(_("voters so far"))
    women_voters = models.PositiveIntegerField(_("women voters so far"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), on_delete=models.SET_NULL,
                                    null=True, blank=True, related_name="+")

    objects = OfElectionQuerySet.as_manager()

    class Meta:
        verbose_name = _("turnout count")
        verbose_name_plural = _("turnout counts")
        ordering = ["election", "center", "slot"]
        constraints = [models.UniqueConstraint(fields=["center", "slot"], name="one_turnout_count_per_slot")]


class Gender(models.TextChoices):
    FEMALE = "female", _("Female")
    MALE = "male", _("Male")


class Candidate(models.Model):
    election = models.ForeignKey(Election, verbose_name=_("election"), on_delete=models.CASCADE,
                                 related_name="candidates")
    name = models.CharField(_("name"), max_length=200)
    gender = models.CharField(_("gender"), max_length=8, choices=Gender.choices)
    elected = models.BooleanField(_("elected"), default=False)
    votes = models.PositiveIntegerField(_("votes"), default=0)

    objects = OfElectionQuerySet.as_manager()

    class Meta:
        verbose_name = _("candidate")
        verbose_name_plural = _("candidates")
        ordering = ["election", "-votes", "name"]

    def __str__(self):
        return self.name


class ResultStatus(models.TextChoices):
    AWAITING = "awaiting", _("Awaiting the second entry")
    DIFFER = "differ", _("The two entries differ")
    RECONCILED = "reconciled", _("Reconciled")


class CenterResult(models.Model):
    """A center's result: two entries by two different people; the figures agreed once they match (or a
    third person reconciles them)."""

    election = models.ForeignKey(Election, verbose_name=_("election"), on_delete=models.CASCADE,
                                 related_name="results")
    center = models.OneToOneField(PollingCenter, verbose_name=_("polling center"), on_delete=models.CASCADE,
                                  related_name="result")
    status = models.CharField(_("status"), max_length=12, choices=ResultStatus.choices, default=ResultStatus.AWAITING)
    voters = models.PositiveIntegerField(_("voters"), null=True, blank=True)
    women_voters = models.PositiveIntegerField(_("women voters"), null=True, blank=True)
    ballots = models.PositiveIntegerField(_("ballots"), null=True, blank=True)
    valid = models.PositiveIntegerField(_("valid ballots"), null=True, blank=True)
    invalid = models.PositiveIntegerField(_("invalid ballots"), null=True, blank=True)
    blank = models.PositiveIntegerField(_("blank ballots"), null=True, blank=True)
    votes = models.JSONField(_("votes per candidate"), default=dict, blank=True)
    reconciled_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("reconciled by"),
                                      on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    history = HistoricalRecords()

    objects = OfElectionQuerySet.as_manager()

    class Meta:
        verbose_name = _("center result")
        verbose_name_plural = _("center results")
        ordering = ["election", "center__code"]


class ResultEntry(models.Model):
    result = models.ForeignKey(CenterResult, verbose_name=_("result"), on_delete=models.CASCADE,
                               related_name="entries")
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("entered by"), on_delete=models.PROTECT,
                                   related_name="+")
    voters = models.PositiveIntegerField(_("voters"))
    women_voters = models.PositiveIntegerField(_("women voters"))
    ballots = models.PositiveIntegerField(_("ballots"))
    valid = models.PositiveIntegerField(_("valid ballots"))
    invalid = models.PositiveIntegerField(_("invalid ballots"))
    blank = models.PositiveIntegerField(_("blank ballots"))
    votes = models.JSONField(_("votes per candidate"), default=dict, blank=True)
    entered_at = models.DateTimeField(_("entered"), auto_now_add=True)

    class Meta:
        verbose_name = _("result entry")
        verbose_name_plural = _("result entries")
        ordering = ["result", "pk"]
        constraints = [models.UniqueConstraint(fields=["result", "entered_by"], name="one_entry_per_person_per_result")]

    FIGURES = ("voters", "women_voters", "ballots", "valid", "invalid", "blank")

    def figures(self) -> dict:
        return {**{name: getattr(self, name) for name in self.FIGURES}, "votes": {str(k): v for k, v in self.votes.items()}}


class PromotionKind(models.TextChoices):
    AWARENESS = "awareness", _("Awareness session")
    VOTER_CARDS = "voter_cards", _("Voter-card drive")
    LEAFLETS = "leaflets", _("Leaflet distribution")
    TRAINING = "observer_training", _("Observer training")


class PromotionActivity(models.Model):
    """The campaign's activity in the ledger (so it counts in the indicators and donor reports)."""

    election = models.ForeignKey(Election, verbose_name=_("election"), on_delete=models.CASCADE,
                                 related_name="promotion")
    kind = models.CharField(_("kind"), max_length=20, choices=PromotionKind.choices)
    activity = models.OneToOneField("activities.Activity", verbose_name=_("activity"), on_delete=models.PROTECT,
                                    related_name="election_promotion")
    leaflets = models.PositiveIntegerField(_("leaflets distributed"), default=0)

    objects = OfElectionQuerySet.as_manager()

    class Meta:
        verbose_name = _("campaign activity")
        verbose_name_plural = _("campaign activities")
        ordering = ["election", "activity__start_date"]
