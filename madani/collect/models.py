"""ODK Collect (DESIGN.md §2, issue 13): device access for the OpenRosa server at /openrosa/, and what
devices submit.

A **device access** is what a staff member types into ODK Collect: the server address, a username made
here and a password shown once (only its SHA-256 is kept — it is random, 160 bits, so a slow hash adds
nothing). It acts as its owner, within the owner's branches and forms, until revoked; a staff password is
never typed on a phone. A **submission** is one filled form as ODK sent it (its XML, kept verbatim),
identified by its ``instanceID``; an edit made on the device (``deprecatedID``) is a new version of the
same submission, the older one kept and marked replaced.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from madani.assessments.models import Questionnaire
from madani.core.querysets import RestrictedQuerySet


class CredentialQuerySet(RestrictedQuerySet):
    administrators_see_all = False  # a password is personal, even for administrators

    def for_branch_staff(self, user):
        return self.filter(user=user)

    for_trainer = for_branch_staff

    def active(self):
        return self.filter(revoked_at__isnull=True)


class Credential(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE,
                             related_name="collect_credentials")
    name = models.CharField(_("device"), max_length=80, help_text=_("Which phone or tablet, e.g. “Samsung A12 of the Hajin team”."))
    username = models.CharField(_("username"), max_length=40, unique=True)
    secret_sha256 = models.CharField(max_length=64)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    objects = CredentialQuerySet.as_manager()

    class Meta:
        verbose_name = _("device access")
        verbose_name_plural = _("device accesses")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.name} ({self.username})"


class SubmissionQuerySet(RestrictedQuerySet):
    def for_branch_staff(self, user):
        return self.filter(questionnaire__branch_id__in=user.branch_ids())

    def for_trainer(self, user):
        return self.filter(questionnaire__branch_id__in=user.branch_ids(), submitted_by=user)

    def current(self):
        return self.filter(replaced_by__isnull=True)


class Submission(models.Model):
    questionnaire = models.ForeignKey(Questionnaire, verbose_name=_("form"), on_delete=models.PROTECT,
                                      related_name="submissions")
    instance_id = models.CharField(_("instance ID"), max_length=255, unique=True)
    xml = models.TextField(_("submission XML"))
    xml_sha256 = models.CharField(max_length=64)
    answers = models.JSONField(_("answers"), default=dict)
    score = models.FloatField(_("score (%)"), null=True, blank=True)
    domain_scores = models.JSONField(_("scores by domain (%)"), default=dict)
    replaces = models.OneToOneField("self", verbose_name=_("edit of"), on_delete=models.PROTECT, null=True,
                                    blank=True, related_name="replaced_by")
    complete = models.BooleanField(_("all files received"), default=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("submitted by"),
                                     on_delete=models.SET_NULL, null=True, related_name="+")
    credential = models.ForeignKey(Credential, verbose_name=_("device"), on_delete=models.SET_NULL, null=True,
                                   blank=True, related_name="submissions")
    received_at = models.DateTimeField(_("received"), auto_now_add=True)

    objects = SubmissionQuerySet.as_manager()

    class Meta:
        verbose_name = _("submission")
        verbose_name_plural = _("submissions")
        ordering = ["-received_at", "-pk"]

    def __str__(self):
        return self.instance_id


class Attachment(models.Model):
    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="attachments")
    name = models.CharField(_("file name"), max_length=255)
    file = models.FileField(upload_to="collect/%Y/")
    content_type = models.CharField(max_length=100)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["submission", "name"], name="one_file_per_name_per_submission")]

    def __str__(self):
        return self.name


class AttendanceSubmissionQuerySet(RestrictedQuerySet):
    def for_branch_staff(self, user):
        from madani.activities.models import Session

        return self.filter(session__in=Session.objects.visible_to(user))

    for_trainer = for_branch_staff


class AttendanceSubmission(models.Model):
    """A session's attendance form as ODK sent it (ODK Collect or the web form): who was ticked present
    and the walk-ins, recorded in the activity ledger on arrival; kept once per ``instanceID``."""

    session = models.ForeignKey("activities.Session", verbose_name=_("session"), on_delete=models.CASCADE,
                                related_name="attendance_submissions")
    instance_id = models.CharField(_("instance ID"), max_length=255, unique=True)
    xml = models.TextField(_("submission XML"))
    xml_sha256 = models.CharField(max_length=64)
    walk_ins = models.JSONField(_("walk-ins"), default=list,
                                help_text=_("Each walk-in's name and the person it became (new, or the likely "
                                            "duplicate found in the registry)."))
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("submitted by"),
                                     on_delete=models.SET_NULL, null=True, related_name="+")
    credential = models.ForeignKey(Credential, verbose_name=_("device"), on_delete=models.SET_NULL, null=True,
                                   blank=True, related_name="attendance_submissions")
    received_at = models.DateTimeField(_("received"), auto_now_add=True)

    objects = AttendanceSubmissionQuerySet.as_manager()

    class Meta:
        verbose_name = _("attendance submission")
        verbose_name_plural = _("attendance submissions")
        ordering = ["-received_at", "-pk"]

    def __str__(self):
        return self.instance_id
