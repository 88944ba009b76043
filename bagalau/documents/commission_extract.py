"""The extract of the App. 5 protocol about one servant (EDITIONS.md §2.2 H1: "the servant signs
the sheets and protocol extract"; §6.1, §6.2 App. 5; §9 G-5, T-10).

The seeds give the servant the results "in writing" (004 p.40-41; 001 p.36) and say nothing of a
copy of the protocol. The protocol carries every colleague's result on the session, which G-5
keeps from them, so the servant and the working body receive an extract, as an HR service
issues one: the protocol's header, the session's date and place, the servant's own row in the
protocol's columns (results, the commission's correction and decision, the vote or the
recommendations), the quorum and who signed the protocol, the authorised person's approval
(typical-2018, p.39), and the secretary's line certifying the extract. Left out: the other rows
and the commission's conclusion, which speaks of the session as a whole.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from bagalau.commission.access import extract_get_for
from bagalau.commission.moj_selectors import is_moj_session, period_label
from bagalau.documents.commission_protocol import LABELS as TYPICAL
from bagalau.documents.commission_protocol import protocol_data
from bagalau.documents.commission_protocol_moj import LABELS as MOJ
from bagalau.documents.commission_protocol_moj import moj_protocol_data
from bagalau.documents.pdf import PdfFile, render_pdf, servant_file_name

if TYPE_CHECKING:
    from bagalau.core.types import User

LABELS: dict[str, dict[str, str]] = {
    "kk": {
        "title": "Бағалау жөніндегі комиссия отырысының хаттамасынан ҮЗІНДІ",
        "signed_by": "Хаттамаға қол қойғандар:",
        "certified": "Үзінді дұрыс. Комиссияның хатшысы",
        "signature": "(қолы)",
        "approved": "Бағалау нәтижелерін уәкілетті тұлға бекітті: %(name)s, %(date)s",
    },
    "ru": {
        "title": "ВЫПИСКА из протокола заседания комиссии по оценке",
        "signed_by": "Протокол подписали:",
        "certified": "Выписка верна. Секретарь комиссии",
        "signature": "(подпись)",
        "approved": "Результаты оценки утверждены уполномоченным лицом: %(name)s, %(date)s",
    },
    "en": {
        "title": "EXTRACT from the protocol of the session of the evaluation commission",
        "signed_by": "The protocol was signed by:",
        "certified": "A true extract. Secretary of the commission",
        "signature": "(signature)",
        "approved": "The results were approved by the authorised person: %(name)s, %(date)s",
    },
}


def extract_data(session: Any, evaluation: Any, *, language: str) -> dict[str, Any]:
    """The protocol's data narrowed to the servant's row, by the session's model."""
    labels = LABELS[language]
    moj = is_moj_session(session)
    if moj:
        doc = moj_protocol_data(session, language=language, only=evaluation.pk)
        kind, period = period_label(evaluation)
        doc["kinds"] = MOJ[language][kind] % {"period": period}
        doc["approval"] = ""
    else:
        doc = protocol_data(session, language=language, only=evaluation.pk)
        doc["period"] = TYPICAL[language]["period"] % {"year": evaluation.period.schedule.year}
        approver = doc["approver"]
        doc["approval"] = (
            labels["approved"] % {"name": approver, "date": doc["approved_on"]} if approver else ""
        )
    doc["conclusion"] = ""
    secretary = MOJ[language]["secretary"] if moj else TYPICAL[language]["secretary"]
    doc["secretary"] = next((s["name"] for s in doc["signers"] if s["role"] == secretary), "")
    doc["moj"] = moj
    return doc


def commission_extract_pdf(
    *, user: User, session_id: int, evaluation_id: int, language: str = "kk"
) -> PdfFile:
    """The extract of the session's protocol about one servant, for the servant and the
    working body (404 otherwise, and before the decision took effect); the read is audited."""
    session, evaluation = extract_get_for(
        user=user, session_id=session_id, evaluation_id=evaluation_id
    )
    doc = extract_data(session, evaluation, language=language)
    protocol = MOJ[language] if doc["moj"] else TYPICAL[language]
    content = render_pdf(
        "documents/commission_extract.html",
        {"doc": doc, "P": protocol, "X": LABELS[language]},
        language=language,
        landscape=True,
    )
    name = servant_file_name(evaluation.servant)
    return PdfFile(
        filename=f"app5-extract-{session.date:%Y-%m-%d}-{name}-{evaluation.pk}.pdf",
        content=content,
    )
