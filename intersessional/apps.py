from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class IntersessionalConfig(AppConfig):
    """The project itself, as an app only for its system checks."""

    name = "intersessional"
    verbose_name = "Intersessional meetings"

    def ready(self):
        from . import checks  # noqa: F401  (registers the production checks)


class AdminConfig(admin_apps.AdminConfig):
    """Django's admin, whose site asks for the second factor (intersessional/twofactor.py)."""

    default = False  # intersessional's own config is IntersessionalConfig
    default_site = "intersessional.twofactor.AdminSite"
