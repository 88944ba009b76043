"""Base models shared by every app."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from bagalau.core import bounds
from bagalau.core.language import reader_language


class TimeStampedModel(models.Model):
    """Adds creation and modification times."""

    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True


class TrilingualName(models.Model):
    """A name in Kazakh (required), Russian and English, shown in the reader's language."""

    name_kk = models.CharField(_("name (Kazakh)"), max_length=bounds.TITLE)
    name_ru = models.CharField(_("name (Russian)"), max_length=bounds.TITLE, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=bounds.TITLE, blank=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        """The name in the active language, falling back to Kazakh."""
        language = reader_language()
        return str(getattr(self, f"name_{language}", "") or self.name_kk)
