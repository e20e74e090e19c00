"""Networks and coalitions (issue 15): a network is an organization of kind "network"; its member
organizations join through a **membership** (applied → active → suspended | withdrawn) and a **board** of
seats, each held by a person representing a member organization for a term.

A membership not shown publicly (members working under authorities where being listed is a risk) is
still a member for everything internal: counts, quorum, seats."""

from django.core.exceptions import ValidationError
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
