"""The public face (issue 5): the center's public profile, and registrations from the public for
trainings and workshops open for registration.

Nothing about a registrant is ever shown on a public page: registrations are read only by the staff
who record the activity's branch (``Registration.objects.visible_to``).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from madani.core.querysets import RestrictedQuerySet
from madani.people.models import Gender, validate_birth_year


class CenterProfile(models.Model):
    """Who the center is, as the public sees it: one row, edited in the admin or by administrators."""

    SINGLETON_ID = 1

    id = models.PositiveSmallIntegerField(primary_key=True, default=SINGLETON_ID, editable=False)
    name = models.CharField(_("name"), max_length=160)
    tagline = models.CharField(_("tagline"), max_length=255, blank=True)
    about = models.TextField(_("about the center"), blank=True,
                             help_text=_("Who the center is: its mission, its branches, whom it serves."))
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    facebook_url = models.URLField(_("Facebook page"), blank=True)
    x_url = models.URLField(_("X (Twitter) account"), blank=True)
    youtube_url = models.URLField(_("YouTube channel"), blank=True)
    telegram_url = models.URLField(_("Telegram channel"), blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    # Change history is registered in translation.py, after modeltranslation adds name_ar/name_en.

    class Meta:
        verbose_name = _("center profile")
        verbose_name_plural = _("center profile")
        constraints = [models.CheckConstraint(condition=models.Q(id=1), name="center_profile_is_a_singleton")]

    def __str__(self):
        return self.name

    @classmethod
    def current(cls) -> "CenterProfile":
        """The saved profile, or an empty one (not saved) before an administrator fills it in."""
        return cls.objects.filter(pk=cls.SINGLETON_ID).first() or cls()

    @classmethod
    def name_in(cls, language: str) -> str:
        """The center's name in a language (Arabic when the other is missing), as news drafts, the IATI
        file and the 3W export print it; empty until an administrator fills in the profile."""
        profile = cls.current()
        return getattr(profile, f"name_{language}", "") or profile.name_ar or profile.name_en or ""

    @property
    def social_links(self) -> list[tuple[str, str]]:
        fields = ("facebook_url", "x_url", "youtube_url", "telegram_url")
        return [(self._meta.get_field(f).verbose_name, getattr(self, f)) for f in fields if getattr(self, f)]


class BranchContact(models.Model):
    """A branch's public address and phone, shown in the contact section of the home page."""

    profile = models.ForeignKey(CenterProfile, verbose_name=_("center profile"), on_delete=models.CASCADE,
                                related_name="branch_contacts")
    branch = models.OneToOneField("branches.Branch", verbose_name=_("branch"), on_delete=models.CASCADE,
                                  related_name="public_contact")
    address = models.CharField(_("address"), max_length=255, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("email"), blank=True)

    class Meta:
        verbose_name = _("branch contact")
        verbose_name_plural = _("branch contacts")
        ordering = ["branch__code"]

    def __str__(self):
        return str(self.branch)


class RegistrationStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    ACCEPTED = "accepted", _("Accepted")
    REJECTED = "rejected", _("Rejected")


class RegistrationQuerySet(RestrictedQuerySet):
    def for_branch_staff(self, user):
        """Registrations hold phone numbers: only the staff who record activities (and may read
        contacts) see them, for the activities of their branches (all for administrators)."""
        from madani.activities.models import Activity

        if not user.can_record_activities:
            return self.none()
        return self.filter(activity__in=Activity.objects.visible_to(user))

    for_trainer = for_branch_staff

    def pending(self):
        return self.filter(status=RegistrationStatus.PENDING)


class Registration(models.Model):
    """Someone asked, on the public site, to take part in a training or workshop. Staff accept it (the
    person goes through the registry's duplicate check and is enrolled) or reject it."""

    activity = models.ForeignKey("activities.Activity", verbose_name=_("activity"), on_delete=models.CASCADE,
                                 related_name="registrations")
    full_name = models.CharField(_("full name"), max_length=200)
    gender = models.CharField(_("gender"), max_length=10, choices=Gender.choices)
    birth_year = models.PositiveSmallIntegerField(_("birth year"), validators=[validate_birth_year])
    phone = models.CharField(_("phone"), max_length=40)
    organization_name = models.CharField(_("organization"), max_length=255, blank=True,
                                         help_text=_("The organization or initiative you work with, if any."))
    home_place = models.ForeignKey("places.Place", verbose_name=_("where you live"), on_delete=models.PROTECT,
                                   related_name="+")
    status = models.CharField(_("status"), max_length=10, choices=RegistrationStatus.choices,
                              default=RegistrationStatus.PENDING)
    created_at = models.DateTimeField(_("received"), auto_now_add=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("decided by"), on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+")
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    participation = models.ForeignKey("activities.Participation", verbose_name=_("participation"),
                                      on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    history = HistoricalRecords()
    objects = RegistrationQuerySet.as_manager()

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["activity", "status"])]

    def __str__(self):
        return f"{self.full_name} — {self.activity}"
