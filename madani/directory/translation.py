import simple_history
from modeltranslation.translator import TranslationOptions, register

from .models import ServiceListing


@register(ServiceListing)
class ServiceListingTranslationOptions(TranslationOptions):
    fields = ("title", "description", "eligibility", "how_to_reach")


simple_history.register(ServiceListing, excluded_fields=["search_key", "updated_at"], m2m_fields=["places"])
