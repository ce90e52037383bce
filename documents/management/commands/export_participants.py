from django.core.management.base import BaseCommand, CommandError

from documents import exports
from documents.queries import list_of_participants
from programme.models import Meeting


class Command(BaseCommand):
    help = (
        "Write the List of Participants of the current meeting (or --meeting SLUG) in the "
        "official order, as PDF, XLSX or CSV. --public leaves out whoever did not consent to "
        "appear and every e-mail address."
    )

    def add_arguments(self, parser):
        parser.add_argument("--format", required=True, choices=sorted(exports.FORMATS))
        parser.add_argument("--public", action="store_true", help="The version to publish.")
        parser.add_argument(
            "--attended",
            action="store_true",
            help="Only those checked in at the door (the internal list only).",
        )
        parser.add_argument("--output", required=True, help="The file to write.")
        parser.add_argument(
            "--meeting", help="The meeting's short name; the current one if left out."
        )

    def handle(self, *args, **options):
        if options["meeting"]:
            meeting = Meeting.objects.filter(slug=options["meeting"]).first()
            if meeting is None:
                raise CommandError(f"No meeting is called {options['meeting']!r}.")
        else:
            meeting = Meeting.objects.current()
            if meeting is None:
                raise CommandError("No meeting has been set up yet.")
        if options["public"] and options["attended"]:
            raise CommandError("--attended is the internal list: it cannot be --public.")
        participants = list_of_participants(
            meeting, public=options["public"], attended=options["attended"]
        )
        with open(options["output"], "wb") as out:
            exports.export(
                participants,
                out,
                fmt=options["format"],
                meeting=meeting,
                public=options["public"],
                attended=options["attended"],
            )
        version = "public" if options["public"] else "internal"
        if options["attended"]:
            version += " (only those who came)"
        self.stdout.write(
            self.style.SUCCESS(
                f"Wrote the {version} List of Participants ({len(participants)} people) "
                f"to {options['output']}."
            )
        )
