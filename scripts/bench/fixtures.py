"""What `make bench` measures, prepared in the bench's database (scripts/bench.sh).

    .venv/bin/python scripts/bench/fixtures.py delegate
        One delegate with a fresh private link. Prints BENCH_DELEGATE_PATH and
        BENCH_STATE_PK. Run again, it reuses the delegate and issues a new link.
    .venv/bin/python scripts/bench/fixtures.py door
        The door scan: a venue staff member signed in (password and one-time code, as
        production asks), the first day's list emptied, and COUNT badges whose codes
        are written one a line to a file that scripts/bench/scan.lua cycles through.
        Prints BENCH_SCAN_PATH, BENCH_SCAN_SESSION, BENCH_SCAN_CSRF and
        BENCH_SCAN_CODES. Run again, it reuses the delegates.
    .venv/bin/python scripts/bench/fixtures.py room
        The room under way, for the live page's poll. Prints BENCH_LIVE_PATH.
    .venv/bin/python scripts/bench/fixtures.py committee
        The Sponsorship committee's page with APPLICATIONS applications (issue 24), a
        committee member signed in. Prints BENCH_COMMITTEE_PATH and
        BENCH_STAFF_SESSION. Run again, it reuses the applications.

Kept out of the apps: nothing in production needs them. django.setup() runs no
system check, so production's checks do not refuse the bench's fixed clock.
"""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "intersessional.settings")

import django  # noqa: E402

django.setup()

from django.apps import apps  # noqa: E402
from django.conf import settings  # noqa: E402
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY  # noqa: E402
from django.contrib.auth.models import Group, User  # noqa: E402
from django.contrib.sessions.backends.db import SessionStore  # noqa: E402
from django.middleware.csrf import _get_new_csrf_string  # noqa: E402
from django.urls import reverse  # noqa: E402
from django_otp import DEVICE_ID_SESSION_KEY  # noqa: E402

from checkin.codes import badge_code  # noqa: E402
from checkin.models import Checkin, CheckinList, FailedScan  # noqa: E402
from checkin.services import checkin_lists_ensure  # noqa: E402
from intersessional import clock  # noqa: E402
from intersessional.roles import VENUE_STAFF, grant_roles  # noqa: E402
from intersessional.twofactor import new_totp_device  # noqa: E402
from programme.queries import current_meeting  # noqa: E402
from reference.models import State  # noqa: E402
from registration import links, services  # noqa: E402
from registration.models import Category, Delegate, Delegation  # noqa: E402

BENCH_EMAIL = "bench.delegate@example.org"
BENCH_STATE = "Switzerland"
COUNT = 500


def delegate() -> None:
    meeting = current_meeting()
    state = State.objects.get(un_name=BENCH_STATE)
    delegate = Delegate.objects.filter(meeting=meeting, email__iexact=BENCH_EMAIL).first()
    if delegate is None:
        delegate, token = services.delegate_register(
            meeting=meeting,
            identity=services.identity_for(meeting=meeting, state=state),
            data={
                "title": "Ms",
                "given_name": "Bench",
                "family_name": "Delegate",
                "function": "Counsellor",
                "role": Delegate.Role.DELEGATE,
                "email": BENCH_EMAIL,
                "gender": Delegate.Gender.UNDISCLOSED,
                "age_band": Delegate.AgeBand.UNDISCLOSED,
                "public_list_consent": False,
            },
        )
    else:
        token = links.issue_token(delegate)
        delegate.save(update_fields=["access_token_hash"])
    print(f"BENCH_DELEGATE_PATH={links.path(Delegate, token)}")
    print(f"BENCH_STATE_PK={state.pk}")


def door() -> None:
    meeting = current_meeting()
    grant_roles(apps, None)
    checkin_list = next(
        cl for cl in checkin_lists_ensure(meeting=meeting) if cl.kind == CheckinList.Kind.MEETING
    )
    Checkin.objects.filter(checkin_list=checkin_list).delete()
    FailedScan.objects.filter(checkin_list=checkin_list).delete()

    now = clock.now()
    delegation, _ = Delegation.objects.get_or_create(
        meeting=meeting,
        state=State.objects.get(un_name="Liechtenstein"),
        defaults={"category": Category.STATE_PARTY, "created_at": now},
    )
    have = delegation.delegates.count()
    Delegate.objects.bulk_create(
        Delegate(
            meeting=meeting,
            delegation=delegation,
            given_name="Door",
            family_name=f"Bench{n}",
            email=f"door.bench{n}@example.org",
            gender=Delegate.Gender.UNDISCLOSED,
            age_band=Delegate.AgeBand.UNDISCLOSED,
            created_at=now,
            updated_at=now,
        )
        for n in range(have, COUNT)
    )
    codes_file = Path(settings.VAR_DIR) / "bench-scan-codes.txt"
    codes_file.write_text(
        "".join(
            badge_code(pk, version) + "\n"
            for pk, version in delegation.delegates.values_list("pk", "badge_version")
        )
    )

    user, _ = User.objects.get_or_create(username="bench-door", defaults={"is_staff": True})
    user.groups.add(Group.objects.get(name=VENUE_STAFF))
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[-1]
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    # Signed in with the one-time code too (OTP_REQUIRED): the door asks for it.
    session[DEVICE_ID_SESSION_KEY] = new_totp_device(user, name="bench").persistent_id
    session.create()

    path = reverse("staff:checkin-scan", args=[checkin_list.pk])
    print(f"BENCH_SCAN_PATH={path}")
    print(f"BENCH_SCAN_SESSION={session.session_key}")
    print(f"BENCH_SCAN_CSRF={_get_new_csrf_string()}")
    print(f"BENCH_SCAN_CODES={codes_file}")


def room() -> None:
    """The live page (issue 25): item 3 open in the room, eight delegations on its list
    and the first of them speaking. Run after `door` (it takes its delegations)."""
    from programme.models import AgendaItem
    from room import services as room_services

    meeting = current_meeting()
    item = AgendaItem.objects.get(session__meeting=meeting, number=3)
    for delegation in Delegation.objects.filter(meeting=meeting).order_by("pk")[:8]:
        speaker = delegation.delegates.active().first()
        if speaker is not None:
            services.floor_requests_add(delegation=delegation, speaker=speaker, items=[item])
    room = room_services.item_open(meeting=meeting, agenda_item=item, by=None, version=None)
    room_services.floor_next(meeting=meeting, by=None, version=room.version)
    print(f"BENCH_LIVE_PATH={reverse('room:live-state')}")


def signed_in(user) -> str:
    """A session of `user`, signed in with the one-time code too (OTP_REQUIRED)."""
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[-1]
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session[DEVICE_ID_SESSION_KEY] = new_totp_device(user, name="bench").persistent_id
    session.create()
    return session.session_key


APPLICATIONS = 200


def committee() -> None:
    from datetime import date, timedelta
    from decimal import Decimal

    from accreditation.models import IdentityDetails
    from intersessional.roles import SPONSORSHIP_COMMITTEE
    from sponsorship.models import Application, Programme

    meeting = current_meeting()
    grant_roles(apps, None)
    now = clock.now()
    programme, _ = Programme.objects.get_or_create(
        meeting=meeting,
        defaults={
            "applications_open": True,
            "deadline": now + timedelta(days=1),
            "budget_chf": Decimal("400000"),
            "daily_allowance_chf": Decimal("250"),
            "ticket_estimate_chf": Decimal("1200"),
        },
    )
    parties = list(State.objects.filter(entry_into_force__isnull=False).order_by("pk")[:40])
    have = Application.objects.filter(programme=programme).count()
    for n in range(have, APPLICATIONS):
        state = parties[n % len(parties)]
        delegation, _ = Delegation.objects.get_or_create(
            meeting=meeting,
            state=state,
            defaults={"category": Category.STATE_PARTY, "created_at": now},
        )
        person = Delegate.objects.create(
            meeting=meeting,
            delegation=delegation,
            given_name="Sponsored",
            family_name=f"Bench{n}",
            email=f"sponsorship.bench{n}@example.org",
            gender=[Delegate.Gender.WOMAN, Delegate.Gender.MAN][n % 2],
            age_band=Delegate.AgeBand.FROM_35,
            created_at=now,
            updated_at=now,
        )
        IdentityDetails.objects.create(
            delegate=person,
            name_in_document=f"BENCH{n} SPONSORED",
            nationality=state.alpha3,
            date_of_birth=date(1980, 1, 1),
            document_type="passport",
            document_number=f"B{n:07d}",
            document_expires_on=date(2030, 1, 1),
            given_at=now,
            updated_at=now,
        )
        Application.objects.create(
            programme=programme,
            delegate=person,
            implementation_role="Mine action operations (bench)",
            departure_city="Bench City",
            applied_at=now,
        )
    user, _ = User.objects.get_or_create(username="bench-committee", defaults={"is_staff": True})
    user.groups.add(Group.objects.get(name=SPONSORSHIP_COMMITTEE))
    print(f"BENCH_COMMITTEE_PATH={reverse('staff:sponsorship-committee')}")
    print(f"BENCH_STAFF_SESSION={signed_in(user)}")


if __name__ == "__main__":
    {"delegate": delegate, "door": door, "room": room, "committee": committee}[sys.argv[1]]()
