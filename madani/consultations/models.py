"""Requests for consultations, technical support and trainings (issue 3: coaching, consultations,
technical support). A request is not itself a service: once accepted it becomes one consultation or
technical-support activity in the ledger, and its sessions are that activity's sessions."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from madani.activities.models import Kind as ActivityKind
from madani.core.querysets import RestrictedQuerySet


class RequestKind(models.TextChoices):
    CONSULTATION = "consultation", _("Consultation")
    TECHNICAL_SUPPORT = "technical_support", _("Technical support")
    TRAINING_SUGGESTION = "training_suggestion", _("Training suggestion")


# The ledger activity a request of each kind becomes (training suggestions become none).
ACTIVITY_KIND = {
    RequestKind.CONSULTATION: ActivityKind.CONSULTATION,
    RequestKind.TECHNICAL_SUPPORT: ActivityKind.TECHNICAL_SUPPORT,
}


class RequestStatus(models.TextChoices):
    NEW = "new", _("New")
    ASSIGNED = "assigned", _("Accepted and assigned")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    DECLINED = "declined", _("Declined")


OPEN_STATUSES = {RequestStatus.NEW, RequestStatus.ASSIGNED, RequestStatus.IN_PROGRESS}


class RequestSource(models.TextChoices):
    STAFF = "staff", _("Entered by staff")
    PORTAL = "portal", _("CSO portal")
    PUBLIC = "public", _("Public form")


class RequestQuerySet(RestrictedQuerySet):
    # Administrators: all. Trainers: the requests assigned to them. Other center staff: their
    # branches'. CSO members: their organization's.
    def for_trainer(self, user):
        if not user.person_id:
            return self.none()
        return self.filter(expert_id=user.person_id, branch_id__in=user.branch_ids())

    def for_branch_staff(self, user):
        return self.filter(branch_id__in=user.branch_ids())

    def for_cso_member(self, user):
        return self.filter(organization_id=user.organization_id) if user.organization_id else self.none()

    def open(self):
        return self.filter(status__in=OPEN_STATUSES)


class Request(models.Model):
    """A consultation or technical-support request, or a suggested training, waiting in a branch's queue."""

    kind = models.CharField(_("kind"), max_length=24, choices=RequestKind.choices)
    status = models.CharField(_("status"), max_length=12, choices=RequestStatus.choices, default=RequestStatus.NEW)
    source = models.CharField(_("source"), max_length=8, choices=RequestSource.choices, default=RequestSource.STAFF)
    branch = models.ForeignKey(
        "branches.Branch", verbose_name=_("branch"), on_delete=models.PROTECT, related_name="support_requests"
    )
    organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("organization"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="support_requests",
    )
    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("filed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # Who to get back to (sensitive: shown only to staff who may read contact details).
    contact_name = models.CharField(_("contact name"), max_length=160, blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    contact_email = models.EmailField(_("contact email"), blank=True)
    organization_name = models.CharField(
        _("organization or initiative"), max_length=255, blank=True,
        help_text=_("As the requester wrote it, when the organization is not in the registry."),
    )
    topic = models.ForeignKey(
        "activities.Topic", verbose_name=_("topic"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    topic_text = models.CharField(_("subject"), max_length=255, blank=True)
    description = models.TextField(_("description"))
    expert = models.ForeignKey(
        "people.Person",
        verbose_name=_("assigned expert"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="assigned_requests",
    )
    activity = models.OneToOneField(
        "activities.Activity",
        verbose_name=_("ledger activity"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="support_request",
    )
    note = models.TextField(_("staff note"), blank=True)
    created_at = models.DateTimeField(_("received"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])
    objects = RequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("request")
        verbose_name_plural = _("requests")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["branch", "status"]), models.Index(fields=["kind", "status"])]

    def __str__(self):
        subject = self.topic_text or (self.topic and str(self.topic)) or self.get_kind_display()
        return f"#{self.pk} {subject}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def becomes_activity(self) -> bool:
        return self.kind in ACTIVITY_KIND

    @property
    def requester_label(self) -> str:
        """Who asked, without contact details: the organization, or the name a visitor gave."""
        return str(self.organization or self.organization_name or self.contact_name or "—")
