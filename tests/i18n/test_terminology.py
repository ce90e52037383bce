"""The Convention's own terms: for each verified (sourced) row of the glossary, every
catalogue entry whose English holds the term holds that language's official term, in
the form the glossary gives or in one of the grammatical forms listed here. Exceptions
are listed with the reason; a term changed in a catalogue fails (shown below)."""

import csv
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from django.conf import settings

BASE = Path(settings.BASE_DIR)
GLOSSARY = BASE / "docs" / "glossary" / "apmbc_terms_six_languages.csv"
FOLDERS = {"fr": "fr", "es": "es", "ru": "ru", "ar": "ar", "zh": "zh_Hans"}

# The same term declined or contracted as the sentence needs it.
FORMS = {
    ("ru", "States Parties"): [
        "государства-участники",
        "государств-участников",
        "государствам-участникам",
        "государствами-участниками",
        "государства — участники",  # with a complement: «государства — участники Конвенции»
    ],
    ("ru", "Anti-Personnel Mine Ban Convention"): [
        "Конвенция о запрещении противопехотных мин",
        "Конвенции о запрещении противопехотных мин",
    ],
    ("ru", "Meeting of the States Parties"): [
        "Совещание государств-участников",
        "Совещания государств-участников",
    ],
    ("ar", "States Parties"): ["الدول الأطراف", "للدول الأطراف"],
    ("ar", "Meeting of the States Parties"): [
        "اجتماع الدول الأطراف",
        "الاجتماع السابع عشر للدول الأطراف",
    ],
    # The ordinal goes inside the Chinese title: 缔约国第十七届会议.
    ("zh", "Meeting of the States Parties"): ["缔约国会议", "缔约国第十七届会议"],
}

# (language, English term, the entry's msgid): why the official term is not there.
EXCEPTIONS = {
    (
        "ar",
        "Implementation Support Unit",
        "Implementation Support Unit of the Anti-Personnel Mine Ban Convention",
    ): "The Convention is named right after: «وحدة دعم تنفيذ اتفاقية حظر الألغام…».",
    (
        "ar",
        "Implementation Support Unit",
        "The Implementation Support Unit (ISU) of the Anti-Personnel Mine Ban Convention keeps "
        "what you give here to register you for the meeting, print your badge, write to you "
        "about the meeting and, only if you consent, list you in the published List of "
        "Participants.",
    ): "The Convention is named right after: «وحدة دعم التنفيذ التابعة لاتفاقية…».",
}


def glossary_rows():
    with GLOSSARY.open(newline="", encoding="utf-8") as file:
        return [
            row
            for row in csv.DictReader(file)
            if row["confidence"] == "sourced" and row["lang"] in FOLDERS
        ]


def catalogue(language):
    path = BASE / "locale" / FOLDERS[language] / "LC_MESSAGES" / "django.po"
    with path.open("rb") as po:
        return read_po(po)


def normal(text: str) -> str:
    return text.replace("\u00a0", " ").replace("\u2019", "'").casefold()


def mismatches(rows, catalogues) -> list[tuple]:
    """(language, English term, msgid, msgstr) of each entry without the official term."""
    found = []
    for row in rows:
        language, english = row["lang"], row["term_en"]
        forms = [normal(f) for f in FORMS.get((language, english), [row["term"]])]
        for message in catalogues[language]:
            if not message.id:
                continue
            ids = [message.id] if isinstance(message.id, str) else list(message.id)
            if not any(normal(english) in normal(msgid) for msgid in ids):
                continue
            if (language, english, ids[0]) in EXCEPTIONS:
                continue
            strings = [message.string] if isinstance(message.string, str) else message.string
            for text in strings:
                if not any(form in normal(text) for form in forms):
                    found.append((language, english, ids[0], text))
                    break
    return found


@pytest.fixture(scope="module")
def catalogues():
    return {language: catalogue(language) for language in FOLDERS}


def test_every_entry_uses_the_conventions_official_terms(catalogues):
    assert mismatches(glossary_rows(), catalogues) == []


def test_the_glossary_is_read(catalogues):
    rows = glossary_rows()

    assert {row["lang"] for row in rows} == set(FOLDERS)
    assert len(rows) >= 35


def test_a_term_changed_in_a_catalogue_fails(catalogues):
    english = "Implementation Support Unit, Anti-Personnel Mine Ban Convention"
    message = catalogues["fr"].get(english)
    original = message.string
    # A translator writes a plausible but unofficial name for the ISU.
    message.string = original.replace(
        "Unité d'appui à l'application", "Unité de soutien à la mise en œuvre"
    )
    try:
        found = mismatches(glossary_rows(), catalogues)
    finally:
        message.string = original

    assert [(lang, term, msgid) for lang, term, msgid, _text in found] == [
        ("fr", "Implementation Support Unit", english)
    ]


def test_an_exception_needs_its_entry_to_exist(catalogues):
    for language, _english, msgid in EXCEPTIONS:
        assert catalogues[language].get(msgid) is not None, msgid
