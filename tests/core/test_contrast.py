"""The page's colours are legible: text at least 4.5:1 against what it stands on (WCAG 2.1 AA,
1.4.3), read from the stylesheet itself: every colour of text on the page's, a card's and the
default status pill's background, and every rule that sets both a background and a colour."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

CSS = (Path(__file__).parents[2] / "bagalau/core/static/core/app.css").read_text(encoding="utf-8")
ROOT = dict(re.findall(r"--([\w-]+):\s*(#[0-9a-fA-F]{3,6})", CSS.split("}")[0]))
COLOUR = r"(#[0-9a-fA-F]{3,6}|var\(--[\w-]+\))"
AA = 4.5
#: The colours text is written in, and what it stands on: the page, a card, the default pill.
TEXT = ("ink", "muted", "ok", "warn", "bad", "accent")
GROUNDS = ("var(--bg)", "var(--card)", "#eef1f5")


def hex_of(value: str) -> str:
    found = re.fullmatch(r"var\(--([\w-]+)\)", value)
    digits = (ROOT[found.group(1)] if found else value).lstrip("#")
    return "".join(c * 2 for c in digits) if len(digits) == 3 else digits


def luminance(value: str) -> float:
    """The relative luminance of WCAG 2.1."""
    digits = hex_of(value)
    channels = [int(digits[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(one: str, other: str) -> float:
    light, dark = sorted((luminance(one), luminance(other)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def coloured_rules() -> list[tuple[str, str, str]]:
    """(selector, background, colour) of each rule that sets both."""
    found = []
    for selector, body in re.findall(r"([^{}]+)\{([^{}]*)\}", CSS):
        ground = re.search(rf"background(?:-color)?:\s*{COLOUR}\s*(?:;|$)", body.strip())
        ink = re.search(rf"(?<![-\w])color:\s*{COLOUR}", body)
        if ground and ink:
            found.append((" ".join(selector.split()), ground.group(1), ink.group(1)))
    return found


def test_the_worked_example():
    # WCAG's own extremes, and the old warning brown on the pills' cream (4.19, failed).
    assert contrast("#000", "#fff") == pytest.approx(21)
    assert contrast("#fff", "#fff") == pytest.approx(1)
    assert contrast("#a86400", "#fdf1e0") == pytest.approx(4.19, abs=0.01)


@pytest.mark.parametrize("name", TEXT)
def test_each_text_colour_is_legible_on_the_page_a_card_and_a_pill(name):
    for ground in GROUNDS:
        assert contrast(f"var(--{name})", ground) >= AA, (name, ground)


def test_each_rule_with_a_background_and_a_colour_is_legible():
    rules = coloured_rules()
    assert len(rules) >= 15  # the stylesheet was read: the pills, the top bar, the buttons
    failing = [
        f"{selector}: {contrast(ground, ink):.2f}"
        for selector, ground, ink in rules
        if contrast(ground, ink) < AA
    ]
    assert failing == []
