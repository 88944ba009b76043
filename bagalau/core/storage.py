"""Private file storage: uploads that results depend on (scans of paper evaluation sheets, seed
002 p.3, p.29) and that only the people who may see the result may read (p.15, p.20).

The files live under ``PRIVATE_FILES_ROOT`` (``var/private`` by default), outside ``STATIC_ROOT``
and without a ``MEDIA_URL``: no URL of the site serves them, `url()` refuses, and they are read
only through views that ask the access choke point first. A deployment may swap the backend in
``STORAGES["private"]`` (a private bucket), as long as it keeps `url()` closed.
"""

from __future__ import annotations

from typing import Any

from django.core.files.storage import FileSystemStorage, Storage, storages
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.functional import LazyObject, empty

#: The key of the private storage in settings.STORAGES.
PRIVATE = "private"


class PrivateFileSystemStorage(FileSystemStorage):
    """A file system storage with no public URL."""

    def url(self, name: str | None) -> str:
        """Private files have no URL: they are served by access-checked views only."""
        raise ValueError("Private files have no URL; serve them through an access-checked view.")


class _PrivateStorage(LazyObject):
    """``storages["private"]``, looked up on first use and again after the setting changes."""

    def _setup(self) -> None:
        self._wrapped = storages[PRIVATE]


private_storage: Any = _PrivateStorage()


def get_private_storage() -> Storage:
    """The private storage (a callable for ``FileField(storage=...)``, so that migrations name
    this function rather than a path of this machine)."""
    storage: Storage = private_storage
    return storage


@receiver(setting_changed)
def _reset_private_storage(*, setting: str, **kwargs: Any) -> None:
    """Tests point STORAGES["private"] at a temporary directory."""
    if setting == "STORAGES":
        private_storage._wrapped = empty
