from modeltranslation.translator import TranslationOptions, register

from .models import Indicator, Outcome, Output


@register(Indicator)
class IndicatorTranslationOptions(TranslationOptions):
    fields = ("name",)


@register(Outcome)
class OutcomeTranslationOptions(TranslationOptions):
    fields = ("statement",)


@register(Output)
class OutputTranslationOptions(TranslationOptions):
    fields = ("statement",)
