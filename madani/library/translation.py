import simple_history
from modeltranslation.translator import TranslationOptions, register

from .models import Resource


@register(Resource)
class ResourceTranslationOptions(TranslationOptions):
    fields = ("title", "summary")


simple_history.register(Resource, excluded_fields=["search_key", "updated_at"], m2m_fields=["topics"])
