"""The information prepared for a calibration session (seed 002 p.19(4),
`calibration.brief.session_brief`) as the protocol PDF prints it: numbers as on the forms, yes/no
and the quarters in the document's language."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from bagalau.calibration.brief import session_brief
from bagalau.calibration.models import Session
from bagalau.documents.pdf import label


def _score(value: Decimal | None) -> str:
    return "" if value is None else f"{value:.2f}"


def _actual(line: dict[str, Any], language: str) -> str:
    if not line["binary"]:
        return str(line["actual"])
    if line["achieved"] is None:
        return ""
    return label(language, "yes" if line["achieved"] else "no")


def brief_print_data(session: Session, language: str) -> dict[str, Any]:
    """The p.19(4) information on the session's servant, ready for the protocol template."""
    brief = session_brief(session, language=language)
    return {
        "kpis": [
            {
                **line,
                "actual": _actual(line, language),
                "percent": _score(line["percent"]),
                "score": _score(line["score"]),
            }
            for line in brief["kpis"]
        ],
        "parameters": [
            {**line, "score": "" if line["score"] is None else str(line["score"])}
            for line in brief["parameters"]
        ],
        "quarters": [
            {
                "period": label(language, "quarter", number=line["number"]),
                "score": _score(line["score"]),
            }
            for line in brief["quarters"]
        ],
        "justification": brief["justification"],
        "application": brief["application"],
    }
