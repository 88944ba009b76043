"""The 360 documents: the report (App. 7 / App. 8) as PDF through the documents app's WeasyPrint
renderer (DejaVu fonts embedded, so Kazakh letters print), its radar chart, and the training
needs (p.36) as XLSX. Nothing here reads who answered: the report is the anonymous totals.
"""

from __future__ import annotations

import io
from typing import Any

from django.utils import translation
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from bagalau.core.days import day_text
from bagalau.core.xlsx import append_row
from bagalau.documents.pdf import PdfFile, label, print_language, render_pdf
from bagalau.surveys.charts import Series, radar_svg
from bagalau.surveys.reports import Report
from bagalau.surveys.selectors import text
from bagalau.surveys.training import TrainingNeeds

OTHERS_COLOUR = "#0b5cad"
SELF_COLOUR = "#c25e00"

#: The fixed wording of the printed report. Kazakh follows App. 7 / App. 8 of seed 002 and p.36;
#: Russian and English are reading copies.
REPORT_LABELS: dict[str, dict[str, str]] = {
    "kk": {
        "col_no": "№",
        "col_competency": "Құзырет",
        "col_average": "Құзыреттер бойынша орташа қорытынды баға",
        "col_self": "Өзін-өзі бағалау",
        "radar": "Паутинка",
        "others": "Респонденттердің орташа бағасы",
        "self": "Өзін-өзі бағалау",
        "overall": "Бағалау нәтижесі",
        "overall_caption": "құзыреттер бойынша орташа бағалардың орташа мәні",
        "respondents": "Респонденттер саны (өзін-өзі бағалаудан басқа)",
        "lowest": "Ең аз анықталған құзыреттер (Әдістеменің 36-тармағы)",
        "lowest_mark": "ең төмен",
        "no_self": "Өзін-өзі бағалау ұсынылмаған.",
        "note": (
            "Әрбір құзырет бойынша бағалаудың орташа қорытынды нәтижелерін есептеу автоматты "
            "режимде әрбір респонденттің баллдарын қосу және респонденттердің санына бөлу "
            "(өзін-өзі бағалаудан басқа) арқылы жүзеге асырылады."
        ),
        "anonymous": "Респонденттердің жауаптары жасырын: есепте тек орташа мәндер көрсетіледі.",
        "year": "%(year)s жыл",
        "feedback": "Кері байланыс ұсынылды",
        "chart_title": "%(name)s: 360 бағалау паутинкасы, %(year)s",
        "chart_desc": "Әр құзырет бойынша респонденттердің орташа бағасы және өзін-өзі бағалау.",
    },
    "ru": {
        "col_no": "№",
        "col_competency": "Компетенция",
        "col_average": "Средняя итоговая оценка по компетенциям",
        "col_self": "Самооценка",
        "radar": "Паутинка",
        "others": "Средняя оценка респондентов",
        "self": "Самооценка",
        "overall": "Результат оценки",
        "overall_caption": "среднее значение средних оценок по компетенциям",
        "respondents": "Число респондентов (без самооценки)",
        "lowest": "Наименее выраженные компетенции (п. 36 Методики)",
        "lowest_mark": "наименьшая",
        "no_self": "Самооценка не представлена.",
        "note": (
            "Расчет средних итоговых результатов оценки по каждой компетенции осуществляется в "
            "автоматическом режиме путем сложения баллов каждого респондента и деления на число "
            "респондентов (за исключением самооценки)."
        ),
        "anonymous": "Ответы респондентов анонимны: в отчете только средние значения.",
        "year": "%(year)s год",
        "feedback": "Обратная связь предоставлена",
        "chart_title": "%(name)s: паутинка оценки 360, %(year)s",
        "chart_desc": "Средняя оценка респондентов и самооценка по каждой компетенции.",
    },
    "en": {
        "col_no": "No.",
        "col_competency": "Competency",
        "col_average": "Average final score per competency",
        "col_self": "Self-assessment",
        "radar": "Radar chart",
        "others": "Respondents' average",
        "self": "Self-assessment",
        "overall": "Result",
        "overall_caption": "the mean of the competency averages",
        "respondents": "Respondents (self-assessment excluded)",
        "lowest": "Least developed competencies (Methodology p.36)",
        "lowest_mark": "lowest",
        "no_self": "No self-assessment was submitted.",
        "note": (
            "The average final result for each competency is computed automatically by adding "
            "up every respondent's points and dividing by the number of respondents (the "
            "self-assessment excluded)."
        ),
        "anonymous": "Respondents' answers are anonymous: the report shows averages only.",
        "year": "Year %(year)s",
        "feedback": "Feedback given",
        "chart_title": "%(name)s: 360 radar chart, %(year)s",
        "chart_desc": "The respondents' average and the self-assessment for each competency.",
    },
}


def report_labels(language: str) -> dict[str, str]:
    """The report's fixed wording in kk, ru or en."""
    return REPORT_LABELS[print_language(language)]


def report_chart(report: Report, language: str) -> SafeString | None:
    """The radar chart of a released report: others' means and the self-assessment."""
    if not report.released or not report.rows:
        return None
    labels = report_labels(language)
    series = [Series(labels["others"], [row.others for row in report.rows], OTHERS_COLOUR, 0.22)]
    if any(row.own is not None for row in report.rows):
        series.append(
            Series(labels["self"], [row.own for row in report.rows], SELF_COLOUR, 0.08, True)
        )
    name = report.target.servant.full_name
    return radar_svg(
        [row.name for row in report.rows],
        series,
        title=labels["chart_title"] % {"name": name, "year": report.campaign.year},
        description=labels["chart_desc"],
    )


def report_pdf(report: Report, language: str) -> PdfFile:
    """App. 7 (managers) or App. 8 (staff), printed."""
    language = print_language(language)
    labels = report_labels(language)
    target = report.target
    with translation.override(language):
        doc: dict[str, Any] = {
            "appendix": label(language, "appendix", number=report.form.appendix + 2),
            "title": text(report.form.result_title, language),
            "name": target.servant.full_name,
            "position": target.position.name,
            "unit": target.unit.name,
            "year": labels["year"] % {"year": report.campaign.year},
            "chart": report_chart(report, language),
            "feedback_on": day_text(target.feedback_given_on),
            "draft": False,
        }
    pdf = render_pdf(
        "surveys/report_pdf.html",
        {"doc": doc, "report": report, "R": labels},
        language=language,
    )
    surname = target.servant.last_name or "servant"
    return PdfFile(filename=f"360-{report.campaign.year}-{surname}.pdf", content=pdf)


def training_xlsx(needs: TrainingNeeds) -> bytes:
    """The training needs table (competency × unit counts), in the active language."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = _("Training needs")[:31]
    campaign = needs.campaign
    # Every text cell goes through append_row: unit and organisation names are user text.
    append_row(
        sheet,
        [
            _("360 survey %(year)s: competencies among each servant's lowest three (p.36)")
            % {"year": campaign.year}
        ],
    )
    append_row(sheet, [str(campaign.organisation)])
    append_row(
        sheet,
        [
            _("Released reports: %(released)s; withheld: %(withheld)s")
            % {"released": needs.released, "withheld": needs.withheld}
        ],
    )
    append_row(sheet, [])
    header = [_("Competency"), *[unit.name for unit in needs.units], _("Total")]
    header_row = append_row(sheet, header)
    for row in needs.rows:
        append_row(sheet, [row.name, *row.counts, row.total])
    sheet["A1"].font = Font(bold=True, size=12)
    for cell in sheet[header_row]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.column_dimensions["A"].width = 48
    for index in range(2, len(header) + 1):
        sheet.column_dimensions[sheet.cell(row=header_row, column=index).column_letter].width = 18
    sheet.freeze_panes = sheet.cell(row=header_row + 1, column=2)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
