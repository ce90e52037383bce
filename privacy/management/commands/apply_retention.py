from django.core.management.base import BaseCommand, CommandError

from privacy import services
from programme.models import Meeting


class Command(BaseCommand):
    help = (
        "Anonymise the personal data of every meeting whose retention period "
        "(PERSONAL_DATA_RETENTION_DAYS after its last day) is over, as the daily beat "
        "task does; or of one --meeting now. --dry-run prints what it would do and "
        "changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Change nothing; say what.")
        parser.add_argument(
            "--meeting",
            help="A meeting's short name: anonymise it now, whatever its retention period.",
        )
        keep = parser.add_mutually_exclusive_group()
        keep.add_argument(
            "--keep-published-list",
            action="store_true",
            default=None,
            help="Keep the published (public) List of Participants files as published.",
        )
        keep.add_argument(
            "--delete-published-list",
            action="store_false",
            dest="keep_published_list",
            help="Delete them too (the default unless PERSONAL_DATA_KEEP_PUBLISHED_LIST).",
        )

    def handle(self, *args, dry_run, meeting, keep_published_list, **options):
        if meeting:
            found = Meeting.objects.filter(slug=meeting).first()
            if found is None:
                raise CommandError(f"No meeting is called {meeting!r}.")
            lines = services.meeting_anonymise(
                meeting=found, dry_run=dry_run, keep_published_list=keep_published_list
            )
            report = [str(found), *(f"  {line}" for line in lines)]
        else:
            if keep_published_list is not None:
                raise CommandError("--keep/--delete-published-list need --meeting.")
            report = services.apply_retention(dry_run=dry_run)
        if not report:
            self.stdout.write("No meeting's retention period is over: nothing to do.")
            return
        if dry_run:
            self.stdout.write("Dry run: nothing is changed. It would do this:")
        for line in report:
            self.stdout.write(line)
