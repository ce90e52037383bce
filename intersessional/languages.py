"""The six languages' own names and tags, shared by the switcher and the forms, and
the collations that order names in each."""

from django.db import connection
from django.db.models.functions import Collate

# Each language's name as its readers write it, and its BCP 47 tag for <html lang>
# and hreflang (Django's code "zh-hans" is the tag "zh-Hans").
LANGUAGE_NAMES = {
    "ar": "العربية",
    "zh-hans": "中文",
    "en": "English",
    "fr": "Français",
    "ru": "Русский",
    "es": "Español",
}
LANGUAGE_TAGS = {"zh-hans": "zh-Hans"}
RTL_LANGUAGES = {"ar"}


def language_tag(code: str) -> str:
    return LANGUAGE_TAGS.get(code, code)


def language_dir(code: str) -> str:
    return "rtl" if code in RTL_LANGUAGES else "ltr"


# The languages the List of Participants is published in (English, French, Spanish).
LIST_LANGUAGES = ["en", "fr", "es"]


def list_languages() -> list[tuple[str, str]]:
    return [(code, LANGUAGE_NAMES[code]) for code in LIST_LANGUAGES]


# PostgreSQL's ICU collation that orders names as readers of each language expect
# ("Équateur" among the E in French, "Ñ" after "N" in Spanish, pinyin in Chinese).
ICU_COLLATIONS = {
    "en": "en-x-icu",
    "fr": "fr-x-icu",
    "es": "es-x-icu",
    "ru": "ru-x-icu",
    "ar": "ar-x-icu",
    "zh-hans": "zh-x-icu",
}


def collated(expression, language: str):
    """`expression` under `language`'s ICU collation on PostgreSQL; as it is elsewhere
    (SQLite, the demo's database, has no ICU)."""
    if connection.vendor != "postgresql":
        return expression
    return Collate(expression, ICU_COLLATIONS.get(language, "und-x-icu"))
