"""The civic-knowledge library (seed 003): guides, studies, recordings and links for partner CSOs and the
public, each with an access level. Files are read only through ``library:file``, after ``visible_to``."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator, URLValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from madani.core.arabic import search_key_expression, search_terms
from madani.core.querysets import RestrictedQuerySet
from madani.core.templatetags.bidi import separator
from madani.core.uploads import extension_of


class Kind(models.TextChoices):
    DOCUMENT = "document", _("Document")
    AUDIO = "audio", _("Audio")
    VIDEO = "video", _("Video")
    LINK = "link", _("Link")


class Access(models.TextChoices):
    PUBLIC = "public", _("Public")
    MEMBERS = "members", _("CSO members")
    STAFF = "staff", _("Center staff")


class Language(models.TextChoices):
    ARABIC = "ar", _("Arabic")
    ENGLISH = "en", _("English")
    KURDISH = "ku", _("Kurdish")
    SEVERAL = "mul", _("Several languages")


# What a file of each kind may be (checked by content, madani/core/uploads.py).
ACCEPTED_EXTENSIONS = {
    Kind.DOCUMENT: (".pdf", ".docx", ".xlsx", ".pptx", ".odt", ".epub"),
    Kind.AUDIO: (".mp3", ".ogg", ".opus", ".m4a", ".wav"),
    Kind.VIDEO: (".mp4", ".webm"),
}


def max_bytes(kind: str) -> int:
    """The largest file accepted for a kind (settings MADANI_LIBRARY_MAX_<KIND>_MB)."""
    return getattr(settings, f"MADANI_LIBRARY_MAX_{kind.upper()}_MB") * 1024 * 1024


class ResourceQuerySet(RestrictedQuerySet):
    # Anonymous visitors: public resources. Signed-in partner accounts (CSO members, network
    # editors, forum moderators): public and members-only ones. Center staff: all.
    def for_anonymous(self):
        return self.filter(access=Access.PUBLIC)

    def for_branch_staff(self, user):
        return self.all()

    for_trainer = for_branch_staff

    def for_cso_member(self, user):
        return self.filter(access__in=[Access.PUBLIC, Access.MEMBERS])

    def editable_by(self, user):
        """Registry editors change their branches' resources; only administrators change center-wide
        ones (no branch), as for center-wide partners."""
        if not user.is_authenticated or not user.can_edit_registry:
            return self.none()
        if user.spans_all_branches:
            return self.all()
        return self.filter(branch_id__in=user.branch_ids())

    def search(self, text: str):
        qs = self
        for word in search_terms(text):
            qs = qs.filter(search_key__contains=word)
        return qs


class Resource(models.Model):
    """A document, recording, video or link of the library."""

    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.DOCUMENT)
    title = models.CharField(_("title"), max_length=255)
    summary = models.TextField(_("summary"), blank=True)
    topics = models.ManyToManyField("activities.Topic", verbose_name=_("topics"), blank=True, related_name="resources")
    authors = models.CharField(_("authors"), max_length=255, blank=True,
                               help_text=_("People or organizations, separated by commas."))
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True, validators=[MinValueValidator(1900)])
    language = models.CharField(_("language"), max_length=3, choices=Language.choices, default=Language.ARABIC)
    access = models.CharField(_("access"), max_length=10, choices=Access.choices, default=Access.PUBLIC,
                              help_text=_("Who may open it: everyone, signed-in CSO members, or center staff only."))
    file = models.FileField(_("file"), upload_to="library/%Y/", max_length=255, blank=True)
    url = models.URLField(
        _("link"), max_length=500, blank=True,
        validators=[URLValidator(schemes=["http", "https"],
                                 message=_("Enter a web address that starts with http:// or https://."))],
    )
    size = models.PositiveBigIntegerField(_("size in bytes"), null=True, blank=True, editable=False)
    content_type = models.CharField(_("content type"), max_length=100, blank=True, editable=False)
    branch = models.ForeignKey(
        "branches.Branch", verbose_name=_("branch"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="resources",
        help_text=_("The branch that looks after this resource; only administrators keep center-wide ones."),
    )
    network = models.ForeignKey(
        "organizations.Organization", verbose_name=_("network"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="network_resources", limit_choices_to={"kind": "network"},
        help_text=_("Also offered on this network's website."),
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("added by"), on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("added"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    search_key = models.GeneratedField(
        expression=search_key_expression(("title_ar", "authors"), "title_en"),
        output_field=models.CharField(max_length=800),
        db_persist=True,
    )

    # Change history is registered in translation.py, after modeltranslation adds title_ar/title_en.
    objects = ResourceQuerySet.as_manager()

    class Meta:
        verbose_name = _("library resource")
        verbose_name_plural = _("library resources")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["access", "kind"])]

    def __str__(self):
        return self.title or self.title_ar or self.title_en or ""

    @property
    def is_file(self) -> bool:
        return self.kind != Kind.LINK

    def clean(self):
        errors = {}
        if not self.title_ar and not self.title_en:
            errors["title_ar"] = _("Give the title in Arabic or English.")
        if self.year and self.year > datetime.date.today().year:
            errors["year"] = _("The year cannot be in the future.")
        if self.kind == Kind.LINK:
            if not self.url:
                errors["url"] = _("Give the link's web address.")
            if self.file:
                errors["file"] = _("A link has no file; choose another kind or remove the file.")
        else:
            if not self.file:
                errors["file"] = _("Upload the file.")
            elif extension_of(self.file.name) not in ACCEPTED_EXTENSIONS[self.kind]:
                errors["file"] = _("Upload a file of one of these types: %(types)s.") % {
                    "types": separator().join(ACCEPTED_EXTENSIONS[self.kind])}
            if self.url:
                errors["url"] = _("Only links have a web address; leave it empty for a file.")
        if errors:
            raise ValidationError(errors)
