from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RoomConfig(AppConfig):
    name = "room"
    verbose_name = _("In the room")

    def ready(self):
        # What the room adds to registration's private-link pages (registration/extensions.py).
        from registration import extensions

        from . import panels

        extensions.panel(panels.place_in_line)
