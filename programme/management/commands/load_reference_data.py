from django.core.management.base import BaseCommand

from programme.reference import load_meeting_2018
from reference.load import load_organisations, load_states


class Command(BaseCommand):
    help = (
        "Load the 2018 meeting, the Committees, the 197 States and the observer "
        "organisations. Idempotent: running it again changes nothing."
    )

    def handle(self, *args, **options):
        meeting = load_meeting_2018()
        states = load_states()
        organisations = load_organisations()
        self.stdout.write(
            self.style.SUCCESS(
                f"Loaded {meeting}, the Committees, {states} States "
                f"and {organisations} organisations."
            )
        )
