"""Prepare the door's benchmark (scripts/bench.sh, "door scan"): a venue staff member
signed in (password and one-time code, as production asks), the first day's list
emptied, and BENCH_SCAN_COUNT badges whose codes are written one a line to a file that
scripts/bench/scan.lua cycles through.

Prints shell assignments (BENCH_SCAN_PATH, BENCH_SCAN_SESSION, BENCH_SCAN_CSRF,
BENCH_SCAN_CODES). Idempotent: run again, it reuses the delegates.
"""

from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.auth.models import Group, User
from django.contrib.sessions.backends.db import SessionStore
from django.core.management.base import BaseCommand
from django.middleware.csrf import _get_new_csrf_string
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY

from checkin.codes import badge_code
from checkin.models import Checkin, CheckinList, FailedScan
from checkin.services import checkin_lists_ensure
from intersessional import clock
from intersessional.roles import VENUE_STAFF, grant_roles
from intersessional.twofactor import new_totp_device
from programme.queries import current_meeting
from reference.models import State
from registration.models import Category, Delegate, Delegation

COUNT = 500


class Command(BaseCommand):
    help = "Prepare the door scan benchmark and print its shell variables."

    def handle(self, *args, **options):
        meeting = current_meeting()
        grant_roles(apps, None)
        checkin_list = next(
            cl
            for cl in checkin_lists_ensure(meeting=meeting)
            if cl.kind == CheckinList.Kind.MEETING
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
        self.stdout.write(f"BENCH_SCAN_PATH={path}")
        self.stdout.write(f"BENCH_SCAN_SESSION={session.session_key}")
        self.stdout.write(f"BENCH_SCAN_CSRF={_get_new_csrf_string()}")
        self.stdout.write(f"BENCH_SCAN_CODES={codes_file}")
