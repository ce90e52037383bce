"""The President's title and the grammar around it follow the office-holder: the
meeting knows whether its President is a woman (2018: H.E. Suraya Dalil) or a man."""

import pytest
from django.utils import translation

from programme.models import Meeting
from tests.helpers import visible_text
from tests.i18n.pages import url

pytestmark = pytest.mark.django_db

# (what the home page says of a woman President, of a man) in each language.
HOME = {
    "fr": ("la Présidente et les Comités tiennent", "le Président et les Comités tiennent"),
    "es": ("la Presidenta y los Comités celebran", "el Presidente y los Comités celebran"),
    "ar": ("تعقد الرئيسة واللجان", "يعقد الرئيس واللجان"),
}
PROGRAMME = {
    "fr": ("La Présidente et les Comités rencontrent", "Le Président et les Comités rencontrent"),
    "es": ("La Presidenta y los Comités se reúnen", "El Presidente y los Comités se reúnen"),
    "ar": ("تلتقي الرئيسة واللجان", "يلتقي الرئيس واللجان"),
}
PRIVACY = {
    "fr": ("demande la lettre de la Présidente", "demande la lettre du Président"),
    "es": ("la carta de la Presidenta", "la carta del Presidente"),
    "ar": ("رسالة الرئيسة.", "رسالة الرئيس."),
}


def test_the_2018_meeting_has_a_woman_as_president(meeting):
    assert meeting.president_gender == Meeting.PresidentGender.WOMAN
    assert meeting.president_is_woman


@pytest.mark.parametrize("language", ["fr", "es", "ar"])
def test_the_pages_give_a_woman_president_her_title(client, open_registration, language):
    home = visible_text(client.get(url("programme:home", language)))
    programme = visible_text(client.get(url("programme:programme", language)))
    privacy = visible_text(client.get(url("privacy:notice", language)))

    assert HOME[language][0] in home and HOME[language][1] not in home
    assert PROGRAMME[language][0] in programme and PROGRAMME[language][1] not in programme
    assert PRIVACY[language][0] in privacy and PRIVACY[language][1] not in privacy


@pytest.mark.parametrize("language", ["fr", "es", "ar"])
def test_a_man_as_president_gets_his(client, open_registration, language):
    open_registration.president_gender = Meeting.PresidentGender.MAN
    open_registration.save()

    home = visible_text(client.get(url("programme:home", language)))
    programme = visible_text(client.get(url("programme:programme", language)))

    assert HOME[language][1] in home and HOME[language][0] not in home
    assert PROGRAMME[language][1] in programme


@pytest.mark.parametrize(
    ("language", "woman", "man"),
    [
        ("fr", "La Présidente", "Le Président"),
        ("es", "La Presidenta", "El Presidente"),
        ("ar", "الرئيسة", "الرئيس"),
        ("en", "The President", "The President"),
    ],
)
def test_a_bilateral_slot_names_its_host_by_the_office_holder(meeting, language, woman, man):
    from programme.models import BilateralSlot

    slot = BilateralSlot(meeting=meeting, committee=None)
    with translation.override(language):
        assert slot.host_name == woman
        meeting.president_gender = Meeting.PresidentGender.MAN
        assert slot.host_name == man
