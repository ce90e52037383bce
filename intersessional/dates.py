"""Dates and times as each of the six languages writes them, from CLDR (Babel).

The one place that formats a date or a time for a person: templates use the filters
of `{% load dates %}` (intersessional/templatetags/dates.py), Python calls these
functions. Each takes the language explicitly or uses the active one; a worker with
no language active (badges) passes the person's.

CLDR gives the names (with the genitive month Russian needs: «31 мая»); the patterns
below follow UN editorial practice where CLDR's default differs: Russian «31 мая
2018 года», Chinese «2018年5月31日（星期四）», Spanish «jueves 31 de mayo de 2018»,
Arabic with both month names «31 أيار/مايو 2018», French «1er mars», «23 h 59».
Every moment is shown on the Geneva wall clock, where the meetings take place.
"""

from datetime import date, datetime, time

from babel.dates import format_date as _format_date
from babel.dates import format_time as _format_time
from babel.dates import get_month_names
from django.conf import settings
from django.utils import timezone, translation

from intersessional.clock import GENEVA

LOCALES = {"en": "en_GB", "fr": "fr", "es": "es", "ru": "ru", "ar": "ar", "zh-hans": "zh_Hans"}

# LDML patterns (CLDR's date pattern language): d day, MMMM the month's name in its
# formatting (genitive) form, EEEE the weekday, y the year; quoted text is literal.
_DATE = {
    "en": "d MMMM y",
    "fr": "d MMMM y",
    "es": "d 'de' MMMM 'de' y",
    "ru": "d MMMM y 'года'",
    "ar": "d MMMM y",
    "zh-hans": "y年M月d日",
}
_DAY = {
    "en": "EEEE d MMMM y",
    "fr": "EEEE d MMMM y",
    "es": "EEEE d 'de' MMMM 'de' y",
    "ru": "d MMMM y 'года' (EEEE)",
    "ar": "EEEE d MMMM y",
    "zh-hans": "y年M月d日（EEEE）",
}
_DAY_MONTH = {
    "en": "d MMMM",
    "fr": "d MMMM",
    "es": "d 'de' MMMM",
    "ru": "d MMMM",
    "ar": "d MMMM",
    "zh-hans": "M月d日",
}
_SHORT = {
    "en": "d MMM y",
    "fr": "d MMM y",
    "es": "d MMM y",
    "ru": "d MMM y",
    "ar": "d MMMM y",
    "zh-hans": "y年M月d日",
}
_TIME = {
    "en": "HH:mm",
    "fr": "H 'h' mm",
    "es": "H:mm",
    "ru": "H:mm",
    "ar": "HH:mm",
    "zh-hans": "HH:mm",
}
# How a day and a time make one moment: {0} the day, {1} the time.
_MOMENT = {
    "en": "{0}, {1}",
    "fr": "{0} à {1}",
    "es": "{0}, {1}",
    "ru": "{0}, {1}",
    "ar": "{0}، الساعة {1}",
    "zh-hans": "{0}{1}",
}
# Two days of the same month: {0} the first day's number, {1} the whole last date.
_RANGE = {
    "en": "{0}–{1}",
    "fr": "{0}–{1}",
    "es": "{0} al {1}",
    "ru": "{0}–{1}",
    "ar": "{0}–{1}",
    "zh-hans": "{0}至{1}",
}
NBSP = "\u00a0"


def language_of(language: str | None = None) -> str:
    """The language asked for, else the active one, else the site's: one of LOCALES."""
    code = (language or translation.get_language() or settings.LANGUAGE_CODE).lower()
    if code in LOCALES:
        return code
    return code.split("-")[0] if code.split("-")[0] in LOCALES else settings.LANGUAGE_CODE


def _month(pattern: str, value: date, language: str) -> str:
    """The pattern with the Arabic month written as UN Arabic writes it, the Levantine
    and the Egyptian name together («أيار/مايو»), and the French first «1er»."""
    if language == "ar" and "MMMM" in pattern:
        levant = get_month_names("wide", locale="ar_SY")[value.month]
        egypt = get_month_names("wide", locale="ar")[value.month]
        pattern = pattern.replace("MMMM", f"'{levant}/{egypt}'")
    if language == "fr" and value.day == 1:
        pattern = pattern.replace("d ", "'1er' ", 1)
    return pattern


def _day_of(value: date | datetime) -> date:
    if isinstance(value, datetime):
        return geneva(value).date()
    return value


def geneva(value: datetime) -> datetime:
    """An aware moment on the Geneva wall clock (a naive one is taken as Geneva's)."""
    if timezone.is_aware(value):
        return timezone.localtime(value, GENEVA)
    return value


def _format(value: date, patterns: dict, language: str | None) -> str:
    language = language_of(language)
    pattern = _month(patterns[language], value, language)
    text = _format_date(value, pattern, locale=LOCALES[language])
    if language == "fr":
        text = text.replace("1er ", f"1er{NBSP}")
    return text


def long_date(value: date | datetime, language: str | None = None) -> str:
    """«31 May 2018», «31 мая 2018 года», «2018年5月31日», «31 de mayo de 2018»."""
    return _format(_day_of(value), _DATE, language)


def weekday_date(value: date | datetime, language: str | None = None) -> str:
    """«Thursday 31 May 2018», «jueves 31 de mayo de 2018», «2018年5月31日（星期四）»."""
    return _format(_day_of(value), _DAY, language)


def day_month(value: date | datetime, language: str | None = None) -> str:
    """A day of the meeting's year: «7 June», «7 de junio», «6月7日»."""
    return _format(_day_of(value), _DAY_MONTH, language)


def short_date(value: date | datetime, language: str | None = None) -> str:
    """For tables: «31 May 2018», «31 мая 2018 г.» (abbreviated month)."""
    return _format(_day_of(value), _SHORT, language)


def clock_time(value: datetime | time, language: str | None = None) -> str:
    """A time of day: «23:59», «23 h 59» (French, on the hour «10 h»)."""
    language = language_of(language)
    if isinstance(value, datetime):
        value = geneva(value).time()
    pattern = _TIME[language]
    if language == "fr" and value.minute == 0:
        pattern = "H 'h'"
    text = _format_time(value, pattern, locale=LOCALES[language])
    return text.replace(" h", f"{NBSP}h").replace("h ", f"h{NBSP}")


def moment(value: datetime, language: str | None = None) -> str:
    """A day and a time in Geneva: «Thursday 31 May 2018, 23:59», «le» left to the
    sentence in French: «jeudi 31 mai 2018 à 23 h 59»."""
    language = language_of(language)
    value = geneva(value)
    return _MOMENT[language].format(
        weekday_date(value.date(), language), clock_time(value.time(), language)
    )


def short_moment(value: datetime, language: str | None = None) -> str:
    """For staff tables: «31 May 2018, 23:59:07»."""
    language = language_of(language)
    value = geneva(value)
    seconds = value.strftime(":%S")
    return f"{short_date(value.date(), language)}, {clock_time(value.time(), 'en')}{seconds}"


def date_range(first: date, last: date, language: str | None = None) -> str:
    """Days from `first` to `last`: «7–8 June 2018», «2018年6月7日至8日», «7–8 июня 2018
    года»; a range over two months or years gives both dates whole."""
    language = language_of(language)
    first, last = _day_of(first), _day_of(last)
    if first == last:
        return long_date(first, language)
    if (first.year, first.month) != (last.year, last.month):
        return f"{long_date(first, language)} – {long_date(last, language)}"
    whole = long_date(last, language)
    if language == "zh-hans":
        # «2018年6月7日至8日»: the year and the month once, before the first day.
        return f"{long_date(first, language)}至{last.day}日"
    start = "1er" if language == "fr" and first.day == 1 else str(first.day)
    joined = _RANGE[language]
    if language == "es" and last.day == first.day + 1:
        joined = "{0} y {1}"
    return joined.format(start, whole)
