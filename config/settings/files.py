"""Private files: the scans of paper evaluation sheets (seed 002 p.3, p.29), kept under
PRIVATE_FILES_ROOT (default var/private), which neither WhiteNoise nor any URL serves; they are
read only through access-checked views (bagalau.core.storage)."""

from config.env import BASE_DIR, env
from config.settings.base import STORAGES as _STORAGES

PRIVATE_FILES_ROOT = env.path("PRIVATE_FILES_ROOT", default=BASE_DIR / "var" / "private")
STORAGES = {
    **_STORAGES,
    "private": {
        "BACKEND": "bagalau.core.storage.PrivateFileSystemStorage",
        "OPTIONS": {
            "location": str(PRIVATE_FILES_ROOT),
            "file_permissions_mode": 0o600,
            "directory_permissions_mode": 0o700,
        },
    },
}
# The largest scan accepted, in bytes (10 MB: a few pages scanned at 300 dpi).
PAPER_SCAN_MAX_BYTES = env.int("PAPER_SCAN_MAX_BYTES", default=10 * 1024 * 1024)
