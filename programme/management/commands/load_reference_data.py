from django.core.management.base import BaseCommand

from programme.reference import load_meeting_2018


class Command(BaseCommand):
    help = "Load the 2018 meeting and the Committees. Idempotent: running it again changes nothing."

    def handle(self, *args, **options):
        meeting = load_meeting_2018()
        self.stdout.write(self.style.SUCCESS(f"Loaded {meeting} and the Committees."))
