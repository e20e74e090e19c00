import simple_history
from modeltranslation.translator import TranslationOptions, register

from .models import Call, Criterion


@register(Call)
class CallTranslationOptions(TranslationOptions):
    fields = ("title", "description")


@register(Criterion)
class CriterionTranslationOptions(TranslationOptions):
    fields = ("name",)


simple_history.register(Call, m2m_fields=["branches", "places", "panel"], excluded_fields=["created_at"])
