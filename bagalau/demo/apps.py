"""The demo apparatus: `manage.py demo` loads it through the services."""

from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo app (no models; its management command)."""

    name = "bagalau.demo"
    label = "demo"
