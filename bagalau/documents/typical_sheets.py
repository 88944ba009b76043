"""App. 2 and App. 3 of the typical-2018 editions, printed (seed 004 App. 2-4; EDITIONS.md §6.1):
the KPI evaluation sheet with its approval block, five rows copied from the work plan and the
result (p.18), and the competency evaluation sheet with its eleven fixed rows (rows 6-7 "—" for a
position that provides no public services, the App. 3 footnote), the result per competency in
App. 3's own wording ("күтілетін нәтижеге сәйкес", §6.1) and the indicators not observed; the
rows of App. 4 for the servant's tier follow as an annex (§6.1 "printable as a read-only annex").

The annex lists the competencies in App. 3's order so that it reads beside the sheet (App. 4's own
order differs, §6.1). The printed wording is Kazakh; Russian and English are reading copies. A
sheet not yet signed prints with a note saying so. Each print is an audited read through the
sheets' access lookups (bagalau.typical.access).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from bagalau.core.days import day_text
from bagalau.documents.pdf import (
    PdfFile,
    label,
    printed_name,
    render_pdf,
    servant_file_name,
)
from bagalau.methodology import get_edition
from bagalau.methodology.editions import typical2018_rules
from bagalau.typical.access import competency_sheet_get_for, kpi_sheet_get_for
from bagalau.typical.models import COMPETENCY_SHEET_FLOW, KPI_SHEET_FLOW

if TYPE_CHECKING:
    from bagalau.core.types import User
    from bagalau.evaluations.models import Evaluation
    from bagalau.typical.models import CompetencySheet, KpiSheet

LABELS: dict[str, dict[str, str]] = {
    "kk": {
        "kpi_title": "НМИ бойынша бағалау парағы",
        "competency_title": "Құзыреттер бойынша бағалау парағы",
        "annex_title": "Құзыреттердің мінез-құлық индикаторлары",
        "annex_note": "(бағаланатын қызметшінің лауазым санатына арналған жолдар)",
        "superior": "Жоғары тұрған басшы",
        "servant_caption": "(Т.А.Ә., бағаланатын тұлғаның лауазымы)",
        "period_caption": "(бағаланатын кезең)",
        "year_caption": "жыл (бағаланатын жыл)",
        "servant_name": "Бағаланатын қызметшінің (тегі, аты, әкесінің аты (болған жағдайда))",
        "servant_position": "Бағаланатын қызметшінің лауазымы",
        "servant_unit": "Бағаланатын қызметшінің құрылымдық бөлімшесінің атауы",
        "col_no_kpi": "№ п/п",
        "col_kpi": "Нысаналы мақсатты индикаторлардың атауы",
        "col_unit": "Өлшем бірлігі",
        "col_planned": "Жоспарлы мәні",
        "col_actual": "Нақты мәні",
        "col_achieved": "Көрсеткішке қол жетті / көрсеткішке қол жетпеді",
        "achieved": "көрсеткішке қол жетті",
        "not_achieved": "көрсеткішке қол жетпеді",
        "result": "Бағалау нәтижесі",
        "result_scale": "(қанағаттанарлықсыз, қанағаттанарлық, тиімді, өте жақсы)",
        "col_no": "№ р/с",
        "col_competency": "Құзыреттер атауы",
        "col_results": (
            "Бағалау нәтижелері (күтілетін нәтижеге сәйкес / күтілетін нәтижеге сәйкес емес)"
        ),
        "col_missing": (
            "Қызметшіде байқамаған мінез-құлық индикатор атауы (күтілетін нәтижеге сәйкес емес "
            "бағасын алған жағдайда)"
        ),
        "footnote": (
            "*Лауазымдық міндеттеріне мемлекеттік қызмет көрсету мәселелері жатпайтын «Б» "
            "корпусының мемлекеттік қызметшілері «Қызметті тұтынушыға бағдарлану» және «Қызметті "
            "тұтынушыларды хабарландыру» құзыреттері бойынша бағаланбайды."
        ),
        "col_category": "Мемлекеттік әкімшілік лауазымдар санаты",
        "col_effective": "Тиімді мінез-құлық индикаторлары",
        "col_ineffective": "Тиімсіз мінез-құлық индикаторлары",
        "servant": "Қызметші",
        "direct_manager": "Тікелей басшы",
        "person_caption": "(тегі, аты-жөні)",
        "not_signed": "Парақ әлі қол қойылмаған: толтыру барысындағы көшірме.",
    },
    "ru": {
        "kpi_title": "Оценочный лист по КЦИ",
        "competency_title": "Оценочный лист по компетенциям",
        "annex_title": "Поведенческие индикаторы компетенций",
        "annex_note": "(строки для категории должности оцениваемого служащего)",
        "superior": "Вышестоящий руководитель",
        "servant_caption": "(Ф.И.О., должность оцениваемого лица)",
        "period_caption": "(оцениваемый период)",
        "year_caption": "год (оцениваемый год)",
        "servant_name": "Оцениваемый служащий (фамилия, имя, отчество (при его наличии))",
        "servant_position": "Должность оцениваемого служащего",
        "servant_unit": "Наименование структурного подразделения оцениваемого служащего",
        "col_no_kpi": "№ п/п",
        "col_kpi": "Наименование целевых индикаторов",
        "col_unit": "Единица измерения",
        "col_planned": "Плановое значение",
        "col_actual": "Фактическое значение",
        "col_achieved": "Показатель достигнут / показатель не достигнут",
        "achieved": "показатель достигнут",
        "not_achieved": "показатель не достигнут",
        "result": "Результат оценки",
        "result_scale": "(неудовлетворительно, удовлетворительно, эффективно, превосходно)",
        "col_no": "№ п/п",
        "col_competency": "Наименование компетенций",
        "col_results": (
            "Результаты оценки (соответствует ожидаемому результату / не соответствует "
            "ожидаемому результату)"
        ),
        "col_missing": (
            "Наименование поведенческих индикаторов, не проявленных служащим (в случае оценки "
            "«не соответствует ожидаемому результату»)"
        ),
        "footnote": (
            "*Государственные служащие корпуса «Б», в должностные обязанности которых не входят "
            "вопросы оказания государственных услуг, не оцениваются по компетенциям "
            "«Ориентация на потребителя услуг» и «Информирование потребителей услуг»."
        ),
        "col_category": "Категория административных государственных должностей",
        "col_effective": "Эффективные поведенческие индикаторы",
        "col_ineffective": "Неэффективные поведенческие индикаторы",
        "servant": "Служащий",
        "direct_manager": "Непосредственный руководитель",
        "person_caption": "(фамилия, инициалы)",
        "not_signed": "Лист ещё не подписан: копия в ходе заполнения.",
    },
    "en": {
        "kpi_title": "KPI evaluation sheet",
        "competency_title": "Competency evaluation sheet",
        "annex_title": "Behavioural indicators of the competencies",
        "annex_note": "(the rows for the category of the servant's position)",
        "superior": "Superior manager",
        "servant_caption": "(full name and position of the servant evaluated)",
        "period_caption": "(period evaluated)",
        "year_caption": "(year evaluated)",
        "servant_name": "Servant evaluated (surname, first name, patronymic (if any))",
        "servant_position": "Position of the servant evaluated",
        "servant_unit": "Structural unit of the servant evaluated",
        "col_no_kpi": "No.",
        "col_kpi": "Key performance indicator",
        "col_unit": "Unit of measure",
        "col_planned": "Planned value",
        "col_actual": "Actual value",
        "col_achieved": "Achieved / not achieved",
        "achieved": "achieved",
        "not_achieved": "not achieved",
        "result": "Result of the evaluation",
        "result_scale": "(unsatisfactory, satisfactory, effective, excellent)",
        "col_no": "No.",
        "col_competency": "Competency",
        "col_results": "Result (meets / does not meet the expected result)",
        "col_missing": (
            'Behavioural indicators the servant did not show (when the result is "does not meet")'
        ),
        "footnote": (
            '*"B" corps servants whose duties do not include providing public services are not '
            'evaluated on the competencies "Service user orientation" and "Informing service '
            'users".'
        ),
        "col_category": "Category of administrative public positions",
        "col_effective": "Effective behavioural indicators",
        "col_ineffective": "Ineffective behavioural indicators",
        "servant": "Servant",
        "direct_manager": "Direct manager",
        "person_caption": "(surname, initials)",
        "not_signed": "The sheet is not signed yet: a copy while it is being filled in.",
    },
}


def _header(evaluation: Evaluation, language: str) -> dict[str, Any]:
    position = evaluation.assignment.position
    return {
        "year": evaluation.period.schedule.year,
        "servant": evaluation.servant.full_name,
        "position": printed_name(position, language),
        "unit": printed_name(position.unit, language),
        "evaluator": evaluation.evaluator.short_name if evaluation.evaluator else "",
        "servant_short": evaluation.servant.short_name,
    }


def kpi_sheet_data(sheet: KpiSheet, *, language: str) -> dict[str, Any]:
    """Everything App. 2 prints (EDITIONS.md §6.1): approval block, header, the five rows, the
    result and the signatures."""
    labels = LABELS[language]
    rules = typical2018_rules(get_edition(sheet.evaluation.edition))
    signed = sheet.status not in KPI_SHEET_FLOW.groups["editable"]
    rating = ""
    if signed and sheet.rating:
        rating = next(
            b.label.get(language) for b in rules.kpi_rating.bands if b.code == sheet.rating
        )
    rows = [
        {
            "number": row.number,
            "name": row.name,
            "unit": row.unit,
            "planned": row.planned,
            "actual": row.actual,
            "achieved": ""
            if row.achieved is None
            else labels["achieved" if row.achieved else "not_achieved"],
        }
        for row in sheet.rows.order_by("number")
    ]
    return {
        **_header(sheet.evaluation, language),
        "appendix": label(language, "appendix", number=2),
        "draft": not signed,
        "approver": sheet.approver.short_name,
        "agreed_on": day_text(sheet.agreed_on),
        "rows": rows,
        "achieved_count": sheet.achieved if signed else None,
        "rating": rating,
        "signed_on": day_text(sheet.signed_on) if signed else "",
    }


def competency_sheet_data(sheet: CompetencySheet, *, language: str) -> dict[str, Any]:
    """Everything App. 3 prints (EDITIONS.md §6.1) and its App. 4 annex: the eleven fixed rows,
    the result of each competency evaluated, the indicators not observed, the signatures, and
    the indicators of the servant's tier."""
    rules = typical2018_rules(get_edition(sheet.evaluation.edition))
    signed = sheet.status not in COMPETENCY_SHEET_FLOW.groups["editable"]
    rows, annex = [], []
    for number, competency in enumerate(rules.competencies, start=1):
        name = competency.label.get(language) + ("*" if competency.services_only else "")
        evaluated = sheet.provides_services or not competency.services_only
        indicators = rules.indicators[(competency.code, sheet.tier)]
        effective = [text.get(language) for text in indicators.effective]
        stored = sheet.results.get(competency.code, {}) if signed else {}
        result = stored.get("result")
        rows.append(
            {
                "number": number,
                "name": name,
                "result": rules.printed_results[result].get(language) if result else "",
                "missing": [effective[n - 1] for n in stored.get("missing", [])]
                if result == "does_not_meet"
                else [],
                "evaluated": evaluated,
            }
        )
        if evaluated:
            annex.append(
                {
                    "name": competency.label.get(language),
                    "effective": effective,
                    "ineffective": [text.get(language) for text in indicators.ineffective],
                }
            )
    tier = next(t for t in rules.tiers if t.code == sheet.tier)
    return {
        **_header(sheet.evaluation, language),
        "appendix": label(language, "appendix", number=3),
        "annex_appendix": label(language, "appendix", number=4),
        "draft": not signed,
        "rows": rows,
        "provides_services": sheet.provides_services,
        "tier": f"{tier.label.get(language)} ({tier.categories_kk})",
        "annex": annex,
        "signed_on": day_text(sheet.signed_on) if signed else "",
    }


def _stem(evaluation: Evaluation) -> str:
    name = servant_file_name(evaluation.servant)
    return f"{evaluation.period.schedule.year}-{name}-{evaluation.pk}"


def typical_kpi_sheet_pdf(*, user: User, sheet_id: int, language: str = "kk") -> PdfFile:
    """The App. 2 sheet as PDF for whom may read the sheet (404 otherwise); the print is
    audited."""
    sheet = kpi_sheet_get_for(user=user, id=sheet_id, purpose="print")
    content = render_pdf(
        "documents/typical_kpi_sheet.html",
        {"doc": kpi_sheet_data(sheet, language=language), "T": LABELS[language]},
        language=language,
        landscape=True,
    )
    return PdfFile(filename=f"app2-kpi-sheet-{_stem(sheet.evaluation)}.pdf", content=content)


def typical_competency_sheet_pdf(*, user: User, sheet_id: int, language: str = "kk") -> PdfFile:
    """The App. 3 sheet with its App. 4 annex as PDF for whom may read the sheet (404
    otherwise); the print is audited."""
    sheet = competency_sheet_get_for(user=user, id=sheet_id, purpose="print")
    content = render_pdf(
        "documents/typical_competency_sheet.html",
        {"doc": competency_sheet_data(sheet, language=language), "T": LABELS[language]},
        language=language,
    )
    return PdfFile(filename=f"app3-competency-sheet-{_stem(sheet.evaluation)}.pdf", content=content)
