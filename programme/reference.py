"""The 2018 intersessional meetings and the four Committees, as in the President's
letter of 16 April 2018 (seed: ../shared/seed/000_2a3f0f514bc3ef6b.txt, copied in
docs/letter-2018-04-16.txt). Loaded by `manage.py load_reference_data`."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.db import transaction

from .models import Committee, Meeting

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
    """Create or bring up to date the 2018 meeting and the Committees; safe to run again."""
    meeting, _ = Meeting.objects.update_or_create(slug=MEETING_2018_SLUG, defaults=MEETING_2018)
    for order, (slug, name) in enumerate(COMMITTEES, start=1):
        Committee.objects.update_or_create(slug=slug, defaults={"name": name, "order": order})
    return meeting
