from django.apps import AppConfig


class IntersessionalConfig(AppConfig):
    """The project itself, as an app only for its system checks."""

    name = "intersessional"
    verbose_name = "Intersessional meetings"

    def ready(self):
        from . import checks  # noqa: F401  (registers the deploy checks)
