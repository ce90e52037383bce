"""The 2018 intersessional meetings and the four Committees, as in the President's
letter of 16 April 2018 (docs/letter-2018-04-16.txt). Loaded by `manage.py
load_reference_data`, which only adds what is missing: once a row is there it belongs
to the ISU, and loading again (the containers do it on every start) never overwrites
what they changed in the admin. The one thing it still writes into an existing row is
a translation whose column is empty while the English is the text loaded."""

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from django.db import transaction

from reference.models import Obligation

from .models import AgendaItem, Committee, Meeting, Session
from .translations_2018 import LANGUAGE_SUFFIXES, TRANSLATIONS_2018, translated

GENEVA = ZoneInfo("Europe/Zurich")

MEETING_2018_SLUG = "2018-intersessional"
MEETING_2018 = {
    "title": "2018 Intersessional Meetings",
    "convened_by": "President of the Seventeenth Meeting of the States Parties",
    "president_name": "H.E. Suraya Dalil",
    "venue_name": "World Meteorological Organization Building",
    "venue_address": "Avenue de la Paix 7bis, Geneva",
    "starts_on": date(2018, 6, 7),
    "ends_on": date(2018, 6, 8),
    "bilateral_day": date(2018, 6, 6),
    # End of day on 31 May 2018, Geneva time (CEST, UTC+2).
    "registration_deadline": datetime(2018, 5, 31, 23, 59, 59, tzinfo=GENEVA),
    "thematic_discussion": "Implementation of Article 5 of the Convention",
    "contact_email": "isu@apminebanconvention.org",
}

COMMITTEES = [
    ("article-5", "Committee on Article 5 Implementation"),
    ("victim-assistance", "Committee on Victim Assistance"),
    ("cooperative-compliance", "Committee on Cooperative Compliance"),
    ("cooperation-assistance", "Committee on the Enhancement of Cooperation and Assistance"),
]


@transaction.atomic
def load_meeting_2018() -> Meeting:
    """Add the 2018 meeting, the Committees and the programme where they are missing.

    A meeting or Committee already there is left as the ISU edited it (a deadline
    extended, a venue moved, a name corrected); only its empty translations are filled.
    """
    defaults = dict(MEETING_2018)
    for field in MEETING_TRANSLATED:
        defaults.update(translated(field, defaults.pop(field)))
    meeting, created = Meeting.objects.get_or_create(slug=MEETING_2018_SLUG, defaults=defaults)
    if not created:
        fill_empty_translations(meeting, MEETING_TRANSLATED)
    for order, (slug, name) in enumerate(COMMITTEES, start=1):
        committee, created = Committee.objects.get_or_create(
            slug=slug, defaults={**translated("name", name), "order": order}
        )
        if not created:
            fill_empty_translations(committee, ["name"])
    load_programme_2018(meeting=meeting)
    fill_missing_translations(meeting=meeting)
    return meeting


MEETING_TRANSLATED = [
    "title",
    "convened_by",
    "president_name",
    "venue_name",
    "venue_address",
    "thematic_discussion",
]


def fill_empty_translations(row, fields) -> int:
    """Fill a row's empty language columns from the 2018 translations: only where the
    English is still a text loaded (a translation of the ISU's own English would be
    wrong), so that nothing the ISU wrote is overwritten. Returns the columns filled."""
    changed = []
    for field in fields:
        english = getattr(row, f"{field}_en")
        for suffix in LANGUAGE_SUFFIXES:
            column = f"{field}_{suffix}"
            text = TRANSLATIONS_2018.get(english, {}).get(suffix)
            if text and not getattr(row, column):
                setattr(row, column, text)
                changed.append(column)
    if changed:
        row.save(update_fields=changed)
    return len(changed)


def fill_missing_translations(*, meeting: Meeting) -> int:
    """Give the sessions and items loaded before the six languages their translations
    (see fill_empty_translations). Returns the columns filled."""
    rows = [
        *((session, ("title", "room")) for session in meeting.sessions.all()),
        *((item, ("title",)) for item in AgendaItem.objects.filter(session__meeting=meeting)),
    ]
    return sum(fill_empty_translations(row, fields) for row, fields in rows)


# The 2018 programme, from what is known of it (public APMBC meeting pages): the order
# of the items, opening by the President and the Director of the GICHD, extension
# requests under Article 5, the thematic discussion, closing. Morning 10:00-13:00
# and afternoon 15:00-18:00, Geneva time, as in later programmes. How the items
# fall into the four sessions and the room names are not in the sources: they are
# a reasonable first draft for the ISU to correct in the admin.
MAIN_ROOM = "Main conference room"
BILATERAL_ROOM = "Bilateral meeting rooms"
MORNING = (time(10, 0), time(13, 0))
AFTERNOON = (time(15, 0), time(18, 0))

# (date, (start, end), kind, room, title, [(number, title, committee slug, floor)])
# The items that call updates from the States Parties with an obligation (the letter:
# "clearing mined areas, destroying stockpiled anti-personnel mines, assisting
# survivors"), by number.
UPDATES_2018 = {
    2: Obligation.Kind.VICTIM_ASSISTANCE,
    3: Obligation.Kind.ARTICLE_5,
    7: Obligation.Kind.ARTICLE_4,
}
PROGRAMME_2018 = [
    (
        date(2018, 6, 6),
        MORNING,
        Session.Kind.BILATERAL,
        BILATERAL_ROOM,
        "Bilateral meetings of the President and the Committees (by invitation only)",
        [],
    ),
    (
        date(2018, 6, 6),
        AFTERNOON,
        Session.Kind.BILATERAL,
        BILATERAL_ROOM,
        "Bilateral meetings of the President and the Committees (by invitation only)",
        [],
    ),
    (
        date(2018, 6, 7),
        MORNING,
        Session.Kind.PLENARY,
        MAIN_ROOM,
        "Opening and victim assistance",
        [
            (
                1,
                "Opening of the intersessional meetings by the President of the Seventeenth "
                "Meeting of the States Parties and the Director of the GICHD",
                None,
                False,
            ),
            (2, "Victim assistance", "victim-assistance", True),
        ],
    ),
    (
        date(2018, 6, 7),
        AFTERNOON,
        Session.Kind.COMMITTEE,
        MAIN_ROOM,
        "The Committees' work",
        [
            (
                3,
                "Article 5 implementation, with the presentation of requests for extension "
                "of Article 5 deadlines",
                "article-5",
                True,
            ),
            (4, "Cooperative compliance", "cooperative-compliance", True),
            (5, "Enhancement of cooperation and assistance", "cooperation-assistance", True),
        ],
    ),
    (
        date(2018, 6, 8),
        MORNING,
        Session.Kind.THEMATIC,
        MAIN_ROOM,
        "Thematic discussion",
        [(6, "Thematic discussion on the implementation of Article 5", None, True)],
    ),
    (
        date(2018, 6, 8),
        AFTERNOON,
        Session.Kind.PLENARY,
        MAIN_ROOM,
        "Other matters of the Convention's intersessional work and closing",
        [
            (7, "Stockpile destruction (Article 4)", None, True),
            (8, "Universalisation of the Convention", None, True),
            (9, "Transparency and the exchange of information", None, True),
            (
                10,
                "Implementation support, including the finances of the Implementation Support Unit",
                None,
                True,
            ),
            (11, "Closing of the intersessional meetings", None, False),
        ],
    ),
]


@transaction.atomic
def load_programme_2018(*, meeting: Meeting) -> int:
    """Load the 2018 programme into a meeting that has none yet; return the sessions made.

    Once loaded the programme belongs to the ISU, who edit it in the admin: running
    this again (every `make run` does) adds nothing and undoes none of their edits.
    """
    if meeting.sessions.exists():
        return 0
    committees = {c.slug: c for c in Committee.objects.all()}
    for order, (day, (start, end), kind, room, title, items) in enumerate(PROGRAMME_2018):
        session = Session.objects.create(
            meeting=meeting,
            date=day,
            start_time=start,
            end_time=end,
            kind=kind,
            **translated("room", room),
            **translated("title", title),
            order=order,
        )
        AgendaItem.objects.bulk_create(
            AgendaItem(
                session=session,
                number=number,
                **translated("title", item_title),
                committee=committees[slug] if slug else None,
                allows_floor_requests=floor,
                obligation_kind=UPDATES_2018.get(number, ""),
                order=number,
            )
            for number, item_title, slug, floor in items
        )
    return len(PROGRAMME_2018)
