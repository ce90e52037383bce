from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FloorConfig(AppConfig):
    name = "floor"
    verbose_name = _("Speakers and bilateral meetings")

    def ready(self):
        # What floor adds to registration's private-link pages (registration cannot
        # import floor: see registration/panels.py).
        from . import links, panels  # noqa: F401
