"""What the tests of visa letters and certificates share: identity details given, a
letter asked for, approved and issued, a delegate checked in at the door."""

import datetime
import secrets

from accreditation.models import IdentityDetails
from checkin.models import CheckinList
from checkin.services import checkin_delegate, checkin_lists_ensure
from documents import services
from intersessional import clock


def give_identity(delegate, **overrides) -> IdentityDetails:
    now = clock.now()
    values = {
        "name_in_document": "DUPONT Marie Claire",
        "nationality": "SEN",
        "date_of_birth": datetime.date(1980, 4, 16),
        "document_type": IdentityDetails.DocumentType.PASSPORT,
        "document_number": "18AB34567",
        "document_expires_on": datetime.date(2027, 1, 31),
        **overrides,
    }
    return IdentityDetails.objects.create(delegate=delegate, given_at=now, updated_at=now, **values)


def ask(delegate, **overrides):
    values = {
        "consulate": "Embassy of Switzerland in Dakar",
        "arrives_on": datetime.date(2018, 6, 5),
        "departs_on": datetime.date(2018, 6, 9),
        "language": "en",
        **overrides,
    }
    return services.visa_letter_request(delegate=delegate, **values)


def issue(letter, capture, by=None):
    """Approve the letter; the worker (eager in the tests) renders and e-mails it."""
    with capture(execute=True):
        services.visa_letters_approve(letters=[letter], by=by)
    letter.refresh_from_db()
    return letter


def check_in(delegate, day: datetime.date):
    """The door lets the delegate in on that day's list."""
    checkin_lists_ensure(meeting=delegate.meeting)
    checkin_list = CheckinList.objects.get(meeting=delegate.meeting, day=day, kind="meeting")
    return checkin_delegate(
        checkin_list=checkin_list,
        delegate_pk=delegate.pk,
        by=None,
        method="search",
        nonce=secrets.token_hex(8),
    )
