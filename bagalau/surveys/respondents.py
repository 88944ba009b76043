"""Who may answer about whom in the 360 survey (seed 002 p.35) and who is evaluated (p.5): the
respondents the structure proposes, the relation of one HR adds, everyone HR may choose, and
since when a servant holds a position."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import Q
from django.utils.translation import gettext_noop as N_

from bagalau.core.collation import with_name
from bagalau.core.errors import DomainError
from bagalau.org.models import Assignment, Organisation, Servant, Unit
from bagalau.org.selectors import StructureIndex, assignment_on, direct_manager, unit_order
from bagalau.surveys.models import Relation, Target


def position_starts(assignments: Iterable[Assignment]) -> dict[int, dt.date]:
    """Since when each servant holds the assignment's position, {assignment id: date}, from one
    query: the assignment's start, or that of the earlier assignments to the same position it
    continues without a gap (p.5 counts the time in the position)."""
    assignments = list(assignments)
    earlier: dict[tuple[int, int], list[tuple[dt.date, dt.date | None]]] = defaultdict(list)
    rows = (
        Assignment.objects.filter(
            servant__organisation_id__in={a.servant.organisation_id for a in assignments}
        )
        .order_by("-start")
        .values_list("servant_id", "position_id", "start", "end")
    )
    for servant_id, position_id, start, end in rows:
        earlier[(servant_id, position_id)].append((start, end))
    starts = {}
    for assignment in assignments:
        start = assignment.start
        for row_start, row_end in earlier[(assignment.servant_id, assignment.position_id)]:
            if row_start >= assignment.start:
                continue
            if row_end is None or row_end + dt.timedelta(days=1) < start:
                break
            start = row_start
        starts[assignment.pk] = start
    return starts


def position_start(assignment: Assignment) -> dt.date:
    """Since when the servant holds this position (`position_starts`)."""
    return position_starts([assignment])[assignment.pk]


def in_post(servant: Servant, organisation: Organisation, day: dt.date) -> bool:
    """Whether the servant belongs to the organisation and holds a post on `day`."""
    return servant.organisation_id == organisation.pk and assignment_on(servant, day) is not None


def _by_name(people: Iterable[Servant]) -> list[Servant]:
    return sorted(people, key=lambda s: (s.last_name, s.first_name, s.pk))


def _active(day: dt.date) -> Q:
    return Q(start__lte=day) & (Q(end__isnull=True) | Q(end__gte=day))


@dataclass(frozen=True)
class Proposed:
    """A respondent the structure suggests and why."""

    servant: Servant
    relation: str


class Proposal:
    """The respondents the structure proposes (p.35) to the evaluatees of one organisation on
    `day`: the structure (`StructureIndex`) and the posts held that day are loaded once, so a
    campaign's proposal takes the same few queries whatever the size of the body (issue 12
    item 2)."""

    def __init__(self, organisation: Organisation, day: dt.date) -> None:
        self.organisation, self.day = organisation, day
        self.index = StructureIndex(organisation, day)
        self.units = self.index.units
        self.in_post = set(
            Assignment.objects.filter(_active(day), servant__organisation=organisation)
            .values_list("servant_id", flat=True)
            .distinct()
        )
        # Who holds a post on the day: the staff by unit and by parent unit, the heads by
        # parent and by grandparent unit ({unit key: [(unit or parent, servant)]}).
        self.staff: dict[int, list[Servant]] = defaultdict(list)
        self.staff_under: dict[int, list[tuple[int, Servant]]] = defaultdict(list)
        self.heads_under: dict[int, list[tuple[int, Servant]]] = defaultdict(list)
        self.heads_two_under: dict[int, list[tuple[int, Servant]]] = defaultdict(list)
        held = Assignment.objects.filter(
            _active(day), position__unit__organisation=organisation
        ).select_related("servant", "position")
        for row in held:
            unit_id = row.position.unit_id
            parent_id = self.units[unit_id].parent_id
            if not row.position.heads_unit:
                self.staff[unit_id].append(row.servant)
                if parent_id is not None:
                    self.staff_under[parent_id].append((unit_id, row.servant))
            elif parent_id is not None:
                self.heads_under[parent_id].append((unit_id, row.servant))
                grandparent_id = self.units[parent_id].parent_id
                if grandparent_id is not None:
                    self.heads_two_under[grandparent_id].append((parent_id, row.servant))

    def manager(self, servant: Servant) -> Servant | None:
        """The direct manager of the servant's post on the day (`StructureIndex`)."""
        return self.index.direct_manager(servant)

    def _parent(self, unit: Unit) -> Unit | None:
        if unit.parent_id is None:
            return None
        return self.units.get(unit.parent_id) or unit.parent

    def peers(self, assignment: Assignment) -> list[Servant]:
        """Colleagues at the same level: for a head of a unit, the heads of the other units
        under the same parent; for anyone else, the other servants of the unit who do not head
        it."""
        position = assignment.position
        unit = position.unit
        if position.heads_unit:
            if unit.parent_id is None:
                return []
            people = [s for u, s in self.heads_under[unit.parent_id] if u != unit.pk]
        else:
            people = self.staff[unit.pk]
        return _others(people, assignment)

    def wider_peers(self, assignment: Assignment) -> list[Servant]:
        """Colleagues at the same level one step further out: for a head of a unit, the heads
        of the units under the parent's siblings; for anyone else, the staff of the sibling
        units."""
        position = assignment.position
        unit = position.unit
        parent = self._parent(unit)
        if parent is None:
            return []
        if position.heads_unit:
            if parent.parent_id is None:
                return []
            people = [s for p, s in self.heads_two_under[parent.parent_id] if p != parent.pk]
        else:
            people = [s for u, s in self.staff_under[parent.pk] if u != unit.pk]
        return _others(people, assignment)

    def propose(self, assignment: Assignment, *, limit: int, at_least: int = 0) -> list[Proposed]:
        """The direct manager, then the subordinates, then the peers (p.35), at most `limit`,
        each once, never the evaluatee, only servants of the organisation in post on the day.
        When that gives fewer than `at_least` (the recommended list size, issue 8 item 4: with
        exactly 3, two respondents together can work out the third's answers), colleagues at
        the same level of the neighbouring units are added up to `at_least`, where the
        structure has them."""
        servant = assignment.servant
        chosen: list[Proposed] = []
        seen = {servant.pk}

        def add(person: Servant | None, relation: str) -> None:
            if person is None or person.pk in seen or person.pk not in self.in_post:
                return  # `in_post`: servants of the organisation only
            seen.add(person.pk)
            chosen.append(Proposed(person, relation))

        add(self.manager(servant), Relation.MANAGER)
        for person in _by_name(self.index.subordinates(servant)):
            add(person, Relation.SUBORDINATE)
        for person in self.peers(assignment):
            add(person, Relation.PEER)
        if len(chosen) < at_least:
            for person in self.wider_peers(assignment):
                if len(chosen) >= at_least:
                    break
                add(person, Relation.PEER)
        return chosen[:limit]


def _others(people: Iterable[Servant], assignment: Assignment) -> list[Servant]:
    """The people, each once and by name, without the evaluatee."""
    unique = {person.pk: person for person in people}
    unique.pop(assignment.servant_id, None)
    return _by_name(unique.values())


def propose_respondents(
    assignment: Assignment, day: dt.date, *, limit: int, at_least: int = 0
) -> list[Proposed]:
    """`Proposal.propose` for one evaluatee (a campaign builds one `Proposal` for all)."""
    return Proposal(assignment.servant.organisation, day).propose(
        assignment, limit=limit, at_least=at_least
    )


def relation_of(target: Target, respondent: Servant, day: dt.date) -> str:
    """How a respondent HR adds works with the evaluatee: the direct manager, a subordinate, or
    (anyone else HR judged to work closely with them) a peer."""
    if respondent.pk == target.evaluator_id or respondent == direct_manager(target.servant, day):
        return Relation.MANAGER
    if direct_manager(respondent, day) == target.servant:
        return Relation.SUBORDINATE
    return Relation.PEER


def respondent_choices(organisation: Organisation, day: dt.date) -> list[tuple[Unit, list[Any]]]:
    """Everyone who may be asked (servants of the organisation in post), by unit in tree order:
    ``[(unit, [(servant, position name)])]``."""
    return _grouped(organisation, _in_post(organisation, day))


#: More servants in post than this and the respondents' page lists only those around the
#: evaluatee, the chosen and the first matches of a search (`respondents_around`).
LISTED_AT_MOST = 200
#: Matches of a search listed at most.
FOUND_AT_MOST = 50


def _in_post(organisation: Organisation, day: dt.date) -> Any:
    return Assignment.objects.filter(_active(day), servant__organisation=organisation)


def respondents_around(
    target: Target, day: dt.date, *, shown: Collection[int], query: str
) -> tuple[list[tuple[Unit, list[Any]]], int | None, int]:
    """The respondents' page's choices (issue 12 item 3): everyone (`respondent_choices`) in a
    body of up to `LISTED_AT_MOST` servants in post; in a larger one those of the evaluatee's
    unit, of the unit above and of the units below (the manager, the peers and subordinates
    p.35 names), the `shown` servants (chosen, asked, the direct manager) and the first
    `FOUND_AT_MOST` whose name has every word of `query`. Returns the groups, how many servants
    are in post (None when all are listed) and how many matched the query."""
    organisation = target.campaign.organisation
    everyone = _in_post(organisation, day)
    total = everyone.values("servant_id").distinct().count()
    if total <= LISTED_AT_MOST:
        return respondent_choices(organisation, day), None, 0
    post = assignment_on(target.servant, day)
    near = Q(servant_id__in=list(shown))
    if post is not None:
        unit = post.position.unit
        near |= Q(position__unit_id__in=[unit.pk, unit.parent_id]) | Q(position__unit__parent=unit)
    found: list[int] = []
    if query.strip():
        matches = with_name(everyone.exclude(servant_id__in=list(shown)), "servant__", query)
        ordered = matches.order_by("servant__last_name", "servant__first_name", "servant_id")
        found = list(ordered.values_list("servant_id", flat=True).distinct()[:FOUND_AT_MOST])
        near = Q(servant_id__in=[*shown, *found])
    return _grouped(organisation, everyone.filter(near)), total, len(found)


def respondents_in_post(organisation: Organisation, day: dt.date, ids: Iterable[int]) -> Any:
    """The servants of `ids` in post in the organisation on `day` (what HR may choose)."""
    return Servant.objects.filter(
        pk__in=_in_post(organisation, day).filter(servant_id__in=list(ids)).values("servant_id")
    )


def _grouped(organisation: Organisation, assignments: Any) -> list[tuple[Unit, list[Any]]]:
    rows = assignments.select_related("servant", "position__unit").order_by(
        "servant__last_name", "servant__first_name", "servant_id", "-start"
    )
    by_unit: dict[int, dict[int, tuple[Servant, str]]] = defaultdict(dict)
    for row in rows:
        by_unit[row.position.unit_id].setdefault(row.servant_id, (row.servant, row.position.name))
    units = Unit.objects.in_bulk(list(by_unit))
    return [
        (units[pk], list(by_unit[pk].values()))
        for pk, _depth in unit_order(organisation)
        if pk in by_unit
    ]


REASON_MAX = 1000


def manager_reason(target: Target, ids: Sequence[int], given: str | None, day: dt.date) -> str:
    """The reason kept for a list without the direct manager (p.35 1)): empty when the manager is
    on it, else the reason HR wrote (required)."""
    manager = direct_manager(target.servant, day)
    if manager is not None and manager.pk in ids:
        return ""
    reason = (target.no_manager_reason if given is None else given).strip()
    if len(reason) > REASON_MAX:
        raise DomainError(
            "no_manager_reason",
            N_("Keep the reason under %(max)s characters."),
            max=REASON_MAX,
        )
    if not reason:
        if manager is None:
            raise DomainError(
                "no_manager_reason",
                N_(
                    "%(servant)s has no direct manager in the structure: write why the list has "
                    "none (p.35)."
                ),
                servant=target.servant.full_name,
            )
        raise DomainError(
            "no_manager_reason",
            N_(
                "The direct manager, %(manager)s, answers about %(servant)s (p.35): add them to "
                "the list or write why not."
            ),
            manager=manager.full_name,
            servant=target.servant.full_name,
        )
    return reason


def lacks_manager(reason: str, manager_id: int | None, asked: Collection[int]) -> bool:
    """Whether a target's list (the respondents' ids `asked`) lacks its direct manager (the
    id `manager_id`) without a written reason (`reason`, p.35 1))."""
    if reason.strip():
        return False
    return manager_id is None or manager_id not in asked


def missing_manager(target: Target, day: dt.date) -> bool:
    """Whether a target's list lacks the direct manager without a written reason."""
    if target.no_manager_reason.strip():
        return False
    asked = set(target.invitations.values_list("respondent_id", flat=True))
    manager = direct_manager(target.servant, day)
    return lacks_manager(
        target.no_manager_reason, manager.pk if manager is not None else None, asked
    )
