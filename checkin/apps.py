from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _


class CheckinConfig(AppConfig):
    name = "checkin"
    verbose_name = _("Check-in at the door")

    def ready(self):
        # A list changed in this process is read again at once (intersessional/memo.py).
        from intersessional import memo

        from .models import CheckinList

        for signal in (post_save, post_delete):
            signal.connect(
                memo.forget, sender=CheckinList, dispatch_uid=f"memo-{self.name}-{signal}"
            )
