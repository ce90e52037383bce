"""Sentences that insert a name read right for any name (review, section 3 no. 5):
no French or Spanish «de %(name)s» that gives «de Afghanistan», «de Países Bajos», no
Russian name left in the nominative after a noun; one English word with two meanings
has two entries; French puts a no-break space before « : ; ? ! » and inside « »."""

import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from django.conf import settings
from django.utils import translation

LOCALE = Path(settings.BASE_DIR) / "locale"
NAMES = r"%\((delegation|state|name|host|room)\)s"
# A preposition or a noun that the inserted name would have to agree with.
BROKEN = {
    "fr": rf"(?:^|\s)(de|du|avec|en salle|à)\s+{NAMES}",
    "es": rf"(?:^|\s)(de|con|a|en la sala)\s+{NAMES}",
    "ru": rf"(Делегация|делегации|Регистрация)\s+{NAMES}",
}


def entries(folder):
    with (LOCALE / folder / "LC_MESSAGES" / "django.po").open("rb") as po:
        for message in read_po(po):
            if message.id:
                strings = [message.string] if isinstance(message.string, str) else message.string
                yield message, strings


@pytest.mark.parametrize("folder", ["fr", "es", "ru"])
def test_no_sentence_makes_an_inserted_name_agree(folder):
    broken = [
        (message.id, text)
        for message, strings in entries(folder)
        for text in strings
        if re.search(BROKEN[folder], text)
    ]
    assert broken == []


def test_french_puts_a_no_break_space_before_high_punctuation():
    ordinary = [
        (message.id, text)
        for message, strings in entries("fr")
        for text in strings
        if re.search(r" [:;?!»]|« ", text)
    ]
    assert ordinary == []


@pytest.mark.parametrize(
    ("language", "statement_file", "registration"),
    [
        ("ru", "Отозвать", "Отзыв регистрации"),
        ("es", "Retirar", "Retirar la inscripción"),
        ("fr", "Retirer", "Retrait de l'inscription"),
    ],
)
def test_withdraw_has_one_translation_for_each_meaning(language, statement_file, registration):
    with translation.override(language):
        assert translation.pgettext("a statement file", "Withdraw") == statement_file
        assert translation.pgettext("a registration", "Withdraw") == registration


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("fr", "La délégation (Afghanistan) est invitée à une réunion bilatérale (La Présidente)"),
        (
            "es",
            "La delegación (Países Bajos) está invitada a una reunión bilateral (La Presidenta)",
        ),
        ("ru", "Делегация (Афганистан) приглашается на двустороннюю встречу (Председатель)"),
    ],
)
def test_the_bilateral_invitation_reads_right_with_any_name(language, expected):
    name = {"fr": "Afghanistan", "es": "Países Bajos", "ru": "Афганистан"}[language]
    host = {"fr": "La Présidente", "es": "La Presidenta", "ru": "Председатель"}[language]
    msgid = (
        "The delegation of %(delegation)s is invited to a bilateral meeting (%(host)s) on "
        "%(day)s, %(start)s to %(end)s (Geneva time), in %(room)s, before the %(title)s."
    )
    with translation.override(language):
        text = translation.gettext(msgid) % {
            "delegation": name,
            "host": host,
            "day": "D",
            "start": "S",
            "end": "E",
            "room": "Salles des réunions bilatérales",
            "title": "T",
        }
    assert text.replace("\u00a0", " ").startswith(expected)
    assert "salle Salles" not in text and "sala Salas" not in text
