from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SponsorshipConfig(AppConfig):
    name = "sponsorship"
    verbose_name = _("Sponsorship Programme")

    def ready(self):
        # Everything sponsorship adds to registration (registration/extensions.py).
        from registration import extensions
        from registration.models import Delegate

        from . import beat, links, panels  # noqa: F401 (beat: its task)
        from .models import Application

        extensions.link_kind(Application, links.APPLICATION)
        extensions.panel(panels.sponsorship)
        # The panel shows the delegate's application: fetched with the link's row.
        extensions.link_related(Delegate, "sponsorship")
