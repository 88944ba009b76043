"""The free-form refusal acts, laid out as an HR service prints them (EDITIONS.md §6.1, §6.2
"Documents without an appendix"): the act refusing familiarisation with the results after the
commission (typical-2018: the working body and two other servants, seed 004 p.41, H2; moj-2017:
the HR servant alone, seed 001 p.36) and the act refusing to sign a moj-2017 evaluation sheet
(the HR servant and the direct manager, p.25 for App. 3, p.31 for App. 4).

The texts give the act no form, only its signers (`methodology.acts`, the edition's workflow
``refusal_acts``). Our layout: the body, the title, the date and place, the sentence naming the
servant, their position and what they refused, the circumstances as written, the paragraph it
rests on, then each signer's role, name and position with a signature line. Kazakh is the act's
language; Russian and English are reading copies.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.utils import timezone, translation

from bagalau.commission.access import refusal_act_get_for
from bagalau.commission.selectors import deciding_session
from bagalau.core.days import day_text
from bagalau.documents.pdf import (
    PdfFile,
    printed_name,
    render_pdf,
    servant_file_name,
)
from bagalau.methodology import get_edition
from bagalau.methodology.editions import edition_workflow
from bagalau.moj.access import sheet_act_get_for
from bagalau.moj.models import AnnualSheet, QuarterSheet
from bagalau.org.models import Servant
from bagalau.org.selectors import assignment_on, servant_of

if TYPE_CHECKING:
    from bagalau.core.types import Account, User
    from bagalau.evaluations.models import Evaluation, RefusalAct

LABELS: dict[str, dict[str, str]] = {
    "kk": {
        "title_familiarisation": "Бағалау нәтижелерімен танысудан бас тарту туралы АКТ",
        "title_sheet": "Бағалау парағына қол қоюдан бас тарту туралы АКТ",
        "body_caption": "(мемлекеттік органның атауы)",
        "number": "№ %(number)s",
        "date": "Күні: %(date)s",
        "place": "Орны: %(place)s",
        "familiarisation": (
            "Біз, төменде қол қоюшылар, осы актіні «Б» корпусының мемлекеттік әкімшілік "
            "қызметшісі %(servant)s (%(position)s) %(day)s %(period)s бойынша бағалау "
            "нәтижелерімен (%(decision)s) жазбаша танысудан бас тартқаны туралы жасадық."
        ),
        "decision": "комиссияның %(session)s шешімі",
        "approved": "уәкілетті тұлға %(approved)s бекіткен",
        "sheet": (
            "Біз, төменде қол қоюшылар, осы актіні «Б» корпусының мемлекеттік әкімшілік "
            "қызметшісі %(servant)s (%(position)s) %(day)s %(period)s бойынша бағалау парағына "
            "(%(form)s) қол қоюдан бас тартқаны туралы жасадық."
        ),
        "quarter_form": "3-қосымша, тоқсандық",
        "annual_form": "4-қосымша, жылдық",
        "circumstances": "Мән-жайлары",
        "basis": "Негіздеме: бағалау әдістемесінің %(paragraphs)s-тармағы",
        "service_record": (
            "Бас тарту бағалау нәтижелерінің қызметтік тізімге енгізілуіне кедергі келтірмейді."
        ),
        "signers": "Актіге қол қойғандар:",
        "hr": "Персоналды басқару қызметі",
        "servant": "Мемлекеттік органның қызметшісі",
        "direct_manager": "Тікелей басшы",
        "signature": "(қолы)",
    },
    "ru": {
        "title_familiarisation": "АКТ об отказе от ознакомления с результатами оценки",
        "title_sheet": "АКТ об отказе от подписания оценочного листа",
        "body_caption": "(наименование государственного органа)",
        "number": "№ %(number)s",
        "date": "Дата: %(date)s",
        "place": "Место: %(place)s",
        "familiarisation": (
            "Мы, нижеподписавшиеся, составили настоящий акт о том, что административный "
            "государственный служащий корпуса «Б» %(servant)s (%(position)s) %(day)s отказался "
            "(отказалась) от ознакомления в письменной форме с результатами оценки за %(period)s "
            "(%(decision)s)."
        ),
        "decision": "решение комиссии от %(session)s",
        "approved": "утверждено уполномоченным лицом %(approved)s",
        "sheet": (
            "Мы, нижеподписавшиеся, составили настоящий акт о том, что административный "
            "государственный служащий корпуса «Б» %(servant)s (%(position)s) %(day)s отказался "
            "(отказалась) подписать оценочный лист (%(form)s) за %(period)s."
        ),
        "quarter_form": "приложение 3, квартальный",
        "annual_form": "приложение 4, годовой",
        "circumstances": "Обстоятельства",
        "basis": "Основание: пункт %(paragraphs)s методики оценки",
        "service_record": "Отказ не препятствует внесению результатов оценки в послужной список.",
        "signers": "Акт подписали:",
        "hr": "Служба управления персоналом",
        "servant": "Служащий государственного органа",
        "direct_manager": "Непосредственный руководитель",
        "signature": "(подпись)",
    },
    "en": {
        "title_familiarisation": (
            "ACT on the refusal to be familiarised with the evaluation results"
        ),
        "title_sheet": "ACT on the refusal to sign the evaluation sheet",
        "body_caption": "(name of the state body)",
        "number": "No. %(number)s",
        "date": "Date: %(date)s",
        "place": "Place: %(place)s",
        "familiarisation": (
            "We, the undersigned, have drawn up this act to record that %(servant)s "
            '(%(position)s), an administrative civil servant of corps "B", on %(day)s refused to '
            "be familiarised in writing with the results of the evaluation for %(period)s "
            "(%(decision)s)."
        ),
        "decision": "the commission's decision of %(session)s",
        "approved": "approved by the authorised person on %(approved)s",
        "sheet": (
            "We, the undersigned, have drawn up this act to record that %(servant)s "
            '(%(position)s), an administrative civil servant of corps "B", on %(day)s refused to '
            "sign the evaluation sheet (%(form)s) for %(period)s."
        ),
        "quarter_form": "Appendix 3, quarterly",
        "annual_form": "Appendix 4, annual",
        "circumstances": "Circumstances",
        "basis": "Basis: paragraph %(paragraphs)s of the evaluation methodology",
        "service_record": ("The refusal does not keep the results out of the service record."),
        "signers": "Signed by:",
        "hr": "HR service",
        "servant": "Servant of the state body",
        "direct_manager": "Direct manager",
        "signature": "(signature)",
    },
}


@dataclass(frozen=True)
class Signer:
    """A signature line: the role, the name and the position on the act's day."""

    role: str
    name: str
    position: str


def _position(servant: Servant | None, day: dt.date, language: str) -> str:
    """The position held on the act's day, else the last one held (a record kept past the
    assignments)."""
    if servant is None:
        return ""
    assignment = assignment_on(servant, day) or servant.assignments.order_by("-start").first()
    return printed_name(assignment.position, language) if assignment is not None else ""


def _signer(role: str, servant: Servant | None, fallback: str, day: dt.date, lang: str) -> Signer:
    name = servant.full_name if servant is not None else fallback
    return Signer(role=role, name=name, position=_position(servant, day, lang))


def _user_signer(role: str, user: Account | None, day: dt.date, language: str) -> Signer:
    """The HR servant who drew the act up, by the servant record of their login."""
    if user is None:
        return Signer(role=role, name="", position="")
    return _signer(role, servant_of(user), user.get_full_name() or user.username, day, language)


def _paragraphs(evaluation: Evaluation, kind: str) -> str:
    """The paragraphs the act rests on, from the edition's workflow data (``refusal_acts``)."""
    acts = edition_workflow(get_edition(evaluation.edition)).refusal_acts
    source = acts[kind].source if kind in acts else None
    if source is None:
        return ""
    return ", ".join(p.removeprefix("p.") for p in (*source.seed, *source.borrowed))


def _working_body(evaluation: Evaluation, language: str) -> str:
    workflow = edition_workflow(get_edition(evaluation.edition))
    return workflow.working_body.label.get(language)


def _period(evaluation: Evaluation, language: str) -> str:
    with translation.override(language):
        return str(evaluation.period)


def _common(evaluation: Evaluation, day: dt.date, kind: str, language: str) -> dict[str, Any]:
    labels = LABELS[language]
    organisation = evaluation.period.schedule.organisation
    paragraphs = _paragraphs(evaluation, kind)
    return {
        "organisation": printed_name(organisation, language),
        "date": labels["date"] % {"date": day_text(day)},
        "basis": labels["basis"] % {"paragraphs": paragraphs} if paragraphs else "",
        "servant": evaluation.servant.full_name,
        "position": printed_name(evaluation.assignment.position, language),
    }


def familiarisation_act_data(act: RefusalAct, *, language: str) -> dict[str, Any]:
    """The act refusing familiarisation with a commission's decision (004 p.41; 001 p.36)."""
    labels = LABELS[language]
    evaluation = act.evaluation
    day = timezone.localdate(act.drawn_up_at)
    doc = _common(evaluation, day, "familiarisation", language)
    session = deciding_session(evaluation, day)
    decision = ""
    if session is not None:
        decision = labels["decision"] % {"session": day_text(session.date)}
        if session.approved_on is not None:
            decision += "; " + labels["approved"] % {"approved": day_text(session.approved_on)}
    doc["title"] = labels["title_familiarisation"]
    doc["place"] = labels["place"] % {"place": session.place} if session and session.place else ""
    doc["statement"] = labels["familiarisation"] % {
        "servant": doc["servant"],
        "position": doc["position"],
        "day": day_text(day),
        "period": _period(evaluation, language),
        "decision": decision,
    }
    doc["number"] = labels["number"] % {"number": act.number}
    doc["circumstances"] = act.text
    # H3, p.42: the refusal does not keep the results out of the service record (typical-2018).
    doc["consequence"] = labels["service_record"] if session and session.approved_on else ""
    signers = [_user_signer(_working_body(evaluation, language), act.hr_signer, day, language)]
    signers += [
        _signer(labels.get(s.role, s.role), s.servant, "", day, language) for s in act.signers.all()
    ]
    doc["signers"] = signers
    return doc


def sheet_act_data(sheet: QuarterSheet | AnnualSheet, *, language: str) -> dict[str, Any]:
    """The act refusing to sign a moj-2017 sheet (001 p.25 App. 3, p.31 App. 4)."""
    labels = LABELS[language]
    evaluation = sheet.evaluation
    day = sheet.refused_on
    assert day is not None
    doc = _common(evaluation, day, "sheet", language)
    form = "quarter_form" if isinstance(sheet, QuarterSheet) else "annual_form"
    doc["title"] = labels["title_sheet"]
    doc["place"] = ""
    doc["statement"] = labels["sheet"] % {
        "servant": doc["servant"],
        "position": doc["position"],
        "day": day_text(day),
        "period": _period(evaluation, language),
        "form": labels[form],
    }
    doc["number"] = ""
    doc["circumstances"] = sheet.refusal_note
    doc["consequence"] = ""
    doc["signers"] = [
        _user_signer(_working_body(evaluation, language), sheet.refusal_drawn_up_by, day, language),
        _signer(labels["direct_manager"], sheet.refusal_manager, "", day, language),
    ]
    return doc


def _file(
    stem: str, evaluation: Evaluation, pk: int, doc: dict[str, Any], language: str
) -> PdfFile:
    content = render_pdf(
        "documents/refusal_act.html", {"doc": doc, "A": LABELS[language]}, language=language
    )
    name = servant_file_name(evaluation.servant)
    return PdfFile(filename=f"{stem}-{name}-{pk}.pdf", content=content)


def refusal_act_pdf(*, user: User, act_id: int, language: str = "kk") -> PdfFile:
    """The act refusing familiarisation as PDF, for the servant, the working body and the
    act's signers (404 otherwise); the read is audited."""
    act = refusal_act_get_for(user=user, id=act_id)
    doc = familiarisation_act_data(act, language=language)
    return _file("refusal-act", act.evaluation, act.pk, doc, language)


def quarter_sheet_act_pdf(*, user: User, sheet_id: int, language: str = "kk") -> PdfFile:
    """The act refusing to sign an App. 3 sheet (p.25), for the servant, HR and the direct
    manager who co-signed it (404 otherwise); audited."""
    sheet = sheet_act_get_for(user=user, model=QuarterSheet, id=sheet_id)
    doc = sheet_act_data(sheet, language=language)
    return _file("app3-refusal-act", sheet.evaluation, sheet.pk, doc, language)


def annual_sheet_act_pdf(*, user: User, sheet_id: int, language: str = "kk") -> PdfFile:
    """The act refusing to sign an App. 4 sheet (p.31), for the servant, HR and the direct
    manager who co-signed it (404 otherwise); audited."""
    sheet = sheet_act_get_for(user=user, model=AnnualSheet, id=sheet_id)
    doc = sheet_act_data(sheet, language=language)
    return _file("app4-refusal-act", sheet.evaluation, sheet.pk, doc, language)
