"""The co-working space (issue 5, seed 003: "the centers let local CSOs use their premises for meetings
and work, with internet access, printing and legal support"). Rooms and shared resources per branch,
booked by the hour; a booking that was used is one ``space_use`` activity in the ledger."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from madani.core.querysets import RestrictedQuerySet


class ResourceKind(models.TextChoices):
    MEETING_ROOM = "meeting_room", _("Meeting room")
    TRAINING_HALL = "training_hall", _("Training hall")
    INTERNET_DESK = "internet_desk", _("Internet desk")
    PRINTING = "printing", _("Printing")
    LEGAL_SUPPORT = "legal_support", _("Legal support")


class ResourceQuerySet(RestrictedQuerySet):
    # Staff: their branches' resources. CSO members: every branch's active resources (they may book
    # in any branch of the center).
    def for_branch_staff(self, user):
        return self.filter(branch_id__in=user.branch_ids())

    for_trainer = for_branch_staff

    def for_cso_member(self, user):
        return self.filter(active=True) if user.organization_id else self.none()


class BookableResource(models.Model):
    """A room or a shared resource of a branch: meeting room, training hall, internet desk, printing,
    legal support. One booking at a time (six internet desks are six resources)."""

    branch = models.ForeignKey(
        "branches.Branch", verbose_name=_("branch"), on_delete=models.PROTECT, related_name="coworking_resources"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=ResourceKind.choices)
    name = models.CharField(_("name"), max_length=120)
    capacity = models.PositiveSmallIntegerField(_("capacity"), default=1, help_text=_("How many people it holds."))
    active = models.BooleanField(_("can be booked"), default=True)

    objects = ResourceQuerySet.as_manager()

    class Meta:
        verbose_name = _("room or resource")
        verbose_name_plural = _("rooms and resources")
        ordering = ["branch", "kind", "name_ar", "pk"]

    def __str__(self):
        return self.name or self.name_ar or self.name_en or ""


class BookingStatus(models.TextChoices):
    BOOKED = "booked", _("Booked")
    CANCELLED = "cancelled", _("Cancelled")
    USED = "used", _("Used")
    NO_SHOW = "no_show", _("No-show")


# A booking in one of these states holds its slot: no other booking of the resource may overlap it.
HOLDING_STATUSES = (BookingStatus.BOOKED, BookingStatus.USED)


class BookingQuerySet(RestrictedQuerySet):
    # Staff: their branches' bookings. CSO members: their own organization's (the calendar shows the
    # others' slots as taken, without details).
    def for_branch_staff(self, user):
        return self.filter(resource__branch_id__in=user.branch_ids())

    for_trainer = for_branch_staff

    def for_cso_member(self, user):
        return self.filter(organization_id=user.organization_id) if user.organization_id else self.none()

    def holding(self):
        return self.filter(status__in=HOLDING_STATUSES)

    def overlapping(self, start, end):
        return self.filter(start__lt=end, end__gt=start)


class Booking(models.Model):
    """A slot of a resource booked for an organization."""

    resource = models.ForeignKey(BookableResource, verbose_name=_("room or resource"), on_delete=models.PROTECT,
                                 related_name="bookings")
    organization = models.ForeignKey(
        "organizations.Organization", verbose_name=_("organization"), on_delete=models.PROTECT,
        related_name="coworking_bookings",
    )
    contact_name = models.CharField(_("who comes"), max_length=160, blank=True)
    booked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("booked by"), on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+",
    )
    start = models.DateTimeField(_("starts"))
    end = models.DateTimeField(_("ends"))
    purpose = models.CharField(_("purpose"), max_length=255, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=BookingStatus.choices, default=BookingStatus.BOOKED)
    activity = models.OneToOneField(
        "activities.Activity", verbose_name=_("in the activity ledger"), on_delete=models.PROTECT, null=True,
        blank=True, related_name="coworking_booking",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    history = HistoricalRecords()
    objects = BookingQuerySet.as_manager()

    class Meta:
        verbose_name = _("booking")
        verbose_name_plural = _("bookings")
        ordering = ["start", "pk"]
        indexes = [models.Index(fields=["resource", "start"])]
        constraints = [
            models.CheckConstraint(condition=models.Q(end__gt=models.F("start")), name="booking_ends_after_start")
        ]

    def __str__(self):
        return f"{self.resource} {timezone.localtime(self.start):%Y-%m-%d %H:%M}"
