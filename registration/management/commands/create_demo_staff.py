import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from intersessional import clock

DEMO_USERNAME = "isu-demo"


class Command(BaseCommand):
    help = (
        "Create (or reset) the demo ISU account and print its new password. "
        "Refuses to run unless the site's clock is set, i.e. on a demo."
    )

    def handle(self, *args, **options):
        if not clock.is_fixed():
            raise CommandError("Refusing to create a demo account: INTERSESSIONAL_NOW is not set.")
        password = secrets.token_urlsafe(12)
        with transaction.atomic():
            user, _ = get_user_model().objects.get_or_create(username=DEMO_USERNAME)
            user.is_staff = True
            user.is_superuser = True
            user.email = "isu-demo@example.org"
            user.set_password(password)
            user.save()
        self.stdout.write(
            f"Admin: http://127.0.0.1:8000/admin/  user: {DEMO_USERNAME}  password: {password}"
        )
