from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _


class ProgrammeConfig(AppConfig):
    name = "programme"
    verbose_name = _("Programme")

    def ready(self):
        # A Meeting changed in this process is read again at once (intersessional/memo.py).
        from intersessional import memo

        from .models import Meeting

        for signal in (post_save, post_delete):
            signal.connect(memo.forget, sender=Meeting, dispatch_uid=f"memo-{self.name}-{signal}")
