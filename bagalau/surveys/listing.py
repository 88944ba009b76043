"""HR's 360 campaign page one page of evaluatees at a time (issue 12 item 3, issue 13 item 8):
the filters (unit, a name, only the lists to fix) are applied in the database, the order (unit
tree, then name) is worked out from a count per unit and the names of the units the page reaches
(`TreeOrdered`), and the respondent lists are read for the page's evaluatees only. The lists
that keep the survey from opening come from `draft_check`. The progress is counted per
unit in the database and shown a page of units at a time; the withheld list is filtered in the
database and read a page at a time."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any, overload

from django.core.paginator import Page
from django.db.models import Count, QuerySet
from django.http import HttpRequest, QueryDict

from bagalau.core import bounds, paging
from bagalau.core.collation import with_name
from bagalau.org.models import Unit
from bagalau.org.selectors import unit_order
from bagalau.org.tree import units_around
from bagalau.surveys import draft_check
from bagalau.surveys.models import Campaign, CampaignStatus, Target
from bagalau.surveys.selectors import (
    Progress,
    TargetRow,
    UnitRows,
    at_risk,
    progress_by_unit,
    target_rows,
    with_units,
    withheld_targets,
)
from bagalau.surveys.training import TrainingNeeds
from bagalau.surveys.training import with_units as with_training_units


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
            unit=bounds.ascii_id(unit),
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


class TreeOrdered(Sequence[int]):
    """The ids of `targets` in the page's order (the unit tree, then the name), read a slice at
    a time: the evaluatees are counted per unit in SQL, and a slice reads and sorts only the
    evaluatees of the units it reaches (units outside `order` come last, sorted together)."""

    def __init__(self, targets: QuerySet[Target], order: dict[int, int]) -> None:
        self.targets = targets
        self.order = order
        buckets: dict[int, tuple[list[int], list[int]]] = {}
        for unit_id, count in (
            targets.order_by().values("unit_id").annotate(n=Count("pk")).values_list("unit_id", "n")
        ):
            units, counts = buckets.setdefault(self._rank(unit_id), ([], [0]))
            units.append(unit_id)
            counts[0] += count
        self.buckets = [(units, counts[0]) for _rank, (units, counts) in sorted(buckets.items())]
        self.total = sum(count for _units, count in self.buckets)

    def _rank(self, unit_id: int) -> int:
        return self.order.get(unit_id, len(self.order))

    def __len__(self) -> int:
        return self.total

    @overload
    def __getitem__(self, index: int) -> int: ...

    @overload
    def __getitem__(self, index: slice) -> list[int]: ...

    def __getitem__(self, index: int | slice) -> int | list[int]:
        if isinstance(index, int):
            return self[index : index + 1][0] if index >= 0 else self[self.total + index]
        start, stop, step = index.indices(self.total)
        reached: list[int] = []
        skipped = offset = 0
        for units, count in self.buckets:
            if offset + count > start and offset < stop:
                if not reached:
                    skipped = offset
                reached.extend(units)
            offset += count
        if not reached:
            return []
        keys = self.targets.filter(unit_id__in=reached).values_list(
            "unit_id", "servant__last_name", "servant__first_name", "pk"
        )
        ids = [k[3] for k in sorted(keys, key=lambda k: (self._rank(k[0]), *k[1:]))]
        return ids[start - skipped : stop - skipped : step]


def target_page(
    campaign: Campaign, request: HttpRequest, order: list[tuple[int, int]] | None = None
) -> TargetPage:
    """The page of evaluatees the request asks for, with every list still to fix; `order` is
    the organisation's `unit_order` when the caller has it. The unit filter offers the units
    around the chosen one (`org.tree.units_around`), not the whole tree."""
    filters = TargetFilters.from_query(request.GET)
    order = order if order is not None else unit_order(campaign.organisation)
    rank = {pk: index for index, (pk, _depth) in enumerate(order)}
    wrong, no_manager = draft_check.lists_to_fix(campaign)
    fixing = sorted(wrong | no_manager)
    targets = campaign.targets.all()
    if filters.unit is not None:
        targets = targets.filter(unit_id=filters.unit)
    if filters.to_fix:
        targets = targets.filter(pk__in=fixing)
    page = paging.paginate(request, TreeOrdered(with_name(targets, "servant__", filters.q), rank))
    groups = target_rows(
        campaign, target_ids=list(page.object_list), no_manager_ids=no_manager, order=order
    )
    shown = fixing[: paging.PAGE_SIZE]
    to_fix = [
        row
        for group in target_rows(campaign, target_ids=shown, no_manager_ids=no_manager, order=order)
        for row in group.rows
    ]
    return TargetPage(
        page=page,
        groups=groups,
        to_fix=to_fix,
        to_fix_count=len(fixing),
        filters=filters,
        units=units_around(campaign.organisation, filters.unit),
    )


def training_page(needs: TrainingNeeds, request: HttpRequest) -> tuple[TrainingNeeds, Page[Any]]:
    """The training-needs table with a page of its unit columns (the totals stay the whole
    organisation's), the units of those columns read: a table of a thousand units does not
    fit a screen (issue 12 item 3)."""
    page = paging.paginate(request, list(range(len(needs.unit_ids))))
    shown = list(page.object_list)
    cut = replace(
        needs,
        unit_ids=[needs.unit_ids[i] for i in shown],
        rows=[replace(row, counts=[row.counts[i] for i in shown]) for row in needs.rows],
    )
    return with_training_units(cut), page


class WithheldIds(paging.ListedInSql[int]):
    """The ids of `withheld_targets` a page at a time, their number already counted with the
    progress (`progress_and_short`): no second pass over the questionnaires to count them."""

    def __init__(self, campaign: Campaign, short: int) -> None:
        self.campaign = campaign
        self.short = short

    def total(self) -> int:
        return self.short

    def rows(self, offset: int, limit: int) -> list[int]:
        ids = withheld_targets(self.campaign).values_list("pk", flat=True)
        return list(ids[offset : offset + limit])


@dataclass
class ProgressPage:
    """The campaign page's progress: a page of its units, the organisation's total and a page
    of the withheld list (each with its own page parameter)."""

    units: Page[Any]
    total: Progress
    withheld: Page[Any]


def progress_page(
    campaign: Campaign, request: HttpRequest, order: list[tuple[int, int]] | None = None
) -> ProgressPage | None:
    """The progress and the withheld list of an open or closed campaign (None for a draft):
    the figures of every unit counted, the units of the page's rows read."""
    if campaign.status == CampaignStatus.DRAFT:
        return None
    order = order if order is not None else unit_order(campaign.organisation)
    rows, total, short = progress_by_unit(campaign, order)
    units = paging.paginate(request, rows, param="units_page")
    units.object_list = with_units(list(units.object_list))
    # the order worked out on the ids alone, the page's rows read whole
    withheld = paging.paginate(request, WithheldIds(campaign, short), param="withheld_page")
    withheld.object_list = at_risk(campaign, list(withheld.object_list))
    return ProgressPage(units=units, total=total, withheld=withheld)
