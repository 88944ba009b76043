"""`bagalau calc EDITION METHOD`: one JSON object in, one out (SPEC §10), no database."""

from __future__ import annotations

import json
from typing import Any

from bagalau.methodology.calc.fields import parse_request
from bagalau.methodology.calc.methods import BY_MODEL, COMMON, Method, methods_for
from bagalau.methodology.editions import edition_codes, get_edition
from bagalau.methodology.errors import N_, MethodologyError, check_choice
from bagalau.methodology.explain import render, tracing
from bagalau.methodology.labels import LANGUAGES

EXIT_OK = 0
EXIT_INVALID = 2

__all__ = [
    "BY_MODEL",
    "COMMON",
    "EXIT_INVALID",
    "EXIT_OK",
    "Method",
    "calculate",
    "explain",
    "run",
]


def calculate(edition_code: str, method: str, request: dict[str, Any]) -> dict[str, Any]:
    """Answer one parsed request; MethodologyError names the field that breaks a rule."""
    edition = get_edition(edition_code)
    available = methods_for(edition)
    if method not in available:
        raise MethodologyError(
            "method",
            N_("edition %(edition)s has no method %(method)s; its methods are %(methods)s"),
            edition=edition_code,
            method=repr(method),
            methods=", ".join(available),
        )
    return available[method].handler(edition, request)


def explain(
    edition_code: str, method: str, request: dict[str, Any], language: str = "en"
) -> dict[str, Any]:
    """The result and the steps that led to it (issue 14 item 5), recorded by the very functions
    that computed the result, worded in `language` (kk, ru or en) with the paragraph each cites."""
    check_choice("lang", language, LANGUAGES)
    with tracing() as steps:
        result = calculate(edition_code, method, request)
    return {
        "edition": edition_code,
        "method": method,
        "language": language,
        "result": result,
        "steps": render(get_edition(edition_code), steps, language),
    }


def _dump(value: dict[str, Any]) -> str:
    """JSON text that is always valid UTF-8: Kazakh stays readable, a lone surrogate from an
    escaped key is written back escaped."""
    text = json.dumps(value, ensure_ascii=False)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return json.dumps(value, ensure_ascii=True)
    return text


def run(
    edition_code: str, method: str, text: str, explain_in: str | None = None
) -> tuple[int, str]:
    """The exit code and the JSON text for a raw request; with `explain_in` (a language), the
    result with its explanation."""
    try:
        if edition_code not in edition_codes():
            get_edition(edition_code)
        request = parse_request(text)
        if explain_in is None:
            result = calculate(edition_code, method, request)
        else:
            result = explain(edition_code, method, request, explain_in)
    except MethodologyError as error:
        return EXIT_INVALID, _dump(error.as_dict())
    return EXIT_OK, _dump(result)
