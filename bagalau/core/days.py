"""A day as every message, notification, export and printed form of the methodologies writes
it, the same in Kazakh, Russian and English: 31.12.2026."""

from __future__ import annotations

import datetime as dt


def day_text(value: dt.date | None) -> str:
    """`value` as dd.mm.yyyy ("" when there is none)."""
    return f"{value:%d.%m.%Y}" if value is not None else ""
