"""Shared building blocks: base model, access helpers, errors, HTMX helpers."""

from django.apps import AppConfig


class CoreConfig(AppConfig):
    """The core app."""

    name = "bagalau.core"
    label = "core"
    verbose_name = "Bagalau"

    def ready(self) -> None:
        """SQLite connections learn the Kazakh collation and the search fold (core.collation)."""
        from django.db.backends.signals import connection_created

        from bagalau.core.collation import register_sqlite

        connection_created.connect(register_sqlite, dispatch_uid="bagalau.core.collation")
