"""App. 3 of the moj-2017 edition, printed (seed 001 App. 3; EDITIONS.md §6.2 App. 3, §9 M-16): the
quarterly "Бағалау парағы" with "__ тоқсан ____ жыл" (our §6.2 decision: the quarter and the
year), the header fields, the 8-column table with its two column groups (the servant's
self-assessment, cols. 2-4; the direct manager's evaluation, cols. 5-7), the footers "Өзін-өзі
бағалау нәтижесі" and "Бағалау нәтижесі" (q and the rating, p.26-27) and the signatures.

A sheet agreed without a self-assessment prints the M-16 mark; a refused signature prints the
refusal act's date and note (p.25). The rows print at least "1, 2, 3" as the form does. The blank
sheet of a quarter, attached to the notice of p.14, prints the quarter and the year only. The
printed wording is Kazakh; Russian and English are reading copies. A filled sheet is printed
through the sheet's access lookup (audited); a blank through the period's (any member).
"""

from __future__ import annotations

import datetime as dt
from itertools import zip_longest
from typing import TYPE_CHECKING, Any

from django.http import Http404

from bagalau.documents.pdf import PdfFile, label, printed_name, render_pdf, servant_file_name
from bagalau.evaluations.models import PeriodKind
from bagalau.methodology import MethodologyError
from bagalau.methodology.moj2017_workflow import BreachEntry
from bagalau.moj.access import quarter_sheet_get_for
from bagalau.moj.common import compute_quarter, rules_on
from bagalau.moj.schedule_selectors import moj_period_get_for

if TYPE_CHECKING:
    from bagalau.core.types import User
    from bagalau.evaluations.models import Period
    from bagalau.methodology.moj2017 import Moj2017Rules
    from bagalau.moj.models import QuarterSheet

#: The minimum rows the form prints ("1, 2, 3").
FORM_ROWS = 3

LABELS: dict[str, dict[str, str]] = {
    "kk": {
        "to_methodology": (
            "Қазақстан Республикасы әділет органдарының «Б» корпусының мемлекеттік әкімшілік "
            "қызметшілерінің қызметін бағалаудың әдістемесіне"
        ),
        "title": "Бағалау парағы",
        "quarter_year": "%(quarter)s тоқсан %(year)s жыл",
        "period_caption": "(бағаланатын кезең)",
        "servant_name": "Бағаланатын қызметшінің (тегі, аты, әкесінің аты)",
        "servant_position": "Бағаланатын қызметшінің лауазымы",
        "servant_unit": "Бағаланатын қызметшінің құрылымдық бөлімшесінің атауы",
        "subtitle": "Лауазымдық міндеттерді орындауды бағалау:",
        "col_no": "№ р/с",
        "group_self": "Қызметшінің өзін-өзі бағалауы",
        "group_manager": "Тікелей басшының бағалауы",
        "col_items": "Көтермеленетін көрсеткіштер мен қызмет түрлері туралы мәліметтер",
        "col_executive": "Орындаушылық тәртіпті бұзу фактілері туралы мәліметтер",
        "col_executive_agreed": "Орындаушылық тәртіпті бұзу фактісі туралы мәліметтер",
        "col_labour": "Еңбек тәртібін бұзу фактілері туралы мәліметтер",
        "col_note": "Ескерту",
        "self_result": "Өзін-өзі бағалау нәтижесі",
        "result": "Бағалау нәтижесі",
        "no_self_assessment": (
            "Қызметші өзін-өзі бағаламаған: екі бағанды тікелей басшы толтырды "
            "(EDITIONS.md §9 M-16)."
        ),
        "refusal": "Қызметші бағалау парағына қол қоюдан бас тартты: акт %(day)s",
        "servant": "Қызметші",
        "direct_manager": "Тікелей басшы",
        "person_caption": "(тегі, аты-жөні)",
        "day": "күні",
        "signature": "қолы",
        "not_agreed": "Парақты тікелей басшы әлі келіспеген: толтыру барысындағы көшірме.",
    },
    "ru": {
        "to_methodology": (
            "к Методике оценки деятельности административных государственных служащих "
            "корпуса «Б» органов юстиции Республики Казахстан"
        ),
        "title": "Оценочный лист",
        "quarter_year": "%(quarter)s квартал %(year)s года",
        "period_caption": "(оцениваемый период)",
        "servant_name": "Оцениваемый служащий (фамилия, имя, отчество)",
        "servant_position": "Должность оцениваемого служащего",
        "servant_unit": "Наименование структурного подразделения оцениваемого служащего",
        "subtitle": "Оценка исполнения должностных обязанностей:",
        "col_no": "№ п/п",
        "group_self": "Самооценка служащего",
        "group_manager": "Оценка непосредственного руководителя",
        "col_items": "Сведения о поощряемых показателях и видах деятельности",
        "col_executive": "Сведения о фактах нарушения исполнительской дисциплины",
        "col_executive_agreed": "Сведения о факте нарушения исполнительской дисциплины",
        "col_labour": "Сведения о фактах нарушения трудовой дисциплины",
        "col_note": "Примечание",
        "self_result": "Результат самооценки",
        "result": "Результат оценки",
        "no_self_assessment": (
            "Служащий не провёл самооценку: обе графы заполнил непосредственный руководитель "
            "(EDITIONS.md §9 M-16)."
        ),
        "refusal": "Служащий отказался подписать оценочный лист: акт от %(day)s",
        "servant": "Служащий",
        "direct_manager": "Непосредственный руководитель",
        "person_caption": "(фамилия, инициалы)",
        "day": "дата",
        "signature": "подпись",
        "not_agreed": "Лист ещё не согласован непосредственным руководителем: рабочая копия.",
    },
    "en": {
        "to_methodology": (
            "to the Methodology of evaluating the administrative public servants of the «B» "
            "corps of the justice bodies of the Republic of Kazakhstan"
        ),
        "title": "Evaluation sheet",
        "quarter_year": "Quarter %(quarter)s, %(year)s",
        "period_caption": "(period evaluated)",
        "servant_name": "Servant evaluated (surname, first name, patronymic)",
        "servant_position": "Position of the servant evaluated",
        "servant_unit": "Structural unit of the servant evaluated",
        "subtitle": "Evaluation of the performance of job duties:",
        "col_no": "No.",
        "group_self": "The servant's self-assessment",
        "group_manager": "The direct manager's evaluation",
        "col_items": "Encouraged indicators and activities",
        "col_executive": "Breaches of executive discipline",
        "col_executive_agreed": "Breaches of executive discipline",
        "col_labour": "Breaches of labour discipline",
        "col_note": "Note",
        "self_result": "Result of the self-assessment",
        "result": "Result of the evaluation",
        "no_self_assessment": (
            "The servant did not self-assess: the direct manager filled in both columns "
            "(EDITIONS.md §9 M-16)."
        ),
        "refusal": "The servant refused to sign the evaluation sheet: act of %(day)s",
        "servant": "Servant",
        "direct_manager": "Direct manager",
        "person_caption": "(surname, initials)",
        "day": "date",
        "signature": "signature",
        "not_agreed": "The direct manager has not agreed the sheet yet: a working copy.",
    },
}


def _day(value: Any) -> str:
    """A stored ISO date or a date, as dd.mm.yyyy."""
    if value is None or value == "":
        return ""
    text = str(value)
    if len(text) == 10 and text[4] == "-":
        return f"{text[8:10]}.{text[5:7]}.{text[0:4]}"
    return f"{value:%d.%m.%Y}"


def _rating(rules: Moj2017Rules, code: str, language: str) -> str:
    return next((b.label.get(language) for b in rules.quarter_rating.bands if b.code == code), "")


def _result(score: int | None, rating: str) -> str:
    return "" if score is None else f"q = {score} · {rating}"


def _items(sheet: QuarterSheet, items: list[dict[str, Any]], language: str) -> list[str]:
    rules = rules_on(sheet.evaluation.period.schedule.organisation, sheet.evaluation.period.ends)
    activities = {a.code: a for a in rules.catalogue(sheet.catalogue).activities}
    lines = []
    for item in items:
        activity = activities.get(item["code"])
        name = activity.label.get(language) if activity else item["code"]
        points = f" (+{activity.points})" if activity else ""
        evidence = f" · {item['evidence']}" if item.get("evidence") else ""
        lines.append(f"{_day(item['date'])} · {name}{points}{evidence}")
    return lines


def _self_result(sheet: QuarterSheet, rules: Moj2017Rules, language: str) -> str:
    """q and the rating of cols. 2-4 (EDITIONS.md §6.2: computed from the servant's columns)."""
    if sheet.self_assessed_on is None:
        return ""
    breaches = [
        BreachEntry(b["kind"], dt.date.fromisoformat(b["date"])) for b in sheet.self_breaches
    ]
    items = [{**i, "date": dt.date.fromisoformat(i["date"])} for i in sheet.self_items]
    try:
        computed = compute_quarter(sheet.evaluation.period, sheet.catalogue, items, breaches)
    except MethodologyError:
        return ""
    return _result(computed.score, computed.rating.label.get(language))


def quarter_sheet_data(sheet: QuarterSheet, *, language: str) -> dict[str, Any]:
    """Everything App. 3 prints (EDITIONS.md §6.2): the quarter, the header, the rows of both
    column groups side by side, the two results, the marks and the signatures."""
    evaluation = sheet.evaluation
    period = evaluation.period
    rules = rules_on(period.schedule.organisation, period.ends)
    position = evaluation.assignment.position
    records = list(sheet.agreed_breaches.order_by("day", "pk"))

    def breaches(kind: str) -> list[str]:
        return [f"{_day(b['date'])} (−2)" for b in sheet.self_breaches if b["kind"] == kind]

    def agreed(kind: str) -> list[str]:
        return [f"{r.day:%d.%m.%Y} (−2) · {r.evidence}" for r in records if r.kind == kind]

    columns = [
        _items(sheet, list(sheet.self_items), language),
        breaches("executive"),
        breaches("labour"),
        _items(sheet, list(sheet.agreed_items), language),
        agreed("executive"),
        agreed("labour"),
    ]
    rows = [
        {"number": n, "cells": [cell or "" for cell in cells]}
        for n, cells in enumerate(zip_longest(*columns), start=1)
    ]
    agreed_on = sheet.agreed_on is not None
    return {
        **_blank_header(period, language),
        "servant": evaluation.servant.full_name,
        "position": printed_name(position, language),
        "unit": printed_name(position.unit, language),
        "rows": _padded(rows),
        "self_result": "" if sheet.no_self_assessment else _self_result(sheet, rules, language),
        "result": _result(sheet.score, _rating(rules, sheet.rating, language)) if agreed_on else "",
        "no_self_assessment": sheet.no_self_assessment,
        "draft": not agreed_on,
        "refusal": LABELS[language]["refusal"] % {"day": _day(sheet.refused_on)}
        if sheet.refused_on
        else "",
        "refusal_note": sheet.refusal_note if sheet.refused_on else "",
        "servant_short": evaluation.servant.short_name,
        "evaluator": evaluation.evaluator.short_name if evaluation.evaluator else "",
        "signed_on": _day(sheet.signed_on),
        "agreed_on": _day(sheet.agreed_on),
    }


def _padded(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    blank = [{"number": n, "cells": [""] * 6} for n in range(len(rows) + 1, FORM_ROWS + 1)]
    return rows + blank


def _blank_header(period: Period, language: str) -> dict[str, Any]:
    return {
        "appendix": label(language, "appendix", number=3),
        "quarter_year": LABELS[language]["quarter_year"]
        % {"quarter": period.number or "__", "year": period.schedule.year},
    }


def quarter_blank_data(period: Period, *, language: str) -> dict[str, Any]:
    """The blank App. 3 of a quarter (p.14): the quarter and the year, the rest to fill in."""
    return {
        **_blank_header(period, language),
        "servant": "",
        "position": "",
        "unit": "",
        "rows": _padded([]),
        "blank": True,
    }


def moj_quarter_sheet_pdf(*, user: User, sheet_id: int, language: str = "kk") -> PdfFile:
    """The App. 3 sheet as PDF for whom may read the sheet (404 otherwise); audited."""
    sheet = quarter_sheet_get_for(user=user, id=sheet_id, purpose="print")
    content = render_pdf(
        "documents/moj_quarter_sheet.html",
        {"doc": quarter_sheet_data(sheet, language=language), "T": LABELS[language]},
        language=language,
        landscape=True,
    )
    evaluation = sheet.evaluation
    name = servant_file_name(evaluation.servant)
    stem = f"{evaluation.period.schedule.year}-q{evaluation.period.number}-{name}-{sheet.pk}"
    return PdfFile(filename=f"app3-quarter-sheet-{stem}.pdf", content=content)


def moj_quarter_blank_pdf(*, user: User, period_id: int, language: str = "kk") -> PdfFile:
    """The blank App. 3 of a moj-2017 quarter for any member of its organisation (404
    otherwise), attached to the notice of p.14."""
    period = moj_period_get_for(user=user, id=period_id)
    if period.kind != PeriodKind.QUARTER:
        raise Http404("App. 3 is the sheet of a quarter.")
    content = render_pdf(
        "documents/moj_quarter_sheet.html",
        {"doc": quarter_blank_data(period, language=language), "T": LABELS[language]},
        language=language,
        landscape=True,
    )
    stem = f"{period.schedule.year}-q{period.number}"
    return PdfFile(filename=f"app3-quarter-sheet-blank-{stem}.pdf", content=content)
