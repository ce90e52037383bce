import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from intersessional import clock
from intersessional.twofactor import new_totp_device, qr_text

DEMO_USERNAME = "isu-demo"


class Command(BaseCommand):
    help = (
        "Create (or reset) the demo ISU account, a superuser, and print its new password. "
        "Runs only on a demo: DEBUG on and the site's clock set."
    )

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError(
                "Refusing to create a demo superuser: DEBUG is off, so this may be a real "
                "site. The demo account is for `make run` (DEBUG=true)."
            )
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
            device = new_totp_device(user, "demo authenticator")
        self.stdout.write(
            f"Admin (/admin/ at the address below): user: {DEMO_USERNAME}  password: {password}"
        )
        # In production staff sign in with a one-time code too (OTP_REQUIRED, on whenever
        # DEBUG is off). The demo's account has its authenticator ready to scan.
        self.stdout.write(qr_text(device.config_url))
        self.stdout.write(
            "Two-factor sign-in: scan this QR code with an authenticator app (or enter "
            f"{device.config_url}), then run `make run OTP_REQUIRED=true` to be asked for "
            "its code. More accounts: Admin > TOTP devices, or "
            "`manage.py totp_device USERNAME`."
        )
