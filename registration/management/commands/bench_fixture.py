"""Prepare what `make bench` measures: one delegate with a fresh private link.

Prints shell assignments (BENCH_DELEGATE_PATH, BENCH_STATE_PK) for scripts/bench.sh.
Idempotent: run again, it reuses the delegate and issues it a new link.
"""

from django.core.management.base import BaseCommand

from programme.queries import current_meeting
from reference.models import State
from registration import links, services
from registration.models import Delegate

BENCH_EMAIL = "bench.delegate@example.org"
BENCH_STATE = "Switzerland"


class Command(BaseCommand):
    help = "Create the benchmark's delegate and print its private link path."

    def handle(self, *args, **options):
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
        self.stdout.write(f"BENCH_DELEGATE_PATH={links.path(Delegate, token)}")
        self.stdout.write(f"BENCH_STATE_PK={state.pk}")
