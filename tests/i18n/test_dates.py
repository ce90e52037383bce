"""Dates and times as each language writes them (CLDR through intersessional/dates.py):
on the home page, the programme, an e-mail and a badge, in the six languages; and no
template that formats a date with a pattern of its own."""

import re
from datetime import date, datetime
from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail
from django.utils import translation

from documents.badges import render_badges
from floor import services as floor_services
from intersessional import dates
from programme.models import Session
from tests.conftest import GENEVA
from tests.helpers import bilateral_slot, pdf_text, visible_text
from tests.i18n.pages import LANGUAGES, registered, url

DEADLINE = datetime(2018, 5, 31, 23, 59, tzinfo=GENEVA)

# What each language must read: the deadline, the meeting's days, the bilateral day.
HOME = {
    "en": ["Thursday 31 May 2018, 23:59", "7–8 June 2018", "Wednesday 6 June 2018"],
    "fr": ["jeudi 31 mai 2018 à 23 h 59", "7–8 juin 2018", "mercredi 6 juin 2018"],
    "es": ["jueves 31 de mayo de 2018, 23:59", "7 y 8 de junio de 2018"],
    "ru": ["31 мая 2018 года (четверг), 23:59", "7–8 июня 2018 года", "6 июня 2018 года"],
    "ar": ["الخميس 31 أيار/مايو 2018، الساعة 23:59", "7–8 حزيران/يونيو 2018"],
    "zh-hans": ["2018年5月31日（星期四）23:59", "2018年6月7日至8日", "2018年6月6日（星期三）"],
}
PROGRAMME_DAY = {
    "en": "Thursday 7 June 2018",
    "fr": "jeudi 7 juin 2018",
    "es": "jueves 7 de junio de 2018",
    "ru": "7 июня 2018 года (четверг)",
    "ar": "الخميس 7 حزيران/يونيو 2018",
    "zh-hans": "2018年6月7日（星期四）",
}
INVITATION = {
    "en": "Wednesday 6 June 2018, 10:00 to 10:30",
    "fr": "mercredi 6 juin 2018, de 10 h à 10 h 30",
    "es": "miércoles 6 de junio de 2018",
    "ru": "6 июня 2018 года (среда)",
    "ar": "الأربعاء 6 حزيران/يونيو 2018",
    "zh-hans": "2018年6月6日（星期三）",
}
# On a badge: the meeting's days (pdftotext gives Arabic back in visual order, between
# direction marks: the month's two names are what can be checked).
BADGE = {
    "en": ["7–8 June 2018"],
    "fr": ["7–8 juin 2018"],
    "es": ["7 y 8 de junio de 2018"],
    "ru": ["7–8 июня 2018 года"],
    "ar": ["حزيران", "يونيو"],
    "zh-hans": ["2018年6月7日至8日"],
}
TEMPLATES = Path(settings.BASE_DIR) / "templates"


def flat(text: str) -> str:
    """Words apart from spacing: no-break spaces and pdftotext's direction marks aside."""
    text = re.sub("[\u202a-\u202e]", " ", text)
    return " ".join(text.replace("\u00a0", " ").split())


def test_no_template_formats_a_date_with_a_pattern_of_its_own():
    by_hand = re.compile(r"\|\s*(date|time)\b")
    offenders = [
        f"{path.relative_to(TEMPLATES)}:{n}"
        for path in TEMPLATES.rglob("*")
        if path.is_file()
        for n, line in enumerate(path.read_text().splitlines(), 1)
        if by_hand.search(line)
    ]
    assert offenders == []


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "1 March 2023"),
        ("fr", "1er mars 2023"),
        ("es", "1 de marzo de 2023"),
        ("ru", "1 марта 2023 года"),
        ("ar", "1 آذار/مارس 2023"),
        ("zh-hans", "2023年3月1日"),
    ],
)
def test_a_date_is_written_as_its_language_writes_it(language, expected):
    assert flat(dates.long_date(date(2023, 3, 1), language)) == expected


def test_the_active_language_is_used_when_none_is_given():
    with translation.override("es"):
        assert dates.moment(DEADLINE) == "jueves 31 de mayo de 2018, 23:59"
    assert flat(dates.moment(DEADLINE, "fr")) == "jeudi 31 mai 2018 à 23 h 59"


def test_a_range_over_two_months_gives_both_dates():
    assert dates.date_range(date(2018, 5, 31), date(2018, 6, 1), "en") == (
        "31 May 2018 – 1 June 2018"
    )


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_the_home_page_writes_its_dates_in_its_language(client, open_registration, language):
    text = flat(visible_text(client.get(url("programme:home", language))))

    for expected in HOME[language]:
        assert expected in text, (language, expected)


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_the_programme_heads_each_day_in_its_language(client, open_registration, language):
    text = flat(visible_text(client.get(url("programme:programme", language))))

    assert PROGRAMME_DAY[language] in text


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_a_bilateral_invitation_writes_the_day_in_the_recipients_language(
    open_registration, django_capture_on_commit_callbacks, language
):
    delegation = registered(open_registration)["delegation"][0]
    delegation.focal_point_language = language
    delegation.save()
    slot = bilateral_slot(
        meeting=open_registration,
        committee=None,
        starts_at=datetime(2018, 6, 6, 10, 0, tzinfo=GENEVA),
        ends_at=datetime(2018, 6, 6, 10, 30, tzinfo=GENEVA),
        room="Room 7",
    )
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        floor_services.bilateral_invite(slot=slot, delegation=delegation)

    [message] = mail.outbox
    assert INVITATION[language] in flat(message.body)
    assert INVITATION[language] in flat(message.alternatives[0][0])


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_a_badge_writes_the_meetings_days_in_the_delegates_language(open_registration, language):
    delegate = registered(open_registration)["delegate"][0]
    delegate.language = language
    delegate.save()

    # The worker renders with no language active.
    with translation.override(None):
        text = pdf_text(render_badges([delegate]))

    for expected in BADGE[language]:
        assert expected in flat(text), (language, flat(text))


@pytest.mark.django_db
def test_the_admin_names_a_session_by_its_day_in_the_active_language(open_registration):
    session = Session.objects.filter(meeting=open_registration).order_by("date").first()

    with translation.override("ru"):
        assert str(session).startswith("6 июн. 2018 10:00–13:00 ")
