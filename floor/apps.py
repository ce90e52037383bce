from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FloorConfig(AppConfig):
    name = "floor"
    verbose_name = _("Speakers and bilateral meetings")

    def ready(self):
        # What floor adds to registration's private-link pages and does when someone
        # registers (registration cannot import floor: see registration/panels.py and
        # registration/hooks.py).
        from registration import hooks

        from . import links, panels, services  # noqa: F401 (links, panels: they register)

        # A State's delegation is invited to present its updates once registered
        # (services.py says when else it is).
        hooks.register(services.updates_invitation_send)
