"""`{% load dates %}`: the filters that write dates and times in the page's language
(intersessional/dates.py). A template never formats a date with a pattern of its own.

    {{ meeting.registration_deadline|moment }}   Thursday 31 May 2018, 23:59
    {{ day|weekday_date }}                       Thursday 31 May 2018
    {{ obligation.deadline|long_date }}          1 March 2023
    {{ meeting.starts_on|date_range:meeting.ends_on }}   7–8 June 2018
    {{ slot.starts_at|clock_time }}              10:00
    {{ day|iso }}                                2018-06-07 (for ids and <time datetime>)
"""

from django import template

from intersessional import dates

register = template.Library()


def _quiet(function):
    def wrapped(value, arg=None):
        if value in (None, ""):
            return ""
        return function(value) if arg is None else function(value, arg)

    wrapped.__name__ = function.__name__
    return wrapped


register.filter("long_date", _quiet(dates.long_date))
register.filter("weekday_date", _quiet(dates.weekday_date))
register.filter("short_date", _quiet(dates.short_date))
register.filter("clock_time", _quiet(dates.clock_time))
register.filter("moment", _quiet(dates.moment))
register.filter("short_moment", _quiet(dates.short_moment))


@register.filter
def date_range(first, last):
    if not first or not last:
        return ""
    return dates.date_range(first, last)


@register.filter
def iso(value):
    """A machine-readable date or moment (ISO 8601), for ids and datetime attributes."""
    if not value:
        return ""
    if hasattr(value, "tzinfo") and value.tzinfo is not None:
        return dates.geneva(value).isoformat()
    return value.isoformat()
