import simple_history
from modeltranslation.translator import TranslationOptions, register

from .models import NewsPost, Tag


@register(Tag)
class TagTranslationOptions(TranslationOptions):
    fields = ("name",)
    required_languages = ("ar", "en")


@register(NewsPost)
class NewsPostTranslationOptions(TranslationOptions):
    """A post may be written in one language only: no fallback, so an English page never shows the
    Arabic text under an English heading."""

    fields = ("title", "summary", "body")
    fallback_languages = {"default": ()}


simple_history.register(NewsPost, excluded_fields=["updated_at"], m2m_fields=["tags"])
