"""Certificates of completion: one per participation, checked by anyone through a public code."""

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from madani.activities.models import Activity, Participation
from madani.core.jobs import Job, JobQuerySet
from madani.core.querysets import RestrictedQuerySet

#: Crockford's base32: digits and capitals without I, L, O and U, so nothing printed can be read two ways.
CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 20  # 100 bits
#: What a person may type for a character of the alphabet: lowercase, O for 0, I or L for 1.
_TYPED = str.maketrans({"O": "0", "I": "1", "L": "1"})


def new_code() -> str:
    """A random, unguessable public code: 20 characters of ``CODE_ALPHABET`` (100 bits)."""
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalize_code(typed: str) -> str:
    """The code a person meant: capitals, O read as 0, I and L as 1, spaces and hyphens dropped.
    Codes made before the alphabet above (URL-safe, mixed case) are looked up as typed first."""
    return "".join(str(typed).upper().translate(_TYPED).replace("-", "").split())


class CertificateQuerySet(RestrictedQuerySet):
    def _of_visible_participations(self, user):
        """Certificates of the participations a user may see (CSO members: their organization's people)."""
        return self.filter(participation__in=Participation.objects.visible_to(user))

    for_trainer = for_branch_staff = for_cso_member = _of_visible_participations

    def valid(self):
        return self.filter(revoked_at__isnull=True)

    def by_code(self, typed: str):
        """The certificate a printed code names, as scanned or as a person typed it, or ``None``."""
        found = self.filter(code=typed).first()  # older codes are case-sensitive
        if found is None:
            normalized = normalize_code(typed)
            if normalized and normalized != typed:
                found = self.filter(code=normalized).first()
        return found


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
    def grouped_code(self) -> str:
        """The code in groups of four for print (``ABCD-EFGH-…``); verification ignores the hyphens."""
        if len(self.code) != CODE_LENGTH or any(c not in CODE_ALPHABET for c in self.code):
            return self.code
        return "-".join(self.code[i:i + 4] for i in range(0, len(self.code), 4))

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None


class CertificateBundleQuerySet(RestrictedQuerySet, JobQuerySet):
    # A bundle holds the certificates its requester could see when it was built, so it is theirs
    # alone (administrators' too), and only while they still see the activity.
    administrators_see_all = False

    def _own(self, user):
        return self.filter(requested_by=user, activity__in=Activity.objects.visible_to(user))

    for_trainer = for_branch_staff = for_cso_member = _own


def bundle_upload_to(bundle, filename):
    return f"private/certificates/bundles/{bundle.created_at:%Y}/{filename}"


class CertificateBundle(Job):
    """All the valid certificates of an activity that its requester may see, in one PDF (one page each),
    built in the background (WeasyPrint takes seconds per dozen pages)."""

    activity = models.ForeignKey(Activity, verbose_name=_("activity"), on_delete=models.CASCADE,
                                 related_name="certificate_bundles")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("requested by"),
                                     on_delete=models.CASCADE, related_name="+")
    language = models.CharField(_("language"), max_length=8, default=settings.LANGUAGE_CODE,
                                help_text=_("The language of the job's messages."))
    site_root = models.CharField(_("site address"), max_length=200,
                                 help_text=_("The address the printed QR codes point to, e.g. https://madani.example.org"))
    count = models.PositiveIntegerField(_("certificates"), default=0)
    file = models.FileField(_("file"), upload_to=bundle_upload_to, blank=True, max_length=255)

    objects = CertificateBundleQuerySet.as_manager()

    worker_lost_message = _("The worker stopped while building the certificates. Please request them again.")

    class Meta:
        verbose_name = _("certificate bundle")
        verbose_name_plural = _("certificate bundles")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(progress__lte=100), name="bundle_progress_at_most_100"),
        ]

    def __str__(self):
        return str(self.activity)

    def enqueue_task(self) -> None:
        from .tasks import build_certificate_bundle

        build_certificate_bundle.enqueue(self.pk)
