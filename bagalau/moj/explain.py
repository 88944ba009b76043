"""Explain this score (issue 14 item 5) for the moj-2017 quarterly sheet App. 3: each encouraged
activity with the points the App. 2 catalogue gives it, the breaches, q = 100 + bonus − 2 ×
breaches and the rating band (seed 001 p.18, p.22, p.26-27), each step citing its paragraph.

The steps are recorded by the engine function that computed the agreed column
(`common.compute_quarter`), run again on the stored entries; an explanation is offered only once
the direct manager agreed the sheet and only when it ends at the stored score. Callers get the
sheet through `access.quarter_sheet_get_for` first (404 when not visible; the read is audited).
"""

from __future__ import annotations

import datetime as dt

from bagalau.methodology import MethodologyError, get_edition
from bagalau.methodology.explain import Explained, render, tracing
from bagalau.methodology.moj2017_workflow import BreachEntry
from bagalau.moj.common import compute_quarter
from bagalau.moj.models import QuarterSheet


def quarter_sheet_explanation(sheet: QuarterSheet, language: str) -> Explained | None:
    """How the agreed score was reached, or None before the manager's agreement or when the
    stored score no longer follows from the stored entries."""
    if sheet.score is None or sheet.agreed_on is None:
        return None
    items = [
        {"code": item["code"], "date": dt.date.fromisoformat(item["date"])}
        for item in sheet.agreed_items
    ]
    breaches = [BreachEntry(r.kind, r.day) for r in sheet.agreed_breaches.order_by("day", "pk")]
    with tracing() as steps:
        try:
            computed = compute_quarter(sheet.evaluation.period, sheet.catalogue, items, breaches)
        except MethodologyError:
            return None
    if (computed.score, computed.rating.code) != (sheet.score, sheet.rating):
        return None
    return Explained(
        language=language,
        result=f"{computed.score} · {computed.rating.label.get(language)}",
        steps=render(get_edition(sheet.evaluation.edition), steps, language),
    )
