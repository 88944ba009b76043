"""App. 1 and App. 4 of moj-2017, printed (seed 001 App. 1, App. 4; EDITIONS.md §6.2): the
individual work plan with its 1-4 rows (the number, the target indicator, the expected result),
the App. 1 note and the two signatures, no approval block; and the annual evaluation sheet with a
row per indicator (its result, the range "2-ден 5-ке дейін", the self-assessment, the manager's
evaluation, a note), the plan score footer (M-6) and the two signatures. Each prints filled (an
audited read through the access lookups) or blank, to fill in on paper.

The printed wording is Kazakh (the seed's); Russian and English are reading copies. A plan not
filed yet, or a sheet not agreed yet, prints with a note saying so.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from bagalau.core import clock
from bagalau.core.days import day_text
from bagalau.documents.pdf import PdfFile, label, printed_name, render_pdf
from bagalau.moj.annual_access import annual_sheet_get_for
from bagalau.moj.plan_access import workplan_get_for
from bagalau.moj.plan_selectors import filed_revision
from bagalau.moj.services.work_plan import current_revision
from bagalau.org.selectors import assignment_on

if TYPE_CHECKING:
    from bagalau.core.types import User
    from bagalau.org.models import Servant

#: The blank forms' row count: the most indicators a plan has (p.12).
BLANK_ROWS = 4

LABELS: dict[str, dict[str, str]] = {
    "kk": {
        "to_methodology": (
            "Қазақстан Республикасы әділет органдарының «Б» корпусы мемлекеттік әкімшілік "
            "қызметшілерінің қызметін бағалаудың әдістемесіне"
        ),
        "plan_title": "«Б» корпусы мемлекеттік әкімшілік қызметшісінің жеке жұмыс жоспары",
        "plan_year": "жыл (жеке жоспар жасалған кезең)",
        "servant_name": "Қызметшінің (тегі, аты, әкесінің аты (болған жағдайда))",
        "servant_position": "Қызметшінің лауазымы",
        "servant_unit": "Қызметшінің құрылымдық бөлімшесінің атауы",
        "col_no": "№ р/с",
        "col_indicator": "Нысаналы көрсеткіштер*",
        "col_expected": "Күтілетін нәтижелер",
        "row_indicator": "Нысаналы көрсеткіш %(n)s",
        "plan_note": (
            "* Нысаналы көрсеткіштер мемлекеттік органның стратегиялық мақсатына "
            "(мақсаттарына) жетуге бағыттылығын есепке ала отырып, олар болмаған жағдайда "
            "қызметшінің функционалдық міндеттеріне сүйене отырып анықталады. Нысаналы "
            "көрсеткіштердің саны төрттен көп емес, олардың жартысы өлшемді болуға тиіс."
        ),
        "measurable": "өлшемді",
        "servant": "Қызметші",
        "direct_manager": "Тікелей басшы",
        "person_caption": "(тегі, аты-жөні)",
        "not_filed": "Жоспарға екі тарап әлі қол қоймаған: жоба.",
        "version": "%(n)s-нұсқа (өзгеріс: %(reason)s)",
        "sheet_title": "Бағалау парағы",
        "sheet_year": "жыл (бағаланатын жыл)",
        "evaluee_name": "Бағаланатын қызметшінің (тегі, аты, әкесінің аты)",
        "evaluee_position": "Бағаланатын қызметшінің лауазымы",
        "evaluee_unit": "Бағаланатын қызметшінің құрылымдық бөлімшесінің атауы",
        "sheet_subtitle": "Жеке жоспарды орындау бағасы",
        "col_result": "Мақсаттық көрсеткіштің нәтижесі",
        "row_result": "%(n)s мақсаттық көрсеткіштің нәтижесі",
        "col_value": "Маңызы",
        "value_range": "2-ден 5-ке дейін",
        "col_self": "Қызметшінің өзін-өзі бағалау нәтижелері",
        "col_manager": "Басшының бағалау нәтижелері",
        "col_note": "Ескерту",
        "plan_score": "Жеке жоспарды орындау бағасы",
        "not_agreed": "Парақты тікелей басшы әлі келіспеген: толтыру барысындағы көшірме.",
    },
    "ru": {
        "to_methodology": (
            "к Методике оценки деятельности административных государственных служащих корпуса "
            "«Б» органов юстиции Республики Казахстан"
        ),
        "plan_title": (
            "Индивидуальный план работы административного государственного служащего корпуса «Б»"
        ),
        "plan_year": "год (период, на который составлен индивидуальный план)",
        "servant_name": "Служащий (фамилия, имя, отчество (при его наличии))",
        "servant_position": "Должность служащего",
        "servant_unit": "Наименование структурного подразделения служащего",
        "col_no": "№ п/п",
        "col_indicator": "Целевые показатели*",
        "col_expected": "Ожидаемые результаты",
        "row_indicator": "Целевой показатель %(n)s",
        "plan_note": (
            "* Целевые показатели определяются с учетом направленности на достижение "
            "стратегической цели (целей) государственного органа, а при их отсутствии – исходя "
            "из функциональных обязанностей служащего. Количество целевых показателей – не "
            "более четырех, половина из них должна быть измеримой."
        ),
        "measurable": "измеримый",
        "servant": "Служащий",
        "direct_manager": "Непосредственный руководитель",
        "person_caption": "(фамилия, инициалы)",
        "not_filed": "План ещё не подписан обеими сторонами: проект.",
        "version": "редакция %(n)s (изменение: %(reason)s)",
        "sheet_title": "Оценочный лист",
        "sheet_year": "год (оцениваемый год)",
        "evaluee_name": "Оцениваемый служащий (фамилия, имя, отчество)",
        "evaluee_position": "Должность оцениваемого служащего",
        "evaluee_unit": "Наименование структурного подразделения оцениваемого служащего",
        "sheet_subtitle": "Оценка выполнения индивидуального плана",
        "col_result": "Результат целевого показателя",
        "row_result": "Результат целевого показателя %(n)s",
        "col_value": "Значение",
        "value_range": "от 2 до 5",
        "col_self": "Результаты самооценки служащего",
        "col_manager": "Результаты оценки руководителя",
        "col_note": "Примечание",
        "plan_score": "Оценка выполнения индивидуального плана",
        "not_agreed": "Лист ещё не согласован непосредственным руководителем: копия в работе.",
    },
    "en": {
        "to_methodology": (
            'to the Methodology for evaluating "B" corps administrative civil servants of the '
            "justice bodies of Kazakhstan"
        ),
        "plan_title": 'Individual work plan of a "B" corps administrative civil servant',
        "plan_year": "year (the period of the individual plan)",
        "servant_name": "Servant (surname, first name, patronymic (if any))",
        "servant_position": "Position of the servant",
        "servant_unit": "Structural unit of the servant",
        "col_no": "No.",
        "col_indicator": "Target indicators*",
        "col_expected": "Expected results",
        "row_indicator": "Target indicator %(n)s",
        "plan_note": (
            "* Target indicators are set towards the strategic goal(s) of the state body, or, "
            "where there are none, from the servant's functional duties. There are no more than "
            "four target indicators, and half of them must be measurable."
        ),
        "measurable": "measurable",
        "servant": "Servant",
        "direct_manager": "Direct manager",
        "person_caption": "(surname, initials)",
        "not_filed": "The plan is not signed by both yet: a draft.",
        "version": "version %(n)s (amended: %(reason)s)",
        "sheet_title": "Evaluation sheet",
        "sheet_year": "year (year evaluated)",
        "evaluee_name": "Servant evaluated (surname, first name, patronymic)",
        "evaluee_position": "Position of the servant evaluated",
        "evaluee_unit": "Structural unit of the servant evaluated",
        "sheet_subtitle": "Score of the individual plan",
        "col_result": "Result of the target indicator",
        "row_result": "Result of target indicator %(n)s",
        "col_value": "Value",
        "value_range": "from 2 to 5",
        "col_self": "Servant's self-assessment",
        "col_manager": "Manager's evaluation",
        "col_note": "Note",
        "plan_score": "Score of the individual plan",
        "not_agreed": "The direct manager has not agreed the sheet yet: a working copy.",
    },
}


def _person(servant: Servant | None, year: int, language: str) -> dict[str, str]:
    """Name, position and unit of the servant (the post held at the end of `year` or now)."""
    if servant is None:
        return {"name": "", "position": "", "unit": ""}
    held = assignment_on(servant, min(clock.today(), dt.date(year, 12, 31)))
    return {
        "name": servant.full_name,
        "position": printed_name(held.position, language) if held else "",
        "unit": printed_name(held.position.unit, language) if held else "",
    }


def _render(template: str, doc: dict[str, Any], language: str, filename: str) -> PdfFile:
    content = render_pdf(
        template, {"doc": doc, "T": LABELS[language]}, language=language, landscape=False
    )
    return PdfFile(filename=filename, content=content)


def work_plan_data(plan: Any, *, language: str) -> dict[str, Any]:
    """Everything App. 1 prints of the plan's current version."""
    revision = current_revision(plan)
    filed = filed_revision(plan)
    labels = LABELS[language]
    return {
        "appendix": label(language, "appendix", number=1),
        "year": plan.year,
        "person": _person(plan.servant, plan.year, language),
        "draft": revision.filed_on is None,
        "version": labels["version"] % {"n": revision.number, "reason": revision.reason}
        if revision.reason
        else "",
        "rows": [{"number": n, **row} for n, row in enumerate(revision.indicators, start=1)],
        "servant": {
            "name": plan.servant.short_name,
            "date": day_text(revision.servant_signed_on),
        },
        "manager": {
            "name": revision.manager.short_name if revision.manager else "",
            "date": day_text(revision.manager_signed_on),
        },
        "filed_number": filed.number if filed else None,
    }


def moj_work_plan_pdf(*, user: User, plan_id: int, language: str = "kk") -> PdfFile:
    """App. 1 of the plan for whom may read it (404 otherwise); the print is audited."""
    plan = workplan_get_for(user=user, id=plan_id, purpose="print")
    doc = work_plan_data(plan, language=language)
    return _render("documents/moj_work_plan.html", doc, language, f"app1-{plan.year}-{plan.pk}.pdf")


def moj_blank_work_plan_pdf(*, user: User, language: str = "kk") -> PdfFile:
    """A blank App. 1 with its four rows, to draw up on paper."""
    doc = {
        "appendix": label(language, "appendix", number=1),
        "year": "",
        "person": _person(None, 0, language),
        "draft": False,
        "version": "",
        "rows": [
            {"number": n, "name": LABELS[language]["row_indicator"] % {"n": n}}
            for n in range(1, BLANK_ROWS + 1)
        ],
        "servant": {"name": "", "date": ""},
        "manager": {"name": "", "date": ""},
        "blank": True,
    }
    return _render("documents/moj_work_plan.html", doc, language, "app1-blank.pdf")


def annual_sheet_data(sheet: Any, *, language: str) -> dict[str, Any]:
    """Everything App. 4 prints: header, a row per indicator, the plan score, signatures."""
    evaluation = sheet.evaluation
    year = evaluation.period.schedule.year
    labels = LABELS[language]
    return {
        "appendix": label(language, "appendix", number=4),
        "year": year,
        "person": _person(evaluation.servant, year, language),
        "draft": sheet.agreed_on is None,
        "rows": [
            {
                "number": n,
                "result": labels["row_result"] % {"n": n},
                "name": row["name"],
                "self": row.get("self") or "",
                "manager": row.get("manager") or "",
                "note": "; ".join(x for x in (row.get("self_note"), row.get("manager_note")) if x),
            }
            for n, row in enumerate(sheet.rows, start=1)
        ],
        "plan_score": sheet.plan_score,
        "servant": {
            "name": evaluation.servant.short_name,
            "date": day_text(sheet.confirmed_on),
        },
        "manager": {
            "name": evaluation.evaluator.short_name if evaluation.evaluator else "",
            "date": day_text(sheet.agreed_on),
        },
    }


def moj_annual_sheet_pdf(*, user: User, sheet_id: int, language: str = "kk") -> PdfFile:
    """App. 4 of the sheet for whom may read it (404 otherwise); the print is audited."""
    sheet = annual_sheet_get_for(user=user, id=sheet_id, purpose="print")
    doc = annual_sheet_data(sheet, language=language)
    name = f"app4-{doc['year']}-{sheet.pk}.pdf"
    return _render("documents/moj_annual_sheet.html", doc, language, name)


def moj_blank_annual_sheet_pdf(*, user: User, language: str = "kk") -> PdfFile:
    """A blank App. 4 with four rows, to fill in on paper (sent with the notice, p.14)."""
    labels = LABELS[language]
    doc = {
        "appendix": label(language, "appendix", number=4),
        "year": "",
        "person": _person(None, 0, language),
        "draft": False,
        "rows": [
            {"number": n, "result": labels["row_result"] % {"n": n}}
            for n in range(1, BLANK_ROWS + 1)
        ],
        "plan_score": None,
        "servant": {"name": "", "date": ""},
        "manager": {"name": "", "date": ""},
    }
    return _render("documents/moj_annual_sheet.html", doc, language, "app4-blank.pdf")
