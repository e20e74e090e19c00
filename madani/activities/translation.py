import simple_history
from modeltranslation.translator import TranslationOptions, register

from .models import Activity, Phase, Program, Topic


@register(Program)
class ProgramTranslationOptions(TranslationOptions):
    fields = ("name", "description")


@register(Phase)
class PhaseTranslationOptions(TranslationOptions):
    fields = ("name",)


@register(Topic)
class TopicTranslationOptions(TranslationOptions):
    fields = ("name",)
    required_languages = ("ar", "en")


@register(Activity)
class ActivityTranslationOptions(TranslationOptions):
    fields = ("title", "description")


simple_history.register(Program, m2m_fields=["branches"])
simple_history.register(
    Activity,
    excluded_fields=["search_key", "updated_at"],
    m2m_fields=["topics", "facilitators", "target_organizations"],
)
