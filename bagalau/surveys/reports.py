"""The 360 reports (seed 002 p.35-36, App. 7 and App. 8): a servant's report computed from the
totals written at closing with the engine's `survey360_report` (the same formula as `bagalau
calc`), or why it is withheld (the campaign not closed, fewer respondents than p.35 asks), and
the counts a report prints. Who may read a report is decided in `access.py`."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Count

from bagalau.core.errors import DomainError
from bagalau.methodology import MethodologyError
from bagalau.methodology import sjc2023 as engine
from bagalau.surveys.models import (
    AnswerTotal,
    Campaign,
    CampaignStatus,
    Invitation,
    ResponseTally,
    SelfAssessment,
    Target,
)
from bagalau.surveys.selectors import rules_for, survey_form, text

NOT_CLOSED = "not_closed"
TOO_FEW = "too_few"


@dataclass(frozen=True)
class ReportRow:
    """One competency line: the others' mean, the self-assessment beside, and whether it is one
    of the lowest (with its rank, 1 = lowest)."""

    number: int
    code: str
    name: str
    others: Decimal
    own: Decimal | None
    lowest_rank: int | None


@dataclass
class Report:
    """A servant's 360 report, or why it is withheld."""

    target: Target
    campaign: Campaign
    form: engine.SurveyForm
    released: bool
    reason: str = ""
    responses: int = 0
    needed: int = 3
    result: engine.Survey360Result | None = None
    rows: list[ReportRow] = field(default_factory=list)
    lowest: list[ReportRow] = field(default_factory=list)
    self_submitted: bool = False


def competency_totals(target_ids: Sequence[int]) -> dict[int, dict[str, engine.CompetencyTotal]]:
    """Per target and competency: the sum of the non-self answers and how many, from the
    per-statement totals."""
    sums: dict[int, dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    for target_id, code, total, answers in AnswerTotal.objects.filter(
        target_id__in=target_ids
    ).values_list("target_id", "competency", "total", "answers"):
        item = sums[target_id][code]
        item[0] += total
        item[1] += answers
    return {
        target_id: {code: engine.CompetencyTotal(t, n) for code, (t, n) in codes.items()}
        for target_id, codes in sums.items()
    }


def self_answers(target: Target) -> Mapping[str, Sequence[int]] | None:
    """The target's submitted self-assessment (shown beside, never counted, p.35), or None."""
    own = SelfAssessment.objects.filter(target=target, submitted_on__isnull=False).first()
    return own.answers if own is not None else None


def compute_result(
    campaign: Campaign,
    target: Target,
    *,
    totals: Mapping[str, engine.CompetencyTotal],
    responses: int,
    self_answers: Mapping[str, Sequence[int]] | None,
) -> engine.Survey360Result:
    """The engine's App. 7/8 result from the stored totals (the `bagalau calc` formula)."""
    try:
        return engine.survey360_report(
            rules_for(campaign),
            target.form,
            totals=totals,
            respondents=responses,
            self_answers=self_answers,
        )
    except MethodologyError as error:
        raise DomainError.from_methodology(error, "report") from error


def compute_lowest(
    campaign: Campaign,
    target: Target,
    *,
    totals: Mapping[str, engine.CompetencyTotal],
    responses: int,
) -> tuple[str, ...]:
    """The lowest competencies `compute_result` would give (p.36), without the rest of the
    report: what the closing stores for the training needs."""
    try:
        return engine.survey360_lowest(
            rules_for(campaign), target.form, totals=totals, respondents=responses
        )
    except MethodologyError as error:
        raise DomainError.from_methodology(error, "report") from error


def report_for(target: Target, *, language: str | None = None) -> Report:
    """The report of a target. Released only when the campaign is closed and at least 3
    non-self responses exist (p.35); otherwise says why it is withheld."""
    return reports_for([target], language=language)[0]


def reports_for(targets: Sequence[Target], *, language: str | None = None) -> list[Report]:
    """The reports of `targets`, in their order (each as `report_for` says), read with one
    query per kind of input whatever their number: the campaigns not loaded with the targets,
    the responses (the closed campaigns' counters, the others' completed questionnaires), the
    submitted self-assessments and the released reports' totals."""
    targets = list(targets)
    campaigns = _campaigns_of(targets)
    closed = [t.pk for t in targets if campaigns[t.campaign_id].status == CampaignStatus.CLOSED]
    running = [t.pk for t in targets if campaigns[t.campaign_id].status != CampaignStatus.CLOSED]
    responses: dict[int, int] = {}
    if closed:
        responses.update(
            ResponseTally.objects.filter(target_id__in=closed).values_list("target_id", "responses")
        )
    if running:
        responses.update(
            Invitation.objects.filter(target_id__in=running, completed=True)
            .order_by()
            .values("target_id")
            .annotate(n=Count("pk"))
            .values_list("target_id", "n")
        )
    own: dict[int, Any] = dict(
        SelfAssessment.objects.filter(
            target_id__in=[t.pk for t in targets], submitted_on__isnull=False
        ).values_list("target_id", "answers")
    )
    released = [
        t.pk
        for t in targets
        if campaigns[t.campaign_id].status == CampaignStatus.CLOSED
        and responses.get(t.pk, 0) >= rules_for(campaigns[t.campaign_id]).survey.min_respondents
    ]
    totals = competency_totals(released) if released else {}
    return [
        _report(
            target,
            campaigns[target.campaign_id],
            responses=responses.get(target.pk, 0),
            own=own,
            totals=totals.get(target.pk, {}),
            language=language,
        )
        for target in targets
    ]


def _campaigns_of(targets: Sequence[Target]) -> dict[int, Campaign]:
    """The targets' campaigns: those loaded with them, the others in one query."""
    found = {t.campaign_id: t.campaign for t in targets if Target.campaign.is_cached(t)}
    missing = {t.campaign_id for t in targets} - set(found)
    if missing:
        found.update(Campaign.objects.in_bulk(missing))
    return found


def _report(
    target: Target,
    campaign: Campaign,
    *,
    responses: int,
    own: Mapping[int, Any],
    totals: Mapping[str, engine.CompetencyTotal],
    language: str | None,
) -> Report:
    """One report from its inputs read in bulk (`reports_for`)."""
    rules = rules_for(campaign)
    form = survey_form(campaign, target.form)
    needed = rules.survey.min_respondents
    report = Report(
        target=target,
        campaign=campaign,
        form=form,
        released=False,
        responses=responses,
        needed=needed,
        self_submitted=target.pk in own,
    )
    if campaign.status != CampaignStatus.CLOSED:
        report.reason = NOT_CLOSED
        return report
    if responses < needed:
        report.reason = TOO_FEW
        return report
    result = compute_result(
        campaign,
        target,
        totals=totals,
        responses=responses,
        self_answers=own.get(target.pk),
    )
    report.released = True
    report.result = result
    ranks = {code: index + 1 for index, code in enumerate(result.lowest)}
    report.rows = [
        ReportRow(
            number=index + 1,
            code=code,
            name=text(rules.survey.competency_label(code), language),
            others=result.competencies[code],
            own=result.self_assessment[code] if result.self_assessment else None,
            lowest_rank=ranks.get(code),
        )
        for index, code in enumerate(form.codes)
    ]
    by_code = {row.code: row for row in report.rows}
    report.lowest = [by_code[code] for code in result.lowest]
    return report


def tallies_for(target: Target) -> int:
    """Non-self responses for one target: while the survey runs its completed questionnaires
    (paper ones included), once closed the count written at closing."""
    if target.campaign.status == CampaignStatus.CLOSED:
        return (
            ResponseTally.objects.filter(target=target).values_list("responses", flat=True).first()
            or 0
        )
    return Invitation.objects.filter(target=target, completed=True).count()


def paper_count(target: Target) -> int:
    """How many of a closed campaign's responses about the target were entered from paper."""
    return ResponseTally.objects.filter(target=target).values_list("paper", flat=True).first() or 0
