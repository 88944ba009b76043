"""Shared building blocks: base model, access helpers, errors, HTMX helpers."""

from django.apps import AppConfig


class CoreConfig(AppConfig):
    """The core app."""

    name = "bagalau.core"
    label = "core"
    verbose_name = "Bagalau"
