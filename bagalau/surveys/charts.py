"""The radar chart ("паутинка", App. 7/8) as SVG, drawn on the server in plain Python: one axis per
competency (numbered like the table, labelled in the reader's language), rings for 1-5, the
others' means and the self-assessment as two polygons, a legend. The same markup goes into the
web page and the PDF (WeasyPrint renders inline SVG); the table beside it carries the numbers.
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from itertools import count

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

WIDTH, HEIGHT = 720, 600
CENTRE_X, CENTRE_Y = 360, 285
RADIUS = 185
SCALE_MAX = 5
LABEL_GAP = 16
WRAP = 22
FONT = "DejaVu Sans, Segoe UI, Arial, sans-serif"
_ids = count(1)


@dataclass(frozen=True)
class Series:
    """One polygon: its legend text, a value per axis, and its look."""

    name: str
    values: Sequence[Decimal | float | None]
    colour: str
    opacity: float = 0.2
    dashed: bool = False


def _point(index: int, total: int, value: float) -> tuple[float, float]:
    """Axis `index` of `total`, clockwise from the top, at `value` on the 0-5 scale."""
    angle = -math.pi / 2 + 2 * math.pi * index / total
    distance = RADIUS * max(0.0, min(value, SCALE_MAX)) / SCALE_MAX
    return CENTRE_X + distance * math.cos(angle), CENTRE_Y + distance * math.sin(angle)


def _f(value: float) -> str:
    return f"{value:.1f}"


def _label(index: int, total: int, number: int, text: str) -> str:
    """The axis label: its table number and name, wrapped, anchored away from the centre."""
    angle = -math.pi / 2 + 2 * math.pi * index / total
    x = CENTRE_X + (RADIUS + LABEL_GAP) * math.cos(angle)
    y = CENTRE_Y + (RADIUS + LABEL_GAP) * math.sin(angle)
    cos = math.cos(angle)
    anchor = "middle" if abs(cos) < 0.2 else ("start" if cos > 0 else "end")
    lines = textwrap.wrap(f"{number}. {text}", WRAP) or [f"{number}."]
    line_height = 15
    sin = math.sin(angle)
    if sin < -0.5:  # above the centre: grow upwards
        first = y - line_height * (len(lines) - 1)
    elif sin > 0.5:
        first = y + 9
    else:
        first = y - line_height * (len(lines) - 1) / 2 + 4
    spans = "".join(
        f'<tspan x="{_f(x)}" y="{_f(first + i * line_height)}">{escape(line)}</tspan>'
        for i, line in enumerate(lines)
    )
    # On a phone the names would be unreadably small: the page's CSS shows the bare number
    # instead (the table beside names each numbered competency); print and desktop keep names.
    number_y = y + 9 if sin > 0.5 else (y if sin < -0.5 else y + 9)
    return (
        f'<text class="axis-label" text-anchor="{anchor}">{spans}</text>'
        f'<text class="axis-number" display="none" x="{_f(x)}" y="{_f(number_y)}" '
        f'text-anchor="{anchor}" font-size="30" font-weight="700">{number}</text>'
    )


def radar_svg(
    axes: Sequence[str],
    series: Sequence[Series],
    *,
    title: str,
    description: str = "",
) -> SafeString:
    """An accessible SVG radar chart (`role="img"` with a <title> and <desc>)."""
    total = len(axes)
    if total < 3:
        raise ValueError("a radar chart needs at least three axes")
    uid = next(_ids)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="radar" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'width="{WIDTH}" height="{HEIGHT}" role="img" '
        f'aria-labelledby="radar-title-{uid} radar-desc-{uid}" '
        f'font-family="{FONT}" font-size="12.5">',
        f'<title id="radar-title-{uid}">{escape(title)}</title>',
        f'<desc id="radar-desc-{uid}">{escape(description)}</desc>',
        '<g class="grid" fill="none" stroke="#c9d0d9" stroke-width="1">',
    ]
    for ring in range(1, SCALE_MAX + 1):
        points = " ".join(
            f"{_f(x)},{_f(y)}" for x, y in (_point(i, total, ring) for i in range(total))
        )
        parts.append(f'<polygon points="{points}"/>')
    for index in range(total):
        x, y = _point(index, total, SCALE_MAX)
        parts.append(f'<line x1="{CENTRE_X}" y1="{CENTRE_Y}" x2="{_f(x)}" y2="{_f(y)}"/>')
    parts.append("</g>")
    parts.append('<g class="ring-labels" fill="#5b6675" font-size="10" text-anchor="start">')
    for ring in range(1, SCALE_MAX + 1):
        parts.append(
            f'<text x="{CENTRE_X + 3}" y="{_f(CENTRE_Y - RADIUS * ring / SCALE_MAX - 2)}">'
            f"{ring}</text>"
        )
    parts.append("</g>")
    for item in series:
        values = [float(v) if v is not None else None for v in item.values]
        if any(v is None for v in values) or len(values) != total:
            continue
        points = " ".join(
            f"{_f(x)},{_f(y)}"
            for x, y in (_point(i, total, v or 0.0) for i, v in enumerate(values))
        )
        dash = ' stroke-dasharray="6 4"' if item.dashed else ""
        parts.append(
            f'<g class="series"><polygon points="{points}" fill="{item.colour}" '
            f'fill-opacity="{item.opacity}" stroke="{item.colour}" stroke-width="2.2"{dash}/>'
        )
        for i, v in enumerate(values):
            x, y = _point(i, total, v or 0.0)
            parts.append(f'<circle cx="{_f(x)}" cy="{_f(y)}" r="3" fill="{item.colour}"/>')
        parts.append("</g>")
    parts.append('<g class="axis-labels" fill="#1d2530">')
    parts.extend(_label(i, total, i + 1, name) for i, name in enumerate(axes))
    parts.append("</g>")
    legend_y = HEIGHT - 22
    shown = [s for s in series if s.values and all(v is not None for v in s.values)]
    widths = [28 + 7 * len(item.name) + 24 for item in shown]
    x = CENTRE_X - sum(widths) / 2
    parts.append('<g class="legend" font-size="12">')
    for item, width in zip(shown, widths, strict=True):
        dash = ' stroke-dasharray="6 4"' if item.dashed else ""
        parts.append(
            f'<rect x="{_f(x)}" y="{legend_y - 10}" width="22" height="12" '
            f'fill="{item.colour}" fill-opacity="{item.opacity}" stroke="{item.colour}" '
            f'stroke-width="2"{dash}/>'
            f'<text x="{_f(x + 28)}" y="{legend_y}">{escape(item.name)}</text>'
        )
        x += width
    parts.append("</g></svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped
