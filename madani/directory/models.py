"""The services directory (issue 5, seed 004: "the site also publishes the services CSOs provide, so
that the community can reach them"). A CSO describes a service in Arabic and English; staff of its
branch moderate; the public finds published services by governorate, sector and words."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from madani.core.arabic import normalized_key_expression, search_terms
from madani.core.querysets import RestrictedQuerySet
from madani.organizations.models import Organization


class Status(models.TextChoices):
    PENDING = "pending", _("Waiting for moderation")
    PUBLISHED = "published", _("Published")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class ServiceListingQuerySet(RestrictedQuerySet):
    # Staff: the listings of the organizations they see (their branches' and center-wide ones).
    # CSO members: their own organization's listings, in every state. The public: see ``published``.
    def for_branch_staff(self, user):
        return self.filter(organization__in=Organization.objects.visible_to(user))

    for_trainer = for_branch_staff

    def for_cso_member(self, user):
        return self.filter(organization_id=user.organization_id) if user.organization_id else self.none()

    def published(self):
        return self.filter(status=Status.PUBLISHED)

    def in_governorate(self, pcode: str):
        """Listings that serve a place in the area with this P-code (a governorate, or any place under it)."""
        serves_there = ServiceListing.places.through.objects.filter(
            servicelisting=models.OuterRef("pk"), place__pcode__startswith=pcode
        )
        return self.filter(models.Exists(serves_there))

    def search(self, text: str):
        """Every word in the listing's texts or in its organization's name (Arabic normalized)."""
        qs = self
        for word in search_terms(text):
            qs = qs.filter(models.Q(search_key__contains=word) | models.Q(organization__search_key__contains=word))
        return qs


class ServiceListing(models.Model):
    """A service a CSO offers the public: what it is, where, for whom and how to reach it."""

    organization = models.ForeignKey(
        "organizations.Organization", verbose_name=_("organization"), on_delete=models.CASCADE,
        related_name="service_listings",
    )
    title = models.CharField(_("service"), max_length=200)
    description = models.TextField(_("description"))
    eligibility = models.TextField(_("who is eligible"), blank=True)
    how_to_reach = models.TextField(_("how to reach the service"), blank=True)
    sector = models.ForeignKey(
        "organizations.Sector", verbose_name=_("sector"), on_delete=models.PROTECT, related_name="+"
    )
    places = models.ManyToManyField("places.Place", verbose_name=_("places served"), related_name="+")
    # Published on the public page: the service's own contact points, never a person's private details.
    phone = models.CharField(_("public phone"), max_length=40, blank=True)
    email = models.EmailField(_("public email"), blank=True)
    website = models.URLField(_("website"), blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.PENDING)
    moderation_note = models.TextField(_("moderation note"), blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("moderated by"), on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+",
    )
    moderated_at = models.DateTimeField(_("moderated"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("submitted by"), on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    search_key = models.GeneratedField(
        expression=normalized_key_expression("title_ar", "description_ar", "title_en", "description_en"),
        output_field=models.TextField(),
        db_persist=True,
    )

    # Change history is registered in translation.py, after modeltranslation adds the _ar/_en fields.
    objects = ServiceListingQuerySet.as_manager()

    class Meta:
        verbose_name = _("service listing")
        verbose_name_plural = _("service listings")
        ordering = ["-updated_at", "-pk"]
        indexes = [models.Index(fields=["status", "sector"])]

    def __str__(self):
        return self.title or self.title_ar or self.title_en or ""

    def get_absolute_url(self):
        """The public page (only published listings answer there)."""
        return reverse("directory:public_detail", args=[self.pk])

    @property
    def is_published(self) -> bool:
        return self.status == Status.PUBLISHED
