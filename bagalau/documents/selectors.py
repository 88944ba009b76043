"""Reads of the documents app.

1. What each printed form shows, as plain dicts the templates print as they are: App. 2 (KPI
   sheet), App. 4 (differentiation sheet), the calibration protocol (p.41) and App. 1 (work plan).
   Callers pass objects they got through documents.access; nothing here checks who may see them.
2. Which evaluation documents are past their retention (p.14) and what they comprise: retention.py.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Sequence
from decimal import Decimal
from itertools import groupby
from typing import TYPE_CHECKING, Any

from django.utils import timezone
from django.utils.translation import gettext_noop as N_

from bagalau.calibration.models import Session, Vote
from bagalau.core.errors import DomainError
from bagalau.documents import access
from bagalau.documents.brief import brief_print_data
from bagalau.documents.paper_labels import paper_mark
from bagalau.documents.pdf import PdfFile, label, printed_name, render_pdf, servant_file_name
from bagalau.evaluations.models import (
    Evaluation,
    KpiResult,
    Method,
    ParameterScore,
    Period,
    PeriodKind,
    RefusalAct,
)
from bagalau.methodology import MethodologyError, get_edition, sjc2023_rules
from bagalau.methodology.sjc2023 import Sjc2023Rules, adopted_score, rate
from bagalau.org.models import Servant
from bagalau.plans.models import Direction, Kpi, PlanStatus, WorkPlan

if TYPE_CHECKING:
    from bagalau.core.types import Account, User

QUARTERS = (1, 2, 3, 4)


# --- formatting ----------------------------------------------------------------------------------


def _rules(edition: str) -> Sjc2023Rules:
    try:
        return sjc2023_rules(get_edition(edition))
    except MethodologyError as error:
        raise DomainError(
            "edition",
            N_("There is no printable form for the edition %(edition)s."),
            edition=edition,
        ) from error


def _name(obj: Any, language: str) -> str:
    """A trilingual name (org, unit, position) in the print language, else Kazakh."""
    return printed_name(obj, language) if obj is not None else ""


def _date(value: dt.date | dt.datetime | None) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        value = timezone.localtime(value).date()
    return f"{value:%d.%m.%Y}"


def _datetime(value: dt.datetime | None) -> str:
    if value is None:
        return ""
    return f"{timezone.localtime(value):%d.%m.%Y %H:%M}"


def _number(value: Decimal | None) -> str:
    """A planned or actual value as written: no trailing zeros (10, 12.5, 0.75)."""
    if value is None:
        return ""
    return format(value.normalize(), "f")


def _score(value: Decimal | None) -> str:
    """A score or percent with its two decimals (4.85, 95.00)."""
    if value is None:
        return ""
    return f"{value:.2f}"


def _rating(rules: Sjc2023Rules, code: str, language: str) -> str:
    if not code:
        return ""
    try:
        return rules.rating.by_code(code).label.get(language)
    except KeyError:
        return code


def _rating_of(rules: Sjc2023Rules, score: Decimal | None, language: str) -> str:
    if score is None:
        return ""
    return rate(rules, score).label.get(language)


def period_text(period: Period, language: str) -> str:
    """The evaluated period as the forms write it: 2026 жылғы 2-тоқсан, 2 квартал 2026 года,
    Q2 2026."""
    year = period.schedule.year
    if period.kind == PeriodKind.QUARTER and period.number:
        return label(language, "period_quarter", year=year, number=period.number)
    return label(language, "period_annual", year=year)


def _person_names(users: Iterable[Any]) -> dict[int, dict[str, str]]:
    """Full and short names of users, from their servant records when they have one."""
    users = [u for u in users if u is not None]
    servants = {
        s.user_id: s
        for s in Servant.objects.filter(user__in=[u.pk for u in users]).select_related("user")
    }
    names = {}
    for user in users:
        servant = servants.get(user.pk)
        if servant is not None:
            names[user.pk] = {"full_name": servant.full_name, "short_name": servant.short_name}
        else:
            full = user.get_full_name() or user.get_username()
            names[user.pk] = {"full_name": full, "short_name": full}
    return names


def _people(evaluation: Evaluation, language: str) -> dict[str, dict[str, str]]:
    position = evaluation.assignment.position
    evaluator = evaluation.evaluator
    return {
        "evaluatee": {
            "full_name": evaluation.servant.full_name,
            "short_name": evaluation.servant.short_name,
            "position": _name(position, language),
            "unit": _name(position.unit, language),
        },
        "evaluator": {
            "full_name": evaluator.full_name if evaluator else "",
            "short_name": evaluator.short_name if evaluator else "",
        },
    }


def _signatures(evaluation: Evaluation, language: str) -> dict[str, dict[str, str]]:
    """The two signature blocks of the sheets: the evaluator signs, the evaluatee acknowledges
    (or refuses, in an act; or is evaluated in absentia)."""
    servant_note, servant_date = "", _date(evaluation.acknowledged_at)
    refusal = RefusalAct.objects.filter(evaluation=evaluation).first()
    if evaluation.in_absentia:
        servant_note = label(language, "in_absentia")
    elif refusal is not None:
        servant_date = _date(refusal.drawn_up_at)
        servant_note = label(language, "refused", date=servant_date)
    elif evaluation.acknowledged_at is not None:
        servant_note = label(language, "acknowledged_in_system")
    evaluator = evaluation.evaluator
    paper = paper_mark(evaluation, language)  # signed on paper, entered by HR (p.3, p.29)
    return {
        "evaluatee": {
            "name": evaluation.servant.short_name,
            "date": servant_date,
            "note": servant_note,
        },
        "evaluator": {
            "name": evaluator.short_name if evaluator else "",
            "date": paper.get("signed_on") or _date(evaluation.signed_at),
            "note": paper.get("signature_note")
            or (label(language, "signed_in_system") if evaluation.signed_at else ""),
        },
    }


def _header(evaluation: Evaluation, language: str, appendix: int) -> dict[str, Any]:
    period = evaluation.period
    return {
        "appendix": label(language, "appendix", number=appendix),
        "organisation": _name(period.schedule.organisation, language),
        "period": period_text(period, language),
        "period_dates": label(
            language, "period_dates", start=_date(period.starts), end=_date(period.ends)
        ),
        "draft": not access.is_signed(evaluation),
        "paper": paper_mark(evaluation, language),
        **_people(evaluation, language),
    }


def _calibrated(evaluation: Evaluation, rules: Sjc2023Rules, language: str) -> dict[str, str]:
    """The calibrated result when a session changed the evaluator's (shown under the result)."""
    if evaluation.final_score is None or (
        evaluation.final_score == evaluation.score and evaluation.final_rating == evaluation.rating
    ):
        return {}
    return {
        "score": _score(evaluation.final_score),
        "rating": _rating(rules, evaluation.final_rating, language),
    }


# --- App. 2: the KPI sheet -----------------------------------------------------------------------


def _kpi_cells(result: KpiResult | None, language: str) -> tuple[str, str, str]:
    """Actual value, percent and score of one KPI in one quarter."""
    if result is None:
        return "", "", ""
    if result.kpi.direction == Direction.BINARY:
        actual = (
            ""
            if result.actual_achieved is None
            else label(language, "yes" if result.actual_achieved else "no")
        )
    else:
        actual = _number(result.actual_value)
    return actual, _score(result.percent), _score(result.score)


def kpi_sheet_data(
    evaluation: Evaluation, *, earlier: Sequence[Evaluation] = (), language: str = "kk"
) -> dict[str, Any]:
    """App. 2 "НМИ бойынша бағалау парағы" of a quarter: every KPI of the plan with its planned
    values for the four quarters, and actual value, percent and score for the evaluated quarter
    and for the `earlier` quarters of the same year (the ones the reader may see)."""
    rules = _rules(evaluation.edition)
    quarter = evaluation.period.number or 0
    by_quarter = {
        e.period.number: e for e in earlier if e.period.number and e.period.number < quarter
    }
    by_quarter[quarter] = evaluation
    results: dict[tuple[int, int], KpiResult] = {}
    for result in KpiResult.objects.filter(evaluation__in=list(by_quarter.values())).select_related(
        "kpi", "evaluation__period"
    ):
        results[(result.evaluation.period.number or 0, result.kpi_id)] = result

    current = [r for (q, _), r in results.items() if q == quarter]
    plan_ids = {r.kpi.plan_id for r in current}
    if not plan_ids:
        plan_ids = set(
            WorkPlan.objects.filter(
                servant=evaluation.servant,
                assignment=evaluation.assignment,
                year=evaluation.period.schedule.year,
            ).values_list("pk", flat=True)
        )
    kpis = list(Kpi.objects.filter(plan_id__in=plan_ids).order_by("number", "pk"))

    rows = []
    for kpi in kpis:
        cells = [_kpi_cells(results.get((q, kpi.pk)), language) for q in QUARTERS]
        rows.append(
            {
                "number": kpi.number,
                "name": kpi.name,
                "unit": kpi.unit,
                "plan": [_number(kpi.planned(q)) for q in QUARTERS],
                "actual": [c[0] for c in cells],
                "percent": [c[1] for c in cells],
                "score": [c[2] for c in cells],
            }
        )
    scores = [r.score for r in current if r.score is not None]
    total = sum(scores, Decimal(0))
    return {
        **_header(evaluation, language, 2),
        "method": Method.KPI.value,
        "quarter": quarter,
        "quarters": [label(language, "quarter", number=q) for q in QUARTERS],
        "rows": rows,
        "total": {
            "score": _score(evaluation.score),
            "sum": _score(total) if scores else "",
            "count": len(scores),
        },
        "rating": _rating(rules, evaluation.rating, language),
        "rating_options": [band.label.get(language) for band in reversed(rules.rating.bands)],
        "calibrated": _calibrated(evaluation, rules, language),
        "feedback": evaluation.feedback,
        "signatures": _signatures(evaluation, language),
    }


# --- App. 4: the differentiation sheet -----------------------------------------------------------


def differentiation_form(rules: Sjc2023Rules, language: str) -> dict[str, Any]:
    """What App. 4 prints, filled in or blank: the method, the range of a score, the four
    parameters with their criteria (engine data) and the ratings to choose from."""
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
        "method": Method.DIFFERENTIATION.value,
        "score_range": label(
            language,
            "col_diff_score",
            min=rules.differentiation.min_score,
            max=rules.differentiation.max_score,
        ),
        "parameters": parameters,
        "rating_options": [band.label.get(language) for band in reversed(rules.rating.bands)],
    }


def differentiation_sheet_data(evaluation: Evaluation, *, language: str = "kk") -> dict[str, Any]:
    """App. 4 "Саралау әдісі бойынша бағалау параметры": the four parameters with their criteria
    (engine data), the scores and justifications, the mean, the result and its grounds."""
    rules = _rules(evaluation.edition)
    form = differentiation_form(rules, language)
    scores = {p.parameter: p for p in ParameterScore.objects.filter(evaluation=evaluation)}
    for parameter in form["parameters"]:
        given = scores.get(parameter["code"])
        parameter["score"] = "" if given is None else str(given.score)
        parameter["justification"] = "" if given is None else given.justification
    return {
        **_header(evaluation, language, 4),
        **form,
        "mean": _score(evaluation.score),
        "rating": _rating(rules, evaluation.rating, language),
        "justification": evaluation.justification,
        "calibrated": _calibrated(evaluation, rules, language),
        "signatures": _signatures(evaluation, language),
    }


# --- the calibration protocol (p.37-41) ----------------------------------------------------------


def _round_outcome(votes: Sequence[Vote], language: str) -> str:
    """Whether a score won more than half of the votes cast in the round (SPEC §4.7)."""
    cast = len(votes)
    adopted = adopted_score([v.score for v in votes])
    if adopted is not None:
        count = sum(1 for v in votes if v.score == adopted)
        return label(language, "round_adopted", score=_score(adopted), votes=count, cast=cast)
    count = max(Counter(v.score for v in votes).values())
    return label(language, "round_no_majority", votes=count, cast=cast)


def protocol_data(session: Session, *, language: str = "kk") -> dict[str, Any]:
    """Everything the calibration protocol prints: the case, the application and decision, the
    participants, the presentation, every voting round, the adopted score and its rating, the
    signing and posting dates."""
    application = session.application
    evaluation = Evaluation.objects.select_related(
        "servant", "evaluator", "period__schedule__organisation", "assignment__position__unit"
    ).get(pk=application.evaluation_id)
    rules = _rules(evaluation.edition)
    participants = list(session.participants.order_by("last_name", "first_name", "username"))
    # Only complete rounds: the votes of a round under way stay secret until it closes.
    decided = session.final_score is not None
    votes = list(
        session.votes.filter(round__lte=session.round if decided else session.round - 1)
        .select_related("voter")
        .order_by("round", "cast_at", "pk")
    )
    signer = session.protocol_signed_by
    decider = application.decided_by
    names = _person_names([*participants, *(v.voter for v in votes), signer, decider])

    def person(user: Account | None) -> dict[str, str]:
        if user is None:
            return {"full_name": "", "short_name": ""}
        return names[user.pk]

    participant_rows = [person(user) for user in participants]
    participant_rows.sort(key=lambda p: p["full_name"])
    rounds = []
    for number, group in groupby(votes, key=lambda v: v.round):
        items = list(group)
        rounds.append(
            {
                "number": number,
                "title": label(language, "round", number=number),
                "votes": [
                    {
                        "voter": person(v.voter)["full_name"],
                        "choice": label(language, f"choice_{v.choice}"),
                        "score": _score(v.score),
                        "argument": v.argument,
                    }
                    for v in items
                ],
                "outcome": _round_outcome(items, language),
                "short": (
                    label(language, "round_short", cast=len(items), total=len(participants))
                    if len(items) < len(participants)
                    else ""
                ),
            }
        )
    evaluator_score = evaluation.score
    people = _people(evaluation, language)
    return {
        "number": session.pk,
        "organisation": _name(evaluation.period.schedule.organisation, language),
        "held_at": _datetime(session.scheduled_for),
        "place": session.place,
        **people,
        "period": period_text(evaluation.period, language),
        "period_dates": label(
            language,
            "period_dates",
            start=_date(evaluation.period.starts),
            end=_date(evaluation.period.ends),
        ),
        "method": label(language, f"method_{evaluation.method}"),
        "evaluator_score": _score(evaluator_score),
        "evaluator_rating": _rating(rules, evaluation.rating, language),
        "application": {
            "submitted_on": _date(application.submitted_on),
            "text": application.text,
            "decision": label(language, f"decision_{application.status}"),
            "decided_on": _date(application.decided_at),
            "decided_by": person(decider)["full_name"],
            "comment": application.decision_comment,
        },
        "brief": brief_print_data(session, language),
        "participants": participant_rows,
        "presentation": session.presentation,
        "presented_at": _date(session.presented_at),
        "rounds": rounds,
        "adopted_score": _score(session.final_score),
        "adopted_rating": _rating_of(rules, session.final_score, language),
        "signed_on": _date(session.protocol_signed_at),
        "signed_by": person(signer)["full_name"],
        "posting_due": _date(session.protocol_posting_due),
        "posted_on": _date(session.protocol_posted_at),
        "draft": not access.protocol_is_signed(session),
    }


# --- App. 1: the work plan -----------------------------------------------------------------------


def work_plan_data(plan: WorkPlan, *, language: str = "kk") -> dict[str, Any]:
    """App. 1 "жеке жұмыс жоспары": the approver's block, the servant, and every KPI with its
    source, unit, planned value and achievement date ("Қол жеткізу мерзімі") per quarter and the
    expected key result."""
    position = plan.assignment.position
    names = _person_names([plan.approved_by, plan.hr_agreed_by])
    rows = [
        {
            "number": kpi.number,
            "name": kpi.name,
            "source": kpi.source,
            "unit": kpi.unit,
            "plan": [_number(kpi.planned(q)) for q in QUARTERS],
            "deadline": [_date(kpi.achieved_by(q)) for q in QUARTERS],
            "key_result": kpi.key_result,
        }
        for kpi in plan.kpis.order_by("number", "pk")
    ]
    approved_by = names.get(plan.approved_by_id or 0, {}).get("short_name", "")
    return {
        "appendix": label(language, "appendix", number=1),
        "organisation": _name(plan.organisation, language),
        "year": label(language, "plan_year", year=plan.year),
        "servant": {
            "full_name": plan.servant.full_name,
            "position": _name(position, language),
            "unit": _name(position.unit, language),
        },
        "approver": {
            "short_name": approved_by or plan.approver.short_name,
            "date": _date(plan.approved_at),
        },
        "hr_agreed_on": _date(plan.hr_agreed_at),
        "posted_on": _date(plan.posted_at),
        "quarters": [label(language, "quarter", number=q) for q in QUARTERS],
        "rows": rows,
        "draft": plan.status not in (PlanStatus.APPROVED, PlanStatus.POSTED),
        **(_typical_plan_data(plan) if plan.is_typical else {}),
    }


def _typical_plan_data(plan: WorkPlan) -> dict[str, Any]:
    """The typical-2018 App. 1 (seed 004; EDITIONS.md §6.1): approved on the date the approval
    bears (back-dated entry, §9 G-1), and the signatures of the servant and the direct manager."""
    return {
        "typical": True,
        "approver": {
            "short_name": plan.approver.short_name,
            "date": _date(plan.approved_on),
        },
        "signatures": {
            "servant": {
                "short_name": plan.servant.short_name,
                "date": _date(plan.servant_signed_on),
            },
            "manager": {
                "short_name": plan.evaluator.short_name,
                "date": _date(plan.manager_signed_on),
            },
        },
    }


# --- the documents, through the access choke point -----------------------------------------------


def evaluation_sheet_pdf(*, user: User, evaluation_id: int, language: str = "kk") -> PdfFile:
    """The evaluation's sheet as PDF: App. 2 for the KPI method, App. 4 for differentiation.

    404 when the user may not see the result, 403 for someone else's unsigned draft; the
    download (and each earlier quarter printed beside it) is audited.
    """
    evaluation = access.sheet_evaluation_for(user, evaluation_id)
    period = evaluation.period
    quarter = f"q{period.number}" if period.number else period.kind
    name = servant_file_name(evaluation.servant)
    stem = f"{period.schedule.year}-{quarter}-{name}-{evaluation.pk}"
    if evaluation.method == Method.KPI:
        data = kpi_sheet_data(
            evaluation, earlier=access.earlier_quarters_for(user, evaluation), language=language
        )
        content = render_pdf(
            "documents/kpi_sheet.html", {"doc": data}, language=language, landscape=True
        )
        return PdfFile(filename=f"app2-kpi-sheet-{stem}.pdf", content=content)
    if evaluation.method == Method.DIFFERENTIATION:
        data = differentiation_sheet_data(evaluation, language=language)
        content = render_pdf(
            "documents/differentiation_sheet.html", {"doc": data}, language=language
        )
        return PdfFile(filename=f"app4-differentiation-sheet-{stem}.pdf", content=content)
    raise DomainError("method", N_("An annual result has no printed sheet."))


def protocol_pdf(*, user: User, session_id: int, language: str = "kk") -> PdfFile:
    """The calibration session's protocol as PDF (404 when the case is not visible)."""
    session = access.protocol_session_for(user, session_id)
    data = protocol_data(session, language=language)
    content = render_pdf("documents/protocol.html", {"doc": data}, language=language)
    evaluation = session.application.evaluation
    stem = f"{evaluation.period.schedule.year}-{servant_file_name(evaluation.servant)}-{session.pk}"
    return PdfFile(filename=f"calibration-protocol-{stem}.pdf", content=content)


def work_plan_pdf(*, user: User, plan_id: int, language: str = "kk") -> PdfFile:
    """The App. 1 work plan as PDF, for its servant, evaluator, approver and the HR service."""
    plan = access.work_plan_for(user, plan_id)
    data = work_plan_data(plan, language=language)
    template = "documents/typical_work_plan.html" if plan.is_typical else "documents/work_plan.html"
    content = render_pdf(template, {"doc": data}, language=language, landscape=True)
    return PdfFile(
        filename=f"app1-work-plan-{plan.year}-{servant_file_name(plan.servant)}-{plan.pk}.pdf",
        content=content,
    )
