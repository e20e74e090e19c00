from modeltranslation.translator import TranslationOptions, register

from .models import Branch


@register(Branch)
class BranchTranslationOptions(TranslationOptions):
    fields = ("name",)
    required_languages = ("ar", "en")
