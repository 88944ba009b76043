"""The reader's language, as the methodology's labels and the models' names are keyed."""

from __future__ import annotations

from django.utils.translation import get_language


def reader_language() -> str:
    """The active language's code ("kk", "ru" or "en"), Kazakh when none is active (a job, a
    command)."""
    return (get_language() or "kk")[:2]
