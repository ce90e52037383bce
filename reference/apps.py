from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _


class ReferenceConfig(AppConfig):
    name = "reference"
    verbose_name = _("Reference data")

    def ready(self):
        # A State, an organisation or an obligation changed in this process is read
        # again at once (intersessional/memo.py).
        from intersessional import memo

        from .models import Obligation, Organisation, State

        for model in (State, Organisation, Obligation):
            for signal in (post_save, post_delete):
                signal.connect(
                    memo.forget, sender=model, dispatch_uid=f"memo-{model.__name__}-{signal}"
                )
