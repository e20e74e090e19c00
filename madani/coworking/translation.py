from modeltranslation.translator import TranslationOptions, register

from .models import BookableResource


@register(BookableResource)
class ResourceTranslationOptions(TranslationOptions):
    fields = ("name",)
    required_languages = ("ar",)
