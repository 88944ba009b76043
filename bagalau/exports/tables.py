"""The content of each export, read through the selectors of the page it comes from, so a file
holds exactly what that page shows (issue 14 item 2).

A `Table` is a worksheet: its title, its header row (in the reader's language) and its rows of
typed values — text, whole numbers, `Decimal` scores and dates — which `bagalau.exports.xlsx`
writes as text, number and date cells.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

from django.utils import timezone
from django.utils.translation import gettext as _

from bagalau.calibration.models import AppealBasis, AppealOutcome, Application
from bagalau.commission.editions import model_of
from bagalau.commission.models import CommissionSession, MotionKind
from bagalau.consequences.selectors import rating_words
from bagalau.core.language import reader_language
from bagalau.evaluations.access import evaluations_visible_to
from bagalau.evaluations.models import Evaluation, EvaluationStatus, Method, Period
from bagalau.evaluations.rules import rules_for
from bagalau.evaluations.selectors.sheets import consequences, rating_label
from bagalau.evaluations.workflow import WITH_RESULT
from bagalau.methodology import EvaluationModel, get_edition
from bagalau.methodology.editions import typical2018_rules
from bagalau.moj.common import rating_text
from bagalau.org.models import Organisation
from bagalau.surveys.models import Campaign
from bagalau.surveys.selectors import progress

if TYPE_CHECKING:
    from bagalau.core.types import User

Value = str | int | Decimal | dt.date | None


@dataclass
class Table:
    """One worksheet: a title (at most 31 characters, the XLSX limit), headers and rows."""

    title: str
    headers: list[str]
    rows: list[list[Value]] = field(default_factory=list)


def _day(value: dt.datetime | dt.date | None) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return dt.date(value.year, value.month, value.day)
    return value


def _calibrated(evaluation: Evaluation) -> bool:
    """Whether a calibration session adopted the score that stands (p.39)."""
    application = getattr(evaluation, "calibration_application", None)
    session = getattr(application, "session", None) if application is not None else None
    return session is not None and session.final_score is not None


def _rating_words(evaluation: Evaluation) -> str:
    """The result's rating as its edition words it: a moj-2017 quarter's or year's (seed 001
    p.27, p.33), a typical-2018 KPI result's (seed 004 p.18) or sjc-2023's (seed 002 p.7)."""
    code = evaluation.result_rating
    if not code:
        return ""
    if model_of(evaluation) == EvaluationModel.MOJ2017:
        return rating_text(code, evaluation, reader_language())
    return rating_words(evaluation.edition, code, reader_language())


def _result_row(evaluation: Evaluation) -> list[Value]:
    position = evaluation.assignment.position
    return [
        position.unit.name,
        evaluation.servant.full_name,
        position.name,
        str(Method(evaluation.method).label),
        str(EvaluationStatus(evaluation.status).label),
        evaluation.result_score,
        _rating_words(evaluation),
        _("yes") if _calibrated(evaluation) else "",
        _day(evaluation.familiarised_on),
    ]


def results(*, user: User, period: Period) -> list[Table]:
    """The period's results by unit: every result signed or later the user may see (the head
    of HR sees them all), as the consequences and annual pages read them, each rating in its
    edition's words."""
    rows = (
        evaluations_visible_to(user)
        .filter(period=period, status__in=WITH_RESULT)
        .select_related("assignment__position__unit", "servant", "calibration_application__session")
        .order_by(
            "assignment__position__unit__order",
            "assignment__position__unit__name_kk",
            "servant__last_name",
            "servant__first_name",
            "pk",
        )
    )
    table = Table(
        str(period)[:31],
        [
            _("unit"),
            _("servant"),
            _("position"),
            _("method"),
            _("status"),
            _("score"),
            _("rating"),
            _("calibrated"),
            _("familiarised on"),
        ],
        [_result_row(evaluation) for evaluation in rows],
    )
    return [table]


def consequence_lists(*, user: User, period: Period) -> list[Table]:
    """The p.8 lists of the period (seed 002 p.8), one worksheet each, as the draft of an order:
    the consequences page's very lists (the selector audits the download)."""
    lists = consequences(user=user, period=period, purpose="export_consequences")
    sections = [
        (_("Eligible for a bonus"), lists.bonus),
        (_("Needs training"), lists.training),
        (_("Unsatisfactory results"), lists.unsatisfactory),
    ]
    headers = [
        _("No."),
        _("servant"),
        _("position"),
        _("unit"),
        _("score"),
        _("rating"),
        _("final"),
    ]
    tables = []
    for title, lines in sections:
        table = Table(title[:31], headers)
        for number, line in enumerate(lines, start=1):
            position = line.evaluation.assignment.position
            table.rows.append(
                [
                    number,
                    line.evaluation.servant.full_name,
                    position.name,
                    position.unit.name,
                    line.score,
                    line.rating_label,
                    _("yes") if line.final else _("not yet"),
                ]
            )
        tables.append(table)
    return tables


def calibration_outcomes(*, organisation: Organisation, year: int) -> list[Table]:
    """Every calibration application of the year's results (p.37-40): the result applied
    against, the session and the score it adopted."""
    applications = (
        Application.objects.filter(
            evaluation__period__schedule__organisation=organisation,
            evaluation__period__schedule__year=year,
        )
        .select_related(
            "evaluation__servant",
            "evaluation__period__schedule",
            "evaluation__assignment__position__unit",
            "session",
        )
        .order_by("submitted_on", "pk")
    )
    table = Table(
        _("Calibration")[:31],
        [
            _("servant"),
            _("unit"),
            _("period"),
            _("submitted on"),
            _("application"),
            _("score applied against"),
            _("rating applied against"),
            _("session"),
            _("session status"),
            _("adopted score"),
            _("final rating"),
            _("protocol signed"),
        ],
    )
    for application in applications:
        evaluation = application.evaluation
        rules = rules_for(evaluation)
        session = getattr(application, "session", None)
        table.rows.append(
            [
                evaluation.servant.full_name,
                evaluation.assignment.position.unit.name,
                str(evaluation.period),
                application.submitted_on,
                application.get_status_display(),
                evaluation.score,
                rating_label(rules, evaluation.rating),
                _day(session.scheduled_for) if session else None,
                session.get_status_display() if session else "",
                session.final_score if session else None,
                rating_label(rules, evaluation.final_rating),
                _day(session.protocol_signed_at) if session else None,
            ]
        )
    return [table]


def survey360_progress(*, campaign: Campaign) -> list[Table]:
    """The campaign page's progress by unit (seed 002 p.35): questionnaires answered of those
    due and self-assessments — counts only, never who answered."""
    rows, total = progress(campaign)
    table = Table(
        _("360 progress")[:31],
        [
            _("unit"),
            _("evaluatees"),
            _("answered"),
            _("due"),
            _("answered, %"),
            _("self-assessments"),
        ],
    )
    for row in [*rows, total]:
        name = row.unit.name if row.unit is not None else _("Whole organisation")
        indent = "  " * row.depth if row.unit is not None else ""
        table.rows.append(
            [indent + name, row.targets, row.answered, row.due, row.percent, row.self_done]
        )
    return [table]


def _kpi_rating(edition: str, count: Decimal | int | None) -> str:
    """The App. 2 rating of a count of KPIs achieved (seed 004 p.18), in the reader's language."""
    if count is None:
        return ""
    band = typical2018_rules(get_edition(edition)).kpi_rating.band_for(Decimal(count))
    return band.label.get(reader_language())


def _session_rating(evaluation: Evaluation, moj: bool) -> str:
    """The rating of a servant on a session's agenda in words: a moj-2017 quarter's or year's
    (seed 001 p.27, p.33; it has no KPI count), else the App. 2 rating of the KPIs achieved."""
    if moj:
        return rating_text(evaluation.rating, evaluation, reader_language())
    return _kpi_rating(evaluation.edition, evaluation.score)


def _competencies_met(evaluation: Evaluation) -> str:
    sheet = getattr(evaluation, "typical_competency_sheet", None)
    if sheet is None or not sheet.results:
        return ""
    met = sum(1 for item in sheet.results.values() if item.get("result") == "meets")
    return f"{met} / {len(sheet.results)}"


def commission_results(*, session: CommissionSession) -> list[Table]:
    """A typical-2018 commission session's results (App. 5 and what followed, EDITIONS.md §2.2
    G-I): each servant's KPI result (p.18) and competencies met (p.27), the decision, the
    corrected count and its reason, the open vote, the familiarisation or the refusal act, and
    the appeal with its outcome."""
    table = Table(
        _("Commission %(date)s") % {"date": f"{session.date:%d.%m.%Y}"},
        [
            _("No."),
            _("unit"),
            _("servant"),
            _("position"),
            _("KPIs achieved"),
            _("rating"),
            _("competencies met"),
            _("decision"),
            _("KPIs achieved, as corrected"),
            _("reason"),
            _("for"),
            _("against"),
            _("familiarised on"),
            _("refusal act"),
            _("appeal filed on"),
            _("appeal outcome"),
        ],
    )
    items = session.agenda.select_related(
        "evaluation__servant",
        "evaluation__assignment__position__unit",
        "evaluation__typical_competency_sheet",
    ).prefetch_related("motions", "evaluation__appeals", "evaluation__refusals")
    for item in items:
        evaluation = item.evaluation
        moj = model_of(evaluation) == EvaluationModel.MOJ2017
        position = evaluation.assignment.position
        motion = item.decision
        # The act on this session's decision: the first drawn up on or after its day (a
        # revised decision may be refused again, T-15).
        refusal = next(
            (
                act
                for act in evaluation.refusals.all()
                if timezone.localdate(act.drawn_up_at) >= session.date
            ),
            None,
        )
        appeals = [a for a in evaluation.appeals.all() if a.basis == AppealBasis.COMMISSION]
        appeal = appeals[-1] if appeals else None
        table.rows.append(
            [
                item.number,
                position.unit.name,
                evaluation.servant.full_name,
                position.name,
                None if evaluation.score is None or moj else int(evaluation.score),
                _session_rating(evaluation, moj),
                _competencies_met(evaluation),
                "" if motion is None else str(MotionKind(motion.kind).label),
                None if motion is None else motion.revised_kpi_achieved,
                "" if motion is None else motion.reason,
                None if motion is None else motion.votes_for,
                None if motion is None else motion.votes_against,
                _day(evaluation.familiarised_on),
                None if refusal is None else timezone.localdate(refusal.drawn_up_at),
                None if appeal is None else appeal.filed_on,
                "" if appeal is None else str(AppealOutcome(appeal.outcome).label),
            ]
        )
    return [table]


def campaign_of(organisation: Organisation, campaign_id: int) -> Campaign | None:
    """A campaign of the organisation (None for another's or a missing one)."""
    return Campaign.objects.filter(pk=campaign_id, organisation=organisation).first()
