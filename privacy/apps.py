from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    name = "privacy"
    verbose_name = _("Personal data")

    def ready(self):
        # The audit log's models, and what privacy adds to registration's private-link
        # pages (registration/extensions.py).
        from registration import extensions

        from . import audit, panels

        audit.register_models()
        extensions.panel(panels.personal_data)
