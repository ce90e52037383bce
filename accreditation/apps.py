from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccreditationConfig(AppConfig):
    name = "accreditation"
    verbose_name = _("Accreditation")

    def ready(self):
        # Everything accreditation adds to registration (registration/extensions.py).
        from registration import extensions
        from registration.models import Delegate

        from . import links, panels
        from .models import Photo

        extensions.link_kind(Photo, links.PHOTO)
        # The delegate's page shows where the photo stands: fetched with the delegate.
        extensions.link_related(Delegate, "photo")
        extensions.panel(panels.nomination_link)
        extensions.panel(panels.accreditation_link)
        extensions.panel(panels.photo_panel)
