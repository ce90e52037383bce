import logging

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.test.utils import override_settings

from demo.build import Demo
from intersessional import clock
from programme.models import Meeting


class Command(BaseCommand):
    help = (
        "Fill the current meeting with the demo's fictional delegations (about 120 "
        "people at example.org) and their story up to 7 June: registrations, speakers' "
        "lists, bilateral invitations, statements, a badge batch, check-ins. Idempotent: "
        "a delegation already registered is left alone. Runs only on a demo: DEBUG on, "
        "the site's clock set, tasks in process."
    )

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError(
                "Refusing to add fictional people: DEBUG is off, so this may be a real "
                "site. The demo data is for `make run` (DEBUG=true)."
            )
        if not clock.is_fixed():
            raise CommandError(
                "Refusing to add fictional people: the site's clock is not set "
                "(INTERSESSIONAL_NOW), so no banner would tell visitors they are fictional."
            )
        if not settings.CELERY_TASK_ALWAYS_EAGER:
            raise CommandError(
                "Refusing to add fictional people with a broker (REDIS_URL): the workers "
                "would send their e-mails. The demo data is for `make run`, which runs "
                "the tasks in process."
            )
        meeting = Meeting.objects.current()
        if meeting is None:
            raise CommandError("No meeting yet: run `manage.py load_reference_data` first.")
        # The demo's e-mails (to example.org) are recorded in the outbox and marked sent,
        # never delivered: `make run` prints e-mails in its terminal, and three hundred
        # of them would bury the admin's password.
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
            # Without a broker the tasks run here, each logging a line: hundreds of them.
            tasks_log = logging.getLogger("celery.app.trace")
            level = tasks_log.level
            tasks_log.setLevel(logging.WARNING)
            try:
                # All or nothing: an interrupted run leaves no half a demo behind.
                with transaction.atomic():
                    summary = Demo(meeting).build()
            finally:
                tasks_log.setLevel(level)
        if not summary:
            self.stdout.write("Demo data: already there, nothing added.")
            return
        self.stdout.write(self.style.SUCCESS("Demo data added (fictional people, at example.org):"))
        for what, count in summary.items():
            if count:
                self.stdout.write(f"  {count:4} {what}")
