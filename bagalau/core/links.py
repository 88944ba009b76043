"""Links to many objects of one kind: the URL pattern reversed once, not once per object (a
whole-organisation operation tells every servant where their sheet is, issue 12 item 2)."""

from __future__ import annotations

from collections.abc import Callable

from django.urls import NoReverseMatch, reverse

#: A primary key no row holds, reversed in place of each object's and then replaced.
_SENTINEL = 9_223_372_036_854_775_807


def pk_links(name: str, *, fallback: str = "") -> Callable[[int], str]:
    """`pk -> reverse(name, args=[pk])`, reversed once; every link is `fallback` when the
    pattern does not exist (an app left out of the URLs)."""
    try:
        head, tail = reverse(name, args=[_SENTINEL]).split(str(_SENTINEL))
    except NoReverseMatch:
        return lambda _pk: fallback
    return lambda pk: f"{head}{pk}{tail}"
