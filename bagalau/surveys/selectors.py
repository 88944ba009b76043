"""Reads of the 360 survey (seed 002 p.33-36, App. 5-8): the rules of a campaign, the respondents
proposed from the structure, HR's lists and progress (the reports are in `reports`, the training
needs in `training`, a servant's questionnaires in `my_tasks`).

What a selector returns is already anonymous: while the survey is open, progress and the
withheld list count completed questionnaires (never say which); once closed they read the
counters written at closing (`ResponseTally`); a report is computed from the totals written at
closing with the engine's `survey360_report`, the same formula as `bagalau calc`.
Who may call what is decided in `access.py`.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from django.db.models import F, IntegerField, QuerySet
from django.db.models.functions import Coalesce
from django.urls import reverse

from bagalau.core import clock
from bagalau.core.errors import DomainError
from bagalau.core.language import reader_language as reader_language
from bagalau.evaluations.models import Period, PeriodKind
from bagalau.methodology import Label, MethodologyError, get_edition, sjc2023_rules
from bagalau.methodology import sjc2023 as engine
from bagalau.methodology.structure import StructureRules
from bagalau.org.models import Assignment, Organisation, Unit
from bagalau.org.selectors import (
    direct_manager,
    unit_order,
)
from bagalau.surveys.models import (
    Campaign,
    CampaignStatus,
    Invitation,
    PaperBatch,
    Relation,
    ResponseTally,
    SurveyFormCode,
    Target,
)
from bagalau.surveys.respondents import respondent_choices as respondent_choices
from bagalau.surveys.respondents import respondents_around as respondents_around
from bagalau.surveys.respondents import respondents_in_post as respondents_in_post
from bagalau.surveys.unit_figures import counters, figure_aggregates, unit_figures

#: Relations in the order the proposal fills the list (p.35: manager, subordinates, peers).
RELATION_ORDER: dict[str, int] = {Relation.MANAGER: 0, Relation.SUBORDINATE: 1, Relation.PEER: 2}


def campaign_url(campaign: Campaign) -> str:
    """HR's page of a campaign."""
    return reverse("surveys:campaign", args=[campaign.pk])


def text(label: Label, language: str | None = None) -> str:
    """A methodology label in the reader's language."""
    return label.get(language or reader_language())


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
    order: Sequence[tuple[int, int]] | None = None,
) -> list[UnitRows]:
    """Every evaluatee with its respondent list, by unit in tree order; with `target_ids`, only
    those (a page); with `no_manager_ids`, the lists known to lack the direct manager without a
    reason (surveys.listing finds them in bulk) instead of asking the structure row by row;
    `order` is the organisation's `unit_order` when the caller has it."""
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
    released = (
        released_among(campaign, [t.pk for t in targets])
        if campaign.status == CampaignStatus.CLOSED
        else set()
    )
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
    if not by_unit:
        return []
    units = {target.unit_id: target.unit for target in targets}
    return [
        UnitRows(unit=units[pk], depth=depth, rows=by_unit[pk])
        for pk, depth in (order if order is not None else unit_order(campaign.organisation))
        if by_unit.get(pk)
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


@dataclass
class Progress:
    """Answered / due for a unit's evaluatees: counts only, never who."""

    unit: Unit | None
    depth: int
    targets: int
    answered: int
    due: int
    self_done: int
    #: The unit's id (None for the whole organisation); `unit` is read for the rows shown.
    unit_id: int | None = None

    @property
    def percent(self) -> int:
        """Answered questionnaires in percent of those due."""
        return round(100 * self.answered / self.due) if self.due else 0

    @property
    def self_percent(self) -> int:
        """Self-assessments submitted in percent of the evaluatees."""
        return round(100 * self.self_done / self.targets) if self.targets else 0


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
    answered of those due, self-assessments submitted; counted per unit in the database in one
    query (`unit_figures`: the evaluatees' counters)."""
    rows, total, _short = progress_and_short(campaign)
    return rows, total


def progress_and_short(campaign: Campaign) -> tuple[list[Progress], Progress, int]:
    """`progress` and, from the same query, how many evaluatees `withheld` lists."""
    rows, total, short = progress_by_unit(campaign, unit_order(campaign.organisation))
    return with_units(rows), total, short


def progress_by_unit(
    campaign: Campaign, order: Sequence[tuple[int, int]]
) -> tuple[list[Progress], Progress, int]:
    """`progress_and_short` in the units' `order` (id and depth, `org.selectors.unit_order`),
    each row naming its unit by `unit_id` only (`with_units` reads the units of the rows
    shown: a page of a thousand units reads 25)."""
    figures = unit_figures(campaign, rules_for(campaign).survey.min_respondents)
    rows = [
        Progress(
            None,
            depth,
            figures[pk].targets,
            figures[pk].answered,
            figures[pk].due,
            figures[pk].self_done,
            unit_id=pk,
        )
        for pk, depth in order
        if pk in figures
    ]
    total = Progress(
        None,
        0,
        sum(r.targets for r in rows),
        sum(r.answered for r in rows),
        sum(r.due for r in rows),
        sum(r.self_done for r in rows),
    )
    short = sum(f.short for f in figures.values()) if campaign.status != CampaignStatus.DRAFT else 0
    return rows, total, short


def with_units(rows: Sequence[Progress]) -> list[Progress]:
    """`rows` of `progress_by_unit` with their units read, in one query."""
    units = Unit.objects.in_bulk([row.unit_id for row in rows])
    return [replace(row, unit=units[row.unit_id]) for row in rows if row.unit_id in units]


def progress_total(campaign: Campaign) -> Progress:
    """The total of `progress` (the dashboard's figure), without a unit grouped or the unit
    tree read."""
    return running_figures(campaign)[0]


def withheld_count(campaign: Campaign) -> int:
    """How many evaluatees `withheld` lists, counted in the database."""
    return withheld_targets(campaign).count()


def running_figures(campaign: Campaign) -> tuple[Progress, int]:
    """`progress_total` and `withheld_count` (HR's dashboard): the evaluatees' counters added
    up in one query (`unit_figures.figure_aggregates`, issue 12 item 3)."""
    needed = rules_for(campaign).survey.min_respondents
    found = campaign.targets.order_by().aggregate(**figure_aggregates(campaign, needed))
    total = Progress(
        None, 0, *(found[key] or 0 for key in ("targets", "answered", "due", "self_done"))
    )
    return total, found["short"]


@dataclass(frozen=True)
class AtRisk:
    """An evaluatee with fewer responses than a report needs (a count, never who)."""

    target: Target
    responses: int
    needed: int


def _with_responses(campaign: Campaign, targets: QuerySet[Target]) -> QuerySet[Any]:
    """`targets` each annotated with its `responses_now`: while open the questionnaires
    answered so far, once closed those counted at closing (`unit_figures.counters`)."""
    answered, _due = counters(campaign)
    return targets.annotate(responses_now=Coalesce(F(answered), 0, output_field=IntegerField()))


def withheld_targets(campaign: Campaign) -> QuerySet[Target]:
    """The evaluatees of `withheld`, by name, each annotated with its `responses_now`, filtered
    in the database (a page of their ids is read at a time, then `at_risk`)."""
    if campaign.status == CampaignStatus.DRAFT:
        return campaign.targets.none()
    needed = rules_for(campaign).survey.min_respondents
    targets = _with_responses(campaign, campaign.targets.all()).filter(responses_now__lt=needed)
    return targets.select_related("servant", "unit", "position").order_by(
        "servant__last_name", "servant__first_name", "pk"
    )


def at_risk(campaign: Campaign, target_ids: Sequence[int]) -> list[AtRisk]:
    """The evaluatees `target_ids` (`withheld_targets`' ids, or a page of them), in that order,
    as the withheld list shows them: only their rows read."""
    needed = rules_for(campaign).survey.min_respondents
    read = _with_responses(
        campaign, campaign.targets.select_related("servant", "unit", "position")
    ).in_bulk(list(target_ids))
    return [AtRisk(read[pk], read[pk].responses_now, needed) for pk in target_ids]


def withheld(campaign: Campaign) -> list[AtRisk]:
    """While open: the evaluatees whose report would be withheld if the survey ended now; once
    closed: those whose report is withheld. Empty for a draft."""
    if campaign.status == CampaignStatus.DRAFT:
        return []
    return at_risk(campaign, list(withheld_targets(campaign).values_list("pk", flat=True)))


def released_targets(campaign: Campaign) -> set[int]:
    """The evaluatees whose report is released (closed campaign, at least 3 responses)."""
    if campaign.status != CampaignStatus.CLOSED:
        return set()
    needed = rules_for(campaign).survey.min_respondents
    return set(
        ResponseTally.objects.filter(target__campaign=campaign, responses__gte=needed).values_list(
            "target_id", flat=True
        )
    )


def released_among(campaign: Campaign, target_ids: Sequence[int]) -> set[int]:
    """Those of `target_ids` whose report is released (see `released_targets`)."""
    if campaign.status != CampaignStatus.CLOSED or not target_ids:
        return set()
    needed = rules_for(campaign).survey.min_respondents
    return set(
        ResponseTally.objects.filter(
            target_id__in=list(target_ids), responses__gte=needed
        ).values_list("target_id", flat=True)
    )
