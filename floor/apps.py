from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FloorConfig(AppConfig):
    name = "floor"
    verbose_name = _("Speakers and bilateral meetings")

    def ready(self):
        # Everything floor adds to registration (registration/extensions.py).
        from registration import extensions

        from . import links, panels, services
        from .models import BilateralInvitation, UpdatesInvitation

        extensions.link_kind(BilateralInvitation, links.BILATERAL)
        extensions.link_kind(UpdatesInvitation, links.UPDATES)
        extensions.panel(panels.delegation_bilaterals)
        extensions.panel(panels.updates_invited)
        extensions.panel(panels.statements_link)
        # A State's delegation is invited to present its updates once registered
        # (services.py says when else it is).
        extensions.on_member_joined(services.updates_invitation_send)
