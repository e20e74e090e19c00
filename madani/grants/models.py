"""Small grants (issue 14): a call → applications with budget lines → conflict declarations and rubric
scores → a decision → an award paid in tranches against approved reports → close-out. The funded
community project is recorded in the activity ledger (kind "community project"), so its figures flow
into the indicators, the dashboard, donor reports, 3W and IATI like every other service."""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from madani.core.querysets import RestrictedQuerySet
from madani.organizations.models import IncubationStage

ZERO = Decimal("0")
MONEY = {"max_digits": 14, "decimal_places": 2}


class Currency(models.TextChoices):
    SYP = "SYP", _("Syrian pound (SYP)")
    USD = "USD", _("US dollar (USD)")
    TRY = "TRY", _("Turkish lira (TRY)")


# Incubation stages in order: a call's minimum stage admits that stage and the later ones.
STAGE_ORDER = [IncubationStage.NONE, IncubationStage.APPLICANT, IncubationStage.INCUBATED, IncubationStage.GRADUATED]


class CallStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")
    REVIEWING = "reviewing", _("Reviewing")
    DECIDED = "decided", _("Decided")


class CallQuerySet(RestrictedQuerySet):
    # Staff (trainers too: they sit on panels): the calls of their branches and center-wide ones.
    # CSO members: every call once it is no longer a draft. The public: open calls.
    def for_anonymous(self):
        return self.filter(status=CallStatus.OPEN)

    def for_branch_staff(self, user):
        return self.filter(models.Q(branches__in=user.branch_ids()) | models.Q(branches__isnull=True)).distinct()

    for_trainer = for_branch_staff

    def for_cso_member(self, user):
        return self.exclude(status=CallStatus.DRAFT)

    def open(self):
        return self.filter(status=CallStatus.OPEN)


class Call(models.Model):
    """A call for proposals ("Father Paolo grant for community projects, 2019"): who may apply, how much,
    until when, and how the panel scores."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    title = models.CharField(_("title"), max_length=255)
    description = models.TextField(_("description"), blank=True)
    program = models.ForeignKey("activities.Program", verbose_name=_("program"), on_delete=models.PROTECT,
                                related_name="grant_calls")
    branches = models.ManyToManyField("branches.Branch", verbose_name=_("branches"), blank=True, related_name="+",
                                      help_text=_("The branches whose organizations may apply (none: every branch)."))
    status = models.CharField(_("status"), max_length=12, choices=CallStatus.choices, default=CallStatus.DRAFT)
    currency = models.CharField(_("currency"), max_length=3, choices=Currency.choices, default=Currency.USD)
    ceiling = models.DecimalField(_("most per application"), **MONEY, validators=[MinValueValidator(Decimal("0.01"))])
    deadline = models.DateField(_("deadline"))
    incubated_only = models.BooleanField(_("only organizations in the incubation program"), default=True)
    minimum_stage = models.CharField(_("minimum incubation stage"), max_length=20, choices=IncubationStage.choices,
                                     default=IncubationStage.INCUBATED)
    places = models.ManyToManyField("places.Place", verbose_name=_("places"), blank=True, related_name="+",
                                    help_text=_("Where the organization must be based or work (none: anywhere)."))
    panel = models.ManyToManyField(settings.AUTH_USER_MODEL, verbose_name=_("review panel"), blank=True,
                                   related_name="grant_panels")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = CallQuerySet.as_manager()

    class Meta:
        verbose_name = _("call for proposals")
        verbose_name_plural = _("calls for proposals")
        ordering = ["-deadline", "pk"]

    def __str__(self):
        return self.title

    @property
    def is_open(self) -> bool:
        return self.status == CallStatus.OPEN and self.deadline >= timezone.localdate()


class Criterion(models.Model):
    """One line of the call's rubric, scored 0–5 (or n/a) by each panel member."""

    call = models.ForeignKey(Call, verbose_name=_("call"), on_delete=models.CASCADE, related_name="criteria")
    name = models.CharField(_("criterion"), max_length=200)
    weight = models.PositiveSmallIntegerField(_("weight"), default=1, validators=[MinValueValidator(1)])
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        ordering = ["call", "order", "pk"]

    def __str__(self):
        return self.name


class ApplicationStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted: eligibility check")
    INELIGIBLE = "ineligible", _("Ineligible")
    IN_REVIEW = "in_review", _("In review")
    MORE_INFO = "more_info", _("More information requested")
    AWARDED = "awarded", _("Awarded")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class ApplicationSource(models.TextChoices):
    STAFF = "staff", _("Entered by staff")
    PORTAL = "portal", _("CSO portal")


def _declared_no_conflict(user):
    return Review.objects.filter(application=models.OuterRef("pk"), reviewer=user, conflict=False)


class ApplicationQuerySet(RestrictedQuerySet):
    # Branch managers and M&E officers: their branches' applications. Trainers (panel members): the
    # applications they were assigned and declared no conflict on. CSO members: their organization's.
    # Whoever is assigned to review an application opens it only after declaring no conflict.
    def visible_to(self, user):
        visible = super().visible_to(user)
        if user is None or not user.is_authenticated:
            return visible
        pending = Review.objects.filter(application=models.OuterRef("pk"), reviewer=user).exclude(conflict=False)
        return visible.exclude(models.Exists(pending))

    def for_branch_staff(self, user):
        return self.filter(models.Q(branch_id__in=user.branch_ids()) | models.Exists(_declared_no_conflict(user)))

    def for_trainer(self, user):
        return self.filter(models.Exists(_declared_no_conflict(user)))

    def for_cso_member(self, user):
        return self.filter(organization_id=user.organization_id) if user.organization_id else self.none()


class Application(models.Model):
    """A CSO's proposal to a call, with its budget lines and attachments."""

    call = models.ForeignKey(Call, verbose_name=_("call"), on_delete=models.PROTECT, related_name="applications")
    organization = models.ForeignKey("organizations.Organization", verbose_name=_("organization"),
                                     on_delete=models.PROTECT, related_name="grant_applications")
    branch = models.ForeignKey("branches.Branch", verbose_name=_("branch"), on_delete=models.PROTECT,
                               related_name="grant_applications")
    status = models.CharField(_("status"), max_length=12, choices=ApplicationStatus.choices,
                              default=ApplicationStatus.DRAFT)
    source = models.CharField(_("source"), max_length=8, choices=ApplicationSource.choices,
                              default=ApplicationSource.STAFF)
    title = models.CharField(_("project title"), max_length=255)
    need = models.TextField(_("community need"))
    plan = models.TextField(_("plan"), blank=True)
    places = models.ManyToManyField("places.Place", verbose_name=_("places served"), blank=True, related_name="+")
    beneficiaries_female = models.PositiveIntegerField(_("expected beneficiaries: women and girls"), default=0)
    beneficiaries_male = models.PositiveIntegerField(_("expected beneficiaries: men and boys"), default=0)
    start_date = models.DateField(_("planned start"), null=True, blank=True)
    end_date = models.DateField(_("planned end"), null=True, blank=True)
    requested_amount = models.DecimalField(_("requested amount"), **MONEY, validators=[MinValueValidator(ZERO)])
    currency = models.CharField(_("currency"), max_length=3, choices=Currency.choices)
    coach = models.ForeignKey("people.Person", verbose_name=_("trainer who supported the proposal"),
                              on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    coaching_activity = models.OneToOneField("activities.Activity", verbose_name=_("proposal coaching"),
                                             on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    eligibility_note = models.TextField(_("eligibility note"), blank=True)
    info_request = models.TextField(_("information requested"), blank=True)
    decision_reasons = models.TextField(_("reasons for the decision"), blank=True)
    decided_at = models.DateField(_("decided on"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("entered by"), on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    history = HistoricalRecords(m2m_fields=["places"])
    objects = ApplicationQuerySet.as_manager()

    class Meta:
        verbose_name = _("grant application")
        verbose_name_plural = _("grant applications")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["branch", "status"])]

    def __str__(self):
        return self.title

    def budget_total(self) -> Decimal:
        return sum((line.grant_share for line in self.budget_lines.all()), ZERO)

    @property
    def is_editable(self) -> bool:
        return self.status in (ApplicationStatus.DRAFT, ApplicationStatus.MORE_INFO)


class BudgetCategory(models.TextChoices):
    STAFF = "staff", _("Staff and volunteers")
    MATERIALS = "materials", _("Materials and supplies")
    EQUIPMENT = "equipment", _("Equipment")
    SERVICES = "services", _("Services and repairs")
    TRANSPORT = "transport", _("Transport")
    VENUE = "venue", _("Venue and rent")
    COMMUNICATION = "communication", _("Communication and printing")
    OTHER = "other", _("Other")


class BudgetLine(models.Model):
    """One line of an application's budget: quantity × unit cost, less what others fund (co-funding) —
    the rest is asked of the grant. The grant's shares add up to the requested amount."""

    application = models.ForeignKey(Application, verbose_name=_("application"), on_delete=models.CASCADE,
                                    related_name="budget_lines")
    category = models.CharField(_("category"), max_length=16, choices=BudgetCategory.choices)
    description = models.CharField(_("description"), max_length=255)
    quantity = models.DecimalField(_("quantity"), max_digits=10, decimal_places=2,
                                   validators=[MinValueValidator(Decimal("0.01"))])
    unit_cost = models.DecimalField(_("unit cost"), **MONEY, validators=[MinValueValidator(ZERO)])
    currency = models.CharField(_("currency"), max_length=3, choices=Currency.choices)
    co_funding = models.DecimalField(_("co-funding"), **MONEY, default=ZERO, validators=[MinValueValidator(ZERO)])

    class Meta:
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        ordering = ["application", "pk"]

    def __str__(self):
        return self.description

    @property
    def cost(self) -> Decimal:
        return ((self.quantity or ZERO) * (self.unit_cost or ZERO)).quantize(Decimal("0.01"))

    @property
    def grant_share(self) -> Decimal:
        return self.cost - (self.co_funding or ZERO)

    def clean(self):
        if self.quantity is not None and self.unit_cost is not None and self.co_funding and self.co_funding > self.cost:
            raise ValidationError({"co_funding": _("Co-funding cannot exceed the line's cost.")})


class AttachmentKind(models.TextChoices):
    PROPOSAL = "proposal", _("Proposal")
    BUDGET = "budget", _("Budget sheet")
    SUPPORT = "support", _("Letter of support")
    OTHER = "other", _("Other")


class AttachmentQuerySet(RestrictedQuerySet):
    def _of_visible_applications(self, user):
        return self.filter(application__in=Application.objects.visible_to(user))

    for_trainer = for_branch_staff = for_cso_member = _of_visible_applications


class Attachment(models.Model):
    """A document attached to an application (type-checked; downloaded through the access rules)."""

    application = models.ForeignKey(Application, verbose_name=_("application"), on_delete=models.CASCADE,
                                    related_name="attachments")
    kind = models.CharField(_("kind"), max_length=10, choices=AttachmentKind.choices, default=AttachmentKind.PROPOSAL)
    file = models.FileField(_("file"), upload_to="grants/%Y/")
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"),
                                    on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    objects = AttachmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["application", "pk"]

    def __str__(self):
        import os

        return os.path.basename(self.file.name)


class Recommendation(models.TextChoices):
    FUND = "fund", _("Fund")
    FUND_WITH_CHANGES = "fund_with_changes", _("Fund with changes")
    DO_NOT_FUND = "do_not_fund", _("Do not fund")


class ReviewQuerySet(RestrictedQuerySet):
    # Reviews are read by their reviewer and by the staff who run the call (never by applicants).
    administrators_see_all = True

    def for_trainer(self, user):
        return self.filter(reviewer=user)

    def for_branch_staff(self, user):
        return self.filter(models.Q(reviewer=user) | models.Q(application__branch_id__in=user.branch_ids()))


class Review(models.Model):
    """One panel member's work on one application: first the conflict-of-interest declaration (a declared
    conflict recuses them), then the scores per criterion and a recommendation."""

    application = models.ForeignKey(Application, verbose_name=_("application"), on_delete=models.CASCADE,
                                    related_name="reviews")
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("reviewer"), on_delete=models.PROTECT,
                                 related_name="grant_reviews")
    conflict = models.BooleanField(_("conflict of interest"), null=True, blank=True,
                                   help_text=_("Empty until the reviewer declares."))
    conflict_note = models.TextField(_("declaration"), blank=True)
    declared_at = models.DateTimeField(_("declared"), null=True, blank=True)
    recommendation = models.CharField(_("recommendation"), max_length=20, choices=Recommendation.choices, blank=True)
    comment = models.TextField(_("comment"), blank=True)
    submitted_at = models.DateTimeField(_("scored"), null=True, blank=True)

    history = HistoricalRecords()
    objects = ReviewQuerySet.as_manager()

    class Meta:
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        ordering = ["application", "pk"]
        constraints = [models.UniqueConstraint(fields=["application", "reviewer"], name="one_review_per_reviewer")]

    def __str__(self):
        return f"{self.reviewer} — {self.application}"

    @property
    def is_recused(self) -> bool:
        return self.conflict is True


class Score(models.Model):
    """A score 0–5 on one criterion, or none (n/a)."""

    review = models.ForeignKey(Review, verbose_name=_("review"), on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(Criterion, verbose_name=_("criterion"), on_delete=models.CASCADE, related_name="+")
    value = models.PositiveSmallIntegerField(_("score"), null=True, blank=True,
                                             validators=[MinValueValidator(0), MaxValueValidator(5)],
                                             help_text=_("0 to 5; empty: not applicable."))
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [models.UniqueConstraint(fields=["review", "criterion"], name="one_score_per_criterion")]


class AwardStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    CLOSED = "closed", _("Closed")


class AwardQuerySet(RestrictedQuerySet):
    def for_branch_staff(self, user):
        return self.filter(branch_id__in=user.branch_ids())

    def for_cso_member(self, user):
        return self.filter(organization_id=user.organization_id) if user.organization_id else self.none()


class Award(models.Model):
    """A grant made to an application; paid in tranches, reported on, closed out."""

    application = models.OneToOneField(Application, verbose_name=_("application"), on_delete=models.PROTECT,
                                       related_name="award")
    organization = models.ForeignKey("organizations.Organization", verbose_name=_("organization"),
                                     on_delete=models.PROTECT, related_name="grant_awards")
    branch = models.ForeignKey("branches.Branch", verbose_name=_("branch"), on_delete=models.PROTECT,
                               related_name="grant_awards")
    amount = models.DecimalField(_("amount awarded"), **MONEY, validators=[MinValueValidator(Decimal("0.01"))])
    currency = models.CharField(_("currency"), max_length=3, choices=Currency.choices)
    awarded_on = models.DateField(_("awarded on"))
    status = models.CharField(_("status"), max_length=8, choices=AwardStatus.choices, default=AwardStatus.ACTIVE)
    project = models.OneToOneField("activities.Activity", verbose_name=_("community project"),
                                   on_delete=models.PROTECT, null=True, blank=True, related_name="grant_award")
    activities = models.ManyToManyField("activities.Activity", verbose_name=_("activities of the project"),
                                        blank=True, related_name="grant_awards",
                                        help_text=_("The project's awareness sessions, campaigns and events."))
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    refund = models.DecimalField(_("refunded balance"), **MONEY, null=True, blank=True)
    lessons = models.TextField(_("lessons learned"), blank=True)

    history = HistoricalRecords(m2m_fields=["activities"])
    objects = AwardQuerySet.as_manager()

    class Meta:
        verbose_name = _("award")
        verbose_name_plural = _("awards")
        ordering = ["-awarded_on", "-pk"]

    def __str__(self):
        return str(self.application)

    def disbursed_total(self) -> Decimal:
        return sum((t.in_award_currency for t in self.tranches.all() if t.status == TrancheStatus.DISBURSED), ZERO)

    def committed_total(self) -> Decimal:
        return sum((t.in_award_currency for t in self.tranches.all() if t.status != TrancheStatus.CANCELLED), ZERO)

    def spent_total(self) -> Decimal:
        return sum((line.actual for line in ReportLine.objects.filter(
            report__award=self, report__status=ReportStatus.APPROVED)), ZERO)


class Method(models.TextChoices):
    BANK = "bank", _("Bank transfer")
    CASH = "cash", _("Cash")
    HAWALA = "hawala", _("Hawala")


class TrancheStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    REQUESTED = "requested", _("Requested")
    APPROVED = "approved", _("Approved")
    DISBURSED = "disbursed", _("Disbursed")
    CANCELLED = "cancelled", _("Cancelled")


class _OfVisibleAwards(RestrictedQuerySet):
    def _of_visible_awards(self, user):
        return self.filter(award__in=Award.objects.visible_to(user))

    for_branch_staff = for_cso_member = _of_visible_awards


class Tranche(models.Model):
    """One instalment of an award. Its amount is in its own currency; the exchange rate says how many
    units of it make one unit of the award's currency on the day."""

    award = models.ForeignKey(Award, verbose_name=_("award"), on_delete=models.CASCADE, related_name="tranches")
    number = models.PositiveSmallIntegerField(_("number"))
    status = models.CharField(_("status"), max_length=10, choices=TrancheStatus.choices, default=TrancheStatus.PLANNED)
    planned_date = models.DateField(_("planned date"))
    amount = models.DecimalField(_("amount"), **MONEY, validators=[MinValueValidator(Decimal("0.01"))])
    currency = models.CharField(_("currency"), max_length=3, choices=Currency.choices)
    method = models.CharField(_("method"), max_length=8, choices=Method.choices, default=Method.BANK)
    exchange_rate = models.DecimalField(
        _("exchange rate"), max_digits=14, decimal_places=4, null=True, blank=True,
        validators=[MinValueValidator(Decimal("0.0001"))],
        help_text=_("Units of this tranche's currency for one unit of the award's currency, on the day."))
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("approved by"),
                                    on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    disbursed_on = models.DateField(_("disbursed on"), null=True, blank=True)
    reference = models.CharField(_("reference"), max_length=120, blank=True,
                                 help_text=_("Bank reference, or the hawala agent's receipt number."))
    receipt = models.FileField(_("receipt"), upload_to="grants/receipts/%Y/", blank=True)

    history = HistoricalRecords()
    objects = _OfVisibleAwards.as_manager()

    class Meta:
        verbose_name = _("tranche")
        verbose_name_plural = _("tranches")
        ordering = ["award", "number"]
        constraints = [models.UniqueConstraint(fields=["award", "number"], name="one_tranche_number_per_award")]

    def __str__(self):
        return _("Tranche %(number)s") % {"number": self.number}

    @property
    def in_award_currency(self) -> Decimal:
        if self.currency == self.award.currency:
            return self.amount
        if not self.exchange_rate:
            return ZERO
        return (self.amount / self.exchange_rate).quantize(Decimal("0.01"))


class ReportStatus(models.TextChoices):
    DUE = "due", _("Due")
    SUBMITTED = "submitted", _("Submitted")
    CHANGES = "changes", _("Changes requested")
    APPROVED = "approved", _("Approved")


class ReportQuerySet(_OfVisibleAwards):
    def overdue(self, today=None):
        today = today or timezone.localdate()
        return self.filter(due_date__lt=today, status__in=[ReportStatus.DUE, ReportStatus.CHANGES])


class GrantReport(models.Model):
    """A narrative and financial report on the money of one tranche (or the final report)."""

    award = models.ForeignKey(Award, verbose_name=_("award"), on_delete=models.CASCADE, related_name="reports")
    tranche = models.OneToOneField(Tranche, verbose_name=_("tranche"), on_delete=models.CASCADE, null=True,
                                   blank=True, related_name="report")
    final = models.BooleanField(_("final report"), default=False)
    due_date = models.DateField(_("due"))
    status = models.CharField(_("status"), max_length=10, choices=ReportStatus.choices, default=ReportStatus.DUE)
    narrative = models.TextField(_("narrative"), blank=True)
    people_reached_female = models.PositiveIntegerField(_("women and girls served (reported)"), default=0)
    people_reached_male = models.PositiveIntegerField(_("men and boys served (reported)"), default=0)
    review_note = models.TextField(_("reviewer's note"), blank=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("last reminded"), null=True, blank=True)

    history = HistoricalRecords()
    objects = ReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("grant report")
        verbose_name_plural = _("grant reports")
        ordering = ["award", "due_date", "pk"]

    def __str__(self):
        if self.final:
            return str(_("Final report"))
        return _("Report on tranche %(number)s") % {"number": self.tranche.number if self.tranche else "—"}

    @property
    def is_overdue(self) -> bool:
        return self.status in (ReportStatus.DUE, ReportStatus.CHANGES) and self.due_date < timezone.localdate()


class ReportLine(models.Model):
    """What was actually spent on one budget line in the period of a report."""

    report = models.ForeignKey(GrantReport, verbose_name=_("report"), on_delete=models.CASCADE, related_name="lines")
    budget_line = models.ForeignKey(BudgetLine, verbose_name=_("budget line"), on_delete=models.PROTECT,
                                    related_name="actuals")
    actual = models.DecimalField(_("actual spending"), **MONEY, validators=[MinValueValidator(ZERO)])

    class Meta:
        verbose_name = _("actual spending")
        verbose_name_plural = _("actual spending")
        constraints = [models.UniqueConstraint(fields=["report", "budget_line"], name="one_actual_per_line")]
