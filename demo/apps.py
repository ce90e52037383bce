from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo's fictional meeting (`manage.py demo_data`); no models of its own."""

    name = "demo"
