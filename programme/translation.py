"""The programme in six languages: one column per language (django-modeltranslation),
English required, the other five falling back to it when empty."""

from modeltranslation.translator import TranslationOptions, register

from .models import AgendaItem, BilateralSlot, Committee, Meeting, Session


class EnglishRequired(TranslationOptions):
    required_languages = ("en",)


@register(Meeting)
class MeetingTranslation(EnglishRequired):
    fields = (
        "title",
        "convened_by",
        "president_name",
        "venue_name",
        "venue_address",
        "thematic_discussion",
    )


@register(Committee)
class CommitteeTranslation(EnglishRequired):
    fields = ("name",)


@register(Session)
class SessionTranslation(EnglishRequired):
    fields = ("title", "room")


@register(AgendaItem)
class AgendaItemTranslation(EnglishRequired):
    fields = ("title",)


@register(BilateralSlot)
class BilateralSlotTranslation(EnglishRequired):
    fields = ("room",)
