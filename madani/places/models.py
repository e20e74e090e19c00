from django.db import models
from django.utils.translation import gettext_lazy as _

from madani.core.arabic import search_key_expression, search_terms


class Level(models.TextChoices):
    GOVERNORATE = "governorate", _("Governorate")
    DISTRICT = "district", _("District")
    SUBDISTRICT = "subdistrict", _("Sub-district")
    COMMUNITY = "community", _("Community")


class PlaceQuerySet(models.QuerySet):
    def search(self, text: str):
        """Places whose Arabic or English name (or P-code) contains every word of ``text``."""
        qs = self
        for word in search_terms(text):
            qs = qs.filter(search_key__contains=word)
        return qs

    def governorates(self):
        return self.filter(level=Level.GOVERNORATE)


class Place(models.Model):
    """Syria's administrative gazetteer (OCHA COD-AB P-codes), Arabic and English names."""

    pcode = models.CharField(_("P-code"), max_length=20, unique=True)
    level = models.CharField(_("level"), max_length=16, choices=Level.choices)
    parent = models.ForeignKey(
        "self", verbose_name=_("parent"), on_delete=models.PROTECT, null=True, blank=True, related_name="children"
    )
    name = models.CharField(_("name"), max_length=200)
    search_key = models.GeneratedField(
        expression=search_key_expression("name_ar", "name_en", "pcode"),
        output_field=models.CharField(max_length=500),
        db_persist=True,
    )

    objects = PlaceQuerySet.as_manager()

    class Meta:
        verbose_name = _("place")
        verbose_name_plural = _("places")
        ordering = ["pcode"]
        indexes = [models.Index(fields=["level", "pcode"])]

    def __str__(self):
        return self.name

    def ancestors(self) -> list["Place"]:
        chain, node = [], self.parent
        while node is not None:
            chain.append(node)
            node = node.parent
        return chain

    def label(self) -> str:
        """'Hajin — Abu Kamal — Deir-ez-Zor' in the active language."""
        return " — ".join(str(p) for p in [self, *self.ancestors()])
