from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "documents"
    verbose_name = _("Badges and lists")

    def ready(self):
        # Everything documents adds to registration (registration/extensions.py).
        from registration import extensions, links

        from . import panels, services
        from .models import VisaLetter

        extensions.link_kind(
            VisaLetter,
            links.LinkKind(
                "documents.visa-letter-link",
                "documents:visa-letter-link",
                ("delegate__meeting",),
            ),
        )
        extensions.panel(panels.visa_letter_and_certificate)
        # A delegate who withdraws or is declined: their letters are revoked.
        extensions.on_member_left(services.visa_letters_revoke_for_departed)
