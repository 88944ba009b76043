"""HR's 360 campaign page one page of evaluatees at a time (issue 12 item 3, issue 13 item 8):
the filters (unit, a name, only the lists to fix) are applied in the database, the order (unit
tree, then name) is worked out on a few columns of every evaluatee, and the respondent lists are
read for the page's evaluatees only. The lists that keep the survey from opening are found with
one count per list in SQL and one structure load for the direct managers, whatever the size of
the apparatus."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from django.core.paginator import Page
from django.db.models import CharField, Count, Q, QuerySet, Value
from django.db.models.functions import Concat
from django.http import HttpRequest, QueryDict

from bagalau.core import clock, paging
from bagalau.core.collation import Fold, fold
from bagalau.org.models import Unit
from bagalau.org.selectors import StructureIndex, unit_tree
from bagalau.surveys.models import Campaign, CampaignStatus, Invitation, Target
from bagalau.surveys.selectors import (
    TargetRow,
    TrainingNeeds,
    UnitRows,
    rules_for,
    target_rows,
)


@dataclass(frozen=True)
class TargetFilters:
    """What the campaign page is narrowed to; empty values do not filter."""

    unit: int | None = None
    q: str = ""
    to_fix: bool = False

    @classmethod
    def from_query(cls, data: QueryDict) -> TargetFilters:
        """The filters of a GET query; unknown values are ignored."""
        unit = data.get("unit", "").strip()
        return cls(
            unit=int(unit) if unit.isdigit() else None,
            q=data.get("q", "").strip().replace("\x00", "")[:100],
            to_fix=data.get("to_fix") == "1",
        )


@dataclass
class TargetPage:
    """A page of the campaign's evaluatees, grouped by unit, and what the filter form needs."""

    page: Page[Any]
    groups: list[UnitRows]
    to_fix: list[TargetRow]
    to_fix_count: int
    filters: TargetFilters
    units: list[tuple[Unit, int]]


def _named(targets: QuerySet[Target], query: str) -> QuerySet[Target]:
    words = fold(query).split()
    if not words:
        return targets
    folded = targets.annotate(
        _folded=Fold(
            Concat(
                "servant__last_name",
                Value(" "),
                "servant__first_name",
                Value(" "),
                "servant__patronymic",
                output_field=CharField(),
            )
        )
    )
    for word in words:
        folded = folded.filter(_folded__contains=word)
    return folded


def lists_to_fix(campaign: Campaign) -> tuple[set[int], set[int]]:
    """The draft's evaluatees whose list is not 3-7 long, and those whose list lacks the direct
    manager without a written reason (p.35): one count per list in SQL, one structure load."""
    if campaign.status != CampaignStatus.DRAFT:
        return set(), set()
    rules = rules_for(campaign)
    low, high = rules.survey.min_respondents, rules.survey.max_respondents
    counted = campaign.targets.annotate(n=Count("invitations"))
    wrong = set(counted.filter(Q(n__lt=low) | Q(n__gt=high)).values_list("pk", flat=True))
    unexplained = [
        t for t in campaign.targets.select_related("servant") if not t.no_manager_reason.strip()
    ]
    no_manager: set[int] = set()
    if unexplained:
        index = StructureIndex(campaign.organisation, clock.today())
        asked: dict[int, set[int]] = {}
        for target_id, respondent_id in Invitation.objects.filter(
            target__campaign=campaign
        ).values_list("target_id", "respondent_id"):
            asked.setdefault(target_id, set()).add(respondent_id)
        for target in unexplained:
            manager = index.direct_manager(target.servant)
            if manager is None or manager.pk not in asked.get(target.pk, set()):
                no_manager.add(target.pk)
    return wrong, no_manager


def target_page(campaign: Campaign, request: HttpRequest) -> TargetPage:
    """The page of evaluatees the request asks for, with every list still to fix."""
    filters = TargetFilters.from_query(request.GET)
    tree = unit_tree(campaign.organisation)
    order = {unit.pk: index for index, (unit, _depth) in enumerate(tree)}
    wrong, no_manager = lists_to_fix(campaign)
    fixing = sorted(wrong | no_manager)
    targets = campaign.targets.all()
    if filters.unit is not None:
        targets = targets.filter(unit_id=filters.unit)
    if filters.to_fix:
        targets = targets.filter(pk__in=fixing)
    keys = _named(targets, filters.q).values_list(
        "unit_id", "servant__last_name", "servant__first_name", "pk"
    )
    ids = [k[3] for k in sorted(keys, key=lambda k: (order.get(k[0], len(order)), *k[1:]))]
    page = paging.paginate(request, ids)
    groups = target_rows(campaign, target_ids=list(page.object_list), no_manager_ids=no_manager)
    shown = fixing[: paging.PAGE_SIZE]
    to_fix = [
        row
        for group in target_rows(campaign, target_ids=shown, no_manager_ids=no_manager)
        for row in group.rows
    ]
    return TargetPage(
        page=page,
        groups=groups,
        to_fix=to_fix,
        to_fix_count=len(fixing),
        filters=filters,
        units=tree,
    )


def training_page(needs: TrainingNeeds, request: HttpRequest) -> tuple[TrainingNeeds, Page[Any]]:
    """The training-needs table with a page of its unit columns (the totals stay the whole
    organisation's): a table of a thousand units does not fit a screen (issue 12 item 3)."""
    page = paging.paginate(request, list(range(len(needs.units))))
    shown = list(page.object_list)
    cut = replace(
        needs,
        units=[needs.units[i] for i in shown],
        rows=[replace(row, counts=[row.counts[i] for i in shown]) for row in needs.rows],
    )
    return cut, page
