"""A confidential download: results are strictly confidential (seed 002 p.15), so every file the
application hands out — a printed form, an export, a paper scan, a training list — is an
attachment no cache keeps, no browser reads as another type and none runs (a scan is a file a
user uploaded)."""

from __future__ import annotations

from typing import TypeVar

from django.http import HttpResponse, HttpResponseBase
from django.utils.http import content_disposition_header

R = TypeVar("R", bound=HttpResponseBase)


def sealed(response: R) -> R:
    """`response` with the headers every download carries."""
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


def private_download(content: bytes, *, content_type: str, filename: str) -> HttpResponse:
    """`content` as the attachment `filename` (any script: RFC 6266 names a non-ASCII one)."""
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, filename) or "attachment"
    return sealed(response)
