"""Request bodies of the API, bounded: at most ``DATA_UPLOAD_MAX_MEMORY_SIZE`` bytes (413 past
that), JSON nested at most ``bounds.JSON_MAX_DEPTH`` levels and no string in it longer than
``bounds.LONG_TEXT`` characters (400, naming where), so no body can exhaust the parser's recursion,
the database's columns or the audit log. Multipart bodies keep Django's parser, which enforces the
same byte limit on their fields (RequestDataTooBig, answered 413 by the exception handler)."""

from __future__ import annotations

import io
from typing import Any

from django.conf import settings
from django.utils.translation import gettext_noop as N_
from rest_framework import parsers
from rest_framework.exceptions import APIException

from bagalau.core import bounds
from bagalau.core.errors import DomainError


class PayloadTooLarge(APIException):
    """The body is larger than the API accepts."""

    status_code = 413
    default_code = "payload_too_large"

    def __init__(self) -> None:
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        error = DomainError(
            "$", N_("The request is too large: at most %(limit)s bytes."), limit=limit
        )
        super().__init__(error.message)


def body_limit() -> int:
    """The largest body accepted, in bytes."""
    return int(settings.DATA_UPLOAD_MAX_MEMORY_SIZE or 2**31)


def read_bounded(stream: Any, parser_context: dict[str, Any] | None) -> bytes:
    """The body, refused with 413 when its declared or actual length is over the limit."""
    limit = body_limit()
    request = (parser_context or {}).get("request")
    declared = request.META.get("CONTENT_LENGTH") if request is not None else None
    if declared and str(declared).isascii() and str(declared).isdigit() and int(declared) > limit:
        raise PayloadTooLarge()
    raw = stream.read(limit + 1) if stream is not None else b""
    if len(raw) > limit:
        raise PayloadTooLarge()
    return bytes(raw)


def check_json(data: Any) -> None:
    """Refuse nesting deeper than JSON_MAX_DEPTH and any string (key or value) longer than
    LONG_TEXT; iterative, so it cannot overflow itself."""
    pending: list[tuple[Any, str, int]] = [(data, "$", 1)]  # depth: containers down to here
    while pending:
        value, where, depth = pending.pop()
        if isinstance(value, dict | list) and depth > bounds.JSON_MAX_DEPTH:
            raise DomainError(
                "$",
                N_("The JSON is nested too deeply: at most %(depth)s levels."),
                depth=bounds.JSON_MAX_DEPTH,
            )
        if isinstance(value, str) and len(value) > bounds.LONG_TEXT:
            field = where[2:] if where.startswith("$.") else where
            raise DomainError(
                field,
                N_("Ensure this field has no more than %(limit)s characters."),
                limit=bounds.LONG_TEXT,
            )
        if isinstance(value, dict):
            for key, item in value.items():
                pending.append((key, f"{where}.{key}"[: bounds.TITLE], depth + 1))
                pending.append((item, f"{where}.{key}"[: bounds.TITLE], depth + 1))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                pending.append((item, f"{where}[{index}]"[: bounds.TITLE], depth + 1))


class JSONParser(parsers.JSONParser):
    """JSON with the bounds above."""

    def parse(self, stream: Any, media_type: str | None = None, parser_context: Any = None) -> Any:
        raw = read_bounded(stream, parser_context)
        try:
            data = super().parse(io.BytesIO(raw), media_type, parser_context)
        except RecursionError:
            raise DomainError(
                "$",
                N_("The JSON is nested too deeply: at most %(depth)s levels."),
                depth=bounds.JSON_MAX_DEPTH,
            ) from None
        check_json(data)
        return data


class FormParser(parsers.FormParser):
    """A URL-encoded form within the body limit."""

    def parse(self, stream: Any, media_type: str | None = None, parser_context: Any = None) -> Any:
        raw = read_bounded(stream, parser_context)
        return super().parse(io.BytesIO(raw), media_type, parser_context)
