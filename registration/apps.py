from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistrationConfig(AppConfig):
    name = "registration"
    verbose_name = _("Registration")

    def ready(self):
        # The e-mails that the outbox's worker writes itself (outbox/writing.py).
        from outbox.writing import writer

        from . import emails

        writer("registration_received", emails.write_received)
