"""Every write of the privacy app: the retention rule, a person's erasure, a request
for erasure; and a person's own data. The work on each app's rows is in parts.py."""

from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction

from intersessional import clock
from programme.models import Meeting
from registration.models import Delegate

from . import parts
from .middleware import STAFF, SYSTEM
from .models import ErasureRequest, RetentionRun


def retention_ends(meeting: Meeting):
    """The last day personal data of this meeting is kept."""
    return meeting.ends_on + timedelta(days=settings.PERSONAL_DATA_RETENTION_DAYS)


def meetings_due():
    """Meetings whose retention period is over and that were not anonymised yet."""
    today = clock.now().astimezone(clock.GENEVA).date()
    cutoff = today - timedelta(days=settings.PERSONAL_DATA_RETENTION_DAYS)
    done = RetentionRun.objects.values("meeting_id")
    return Meeting.objects.filter(ends_on__lt=cutoff).exclude(pk__in=done).order_by("ends_on")


def _options(*, dry_run, keep_published_list=None, by=None) -> dict:
    keep = settings.PERSONAL_DATA_KEEP_PUBLISHED_LIST
    return {
        "dry_run": dry_run,
        "keep_published_list": keep if keep_published_list is None else keep_published_list,
        "now": clock.now(),
        "by": by,
        "via": STAFF if by is not None else SYSTEM,
    }


def meeting_anonymise(
    *, meeting: Meeting, dry_run: bool = False, keep_published_list=None, by=None
) -> list[parts.Line]:
    """Anonymise everyone of the meeting (see parts.ANONYMISERS); the figures stay the
    same. Recorded as a RetentionRun unless it is a dry run."""
    scope = parts.scope_for_meeting(
        meeting, **_options(dry_run=dry_run, keep_published_list=keep_published_list, by=by)
    )
    with transaction.atomic():
        lines = parts.run(scope)
        if not dry_run:
            RetentionRun.objects.create(
                meeting=meeting, ran_at=scope.now, report="\n".join(map(str, lines))
            )
    return lines


def apply_retention(*, dry_run: bool = False) -> list[str]:
    """What the beat task and `manage.py apply_retention` run: every meeting due."""
    report = []
    for meeting in meetings_due():
        report.append(f"{meeting}: kept until {retention_ends(meeting):%Y-%m-%d}")
        report += [f"  {line}" for line in meeting_anonymise(meeting=meeting, dry_run=dry_run)]
    return report


def delegate_erase(*, delegate: Delegate, by=None, dry_run: bool = False) -> list[parts.Line]:
    """Erase one person's data on request, with the same anonymisation as the retention
    rule (the figures still count them)."""
    scope = parts.scope_for_delegate(delegate, **_options(dry_run=dry_run, by=by))
    return parts.run(scope)


class AlreadyAsked(Exception):
    pass


@transaction.atomic
def erasure_request(*, delegate: Delegate) -> ErasureRequest:
    """A person asks, through their private link, to be erased; the ISU sees it in the
    admin ("Requests for erasure") and erases. Asking twice is one request."""
    try:
        with transaction.atomic():
            return ErasureRequest.objects.create(delegate=delegate, requested_at=clock.now())
    except IntegrityError as error:
        raise AlreadyAsked from error


def personal_data(*, delegate: Delegate) -> dict:
    """Everything the site holds about the person, JSON-ready (parts.EXPORTERS)."""
    data = {
        "about": (
            "Everything the registration site of the APMBC intersessional meetings holds "
            "about you, as of this moment."
        ),
        "exported_at": clock.now(),
    }
    for exporter in parts.EXPORTERS:
        key, value = exporter(delegate)
        data[key] = value
    return data
