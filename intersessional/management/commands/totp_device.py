from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from intersessional.twofactor import new_totp_device, qr_text


class Command(BaseCommand):
    help = (
        "Give a staff account a new authenticator (TOTP) device and print its otpauth:// "
        "address and QR code, to scan with an authenticator app. For the first account and "
        "for an officer who lost their phone; otherwise a superuser adds devices in the "
        "admin (TOTP devices)."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--name", default="authenticator", help="The device's name.")

    def handle(self, *args, username, name, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No account is called {username!r}.")
        device = new_totp_device(user, name)
        self.stdout.write(qr_text(device.config_url))
        self.stdout.write(f"Scan the QR code, or enter this address: {device.config_url}")
