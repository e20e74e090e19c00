from modeltranslation.translator import TranslationOptions, register

from .models import Organization, Sector


@register(Organization)
class OrganizationTranslationOptions(TranslationOptions):
    fields = ("name", "description")


@register(Sector)
class SectorTranslationOptions(TranslationOptions):
    fields = ("name",)
    required_languages = ("ar", "en")
