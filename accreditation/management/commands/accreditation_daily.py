from django.core.management.base import BaseCommand

from accreditation import services


class Command(BaseCommand):
    help = (
        "What the daily beat task does: delete the identity details of meetings that "
        "ended more than IDENTITY_DETAILS_RETENTION_DAYS ago, and e-mail the one "
        "reminder to delegations without a nomination ten days before their meeting. "
        "Running it twice does nothing more."
    )

    def handle(self, *args, **options):
        deleted = services.identity_details_delete_expired()
        reminded = services.nomination_reminders_send()
        self.stdout.write(f"Deleted the identity details of {deleted} delegates.")
        self.stdout.write(f"Queued {reminded} nomination reminders.")
