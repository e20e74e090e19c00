import re

from django.db import models
from django.db.models import F, Value
from django.db.models.functions import Coalesce, Lower, Replace
from django.utils.translation import gettext_lazy as _

from madani.core.arabic import _JoinWords, normalize, normalized_expression, search_key_expression

# What a typed place name may carry or leave out: spaces, hyphens, apostrophes ("ديرالزور", "Deir ez-Zor",
# "A'zaz"), and a leading article ("ال", "al-", "ar-", "ash-"…).
GLUE = (" ", "-", "'")
# Other apostrophes are read as the plain one (in Python only: SQLite's parser allows few nested REPLACEs).
APOSTROPHES = str.maketrans({"\u2019": "'", "\u02bc": "'", "`": "'", "\u2018": "'"})
_ARTICLE = re.compile(r"^(?:al|el|ar|as|ash|ad|adh|at|ath|an|az)-")


def compact(text: str) -> str:
    """``text`` as the compact key holds it: normalized (madani.core.arabic), without spaces, hyphens and
    apostrophes. The SQL twin is ``compact_key_expression``."""
    text = normalize(text.translate(APOSTROPHES))
    for glue in GLUE:
        text = text.replace(glue, "")
    return text


def place_terms(text: str | None) -> list[str]:
    """The compact words of a typed place name, each without a leading article (Arabic or Latin)."""
    terms = []
    for word in normalize(text).split():
        if word in ("al", "el"):
            continue
        word = _ARTICLE.sub("", word)
        if word.startswith("ال") and len(word) > 3:
            word = word[2:]
        if word := compact(word):
            terms.append(word)
    return terms


def name_key(text) -> str:
    """A whole place name as names typed in a sheet are compared (``places.matching``): compact, without
    a leading article, so that "الكسرة", "كسرة" and "Al-Kasra"/"Kasra" meet their place's names."""
    text = " ".join(normalize(str(text or "")).split())
    text = re.sub(r"^(?:al|el|ar|as|ash|ad|adh|at|ath|an|az)[- ]", "", text)
    if text.startswith("ال") and len(text) > 3:
        text = text[2:]
    return compact(text)


def compact_key_expression():
    """The compact key in SQL: the normalized names, without glue (flat, for SQLite's parser)."""
    expression = _JoinWords(*[normalized_expression(Coalesce(F(name), Value(""))) for name in ("name_ar", "alternate_names")],
                            *[Lower(Coalesce(F(name), Value(""))) for name in ("name_en", "pcode")])
    for glue in GLUE:
        expression = Replace(expression, Value(glue), Value(""))
    return expression


class Level(models.TextChoices):
    GOVERNORATE = "governorate", _("Governorate")
    DISTRICT = "district", _("District")
    SUBDISTRICT = "subdistrict", _("Sub-district")
    COMMUNITY = "community", _("Community")


class PlaceQuerySet(models.QuerySet):
    def search(self, text: str):
        """Places whose Arabic or English name, an alternate name or the P-code contains every word of
        ``text``, spaces, hyphens, apostrophes, hamza forms and articles aside."""
        qs = self
        for word in place_terms(text):
            qs = qs.filter(compact_key__contains=word)
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
    alternate_names = models.TextField(
        _("alternate names"), blank=True,
        help_text=_("Other names and spellings people type (Kobani, Tabqa, Qamishli…), separated by “|”."),
    )
    search_key = models.GeneratedField(
        expression=search_key_expression(("name_ar", "alternate_names"), "name_en", "pcode"),
        output_field=models.CharField(max_length=2000),
        db_persist=True,
    )
    compact_key = models.GeneratedField(
        expression=compact_key_expression(),
        output_field=models.CharField(max_length=2000),
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

    def alternates(self) -> list[str]:
        return [name.strip() for name in self.alternate_names.split("|") if name.strip()]

    def label(self) -> str:
        """'Hajin — Abu Kamal — Deir-ez-Zor' in the active language."""
        return " — ".join(str(p) for p in [self, *self.ancestors()])
