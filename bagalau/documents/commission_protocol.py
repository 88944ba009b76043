"""App. 5 of the typical-2018 editions: the protocol of a commission session, in our layout
(EDITIONS.md §6.1, T-16: seed 004 refers to App. 5 but does not print it; the moj-2017 App. 5
layout with the column of p.38 verbatim and the approval block of p.39).

The printed wording is Kazakh (the column heading of p.38 is the seed's); Russian and English are
reading copies. The KPI part of each result is printed; the competency part is printed as the
commission corrected it (the App. 3 sheets are another app's).
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from bagalau.commission.access import session_read_for
from bagalau.commission.models import VOTING_ROLES, MotionKind
from bagalau.commission.moj_selectors import is_moj_session
from bagalau.core.days import day_text
from bagalau.documents.commission_protocol_moj import LABELS as MOJ
from bagalau.documents.commission_protocol_moj import moj_protocol_data
from bagalau.documents.pdf import PdfFile, printed_name, render_pdf
from bagalau.documents.session_protocol import session_protocol
from bagalau.methodology import MethodologyError, get_edition
from bagalau.methodology.editions import typical2018_rules

if TYPE_CHECKING:
    from bagalau.commission.models import CommissionSession
    from bagalau.core.types import User

LABELS: dict[str, dict[str, str]] = {
    "kk": {
        "appendix": "5-қосымша",
        "approve": "«БЕКІТЕМІН»",
        "approver_caption": "(тегі, аты-жөнінің бірінші әріптері)",
        "date": "күні",
        "signature": "қолы",
        "title": "Бағалау жөніндегі комиссия отырысының хаттамасы",
        "body_caption": "(мемлекеттік органның атауы)",
        "period": "(бағаланатын кезең: %(year)s жыл)",
        "held": "Отырыс күні: %(date)s",
        "col_no": "№ р/с",
        "col_servant": "Қызметшінің Т.А.Ә., лауазымы",
        "col_results": "Бағалау нәтижелері туралы мәлімет",
        "col_corrected": "Бағалау нәтижелері комиссиямен түзетілуі (бар болған жағдайда)",
        "col_decision": "Комиссия шешімі",
        "kpi": "НМИ бойынша: %(rating)s, %(count)s/%(total)s",
        "competencies": "құзыреттер бойынша: %(text)s",
        "approved": "бекіту",
        "revised": "қайта қарау",
        "votes": "«жақтап» – %(for)s, «қарсы» – %(against)s",
        "conclusion": "Комиссия қорытындысы",
        "quorum": "Кворум: комиссияның %(members)s мүшесінің %(present)s қатысты",
        "checked": "Тексерген:",
        "secretary": "Комиссияның хатшысы",
        "chair": "Комиссияның төрағасы",
        "member": "Комиссия мүшесі",
        "name_caption": "(тегі, аты, әкесінің аты (қолы))",
    },
    "ru": {
        "appendix": "Приложение 5",
        "approve": "«УТВЕРЖДАЮ»",
        "approver_caption": "(фамилия, инициалы)",
        "date": "дата",
        "signature": "подпись",
        "title": "Протокол заседания комиссии по оценке",
        "body_caption": "(наименование государственного органа)",
        "period": "(оцениваемый период: %(year)s год)",
        "held": "Дата заседания: %(date)s",
        "col_no": "№ п/п",
        "col_servant": "Ф.И.О., должность служащего",
        "col_results": "Сведения о результатах оценки",
        "col_corrected": "Корректировка результатов оценки комиссией (при наличии)",
        "col_decision": "Решение комиссии",
        "kpi": "по КЦИ: %(rating)s, %(count)s/%(total)s",
        "competencies": "по компетенциям: %(text)s",
        "approved": "утвердить",
        "revised": "пересмотреть",
        "votes": "«за» – %(for)s, «против» – %(against)s",
        "conclusion": "Заключение комиссии",
        "quorum": "Кворум: присутствовали %(present)s из %(members)s членов комиссии",
        "checked": "Проверено:",
        "secretary": "Секретарь комиссии",
        "chair": "Председатель комиссии",
        "member": "Член комиссии",
        "name_caption": "(фамилия, имя, отчество (подпись))",
    },
    "en": {
        "appendix": "Appendix 5",
        "approve": '"I APPROVE"',
        "approver_caption": "(surname, initials)",
        "date": "date",
        "signature": "signature",
        "title": "Protocol of the session of the evaluation commission",
        "body_caption": "(name of the state body)",
        "period": "(period evaluated: the year %(year)s)",
        "held": "Session date: %(date)s",
        "col_no": "No.",
        "col_servant": "Servant's full name, position",
        "col_results": "Results of the evaluation",
        "col_corrected": "Results as corrected by the commission (if any)",
        "col_decision": "Decision of the commission",
        "kpi": "KPIs: %(rating)s, %(count)s/%(total)s",
        "competencies": "competencies: %(text)s",
        "approved": "approve",
        "revised": "revise",
        "votes": "for – %(for)s, against – %(against)s",
        "conclusion": "Conclusion of the commission",
        "quorum": "Quorum: %(present)s of the commission's %(members)s members present",
        "checked": "Checked:",
        "secretary": "Secretary of the commission",
        "chair": "Chair of the commission",
        "member": "Member of the commission",
        "name_caption": "(surname, first name, patronymic (signature))",
    },
}


def _kpi_line(
    labels: dict[str, str], edition: str, count: Decimal | int | None, language: str
) -> str:
    if count is None:
        return ""
    try:
        rules = typical2018_rules(get_edition(edition))
    except MethodologyError:
        return ""
    band = rules.kpi_rating.band_for(Decimal(count))
    return labels["kpi"] % {
        "rating": band.label.get(language),
        "count": int(count),
        "total": rules.kpi_count,
    }


def protocol_data(
    session: CommissionSession, *, language: str, only: int | None = None
) -> dict[str, Any]:
    """Everything App. 5 prints: the body, the period, each servant's result, the correction and
    the decision with its vote, the quorum, the signatures and the approval block; the row of
    the evaluation `only` alone for an extract."""
    labels = LABELS[language]
    rows = []
    years = set()
    agenda = session.agenda.all() if only is None else session.agenda.filter(evaluation_id=only)
    for item in agenda.select_related(
        "evaluation__servant", "evaluation__assignment__position", "evaluation__period__schedule"
    ):
        evaluation = item.evaluation
        years.add(evaluation.period.schedule.year)
        motion = item.decision
        corrected = []
        if motion is not None and motion.kind == MotionKind.REVISE:
            line = _kpi_line(labels, evaluation.edition, motion.revised_kpi_achieved, language)
            corrected = [text for text in (line,) if text]
            if motion.revised_competencies:
                corrected.append(labels["competencies"] % {"text": motion.revised_competencies})
            corrected.append(motion.reason)
        position = evaluation.assignment.position
        rows.append(
            {
                "number": item.number,
                "servant": evaluation.servant.full_name,
                "position": printed_name(position, language),
                "results": _kpi_line(labels, evaluation.edition, evaluation.score, language),
                "corrected": corrected,
                "decision": (
                    ""
                    if motion is None
                    else labels["revised" if motion.kind == MotionKind.REVISE else "approved"]
                ),
                "votes": (
                    ""
                    if motion is None
                    else labels["votes"]
                    % {"for": motion.votes_for, "against": motion.votes_against}
                ),
            }
        )
    members = session.version.seats.filter(role__in=VOTING_ROLES).count()
    return {
        **session_protocol(session, labels, language, rows),
        "period": labels["period"] % {"year": ", ".join(str(y) for y in sorted(years))},
        "quorum": labels["quorum"] % {"present": session.present_count or 0, "members": members},
        "approver": session.version.signatory.short_name if session.approved_on else "",
        "approved_on": day_text(session.approved_on),
        "remarks": session.approval_remarks,
    }


def commission_protocol_pdf(*, user: User, session_id: int, language: str = "kk") -> PdfFile:
    """The session's App. 5 protocol as PDF, for whom may read the session (404 otherwise); the
    read is audited."""
    session = session_read_for(user=user, id=session_id, purpose="print")
    if is_moj_session(session):
        # The moj-2017 form (EDITIONS.md §6.2): its own columns, no approval block.
        template = "documents/commission_protocol_moj.html"
        context = {"doc": moj_protocol_data(session, language=language), "P": MOJ[language]}
    else:
        template = "documents/commission_protocol.html"
        context = {"doc": protocol_data(session, language=language), "P": LABELS[language]}
    content = render_pdf(template, context, language=language, landscape=True)
    return PdfFile(
        filename=f"app5-commission-protocol-{session.date:%Y-%m-%d}-{session.pk}.pdf",
        content=content,
    )
