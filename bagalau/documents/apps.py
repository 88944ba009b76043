"""Printable forms (PDF) and the retention of evaluation documents (seed 002 p.14)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    """The documents app."""

    name = "bagalau.documents"
    label = "documents"
    verbose_name = _("Documents")
