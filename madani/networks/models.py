"""Networks and coalitions (issue 15): a network is an organization of kind "network"; its member
organizations join through a **membership** (applied → active → suspended | withdrawn) and a **board** of
seats, each held by a person representing a member organization for a term.

A membership not shown publicly (members working under authorities where being listed is a risk) is
still a member for everything internal: counts, quorum, seats."""

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from madani.core.querysets import RestrictedQuerySet
from madani.organizations.models import Kind as OrganizationKind
from madani.organizations.models import Organization


def networks_visible_to(user):
    """The networks a user may see: the organizations of kind "network" among those they may see (a
    network editor's own network, through their organization)."""
    return Organization.objects.visible_to(user).filter(kind=OrganizationKind.NETWORK)


class MembershipStatus(models.TextChoices):
    APPLIED = "applied", _("Applied")
    ACTIVE = "active", _("Active")
    SUSPENDED = "suspended", _("Suspended")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class MembershipKind(models.TextChoices):
    FOUNDING = "founding", _("Founding member")
    FULL = "full", _("Full member")
    OBSERVER = "observer", _("Observer")


class OfNetworkQuerySet(RestrictedQuerySet):
    """Rows of a network: visible to whoever may see the network."""

    def _of_visible_networks(self, user):
        return self.filter(network__in=networks_visible_to(user).order_by().values("pk"))

    for_trainer = for_branch_staff = for_cso_member = _of_visible_networks


class MembershipQuerySet(OfNetworkQuerySet):
    def current(self):
        """Members today: active or suspended (a suspended member is still a member; it has no vote)."""
        return self.filter(status__in=[MembershipStatus.ACTIVE, MembershipStatus.SUSPENDED])

    def public(self):
        return self.filter(status=MembershipStatus.ACTIVE, shown_publicly=True)


class Membership(models.Model):
    network = models.ForeignKey(Organization, verbose_name=_("network"), on_delete=models.PROTECT,
                                related_name="network_memberships", limit_choices_to={"kind": OrganizationKind.NETWORK})
    organization = models.ForeignKey(Organization, verbose_name=_("member organization"), on_delete=models.PROTECT,
                                     related_name="memberships")
    kind = models.CharField(_("type of membership"), max_length=20, choices=MembershipKind.choices,
                            default=MembershipKind.FULL)
    status = models.CharField(_("status"), max_length=20, choices=MembershipStatus.choices,
                              default=MembershipStatus.APPLIED)
    applied_on = models.DateField(_("applied on"))
    joined_on = models.DateField(_("joined on"), null=True, blank=True)
    left_on = models.DateField(_("left on"), null=True, blank=True)
    shown_publicly = models.BooleanField(
        _("shown publicly"), default=True,
        help_text=_("Untick for a member for whom being listed is a risk: it stays a member for everything "
                    "internal (counts, quorum, board seats) but is never shown on public pages."))
    notes = models.TextField(_("notes"), blank=True)
    history = HistoricalRecords()

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("network membership")
        verbose_name_plural = _("network memberships")
        ordering = ["network", "organization__name"]
        constraints = [models.UniqueConstraint(fields=["network", "organization"], name="one_membership_per_network")]

    def __str__(self):
        return f"{self.organization} — {self.network}"

    def clean(self):
        if self.network_id and self.network.kind != OrganizationKind.NETWORK:
            raise ValidationError({"network": _("Only an organization of kind “network” has members.")})
        if self.network_id and self.network_id == self.organization_id:
            raise ValidationError({"organization": _("A network cannot be a member of itself.")})
        if self.joined_on and self.joined_on < self.applied_on:
            raise ValidationError({"joined_on": _("A member joins on or after the day it applied.")})
        if self.left_on and self.left_on < (self.joined_on or self.applied_on):
            raise ValidationError({"left_on": _("A member leaves after it joined.")})

    @property
    def is_current(self):
        return self.status in (MembershipStatus.ACTIVE, MembershipStatus.SUSPENDED)


class SeatRole(models.TextChoices):
    CHAIR = "chair", _("Chair")
    VICE_CHAIR = "vice_chair", _("Vice-chair")
    SECRETARY = "secretary", _("Secretary")
    TREASURER = "treasurer", _("Treasurer")
    MEMBER = "member", _("Board member")


class SeatQuerySet(OfNetworkQuerySet):
    def active(self):
        return self.filter(ended_on__isnull=True)

    def by_role(self):
        """Chair first, then vice-chair, secretary, treasurer and members; newest terms first."""
        rank = models.Case(*[models.When(role=role, then=n) for n, role in enumerate(SeatRole.values)],
                           output_field=models.IntegerField())
        return self.order_by(rank, "-term_start", "pk")


class BoardSeat(models.Model):
    """A person representing a member organization on the network's board, for a term. A seat ends when
    its term is over, when the person steps down, or when the member withdraws."""

    network = models.ForeignKey(Organization, verbose_name=_("network"), on_delete=models.PROTECT,
                                related_name="board_seats")
    membership = models.ForeignKey(Membership, verbose_name=_("member organization"), on_delete=models.PROTECT,
                                   related_name="seats")
    person = models.ForeignKey("people.Person", verbose_name=_("person"), on_delete=models.PROTECT,
                               related_name="board_seats")
    role = models.CharField(_("role"), max_length=20, choices=SeatRole.choices, default=SeatRole.MEMBER)
    term_start = models.DateField(_("term starts"))
    term_end = models.DateField(_("term ends"), null=True, blank=True)
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    end_reason = models.CharField(_("why it ended"), max_length=255, blank=True)
    history = HistoricalRecords()

    objects = SeatQuerySet.as_manager()

    class Meta:
        verbose_name = _("board seat")
        verbose_name_plural = _("board seats")
        ordering = ["network", "ended_on", "role", "term_start"]
        constraints = [models.UniqueConstraint(fields=["network"], condition=models.Q(role="chair", ended_on=None),
                                               name="one_active_chair_per_network")]

    def __str__(self):
        return f"{self.get_role_display()}: {self.person}"

    def clean(self):
        if self.term_end and self.term_end < self.term_start:
            raise ValidationError({"term_end": _("A term ends after it starts.")})
        if self.ended_on and self.ended_on < self.term_start:
            raise ValidationError({"ended_on": _("A seat ends after its term starts.")})

    @property
    def is_active(self):
        return self.ended_on is None


# --- meetings and decisions ----------------------------------------------------------------------------

class MeetingKind(models.TextChoices):
    PREPARATORY = "preparatory", _("Preparatory meeting at a member's office")
    GENERAL_ASSEMBLY = "general_assembly", _("General assembly")
    DIRECTORS = "directors", _("Directors' consultation")
    AUTHORITY_VISIT = "authority_visit", _("Visit to a local council or another authority")


class MeetingStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    HELD = "held", _("Held")
    MINUTES_DRAFTED = "minutes_drafted", _("Minutes drafted")
    CIRCULATED = "circulated", _("Minutes circulated")
    APPROVED = "approved", _("Minutes approved")


class Meeting(models.Model):
    """A meeting of the network, recorded in the ledger as an activity (its one session carries the
    attendance of the members' people), so it counts in the figures. The quorum rule: at least
    ``quorum_percent`` of the active members (hidden ones too) present."""

    network = models.ForeignKey(Organization, verbose_name=_("network"), on_delete=models.PROTECT,
                                related_name="network_meetings")
    kind = models.CharField(_("kind"), max_length=20, choices=MeetingKind.choices)
    title = models.CharField(_("title"), max_length=255)
    date = models.DateField(_("date"))
    host = models.ForeignKey(Membership, verbose_name=_("hosted by"), on_delete=models.PROTECT, null=True,
                             blank=True, related_name="hosted_meetings")
    agenda = models.TextField(_("agenda"), blank=True)
    quorum_percent = models.PositiveSmallIntegerField(_("quorum (percentage of active members)"), default=51)
    status = models.CharField(_("status"), max_length=20, choices=MeetingStatus.choices,
                              default=MeetingStatus.SCHEDULED)
    activity = models.OneToOneField("activities.Activity", verbose_name=_("activity"), on_delete=models.PROTECT,
                                    related_name="network_meeting")
    members_present = models.ManyToManyField(Membership, verbose_name=_("members present"), blank=True,
                                             related_name="meetings_attended")
    voting_members = models.PositiveSmallIntegerField(_("active members on the day"), default=0)
    history = HistoricalRecords()

    objects = OfNetworkQuerySet.as_manager()

    class Meta:
        verbose_name = _("network meeting")
        verbose_name_plural = _("network meetings")
        ordering = ["-date", "-pk"]

    def __str__(self):
        return self.title

    @property
    def present_count(self):
        return self.members_present.count()

    @property
    def has_quorum(self):
        return self.voting_members > 0 and self.present_count * 100 >= self.quorum_percent * self.voting_members


class MinutesStatus(models.TextChoices):
    DRAFTED = "drafted", _("Drafted")
    CIRCULATED = "circulated", _("Circulated")
    APPROVED = "approved", _("Approved")


class Minutes(models.Model):
    """One version of a meeting's minutes. Approved minutes are locked: a change makes the next version."""

    meeting = models.ForeignKey(Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE,
                                related_name="minutes")
    version = models.PositiveSmallIntegerField(_("version"))
    text = models.TextField(_("minutes"))
    status = models.CharField(_("status"), max_length=12, choices=MinutesStatus.choices,
                              default=MinutesStatus.DRAFTED)
    approved_on = models.DateField(_("approved on"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("minutes")
        verbose_name_plural = _("minutes")
        ordering = ["meeting", "-version"]
        constraints = [models.UniqueConstraint(fields=["meeting", "version"], name="one_minutes_per_version")]


class DecisionStatus(models.TextChoices):
    OPEN = "open", _("Open")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    DROPPED = "dropped", _("Dropped")


class Decision(models.Model):
    """A decision taken at a meeting with quorum, numbered per network, with its votes (one per member
    organization present), who follows it up and by when."""

    network = models.ForeignKey(Organization, verbose_name=_("network"), on_delete=models.PROTECT,
                                related_name="network_decisions")
    meeting = models.ForeignKey(Meeting, verbose_name=_("meeting"), on_delete=models.PROTECT,
                                related_name="decisions")
    number = models.PositiveIntegerField(_("number"))
    text = models.TextField(_("decision"))
    votes_for = models.PositiveSmallIntegerField(_("votes for"))
    votes_against = models.PositiveSmallIntegerField(_("votes against"), default=0)
    votes_abstaining = models.PositiveSmallIntegerField(_("abstentions"), default=0)
    owner = models.ForeignKey(Membership, verbose_name=_("followed up by"), on_delete=models.PROTECT, null=True,
                              blank=True, related_name="decisions_owned")
    due_date = models.DateField(_("due date"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=DecisionStatus.choices,
                              default=DecisionStatus.OPEN)
    history = HistoricalRecords()

    objects = OfNetworkQuerySet.as_manager()

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ["network", "number"]
        constraints = [models.UniqueConstraint(fields=["network", "number"], name="one_decision_number_per_network")]

    def __str__(self):
        return f"{self.number}. {self.text[:60]}"


# --- plans, reviews and licensing support -------------------------------------------------------------

class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    ADOPTED = "adopted", _("Adopted")
    CLOSED = "closed", _("Closed")


class StrategicPlan(models.Model):
    """A strategic plan: the network's own (``membership`` empty) or one of its members' plans, which
    the members' directors review together. Its objectives are followed by indicators of the ledger."""

    network = models.ForeignKey(Organization, verbose_name=_("network"), on_delete=models.PROTECT,
                                related_name="network_plans")
    membership = models.ForeignKey(Membership, verbose_name=_("member organization"), on_delete=models.PROTECT,
                                   null=True, blank=True, related_name="plans",
                                   help_text=_("Leave empty for the network's own strategic plan."))
    title = models.CharField(_("title"), max_length=255)
    period_start = models.DateField(_("from"))
    period_end = models.DateField(_("until"))
    summary = models.TextField(_("summary"), blank=True)
    status = models.CharField(_("status"), max_length=12, choices=PlanStatus.choices, default=PlanStatus.DRAFT)
    history = HistoricalRecords()

    objects = OfNetworkQuerySet.as_manager()

    class Meta:
        verbose_name = _("strategic plan")
        verbose_name_plural = _("strategic plans")
        ordering = ["network", "membership__organization__name", "-period_start"]

    def __str__(self):
        return self.title

    def clean(self):
        if self.period_start and self.period_end and self.period_end < self.period_start:
            raise ValidationError({"period_end": _("A plan ends after it starts.")})

    @property
    def is_networks_own(self):
        return self.membership_id is None


class PlanObjective(models.Model):
    """An objective of a plan, followed by indicators (``madani/indicators``)."""

    plan = models.ForeignKey(StrategicPlan, verbose_name=_("plan"), on_delete=models.CASCADE,
                             related_name="objectives")
    number = models.PositiveSmallIntegerField(_("number"))
    text = models.TextField(_("objective"))
    indicators = models.ManyToManyField("indicators.Indicator", verbose_name=_("indicators"), blank=True,
                                        related_name="network_objectives")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("objective")
        verbose_name_plural = _("objectives")
        ordering = ["plan", "number"]
        constraints = [models.UniqueConstraint(fields=["plan", "number"], name="one_objective_number_per_plan")]

    def __str__(self):
        return f"{self.number}. {self.text[:60]}"


class PlanReview(models.Model):
    """The network's review of a member's plan (at the directors' consultation, for instance)."""

    plan = models.ForeignKey(StrategicPlan, verbose_name=_("plan"), on_delete=models.PROTECT, related_name="reviews")
    network = models.ForeignKey(Organization, verbose_name=_("network"), on_delete=models.PROTECT,
                                related_name="network_plan_reviews")
    meeting = models.ForeignKey(Meeting, verbose_name=_("meeting"), on_delete=models.PROTECT, null=True, blank=True,
                                related_name="plan_reviews")
    reviewed_on = models.DateField(_("reviewed on"))
    findings = models.TextField(_("findings"))
    recommendations = models.TextField(_("recommendations"), blank=True)
    history = HistoricalRecords()

    objects = OfNetworkQuerySet.as_manager()

    class Meta:
        verbose_name = _("plan review")
        verbose_name_plural = _("plan reviews")
        ordering = ["-reviewed_on", "-pk"]


class VisitOutcome(models.TextChoices):
    LICENSED = "licensed", _("Licence granted")
    IN_PROGRESS = "in_progress", _("Application under way")
    DOCUMENTS = "documents", _("Documents requested")
    REFUSED = "refused", _("Refused")
    NO_RESULT = "no_result", _("No result yet")


class LicensingVisit(models.Model):
    """A visit to a local council or another authority to help a member get licensed, and its outcome."""

    network = models.ForeignKey(Organization, verbose_name=_("network"), on_delete=models.PROTECT,
                                related_name="network_licensing_visits")
    membership = models.ForeignKey(Membership, verbose_name=_("member organization"), on_delete=models.PROTECT,
                                   related_name="licensing_visits")
    authority = models.CharField(_("authority visited"), max_length=255)
    visited_on = models.DateField(_("visited on"))
    meeting = models.ForeignKey(Meeting, verbose_name=_("meeting"), on_delete=models.SET_NULL, null=True, blank=True,
                                related_name="licensing_visits",
                                help_text=_("The network's visit to the authority, when it was recorded as a meeting."))
    outcome = models.CharField(_("outcome"), max_length=12, choices=VisitOutcome.choices,
                               default=VisitOutcome.NO_RESULT)
    notes = models.TextField(_("notes"), blank=True)
    history = HistoricalRecords()

    objects = OfNetworkQuerySet.as_manager()

    class Meta:
        verbose_name = _("licensing support visit")
        verbose_name_plural = _("licensing support visits")
        ordering = ["-visited_on", "-pk"]

    def __str__(self):
        return f"{self.membership.organization} — {self.authority}"


# --- the network's public website ---------------------------------------------------------------------

# Paths under /networks/ that belong to the staff pages: no site may take them as its address.
RESERVED_SLUGS = {"articles", "plans", "memberships", "seats", "meetings", "decisions", "licensing-visits", "sites",
                  "new", "static", "media", "api", "admin", "forum", "forums", "my-forum-posts"}

colour = RegexValidator(r"^#[0-9a-fA-F]{6}$", _("Give a colour as # and six hexadecimal digits, like #1b6b5a."))


def _not_reserved(value):
    if value in RESERVED_SLUGS or value.isdigit():
        raise ValidationError(_("This address is taken by the staff pages; choose another."))


def _logo_path(site, filename):
    return f"networks/logos/{filename}"


class NetworkSiteQuerySet(OfNetworkQuerySet):
    def online(self):
        return self.filter(published=True)


class NetworkSite(models.Model):
    """A network's public website at /networks/<slug>/ (Arabic) and /en/networks/<slug>/ (English): its
    own name, logo and colours; about the network and its public members, its news and resources (the
    news and library apps, scoped to the network), the services of its members, opinion articles, and
    the forum when there is one."""

    network = models.OneToOneField(Organization, verbose_name=_("network"), on_delete=models.PROTECT,
                                   related_name="network_site", limit_choices_to={"kind": OrganizationKind.NETWORK})
    slug = models.SlugField(_("web address"), max_length=40, unique=True, validators=[_not_reserved],
                            help_text=_("Latin letters, digits and hyphens: the site is at /networks/<address>/."))
    name_ar = models.CharField(_("name (Arabic)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    tagline_ar = models.CharField(_("tagline (Arabic)"), max_length=255, blank=True)
    tagline_en = models.CharField(_("tagline (English)"), max_length=255, blank=True)
    about_ar = models.TextField(_("about the network (Arabic)"), blank=True,
                                help_text=_("Markdown: **bold**, *italics*, lists, links."))
    about_en = models.TextField(_("about the network (English)"), blank=True)
    primary_colour = models.CharField(_("main colour"), max_length=7, default="#1b6b5a", validators=[colour])
    accent_colour = models.CharField(_("accent colour"), max_length=7, default="#c8553d", validators=[colour])
    logo = models.ImageField(_("logo"), upload_to=_logo_path, blank=True)
    disclaimer_ar = models.TextField(
        _("opinion articles' disclaimer (Arabic)"), blank=True,
        default="الآراء الواردة في مقالات الرأي تعبّر عن أصحابها ولا تعبّر بالضرورة عن رأي الشبكة أو أعضائها.")
    disclaimer_en = models.TextField(
        _("opinion articles' disclaimer (English)"), blank=True,
        default="Opinion articles express their authors' views, not necessarily those of the network or its members.")
    published = models.BooleanField(_("online"), default=False,
                                    help_text=_("Untick to take the whole site offline."))
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    history = HistoricalRecords()

    objects = NetworkSiteQuerySet.as_manager()

    class Meta:
        verbose_name = _("network website")
        verbose_name_plural = _("network websites")
        ordering = ["slug"]

    def __str__(self):
        return self.name_ar

    def localized(self, field: str, language: str) -> str:
        return (getattr(self, f"{field}_{language}", "") or getattr(self, f"{field}_ar", "")
                or getattr(self, f"{field}_en", ""))

    @property
    def version(self) -> str:
        return f"{self.updated_at:%Y%m%d%H%M%S}" if self.updated_at else "0"


class ArticleStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    IN_REVIEW = "in_review", _("Editorial review")
    CHANGES_REQUESTED = "changes_requested", _("Changes requested")
    PUBLISHED = "published", _("Published")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class ArticleLanguage(models.TextChoices):
    ARABIC = "ar", _("Arabic")
    ENGLISH = "en", _("English")


class OpinionArticleQuerySet(RestrictedQuerySet):
    """Editors (who may manage the network) see their networks' articles; an author sees their own. The
    public reads ``published()`` through the site, never this."""

    def for_branch_staff(self, user):
        from .permissions import can_manage_network

        networks = [n.pk for n in networks_visible_to(user) if can_manage_network(user, n)]
        return self.filter(models.Q(network_id__in=networks) | models.Q(author=user))

    for_trainer = for_branch_staff

    def for_cso_member(self, user):
        from madani.accounts.models import Role

        mine = models.Q(author=user)
        if user.role == Role.NETWORK_EDITOR and user.organization_id:
            mine |= models.Q(network_id=user.organization_id)
        return self.filter(mine)

    def published(self):
        return self.filter(status=ArticleStatus.PUBLISHED)


class OpinionArticle(models.Model):
    """An opinion article on the network's site: written by a member's staff or the network's editor, under
    their name or an alias (whose real author only the network's editors see), reviewed by the editors,
    published with the site's disclaimer; a reply to another article uses the right of reply."""

    network = models.ForeignKey(Organization, verbose_name=_("network"), on_delete=models.PROTECT,
                                related_name="opinion_articles")
    author = models.ForeignKey("accounts.User", verbose_name=_("author"), on_delete=models.PROTECT,
                               related_name="opinion_articles")
    alias = models.CharField(_("alias"), max_length=100, blank=True,
                             help_text=_("Published under this name instead of yours; only the network's editors "
                                         "know who wrote it."))
    language = models.CharField(_("language"), max_length=2, choices=ArticleLanguage.choices,
                                default=ArticleLanguage.ARABIC)
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), blank=True, max_length=600)
    body = models.TextField(_("text"), help_text=_("Markdown: **bold**, *italics*, lists, links."))
    reply_to = models.ForeignKey("self", verbose_name=_("in reply to"), on_delete=models.PROTECT, null=True,
                                 blank=True, related_name="replies",
                                 help_text=_("The right of reply: the published article this one answers."))
    status = models.CharField(_("status"), max_length=20, choices=ArticleStatus.choices, default=ArticleStatus.DRAFT)
    editor_note = models.TextField(_("note from the editors"), blank=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    withdrawn_reason = models.CharField(_("why it was withdrawn"), max_length=255, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    history = HistoricalRecords()

    objects = OpinionArticleQuerySet.as_manager()

    class Meta:
        verbose_name = _("opinion article")
        verbose_name_plural = _("opinion articles")
        ordering = ["-published_at", "-created_at", "-pk"]

    def __str__(self):
        return self.title

    @property
    def byline(self) -> str:
        """The name the public reads: the alias, or the author's name. Never both."""
        if self.alias:
            return self.alias
        return self.author.get_full_name() or str(self.author.organization or "")

    @property
    def is_public(self):
        return self.status == ArticleStatus.PUBLISHED
