import simple_history
from modeltranslation.translator import TranslationOptions, register

from .models import BranchContact, CenterProfile


@register(CenterProfile)
class CenterProfileTranslationOptions(TranslationOptions):
    fields = ("name", "tagline", "about")
    required_languages = ("ar", "en")


@register(BranchContact)
class BranchContactTranslationOptions(TranslationOptions):
    fields = ("address",)


simple_history.register(CenterProfile, excluded_fields=["updated_at"])
