"""Certificates of completion: one per participation, checked by anyone through a public code."""

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from madani.activities.models import Participation


def new_code() -> str:
    """A random, unguessable public code (96 bits, 16 URL-safe characters)."""
    return secrets.token_urlsafe(12)


class CertificateQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Certificates of the participations a user may see (CSO members: their organization's people)."""
        return self.filter(participation__in=Participation.objects.visible_to(user))

    def valid(self):
        return self.filter(revoked_at__isnull=True)


class Certificate(models.Model):
    """A certificate given to a person who completed a training or workshop.

    The printed content (name, activity, dates, place) is read from the ledger when the PDF is made,
    so a corrected spelling reaches the next print. Revoking keeps the row: the public code then
    answers "revoked" instead of "unknown".
    """

    participation = models.OneToOneField(
        Participation, verbose_name=_("participation"), on_delete=models.CASCADE, related_name="certificate"
    )
    code = models.CharField(_("verification code"), max_length=32, unique=True, default=new_code, editable=False)
    issued_at = models.DateTimeField(_("issued"), default=timezone.now)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("issued by"), on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+",
    )
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("revoked by"), on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+",
    )
    revocation_reason = models.TextField(_("reason for revocation"), blank=True)

    history = HistoricalRecords()
    objects = CertificateQuerySet.as_manager()

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        ordering = ["-issued_at", "pk"]

    def __str__(self):
        return self.code

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None
