from django.core.management.base import BaseCommand

from programme.reference import load_meeting_2018
from reference.load import load_obligations, load_organisations, load_states


class Command(BaseCommand):
    help = (
        "Load the 2018 meeting, the Committees, the 197 States, the observer "
        "organisations and the States Parties' obligations (unconfirmed until the ISU "
        "confirms them) where they are missing. A row already there is left as the ISU "
        "edited it; only its empty translations are filled. Safe to run again."
    )

    def handle(self, *args, **options):
        meeting = load_meeting_2018()
        states = load_states()
        organisations = load_organisations()
        obligations = load_obligations()
        self.stdout.write(
            self.style.SUCCESS(
                f"Added what was missing, overwrote nothing: {meeting}, the Committees, "
                f"{states} States, {organisations} organisations and {obligations} obligations."
            )
        )
