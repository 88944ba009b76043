"""The blank 360 questionnaire to print (seed 002 p.33, App. 5 / App. 6) for a named evaluatee:
the form's layout, in kk (the legal text), ru or en, with the evaluatee's name and NO line for
the respondent's name (App. 6 asks only "Бағаланатын қызметкердің Т.А.Ә."; the respondent stays
anonymous). One copy is printed per respondent; the respondent returns it in a closed envelope.
"""

from __future__ import annotations

from typing import Any

from bagalau.documents.pdf import PdfFile, label, print_language, render_pdf
from bagalau.surveys.models import Target
from bagalau.surveys.selectors import rules_for, survey_form, text

#: The fixed wording of the printed questionnaire besides the form's own text (kk follows
#: App. 5 / App. 6 of seed 002; ru and en are reading copies).
PAPER_LABELS: dict[str, dict[str, str]] = {
    "kk": {
        "col_no": "№ р/р",
        "col_competency": "Құзыреттердің атауы",
        "col_statement": "Құзыреттер бойынша сұрақтар",
        "col_answers": "Жауаптар",
        "average": "%(name)s бойынша орташа баға",
        "automatic": "автоматты түрде есептеледі",
        "options": "Жауаптар бағанында жауаптың ұсынылған нұсқаларының бірі көрсетіледі:",
        "mark": "Әр сұрақ бойынша бір ғана нұсқаны белгілеңіз (✓).",
        "note": (
            "Орташа баға баллдарды қосу және әр құзырет бойынша респонденттердің жауаптарының "
            "санына бөлу арқылы автоматты режимде есептеледі."
        ),
        "envelope": (
            "Сауалнамаға өз атыңызды жазбаңыз. Толтырылған сауалнаманы жабық конвертте "
            "персоналды басқару қызметіне тапсырыңыз: конверттер араластырылып ашылады, "
            "жауаптар жасырын есептеледі."
        ),
        "year": "%(year)s жыл",
    },
    "ru": {
        "col_no": "№ п/п",
        "col_competency": "Наименование компетенций",
        "col_statement": "Вопросы по компетенциям",
        "col_answers": "Ответы",
        "average": "Средняя оценка по компетенции «%(name)s»",
        "automatic": "рассчитывается автоматически",
        "options": "В графе «Ответы» указывается один из предложенных вариантов ответа:",
        "mark": "Отметьте по каждому вопросу только один вариант (✓).",
        "note": (
            "Средняя оценка рассчитывается в автоматическом режиме путем сложения баллов и "
            "деления на количество ответов респондентов по каждой компетенции."
        ),
        "envelope": (
            "Не пишите на анкете свое имя. Заполненную анкету сдайте в службу управления "
            "персоналом в закрытом конверте: конверты вскрываются вперемешку, ответы "
            "учитываются анонимно."
        ),
        "year": "%(year)s год",
    },
    "en": {
        "col_no": "No.",
        "col_competency": "Competency",
        "col_statement": "Statements on the competency",
        "col_answers": "Answers",
        "average": "Average for %(name)s",
        "automatic": "computed automatically",
        "options": "In the answers column, one of the answer options offered is marked:",
        "mark": "Mark exactly one option for each statement (✓).",
        "note": (
            "The average is computed automatically by adding up the points and dividing by the "
            "number of respondents' answers for each competency."
        ),
        "envelope": (
            "Do not write your name on the questionnaire. Hand it to the HR service in a closed "
            "envelope: the envelopes are opened mixed together and the answers are counted "
            "anonymously."
        ),
        "year": "Year %(year)s",
    },
}


def paper_questionnaire_pdf(target: Target, language: str) -> PdfFile:
    """App. 5 (managers) or App. 6 (staff), blank, for `target`, in kk, ru or en."""
    language = print_language(language)
    campaign = target.campaign
    rules = rules_for(campaign)
    form = survey_form(campaign, target.form)
    labels = PAPER_LABELS[language]
    scale = [(option.value, text(option.label, language)) for option in rules.survey.answer_scale]
    competencies: list[dict[str, Any]] = [
        {
            "number": number,
            "name": text(competency.name, language),
            "statements": [text(statement, language) for statement in competency.statements],
            "average": labels["average"] % {"name": text(competency.name, language)},
        }
        for number, competency in enumerate(form.competencies, start=1)
    ]
    doc = {
        "appendix": label(language, "appendix", number=form.appendix),
        "title": text(form.title, language),
        "name": target.servant.full_name,
        "position": target.position.name,
        "unit": target.unit.name,
        "year": labels["year"] % {"year": campaign.year},
        "instructions": text(form.instructions, language).split("\n\n"),
    }
    pdf = render_pdf(
        "surveys/paper_questionnaire_pdf.html",
        {"doc": doc, "competencies": competencies, "scale": scale, "P": labels},
        language=language,
    )
    surname = target.servant.last_name or "servant"
    return PdfFile(filename=f"360-{campaign.year}-{surname}-blank.pdf", content=pdf)
