"""Reads of the 360 survey (seed 002 p.33-36, App. 5-8): the rules of a campaign, the respondents
proposed from the structure, HR's lists and progress, the reports and the training needs.

What a selector returns is already anonymous: while the survey is open, progress and the
withheld list count completed questionnaires (never say which); once closed they read the
counters written at closing (`ResponseTally`); a report is computed from the totals written at
closing with the engine's `survey360_report`, the same formula as `bagalau calc`.
Who may call what is decided in `access.py`.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Count, QuerySet, Sum
from django.urls import reverse
from django.utils.translation import get_language

from bagalau.core import clock
from bagalau.core.errors import DomainError
from bagalau.evaluations.models import Period, PeriodKind
from bagalau.methodology import Label, MethodologyError, get_edition, sjc2023_rules
from bagalau.methodology import sjc2023 as engine
from bagalau.methodology.structure import StructureRules
from bagalau.org.models import Assignment, Organisation, Role, Servant, Unit
from bagalau.org.selectors import (
    direct_manager,
    unit_tree,
    users_with_role,
    work_calendar,
)
from bagalau.surveys.models import (
    AnswerTotal,
    Campaign,
    CampaignStatus,
    Invitation,
    PaperBatch,
    Relation,
    ResponseTally,
    SelfAssessment,
    SurveyFormCode,
    Target,
)
from bagalau.surveys.respondents import respondent_choices as respondent_choices
from bagalau.surveys.workflow import answering_open

HR_ROLES = (Role.HR, Role.HR_HEAD)
#: Relations in the order the proposal fills the list (p.35: manager, subordinates, peers).
RELATION_ORDER: dict[str, int] = {Relation.MANAGER: 0, Relation.SUBORDINATE: 1, Relation.PEER: 2}


def reader_language() -> str:
    """The request's language, as the forms' labels are keyed."""
    return (get_language() or "kk")[:2]


def hr_users(organisation: Organisation) -> list[Any]:
    """The accounts of the organisation's HR service (told of the campaign's steps)."""
    return list(users_with_role(organisation, *HR_ROLES))


def campaign_url(campaign: Campaign) -> str:
    """HR's page of a campaign."""
    return reverse("surveys:campaign", args=[campaign.pk])


def text(label: Label, language: str | None = None) -> str:
    """A methodology label in the reader's language."""
    return label.get(language or get_language() or "kk")


def day_text(value: dt.date | None) -> str:
    """Dates in messages, the same in every language."""
    return value.strftime("%d.%m.%Y") if value is not None else ""


# --- rules ---------------------------------------------------------------------------------------


def rules_for(campaign: Campaign) -> engine.Sjc2023Rules:
    """The sjc-2023 rules the campaign was opened under."""
    try:
        return sjc2023_rules(get_edition(campaign.edition))
    except MethodologyError as error:
        raise DomainError.from_methodology(error, "edition") from error


def survey_form(campaign: Campaign, form: str) -> engine.SurveyForm:
    """App. 5 or App. 6 of the campaign's edition."""
    try:
        return engine.survey_form(rules_for(campaign), form)
    except MethodologyError as error:
        raise DomainError.from_methodology(error) from error


def legal_deadline(campaign: Campaign) -> dt.date:
    """By the 10th of the month after the reporting year (p.4)."""
    return engine.survey360_deadline(rules_for(campaign), campaign.year)


def survey_period(organisation: Organisation, year: int) -> Period | None:
    """The 360 line of the year's schedule, when HR drafted one."""
    return (
        Period.objects.filter(
            schedule__organisation=organisation, schedule__year=year, kind=PeriodKind.SURVEY360
        )
        .order_by("pk")
        .first()
    )


def form_for(assignment: Assignment, rules: StructureRules | None = None) -> str:
    """App. 5 for the deputy head and heads of units (posts evaluated by KPI), App. 6 for staff;
    under the structure `rules` of the day when given (a campaign's evaluatees), else under
    those the organisation evaluates under today."""
    if rules is None:
        manager = assignment.position.is_manager
    else:
        manager = assignment.position.evaluated_by_kpi(rules)
    return SurveyFormCode.MANAGER if manager else SurveyFormCode.STAFF


# --- HR: campaigns, lists, progress ---------------------------------------------------------------


def campaigns_of(organisation: Organisation) -> QuerySet[Campaign]:
    """The organisation's campaigns, newest first."""
    return Campaign.objects.filter(organisation=organisation).order_by("-year")


def open_campaign_of(organisation: Organisation) -> Campaign | None:
    """The organisation's campaign under way, if any."""
    return (
        Campaign.objects.filter(organisation=organisation, status=CampaignStatus.OPEN)
        .order_by("-year")
        .first()
    )


@dataclass
class TargetRow:
    """One evaluatee in HR's list: the respondents (no completion: HR does not learn who
    answered), the count check and, once closed, whether the report is released."""

    target: Target
    respondents: list[Invitation]
    count: int
    count_ok: bool
    released: bool | None = None
    #: Exactly the minimum: allowed (p.35), but two respondents together could work out the
    #: third's answers from the report (issue 8 item 4), so HR is warned.
    at_minimum: bool = False
    #: The list has no direct manager and HR wrote no reason (p.35 1)): opening is refused.
    no_manager: bool = False


@dataclass
class UnitRows:
    """The evaluatees of one unit."""

    unit: Unit
    depth: int
    rows: list[TargetRow] = field(default_factory=list)


def target_rows(
    campaign: Campaign,
    *,
    target_ids: Sequence[int] | None = None,
    no_manager_ids: set[int] | None = None,
) -> list[UnitRows]:
    """Every evaluatee with its respondent list, by unit in tree order; with `target_ids`, only
    those (a page); with `no_manager_ids`, the lists known to lack the direct manager without a
    reason (surveys.listing finds them in bulk) instead of asking the structure row by row."""
    rules = rules_for(campaign)
    low, high = rules.survey.min_respondents, rules.survey.max_respondents
    chosen = campaign.targets.select_related("servant", "position", "unit", "evaluator")
    asked = Invitation.objects.filter(target__campaign=campaign)
    if target_ids is not None:
        chosen = chosen.filter(pk__in=list(target_ids))
        asked = asked.filter(target_id__in=list(target_ids))
    targets = list(chosen.order_by("servant__last_name", "servant__first_name", "pk"))
    invitations: dict[int, list[Invitation]] = defaultdict(list)
    for invitation in asked.select_related("respondent").only(
        "pk", "target_id", "relation", "respondent"
    ):
        invitations[invitation.target_id].append(invitation)
    released = released_targets(campaign) if campaign.status == CampaignStatus.CLOSED else set()
    today = clock.today()
    by_unit: dict[int, list[TargetRow]] = defaultdict(list)
    for target in targets:
        people = sorted(
            invitations[target.pk],
            key=lambda i: (
                RELATION_ORDER.get(i.relation, 9),
                i.respondent.last_name,
                i.respondent.first_name,
                i.respondent_id,
            ),
        )
        by_unit[target.unit_id].append(
            TargetRow(
                target=target,
                respondents=people,
                count=len(people),
                count_ok=low <= len(people) <= high,
                released=(target.pk in released)
                if campaign.status == CampaignStatus.CLOSED
                else None,
                at_minimum=len(people) == low,
                no_manager=campaign.status == CampaignStatus.DRAFT
                and (
                    target.pk in no_manager_ids
                    if no_manager_ids is not None
                    else lacks_manager(target, people, today)
                ),
            )
        )
    return [
        UnitRows(unit=unit, depth=depth, rows=by_unit[unit.pk])
        for unit, depth in unit_tree(campaign.organisation)
        if by_unit.get(unit.pk)
    ]


def target_row(target: Target) -> TargetRow:
    """The evaluatee's line of HR's list."""
    for group in target_rows(target.campaign, target_ids=[target.pk]):
        for row in group.rows:
            if row.target.pk == target.pk:
                return row
    raise AssertionError("the target is in its campaign")


def lacks_manager(target: Target, invitations: Sequence[Invitation], day: dt.date) -> bool:
    """Whether the list lacks the direct manager and HR wrote no reason (p.35 1))."""
    if target.no_manager_reason.strip():
        return False
    manager = direct_manager(target.servant, day)
    return manager is None or all(i.respondent_id != manager.pk for i in invitations)


def lists_to_fix(campaign: Campaign) -> list[TargetRow]:
    """Evaluatees whose list is not 3-7 yet or lacks the direct manager without a reason
    (opening is refused until none is left)."""
    return [
        row
        for group in target_rows(campaign)
        for row in group.rows
        if not row.count_ok or row.no_manager
    ]


@dataclass
class Progress:
    """Answered / due for a unit's evaluatees: counts only, never who."""

    unit: Unit | None
    depth: int
    targets: int
    answered: int
    due: int
    self_done: int

    @property
    def percent(self) -> int:
        """Answered questionnaires in percent of those due."""
        return round(100 * self.answered / self.due) if self.due else 0

    @property
    def self_percent(self) -> int:
        """Self-assessments submitted in percent of the evaluatees."""
        return round(100 * self.self_done / self.targets) if self.targets else 0


def tallies(campaign: Campaign) -> dict[int, int]:
    """Non-self responses per target: completed questionnaires while the survey runs (paper
    ones included), the counters written at closing afterwards."""
    if campaign.status == CampaignStatus.CLOSED:
        return dict(
            ResponseTally.objects.filter(target__campaign=campaign).values_list(
                "target_id", "responses"
            )
        )
    return dict(
        Invitation.objects.filter(target__campaign=campaign, completed=True)
        .values("target_id")
        .annotate(n=Count("pk"))
        .values_list("target_id", "n")
    )


def paper_awaiting(campaign: Campaign) -> list[Target]:
    """Evaluatees with paper questionnaires returned and not entered yet (closing waits)."""
    return list(
        campaign.targets.filter(paper_pending__gt=0)
        .select_related("servant", "unit")
        .order_by("servant__last_name", "servant__first_name", "pk")
    )


def paper_batches(target: Target) -> list[PaperBatch]:
    """The paper batches HR entered for a target (counts, dates, scans; never whose)."""
    return list(target.paper_batches.select_related("entered_by").order_by("pk"))


def progress(campaign: Campaign) -> tuple[list[Progress], Progress]:
    """Per unit of the evaluatees (tree order) and for the whole organisation: questionnaires
    answered of those due, self-assessments submitted."""
    counts = tallies(campaign)
    due = dict(campaign.targets.annotate(n=Count("invitations")).values_list("pk", "n"))
    self_done = set(
        SelfAssessment.objects.filter(
            target__campaign=campaign, submitted_on__isnull=False
        ).values_list("target_id", flat=True)
    )
    per_unit: dict[int, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    for target_id, unit_id in campaign.targets.values_list("pk", "unit_id"):
        item = per_unit[unit_id]
        item[0] += 1
        item[1] += counts.get(target_id, 0)
        item[2] += due.get(target_id, 0)
        item[3] += target_id in self_done
    rows = [
        Progress(unit, depth, *per_unit[unit.pk])
        for unit, depth in unit_tree(campaign.organisation)
        if unit.pk in per_unit
    ]
    total = Progress(
        None,
        0,
        sum(r.targets for r in rows),
        sum(r.answered for r in rows),
        sum(r.due for r in rows),
        sum(r.self_done for r in rows),
    )
    return rows, total


def progress_total(campaign: Campaign) -> Progress:
    """The total of `progress` (the dashboard's figure), counted in the database: evaluatees,
    questionnaires answered (`tallies`) and due, self-assessments submitted."""
    targets = campaign.targets.all()
    if campaign.status == CampaignStatus.CLOSED:
        tallied = ResponseTally.objects.filter(target__campaign=campaign)
        answered = tallied.aggregate(n=Sum("responses"))["n"] or 0
    else:
        answered = Invitation.objects.filter(target__campaign=campaign, completed=True).count()
    due = Invitation.objects.filter(target__campaign=campaign).count()
    self_done = (
        SelfAssessment.objects.filter(target__campaign=campaign, submitted_on__isnull=False)
        .values("target_id")
        .distinct()
        .count()
    )
    return Progress(None, 0, targets.count(), answered, due, self_done)


def withheld_count(campaign: Campaign) -> int:
    """How many evaluatees `withheld` lists, counted in the database."""
    if campaign.status == CampaignStatus.DRAFT:
        return 0
    needed = rules_for(campaign).survey.min_respondents
    enough: QuerySet[Any, Any]
    if campaign.status == CampaignStatus.CLOSED:
        enough = ResponseTally.objects.filter(
            target__campaign=campaign, responses__gte=needed
        ).values("target_id")
    else:
        enough = (
            Invitation.objects.filter(target__campaign=campaign, completed=True)
            .values("target_id")
            .annotate(n=Count("pk"))
            .filter(n__gte=needed)
            .values("target_id")
        )
    return campaign.targets.exclude(pk__in=enough).count()


@dataclass(frozen=True)
class AtRisk:
    """An evaluatee with fewer responses than a report needs (a count, never who)."""

    target: Target
    responses: int
    needed: int


def withheld(campaign: Campaign) -> list[AtRisk]:
    """While open: the evaluatees whose report would be withheld if the survey ended now; once
    closed: those whose report is withheld. Empty for a draft."""
    if campaign.status == CampaignStatus.DRAFT:
        return []
    needed = rules_for(campaign).survey.min_respondents
    counts = tallies(campaign)
    targets = campaign.targets.select_related("servant", "unit", "position").order_by(
        "servant__last_name", "servant__first_name", "pk"
    )
    return [
        AtRisk(target, counts.get(target.pk, 0), needed)
        for target in targets
        if counts.get(target.pk, 0) < needed
    ]


def released_targets(campaign: Campaign) -> set[int]:
    """The evaluatees whose report is released (closed campaign, at least 3 responses)."""
    if campaign.status != CampaignStatus.CLOSED:
        return set()
    needed = rules_for(campaign).survey.min_respondents
    return {pk for pk, count in tallies(campaign).items() if count >= needed}


# --- reports (App. 7 / App. 8) --------------------------------------------------------------------

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


def report_for(target: Target, *, language: str | None = None) -> Report:
    """The report of a target. Released only when the campaign is closed and at least 3
    non-self responses exist (p.35); otherwise says why it is withheld."""
    campaign = target.campaign
    rules = rules_for(campaign)
    form = survey_form(campaign, target.form)
    responses = tallies_for(target)
    needed = rules.survey.min_respondents
    report = Report(
        target=target,
        campaign=campaign,
        form=form,
        released=False,
        responses=responses,
        needed=needed,
        self_submitted=SelfAssessment.objects.filter(
            target=target, submitted_on__isnull=False
        ).exists(),
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
        totals=competency_totals([target.pk]).get(target.pk, {}),
        responses=responses,
        self_answers=self_answers(target),
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
    """Non-self responses for one target (see `tallies`)."""
    if target.campaign.status == CampaignStatus.CLOSED:
        return (
            ResponseTally.objects.filter(target=target).values_list("responses", flat=True).first()
            or 0
        )
    return Invitation.objects.filter(target=target, completed=True).count()


def paper_count(target: Target) -> int:
    """How many of a closed campaign's responses about the target were entered from paper."""
    return ResponseTally.objects.filter(target=target).values_list("paper", flat=True).first() or 0


# --- training needs (p.36) -----------------------------------------------------------------------


@dataclass(frozen=True)
class TrainingRow:
    """A competency and, per unit, how many servants have it among their lowest three."""

    code: str
    name: str
    counts: list[int]
    total: int


@dataclass
class TrainingNeeds:
    """The input for training topics: released reports only."""

    campaign: Campaign
    units: list[Unit]
    rows: list[TrainingRow]
    released: int
    withheld: int


def training_needs(campaign: Campaign, *, language: str | None = None) -> TrainingNeeds:
    """Per competency (p.34 order) and unit of the evaluatee, the number of servants whose
    released report has it among the lowest three."""
    rules = rules_for(campaign)
    released = released_targets(campaign)
    targets = list(campaign.targets.filter(pk__in=released).select_related("unit"))
    totals = competency_totals([t.pk for t in targets])
    counts = tallies(campaign)
    self_answers = {
        s.target_id: s.answers
        for s in SelfAssessment.objects.filter(target__in=targets, submitted_on__isnull=False)
    }
    per: dict[tuple[str, int], int] = defaultdict(int)
    unit_ids: set[int] = set()
    for target in targets:
        result = compute_result(
            campaign,
            target,
            totals=totals.get(target.pk, {}),
            responses=counts.get(target.pk, 0),
            self_answers=self_answers.get(target.pk),
        )
        unit_ids.add(target.unit_id)
        for code in result.lowest:
            per[(code, target.unit_id)] += 1
    units = [unit for unit, _d in unit_tree(campaign.organisation) if unit.pk in unit_ids]
    rows = []
    for choice in rules.survey.competencies:
        line = [per[(choice.code, unit.pk)] for unit in units]
        rows.append(TrainingRow(choice.code, text(choice.label, language), line, sum(line)))
    return TrainingNeeds(
        campaign=campaign,
        units=units,
        rows=rows,
        released=len(targets),
        withheld=campaign.targets.count() - len(targets),
    )


# --- respondents and evaluatees -------------------------------------------------------------------


@dataclass(frozen=True)
class Task:
    """A questionnaire of the viewer: about a colleague (an invitation) or themselves."""

    kind: str  # "invitation" | "self"
    pk: int
    campaign: Campaign
    evaluatee: Servant
    position: str
    done_on: dt.date | None
    open: bool
    on_paper: bool = False
    #: The opaque reference in URLs (`refs.with_refs`), for a questionnaire about a colleague.
    ref: str = ""

    @property
    def done(self) -> bool:
        """Submitted."""
        return self.done_on is not None


def tasks_of(servant: Servant | None, *, only_open: bool = False) -> list[Task]:
    """The servant's own questionnaires: self-assessment first, then colleagues by name, newest
    campaign first. Answers are never read here."""
    if servant is None:
        return []
    today = clock.today()
    states = [CampaignStatus.OPEN] if only_open else [CampaignStatus.OPEN, CampaignStatus.CLOSED]
    tasks: list[Task] = []
    own = SelfAssessment.objects.filter(
        target__servant=servant, target__campaign__status__in=states
    ).select_related("target__campaign", "target__servant", "target__position")
    for item in own:
        campaign = item.target.campaign
        tasks.append(
            Task(
                "self",
                item.target_id,
                campaign,
                servant,
                item.target.position.name,
                item.submitted_on,
                answering_open(campaign, today),
            )
        )
    invitations = (
        Invitation.objects.filter(respondent=servant, target__campaign__status__in=states)
        .select_related("target__campaign", "target__servant", "target__position")
        .only(
            "pk",
            "completed_on",
            "on_paper",
            "target__campaign",
            "target__servant",
            "target__position",
        )
        .order_by("target__servant__last_name", "target__servant__first_name", "pk")
    )
    for invitation in invitations:
        campaign = invitation.target.campaign
        tasks.append(
            Task(
                "invitation",
                invitation.pk,
                campaign,
                invitation.target.servant,
                invitation.target.position.name,
                invitation.completed_on,
                answering_open(campaign, today),
                on_paper=invitation.on_paper,
            )
        )
    tasks.sort(key=lambda t: (-t.campaign.year, t.kind != "self"))
    return tasks


def pending_count(servant: Servant, campaign: Campaign) -> int:
    """The servant's unanswered questionnaires (self included) in a campaign."""
    invitations = Invitation.objects.filter(
        respondent=servant, target__campaign=campaign, completed=False
    ).count()
    own = SelfAssessment.objects.filter(
        target__servant=servant, target__campaign=campaign, submitted_on__isnull=True
    ).count()
    return invitations + own


def reminder_days(campaign: Campaign) -> tuple[dt.date, dt.date]:
    """The reminders go out 3 working days before the deadline and on the working day before."""
    calendar = work_calendar()
    return (
        calendar.add_working_days(campaign.deadline, -3),
        calendar.add_working_days(campaign.deadline, -1),
    )


def answered_count(answers: Mapping[str, Sequence[int | None]] | None) -> int:
    """How many statements a (draft) answer set answers."""
    if not answers:
        return 0
    return sum(1 for values in answers.values() for v in values if v is not None)


def statement_count(form: engine.SurveyForm) -> int:
    """How many statements the form asks."""
    return sum(len(c.statements) for c in form.competencies)
