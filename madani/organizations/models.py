from django.db import models
from django.utils.translation import gettext_lazy as _

from madani.core.arabic import search_key_expression, search_terms
from madani.core.querysets import RestrictedQuerySet


class Kind(models.TextChoices):
    CSO = "cso", _("Civil-society organization")
    INITIATIVE = "initiative", _("Initiative")
    NETWORK = "network", _("Network")
    DONOR = "donor", _("Donor")
    LOCAL_COUNCIL = "local_council", _("Local council")
    INGO = "ingo", _("International NGO")


class IncubationStage(models.TextChoices):
    NONE = "none", _("Not incubated")
    APPLICANT = "applicant", _("Applicant")
    INCUBATED = "incubated", _("Incubated")
    GRADUATED = "graduated", _("Graduated")


class LicensingStatus(models.TextChoices):
    UNKNOWN = "unknown", _("Unknown")
    UNLICENSED = "unlicensed", _("Not licensed")
    IN_PROGRESS = "in_progress", _("Licensing in progress")
    LICENSED = "licensed", _("Licensed")


class Sector(models.Model):
    """A field of work (education, protection, livelihoods…), bilingual."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=120)

    class Meta:
        verbose_name = _("sector")
        verbose_name_plural = _("sectors")
        ordering = ["code"]

    def __str__(self):
        return self.name


class OrganizationQuerySet(RestrictedQuerySet):
    # Organizations a user may see: their branches' and center-wide ones (all for administrators);
    # trainers only those their activities served or whose people took part in them (need-to-know);
    # CSO members only their own.
    def for_trainer(self, user):
        return self.served_by_activities_of(user)

    def for_branch_staff(self, user):
        return self.filter(models.Q(branch_id__in=user.branch_ids()) | models.Q(branch__isnull=True))

    def for_cso_member(self, user):
        return self.filter(pk=user.organization_id) if user.organization_id else self.none()

    def served_by_activities_of(self, user):
        """The organizations served by the activities ``user`` may see, or represented by a participant in
        them."""
        from madani.activities.models import Activity, Participation

        mine = Activity.objects.visible_to(user).order_by().values("pk")
        served = Activity.target_organizations.through.objects.filter(activity__in=mine).values("organization_id")
        represented = Participation.objects.filter(activity__in=mine, organization__isnull=False).values(
            "organization_id")
        return self.filter(models.Q(pk__in=served) | models.Q(pk__in=represented))

    def search(self, text: str):
        qs = self
        for word in search_terms(text):
            qs = qs.filter(search_key__contains=word)
        return qs

    def in_governorate(self, pcode: str):
        """Organizations based in, or working in, the governorate with this P-code."""
        works_there = Organization.places_of_work.through.objects.filter(
            organization=models.OuterRef("pk"), place__pcode__startswith=pcode
        )
        return self.filter(models.Q(place__pcode__startswith=pcode) | models.Exists(works_there))


class Organization(models.Model):
    """A CSO, initiative, network, donor, local council or INGO."""

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.CSO)
    name = models.CharField(_("name"), max_length=255)
    acronym = models.CharField(_("acronym"), max_length=40, blank=True)
    description = models.TextField(_("description"), blank=True)
    branch = models.ForeignKey(
        "branches.Branch",
        verbose_name=_("branch"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organizations",
        help_text=_("Leave empty for center-wide partners (donors, INGOs) that every branch works with."),
    )
    place = models.ForeignKey(
        "places.Place",
        verbose_name=_("headquarters"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    places_of_work = models.ManyToManyField(
        "places.Place", verbose_name=_("places of work"), blank=True, related_name="organizations"
    )
    sectors = models.ManyToManyField(Sector, verbose_name=_("sectors"), blank=True, related_name="organizations")
    incubation_stage = models.CharField(
        _("incubation stage"), max_length=20, choices=IncubationStage.choices, default=IncubationStage.NONE
    )
    licensing_status = models.CharField(
        _("licensing status"), max_length=20, choices=LicensingStatus.choices, default=LicensingStatus.UNKNOWN
    )
    founded_year = models.PositiveSmallIntegerField(_("year founded"), null=True, blank=True)
    members = models.ManyToManyField(
        "self",
        verbose_name=_("member organizations"),
        symmetrical=False,
        blank=True,
        related_name="networks",
        help_text=_("For networks and coalitions: the organizations that belong to it."),
    )
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("email"), blank=True)
    website = models.URLField(_("website"), blank=True)
    address = models.CharField(_("address"), max_length=255, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    search_key = models.GeneratedField(
        expression=search_key_expression("name_ar", "name_en", "acronym"),
        output_field=models.CharField(max_length=600),
        db_persist=True,
    )

    # Change history (django-simple-history) is registered in translation.py, after modeltranslation has
    # added name_ar/name_en, so that the historical table records both languages.
    objects = OrganizationQuerySet.as_manager()

    class Meta:
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")
        ordering = ["name_ar"]
        indexes = [models.Index(fields=["branch", "kind"])]

    def __str__(self):
        return self.name or self.name_ar or self.name_en or ""
