import simple_history
from modeltranslation.translator import TranslationOptions, register

from .models import Organization, Sector


@register(Organization)
class OrganizationTranslationOptions(TranslationOptions):
    fields = ("name", "description")


@register(Sector)
class SectorTranslationOptions(TranslationOptions):
    fields = ("name",)
    required_languages = ("ar", "en")


simple_history.register(
    Organization,
    excluded_fields=["search_key", "updated_at"],
    m2m_fields=["sectors", "places_of_work", "members"],
)
