from django.db import models
from django.utils.translation import gettext_lazy as _

from madani.core.querysets import RestrictedQuerySet


class BranchQuerySet(RestrictedQuerySet):
    # Branches a user works in (every branch for roles that span branches).
    def _own(self, user):
        return self.filter(pk__in=user.branches.values("pk"))

    for_trainer = for_branch_staff = for_cso_member = _own


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
