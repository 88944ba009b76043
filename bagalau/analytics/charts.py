"""The analytics charts as SVG drawn on the server, like the 360 radar (`surveys.charts`): the same
markup in the page and in the PDF (WeasyPrint renders inline SVG); the tables beside them carry
the numbers, so a chart is a picture of a table, never the only place a figure is.

- `stacked_bars`: one bar per line (quarter or unit), split by rating band, as shares of 100 %.
- `standing_dots`: one line per evaluator: the mean score given, whiskers of ± one standard
  deviation, against the organisation's mean (a vertical line) on the 0–5 scale.
- `gap_bars`: one bar per competency from zero: self minus others, right when servants rate
  themselves higher than others do, left when lower.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

FONT = "DejaVu Sans, Segoe UI, Arial, sans-serif"
#: Band colours from the lowest band up (red to green), readable in greyscale by lightness.
BAND_COLOURS = ("#b3261e", "#e8a33d", "#7fb3d5", "#2e7d32", "#1b5e20", "#0d3b12")
LABEL_WIDTH = 230
BAR_WIDTH = 420
ROW = 26
SCALE_MAX = 5


@dataclass(frozen=True)
class Bar:
    """One line of a chart: its label and its values (shares, or a mean and a spread)."""

    label: str
    values: Sequence[Decimal | Fraction | float]


def _f(value: float) -> str:
    return f"{value:.1f}"


def _clip(text: str, size: int = 27) -> str:
    return text if len(text) <= size else text[: size - 1] + "…"


def _svg(width: int, height: int, title: str, body: list[str]) -> SafeString:
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="100%" role="img" aria-label="{escape(title)}" '
        f'style="max-width:{width}px;font-family:{FONT};font-size:12px">'
        f"<title>{escape(title)}</title>"
    )
    return mark_safe(head + "".join(body) + "</svg>")  # noqa: S308  (every text is escaped)


def stacked_bars(title: str, bars: Sequence[Bar], legend: Sequence[str]) -> SafeString:
    """Bars of shares (percent, summing to 100 or all zero), one colour per band (`legend`
    names the bands in the tooltips; the page lists them beside the chart)."""
    height = 20 + ROW * len(bars)
    body = []
    for row, bar in enumerate(bars):
        y = 20 + row * ROW
        body.append(
            f'<text x="{LABEL_WIDTH - 8}" y="{y + 14}" text-anchor="end">'
            f"{escape(_clip(bar.label))}</text>"
        )
        x = float(LABEL_WIDTH)
        for index, share in enumerate(bar.values):
            width = BAR_WIDTH * float(share) / 100
            if width > 0:
                colour = BAND_COLOURS[index % len(BAND_COLOURS)]
                body.append(
                    f'<rect x="{_f(x)}" y="{y}" width="{_f(width)}" height="18" '
                    f'fill="{colour}"><title>{escape(legend[index])}: {share} %</title></rect>'
                )
                x += width
        if x == LABEL_WIDTH:
            body.append(f'<text x="{LABEL_WIDTH + 4}" y="{y + 14}" fill="#666">—</text>')
    return _svg(LABEL_WIDTH + BAR_WIDTH + 20, height, title, body)


def _x(score: float) -> float:
    return LABEL_WIDTH + BAR_WIDTH * max(0.0, min(score, SCALE_MAX)) / SCALE_MAX


def standing_dots(title: str, bars: Sequence[Bar], centre: Decimal | None) -> SafeString:
    """Per evaluator (values: mean, standard deviation) a dot and ± one deviation, against the
    organisation's mean."""
    height = 40 + ROW * len(bars)
    body = []
    for tick in range(SCALE_MAX + 1):
        x = _x(tick)
        body.append(f'<line x1="{_f(x)}" y1="12" x2="{_f(x)}" y2="{height - 20}" stroke="#ddd"/>')
        body.append(f'<text x="{_f(x)}" y="{height - 6}" text-anchor="middle">{tick}</text>')
    if centre is not None:
        x = _x(float(centre))
        body.append(
            f'<line x1="{_f(x)}" y1="8" x2="{_f(x)}" y2="{height - 20}" stroke="#333" '
            f'stroke-dasharray="4 3"><title>{escape(str(centre))}</title></line>'
        )
    for row, bar in enumerate(bars):
        y = 22 + row * ROW
        mean, sd = (float(value) for value in bar.values)
        body.append(
            f'<text x="{LABEL_WIDTH - 8}" y="{y + 4}" text-anchor="end">'
            f"{escape(_clip(bar.label))}</text>"
        )
        body.append(
            f'<line x1="{_f(_x(mean - sd))}" y1="{y}" x2="{_f(_x(mean + sd))}" y2="{y}" '
            'stroke="#1f4e79" stroke-width="2"/>'
        )
        body.append(
            f'<circle cx="{_f(_x(mean))}" cy="{y}" r="5" fill="#1f4e79">'
            f"<title>{escape(bar.label)}: {mean:.2f} ± {sd:.2f}</title></circle>"
        )
    return _svg(LABEL_WIDTH + BAR_WIDTH + 20, height, title, body)


def gap_bars(title: str, bars: Sequence[Bar]) -> SafeString:
    """Per competency a bar from zero of self minus others (values: the gap), on ±2 points."""
    limit = 2.0
    height = 40 + ROW * len(bars)
    zero = LABEL_WIDTH + BAR_WIDTH / 2
    body = [f'<line x1="{zero}" y1="10" x2="{zero}" y2="{height - 20}" stroke="#333"/>']
    for tick in (-2, -1, 1, 2):
        x = zero + BAR_WIDTH / 2 * tick / limit
        body.append(f'<line x1="{_f(x)}" y1="10" x2="{_f(x)}" y2="{height - 20}" stroke="#ddd"/>')
        body.append(f'<text x="{_f(x)}" y="{height - 6}" text-anchor="middle">{tick:+d}</text>')
    for row, bar in enumerate(bars):
        y = 14 + row * ROW
        gap = max(-limit, min(limit, float(bar.values[0])))
        width = BAR_WIDTH / 2 * abs(gap) / limit
        x = zero if gap >= 0 else zero - width
        colour = "#e8a33d" if gap >= 0 else "#1f4e79"
        body.append(
            f'<text x="{LABEL_WIDTH - 8}" y="{y + 13}" text-anchor="end">'
            f"{escape(_clip(bar.label))}</text>"
        )
        body.append(
            f'<rect x="{_f(x)}" y="{y}" width="{_f(width)}" height="18" fill="{colour}">'
            f"<title>{escape(bar.label)}: {float(bar.values[0]):+.2f}</title></rect>"
        )
    return _svg(LABEL_WIDTH + BAR_WIDTH + 20, height, title, body)


def swatch(colour: str) -> SafeString:
    """A small square of a band's colour, for the legend and the table headers."""
    return mark_safe(  # noqa: S308  (a colour of BAND_COLOURS, never user input)
        f'<svg width="12" height="12" aria-hidden="true"><rect width="12" height="12" '
        f'fill="{escape(colour)}"/></svg>'
    )
