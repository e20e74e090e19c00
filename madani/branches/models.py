from django.db import models
from django.utils.translation import gettext_lazy as _


class BranchQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Branches a user works in (every branch for roles that span branches)."""
        if not user.is_authenticated:
            return self.none()
        if user.spans_all_branches:
            return self.all()
        return self.filter(pk__in=user.branches.values("pk"))


class Branch(models.Model):
    """An office of the support center (Raqqa, Deir ez-Zor, Amouda, Aleppo…)."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=120)
    place = models.ForeignKey(
        "places.Place", verbose_name=_("place"), on_delete=models.PROTECT, null=True, blank=True
    )

    objects = BranchQuerySet.as_manager()

    class Meta:
        verbose_name = _("branch")
        verbose_name_plural = _("branches")
        ordering = ["code"]

    def __str__(self):
        return self.name
