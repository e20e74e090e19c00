from modeltranslation.translator import TranslationOptions, register

from .models import Questionnaire


@register(Questionnaire)
class QuestionnaireTranslationOptions(TranslationOptions):
    fields = ("title",)
