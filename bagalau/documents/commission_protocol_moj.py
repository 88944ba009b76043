"""App. 5 of moj-2017, "Бағалау жөніндегі комиссия отырысының хаттамасы", laid out as the form
(seed 001 App. 5; EDITIONS.md §6.2): the body's name, the kind (quarterly / annual) and the period,
the sub-title "Бағалау нәтижелері", the table № | servant | the result (a quarter: q and its
rating; a year: the quarter mean, its points, the plan score, the annual score and its rating) |
the commission's correction with its explanation (p.35) | the commission's recommendations; the
conclusion; "Тексерген:" with the secretary, the chair and one line per member. No approval block:
the commission's decision is the last step (p.35).

The printed wording is the form's Kazakh; Russian and English are reading copies.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from bagalau.commission.models import MotionKind
from bagalau.commission.moj_selectors import annual_figures, period_label, session_periods
from bagalau.commission.services.moj_decisions import final_result
from bagalau.documents.session_protocol import session_protocol
from bagalau.methodology import get_edition, moj2017_rules

if TYPE_CHECKING:
    from bagalau.commission.models import CommissionSession
    from bagalau.evaluations.models import Evaluation

LABELS: dict[str, dict[str, str]] = {
    "kk": {
        "appendix": "5-қосымша",
        "title": "Бағалау жөніндегі комиссия отырысының хаттамасы",
        "body_caption": "(мемлекеттік органның атауы)",
        "kind_caption": (
            "(бағалау түрі: тоқсандық / жылдық және бағаланатын кезең тоқсан және (немесе) жыл)"
        ),
        "quarter": "тоқсандық, %(period)s тоқсан",
        "annual": "жылдық, %(period)s жыл",
        "subtitle": "Бағалау нәтижелері",
        "held": "Отырыс күні: %(date)s",
        "col_no": "№ р/с",
        "col_servant": "Қызметшілердің (тегі, аты, әкесінің аты)",
        "col_results": "Бағалау нәтижелері туралы мәлімет",
        "col_corrected": "Комиссияның бағалау нәтижелерін түзетуі (болған жағдайда)",
        "col_recommendations": "Комиссияның ұсыныстары",
        "q": "%(score)s балл – %(rating)s",
        "corrected": "%(score)s – %(rating)s",
        "annual_line": (
            "тоқсандардың орташа мәні: %(mean)s (%(points)s балл); жеке жұмыс жоспары: "
            "%(plan)s; жылдық баға: %(score)s – %(rating)s"
        ),
        "conclusion": "Комиссия қорытындысы",
        "checked": "Тексерген:",
        "secretary": "Комиссияның хатшысы",
        "chair": "Комиссияның төрағасы",
        "member": "Комиссия мүшесі",
        "date": "Күні",
        "name_caption": "(тегі, аты, әкесінің аты (қолы))",
    },
    "ru": {
        "appendix": "Приложение 5",
        "title": "Протокол заседания комиссии по оценке",
        "body_caption": "(наименование государственного органа)",
        "kind_caption": (
            "(вид оценки: квартальная / годовая и оцениваемый период: квартал и (или) год)"
        ),
        "quarter": "квартальная, %(period)s квартал",
        "annual": "годовая, %(period)s год",
        "subtitle": "Результаты оценки",
        "held": "Дата заседания: %(date)s",
        "col_no": "№ п/п",
        "col_servant": "Служащие (фамилия, имя, отчество)",
        "col_results": "Сведения о результатах оценки",
        "col_corrected": "Корректировка комиссией результатов оценки (при наличии)",
        "col_recommendations": "Рекомендации комиссии",
        "q": "%(score)s баллов – %(rating)s",
        "corrected": "%(score)s – %(rating)s",
        "annual_line": (
            "среднее за кварталы: %(mean)s (%(points)s балла); индивидуальный план: %(plan)s; "
            "годовая оценка: %(score)s – %(rating)s"
        ),
        "conclusion": "Заключение комиссии",
        "checked": "Проверено:",
        "secretary": "Секретарь комиссии",
        "chair": "Председатель комиссии",
        "member": "Член комиссии",
        "date": "Дата",
        "name_caption": "(фамилия, имя, отчество (подпись))",
    },
    "en": {
        "appendix": "Appendix 5",
        "title": "Protocol of the session of the evaluation commission",
        "body_caption": "(name of the state body)",
        "kind_caption": "(kind of evaluation: quarterly / annual, and the quarter and/or year)",
        "quarter": "quarterly, quarter %(period)s",
        "annual": "annual, the year %(period)s",
        "subtitle": "Results of the evaluation",
        "held": "Session date: %(date)s",
        "col_no": "No.",
        "col_servant": "Servants (surname, first name, patronymic)",
        "col_results": "Results of the evaluation",
        "col_corrected": "The commission's correction of the results (if any)",
        "col_recommendations": "Recommendations of the commission",
        "q": "%(score)s points – %(rating)s",
        "corrected": "%(score)s – %(rating)s",
        "annual_line": (
            "mean of the quarters: %(mean)s (%(points)s points); work plan: %(plan)s; annual "
            "score: %(score)s – %(rating)s"
        ),
        "conclusion": "Conclusion of the commission",
        "checked": "Checked:",
        "secretary": "Secretary of the commission",
        "chair": "Chair of the commission",
        "member": "Member of the commission",
        "date": "Date",
        "name_caption": "(surname, first name, patronymic (signature))",
    },
}

DASH = "—"


def _text(value: Decimal | int | None) -> str:
    if value is None:
        return DASH
    if isinstance(value, Decimal) and value == value.to_integral_value():
        return str(value.quantize(Decimal(1)))
    return str(value)


def _rating(evaluation: Evaluation, code: str, language: str) -> str:
    rules = moj2017_rules(get_edition(evaluation.edition))
    scale = (
        rules.quarter_rating if period_label(evaluation)[0] == "quarter" else rules.annual_rating
    )
    band = next((b for b in scale.bands if b.code == code), None)
    return band.label.get(language) if band is not None else code


def _result(evaluation: Evaluation, labels: dict[str, str], language: str) -> str:
    rating = _rating(evaluation, evaluation.rating, language)
    if period_label(evaluation)[0] == "quarter":
        return labels["q"] % {"score": _text(evaluation.score), "rating": rating}
    figures = annual_figures(evaluation)
    return labels["annual_line"] % {
        "mean": _text(figures.quarter_mean),
        "points": _text(figures.quarter_points),
        "plan": _text(figures.plan_score),
        "score": _text(figures.score),
        "rating": rating,
    }


def moj_protocol_data(
    session: CommissionSession, *, language: str, only: int | None = None
) -> dict[str, Any]:
    """Everything the moj-2017 App. 5 prints (see the module); the row of the evaluation `only`
    alone for an extract."""
    labels = LABELS[language]
    rows = []
    agenda = session.agenda.all() if only is None else session.agenda.filter(evaluation_id=only)
    for item in agenda.select_related(
        "evaluation__servant", "evaluation__period__schedule"
    ).order_by("number"):
        evaluation = item.evaluation
        motion = item.decision
        corrected: list[str] = []
        recommendations = ""
        if motion is not None:
            recommendations = motion.recommendations
            if motion.kind == MotionKind.REVISE and motion.revised_score is not None:
                score, code = final_result(evaluation, motion)
                rating = _rating(evaluation, code, language)
                line = labels["corrected"] % {"score": _text(score), "rating": rating}
                corrected = [line, motion.reason]
        rows.append(
            {
                "number": item.number,
                "servant": evaluation.servant.full_name,
                "results": _result(evaluation, labels, language),
                "corrected": corrected,
                "recommendations": recommendations,
            }
        )
    return {
        **session_protocol(session, labels, language, rows),
        "kinds": "; ".join(
            labels[kind] % {"period": period} for kind, period in session_periods(session)
        ),
    }
