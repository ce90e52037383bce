"""The States under their UN short names in six languages, and the organisations'
names (at least English and French): one column per language, English required."""

from modeltranslation.translator import TranslationOptions, register

from .models import Organisation, State


@register(State)
class StateTranslation(TranslationOptions):
    fields = ("un_name",)
    required_languages = ("en",)


@register(Organisation)
class OrganisationTranslation(TranslationOptions):
    fields = ("name",)
    required_languages = ("en",)
