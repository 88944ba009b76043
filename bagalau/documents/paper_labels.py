"""The fixed wording of the blank App. 2 / App. 4 forms (documents.blank) and the mark that a
sheet entered from paper carries on its printed result (seed 002 p.3, p.29): Kazakh, with
Russian and English reading copies, as documents.form_labels.FORM_LABELS."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from bagalau.documents.pdf import print_language
from bagalau.evaluations.models import Evaluation
from bagalau.evaluations.selectors.paper import entered_by_name, paper_entry_of

#: The fixed wording of the blanks and of the paper mark: Kazakh, with Russian and English
#: reading copies, as documents.form_labels.FORM_LABELS.
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


def paper_mark(evaluation: Evaluation, language: str) -> dict[str, str]:
    """What a printed sheet entered from paper says about it (empty when it was not)."""
    entry = paper_entry_of(evaluation)
    if entry is None:
        return {}
    signed = f"{entry.signed_on:%d.%m.%Y}"
    return {
        "signed_on": signed,
        "note": blank_label(
            language,
            "entered_from_paper",
            signed=signed,
            entered=f"{timezone.localtime(entry.entered_at):%d.%m.%Y}",
            by=entered_by_name(entry, short=True),
        ),
        "signature_note": blank_label(language, "signed_on_paper"),
    }
