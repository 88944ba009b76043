"""The scan of a signed paper sheet (seed 002 p.3, p.29): which files are accepted and how they
are stored.

A scan is a PDF, a JPEG or a PNG, recognised by its first bytes (never by its name or by the type
the browser claims), no larger than ``settings.PAPER_SCAN_MAX_BYTES``; a JPEG or PNG must also be
a whole picture (Pillow verifies it), a PDF must end with its end-of-file marker (a cut upload
does not). The stored file gets a random name with the extension of its detected type, under the
private storage (bagalau.core.storage), never the name it was uploaded with.
"""

from __future__ import annotations

import hashlib
import io
import uuid
import warnings
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_noop as N_

from bagalau.core.errors import DomainError

#: Detected type -> (first bytes, file extension).
SIGNATURES = {
    "application/pdf": (b"%PDF-", "pdf"),
    "image/jpeg": (b"\xff\xd8\xff", "jpg"),
    "image/png": (b"\x89PNG\r\n\x1a\n", "png"),
}
#: How far from the end a PDF's "%%EOF" may be (trailing bytes some scanners add).
PDF_TAIL = 1024
FIELD = "scan"
MEGABYTE = 1024 * 1024


@dataclass(frozen=True)
class ScanCheck:
    """What the check found out about an accepted scan."""

    content_type: str
    extension: str
    size: int
    sha256: str


def max_scan_bytes() -> int:
    """The size limit of a scan (settings.PAPER_SCAN_MAX_BYTES)."""
    return int(getattr(settings, "PAPER_SCAN_MAX_BYTES", 10 * MEGABYTE))


def _size(size: int) -> str:
    """A size as people read it (1.5 MB, 800 KB), in the active language."""
    return str(filesizeformat(size))


def detect_type(head: bytes) -> str | None:
    """The content type whose signature `head` starts with (None when none)."""
    for content_type, (signature, _extension) in SIGNATURES.items():
        if head.startswith(signature):
            return content_type
    return None


def _read(upload: Any) -> bytes:
    upload.seek(0)
    chunks = [bytes(chunk) for chunk in upload.chunks()] if hasattr(upload, "chunks") else []
    if not chunks:
        upload.seek(0)
        chunks = [upload.read()]
    upload.seek(0)
    return b"".join(chunks)


def _whole_picture(content: bytes, content_type: str) -> bool:
    """Pillow opens and verifies the picture (a cut or forged file fails)."""
    from PIL import Image  # Pillow is loaded only when a scan is checked

    expected = {"image/jpeg": "JPEG", "image/png": "PNG"}[content_type]
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(content)) as picture:
                if picture.format != expected:
                    return False
                picture.verify()
            if content_type == "image/jpeg":
                # verify() reads no JPEG data: decode it, so that a cut file fails too.
                with Image.open(io.BytesIO(content)) as picture:
                    picture.load()
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError, Warning):
        return False
    return True


def check_scan(upload: UploadedFile | None) -> ScanCheck:
    """Accept the scan or raise a DomainError naming the field "scan" (nothing is stored)."""
    if upload is None:
        raise DomainError(
            FIELD, N_("Attach the scan of the signed paper sheet (a PDF, JPEG or PNG file).")
        )
    limit = max_scan_bytes()
    size = int(upload.size or 0)
    if size > limit:
        raise DomainError(
            FIELD,
            N_("The scan is %(size)s; a scan may be at most %(max)s."),
            size=_size(size),
            max=_size(limit),
        )
    content = _read(upload)
    if len(content) > limit:  # the declared size was wrong
        raise DomainError(
            FIELD,
            N_("The scan is %(size)s; a scan may be at most %(max)s."),
            size=_size(len(content)),
            max=_size(limit),
        )
    content_type = detect_type(content[:16])
    if content_type is None:
        raise DomainError(
            FIELD,
            N_("The scan must be a PDF, JPEG or PNG file; this file is none of them."),
        )
    if content_type == "application/pdf":
        whole = b"%%EOF" in content[-PDF_TAIL:]
    else:
        whole = _whole_picture(content, content_type)
    if not whole:
        raise DomainError(
            FIELD, N_("The scan file is damaged or incomplete: scan the paper sheet again.")
        )
    return ScanCheck(
        content_type=content_type,
        extension=SIGNATURES[content_type][1],
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
    )


def scan_name(year: int, extension: str) -> str:
    """Where a scan is stored in the private storage: by year, under a random name."""
    return f"paper-scans/{year}/{uuid.uuid4().hex}.{extension}"
