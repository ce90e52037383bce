from django.core.management.base import BaseCommand

from checkin.services import checkin_lists_ensure
from programme.queries import current_meeting


class Command(BaseCommand):
    help = (
        "Create the current meeting's check-in lists (the bilateral day, then each day "
        "of the meeting). Idempotent: lists that exist are left as staff edited them."
    )

    def handle(self, *args, **options):
        lists = checkin_lists_ensure(meeting=current_meeting())
        self.stdout.write(self.style.SUCCESS(f"Check-in lists: {', '.join(map(str, lists))}."))
