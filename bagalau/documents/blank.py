"""Blank App. 2 and App. 4 forms to print for a named servant and period, for the evaluation held
on paper when the information system cannot be used (seed 002 p.3, p.29), and the mark a sheet
entered from paper carries on the printed result.

The blanks keep the layout of the filled forms (templates documents/kpi_sheet.html and
differentiation_sheet.html): the App. 2 blank pre-prints the servant's KPIs planned for the
quarter with their units and planned values (known from the approved work plan, App. 1), and the
actual value of the quarter when the HR service has entered it (p.22); the percent and score cells
of the quarter are empty, the other quarters' cells shaded; the App. 3 range table follows on the
next page. The App. 4 blank prints the parameters and criteria with empty score and justification
cells. Nothing on a blank is a result, so the HR service prints them too (p.20 is about results).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext_noop as N_

from bagalau.audit.services import audit_log
from bagalau.core.errors import DomainError
from bagalau.documents.pdf import PdfFile, label, print_language, render_pdf
from bagalau.documents.selectors import QUARTERS, _date, _header, _number, _rules, _score
from bagalau.evaluations.access import can_view, is_evaluator
from bagalau.evaluations.models import Evaluation, EvaluationStatus, KpiResult, Method, PaperEntry
from bagalau.evaluations.selectors.sheets import (
    EDITABLE,
    evaluation_load,
    is_hr_of,
    organisation_of,
)
from bagalau.evaluations.services.common import planned_kpis
from bagalau.methodology.sjc2023 import Sjc2023Rules
from bagalau.plans.models import Direction

#: The fixed wording of the blanks and of the paper mark: Kazakh, with Russian and English
#: reading copies, as documents.pdf.FORM_LABELS.
BLANK_LABELS: dict[str, dict[str, str]] = {
    "kk": {
        "blank": "Қағаз тасымалдағыштағы бағалау",
        "basis_kpi": "Әдістеменің 3 және 27-тармақтары",
        "basis_diff": "Әдістеменің 3, 29 және 31-тармақтары",
        "paper_note": (
            "Ақпараттық жүйеде техникалық мүмкіндік болмағандықтан бағалау қағаз тасымалдағышта "
            "жүргізіледі (%(basis)s). Қол қойылған парақты Сектор ақпараттық жүйеге енгізеді "
            "(бағалау № %(number)s)."
        ),
        "kpi_instruction": (
            "Бағаны НМИ-дің іске асу пайызына қарай 3-қосымшадағы кесте рұқсат ететін ауқымда "
            "қойыңыз (0-ден 5-ке дейін, екі ондық таңбамен); сұр торларды толтырмаңыз."
        ),
        "diff_instruction": (
            "Әр параметр бойынша 0-ден 5-ке дейінгі бүтін балл қойыңыз (Әдістеменің "
            "31-тармағы) және негіздемесін жазыңыз."
        ),
        "app3_title": (
            "Нысаналы мақсатты индикаторды іске асыру пайызына байланысты рұқсат етілетін "
            "бағаны анықтау кестесі"
        ),
        "app3_percent": "Нысаналы мақсатты индикаторды пайызбен іске асыру",
        "app3_range": "Рұқсат етілген бағалау ауқымы",
        "app3_top": "%(low)s және одан жоғары",
        "app3_note": (
            "Ескертпе: Бағалау нысаналы мақсатты индикаторды іске асыру пайызына байланысты "
            "айқындалады. Бұл ретте рұқсат етілген ауқымда бағалаушы адам өз қалауы бойынша "
            "баға қояды."
        ),
        "entered_from_paper": (
            "Қағаз тасымалдағышта жүргізілген бағалау: бағалаушы параққа %(signed)s қол қойды; "
            "ақпараттық жүйеге %(entered)s енгізген: %(by)s."
        ),
        "signed_on_paper": "қағаз тасымалдағышта қол қойылды",
    },
    "ru": {
        "blank": "Оценка на бумажном носителе",
        "basis_kpi": "пп. 3 и 27 Методики",
        "basis_diff": "пп. 3, 29 и 31 Методики",
        "paper_note": (
            "Оценка проводится на бумажном носителе, так как техническая возможность провести её "
            "в информационной системе отсутствует (%(basis)s). Подписанный лист Сектор вносит в "
            "информационную систему (оценка № %(number)s)."
        ),
        "kpi_instruction": (
            "Оценку выставьте в пределах диапазона, допустимого по таблице приложения 3 для "
            "процента достижения КЦИ (от 0 до 5, два знака после запятой); серые ячейки не "
            "заполняйте."
        ),
        "diff_instruction": (
            "По каждому параметру выставьте целый балл от 0 до 5 (п. 31 Методики) и укажите "
            "обоснование."
        ),
        "app3_title": (
            "Таблица определения допустимой оценки в зависимости от процента достижения "
            "целевого индикатора"
        ),
        "app3_percent": "Процент достижения целевого индикатора",
        "app3_range": "Допустимый диапазон оценки",
        "app3_top": "%(low)s и выше",
        "app3_note": (
            "Примечание: оценка определяется в зависимости от процента достижения целевого "
            "индикатора. При этом в пределах допустимого диапазона оценивающее лицо выставляет "
            "оценку по своему усмотрению."
        ),
        "entered_from_paper": (
            "Оценка проведена на бумажном носителе: оценивающий подписал лист %(signed)s; внесено "
            "в информационную систему %(entered)s, внес(ла): %(by)s."
        ),
        "signed_on_paper": "подписано на бумажном носителе",
    },
    "en": {
        "blank": "Evaluation on paper",
        "basis_kpi": "Methodology p.3 and p.27",
        "basis_diff": "Methodology p.3, p.29 and p.31",
        "paper_note": (
            "The evaluation is held on paper because the information system cannot be used "
            "(%(basis)s). The HR Sector enters the signed sheet into the information system "
            "(evaluation No. %(number)s)."
        ),
        "kpi_instruction": (
            "Give each KPI a score within the range the App. 3 table allows for its achievement "
            "percent (0 to 5, two decimals); leave the grey cells empty."
        ),
        "diff_instruction": (
            "Give each parameter a whole number of points from 0 to 5 (Methodology p.31) and "
            "write its justification."
        ),
        "app3_title": "Table of the allowed score by the KPI achievement percent",
        "app3_percent": "KPI achievement, %",
        "app3_range": "Allowed score range",
        "app3_top": "%(low)s and above",
        "app3_note": (
            "Note: the score depends on the KPI achievement percent; within the allowed range the "
            "evaluator chooses the score."
        ),
        "entered_from_paper": (
            "Evaluated on paper: the evaluator signed the sheet on %(signed)s; entered into the "
            "information system on %(entered)s by %(by)s."
        ),
        "signed_on_paper": "signed on paper",
    },
}


def blank_label(language: str, key: str, **params: Any) -> str:
    """One fixed text of the blanks in `language`, with its named placeholders filled."""
    text = BLANK_LABELS[print_language(language)][key]
    return text % params if params else text


# --- the mark of a sheet entered from paper ------------------------------------------------------


def paper_entry_of(evaluation: Evaluation) -> PaperEntry | None:
    """The evaluation's paper entry, if it was entered from paper."""
    return PaperEntry.objects.filter(evaluation=evaluation).select_related("entered_by").first()


def _user_name(user: Any) -> str:
    from bagalau.org.models import Servant

    servant = Servant.objects.filter(user=user).first()
    if servant is not None:
        return str(servant.short_name)
    return str(user.get_full_name() or user.get_username())


def paper_mark(evaluation: Evaluation, language: str) -> dict[str, str]:
    """What a printed sheet entered from paper says about it (empty when it was not)."""
    entry = paper_entry_of(evaluation)
    if entry is None:
        return {}
    signed = _date(entry.signed_on)
    return {
        "signed_on": signed,
        "note": blank_label(
            language,
            "entered_from_paper",
            signed=signed,
            entered=_date(entry.entered_at),
            by=_user_name(entry.entered_by),
        ),
        "signature_note": blank_label(language, "signed_on_paper"),
    }


# --- the blanks ----------------------------------------------------------------------------------


def _percent_text(value: Decimal) -> str:
    return format(value.normalize(), "f")


def app3_rows(rules: Sjc2023Rules, language: str) -> list[dict[str, str]]:
    """App. 3 as printed, from 100 % down as the seed lists it: percent from-to and the allowed
    score range, from the engine's table."""
    rows = []
    for row in sorted(rules.kpi.table, key=lambda r: r.low, reverse=True):
        if row.high is None:
            percent = blank_label(language, "app3_top", low=_percent_text(row.low))
        else:
            percent = f"{_percent_text(row.low)}–{row.high - Decimal('0.01')}"
        if row.score_min == row.score_max:
            allowed = _percent_text(row.score_min)
        else:
            allowed = f"{_score(row.score_min)}–{_score(row.score_max)}"
        rows.append({"percent": percent, "allowed": allowed})
    return rows


def _blank_header(evaluation: Evaluation, language: str, appendix: int) -> dict[str, Any]:
    basis = "basis_kpi" if appendix == 2 else "basis_diff"
    return {
        **_header(evaluation, language, appendix),
        "draft": False,
        "number": evaluation.pk,
        "blank_title": blank_label(language, "blank"),
        "paper_note": blank_label(
            language,
            "paper_note",
            basis=blank_label(language, basis),
            number=evaluation.pk,
        ),
        "signers": [
            {"role": label(language, "evaluatee"), "name": evaluation.servant.short_name},
            {
                "role": label(language, "evaluator"),
                "name": evaluation.evaluator.short_name if evaluation.evaluator else "",
            },
        ],
    }


def blank_kpi_sheet_data(evaluation: Evaluation, *, language: str = "kk") -> dict[str, Any]:
    """App. 2 to fill by hand: the KPIs the approved work plan plans for the quarter, their
    planned values for the four quarters and the quarter's actual value when known."""
    rules = _rules(evaluation.edition)
    quarter = evaluation.period.number or 0
    kpis = list(planned_kpis(evaluation))
    results = {
        r.kpi_id: r
        for r in KpiResult.objects.filter(evaluation=evaluation, kpi__in=kpis).select_related("kpi")
    }
    rows = []
    for kpi in kpis:
        result = results.get(kpi.pk)
        actual = ""
        if result is not None:
            if kpi.direction == Direction.BINARY and result.actual_achieved is not None:
                actual = label(language, "yes" if result.actual_achieved else "no")
            elif kpi.direction != Direction.BINARY:
                actual = _number(result.actual_value)
        rows.append(
            {
                "number": kpi.number,
                "name": kpi.name,
                "unit": kpi.unit,
                "plan": [_number(kpi.planned(q)) for q in QUARTERS],
                "actual": actual,
            }
        )
    return {
        **_blank_header(evaluation, language, 2),
        "method": Method.KPI.value,
        "quarter": quarter,
        "quarters": [label(language, "quarter", number=q) for q in QUARTERS],
        "rows": rows,
        "count": len(rows),
        "instruction": blank_label(language, "kpi_instruction"),
        "rating_options": [band.label.get(language) for band in reversed(rules.rating.bands)],
        "app3": {
            "title": blank_label(language, "app3_title"),
            "percent": blank_label(language, "app3_percent"),
            "range": blank_label(language, "app3_range"),
            "note": blank_label(language, "app3_note"),
            "appendix": label(language, "appendix", number=3),
            "rows": app3_rows(rules, language),
        },
    }


def blank_differentiation_sheet_data(
    evaluation: Evaluation, *, language: str = "kk"
) -> dict[str, Any]:
    """App. 4 to fill by hand: the four parameters and their criteria, empty scores and reasons."""
    rules = _rules(evaluation.edition)
    parameters = [
        {
            "number": index,
            "code": parameter.code,
            "name": parameter.label.get(language),
            "criteria": parameter.criteria.get(language),
        }
        for index, parameter in enumerate(rules.differentiation.parameters, start=1)
    ]
    return {
        **_blank_header(evaluation, language, 4),
        "method": Method.DIFFERENTIATION.value,
        "score_range": label(
            language,
            "col_diff_score",
            min=rules.differentiation.min_score,
            max=rules.differentiation.max_score,
        ),
        "parameters": parameters,
        "count": len(parameters),
        "instruction": blank_label(language, "diff_instruction"),
        "rating_options": [band.label.get(language) for band in reversed(rules.rating.bands)],
    }


# --- access and the download ---------------------------------------------------------------------


def blank_sheet_evaluation_for(user: Any, evaluation_id: int) -> Evaluation:
    """The evaluation whose blank form `user` prints: its evaluator or the HR service of the
    organisation (the blank holds no result). 403 to others who may see the result, 404 to
    everyone else."""
    evaluation = evaluation_load(evaluation_id)
    if user.is_authenticated and (
        is_evaluator(user, evaluation) or is_hr_of(user, organisation_of(evaluation))
    ):
        return evaluation
    if can_view(user, evaluation):
        raise PermissionDenied("Only the evaluator and the HR service print the blank form.")
    raise Http404("No such evaluation.")


def require_blank_printable(evaluation: Evaluation) -> None:
    """A blank is for a quarterly sheet still to be scored (pending, or deferred until the
    servant's return, p.5)."""
    if evaluation.method not in (Method.KPI, Method.DIFFERENTIATION):
        raise DomainError("method", N_("An annual result has no printed sheet."))
    if evaluation.status == EvaluationStatus.NOT_EVALUATED:
        raise DomainError(
            "status",
            N_("This servant is not evaluated for the period (under 3 months in post, p.5)."),
        )
    if evaluation.status not in EDITABLE:
        raise DomainError(
            "status",
            N_("This sheet is signed: there is nothing left to fill in on paper."),
        )


def blank_sheet_pdf(*, user: Any, evaluation_id: int, language: str = "kk") -> PdfFile:
    """The blank App. 2 (KPI) or App. 4 (differentiation) of an unsigned evaluation as PDF, for
    its evaluator and the HR service; the print is audited."""
    evaluation = blank_sheet_evaluation_for(user, evaluation_id)
    require_blank_printable(evaluation)
    language = print_language(language)
    audit_log(
        actor=user,
        action="print_blank",
        obj=evaluation,
        summary=f"{evaluation}: blank form ({language})",
    )
    period = evaluation.period
    stamp = f"{period.schedule.year}-q{period.number}-{_stem(evaluation)}-{evaluation.pk}"
    if evaluation.method == Method.KPI:
        data = blank_kpi_sheet_data(evaluation, language=language)
        content = render_pdf(
            "documents/blank_kpi_sheet.html", {"doc": data}, language=language, landscape=True
        )
        return PdfFile(filename=f"app2-kpi-sheet-blank-{stamp}.pdf", content=content)
    data = blank_differentiation_sheet_data(evaluation, language=language)
    content = render_pdf(
        "documents/blank_differentiation_sheet.html", {"doc": data}, language=language
    )
    return PdfFile(filename=f"app4-differentiation-sheet-blank-{stamp}.pdf", content=content)


def _stem(evaluation: Evaluation) -> str:
    return "".join(ch for ch in evaluation.servant.last_name if ch.isalnum()) or "servant"
