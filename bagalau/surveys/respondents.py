"""Who may answer about whom in the 360 survey (seed 002 p.35) and who is evaluated (p.5): the
respondents the structure proposes, the relation of one HR adds, everyone HR may choose, and
since when a servant holds a position."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import Q
from django.utils.translation import gettext_noop as N_

from bagalau.core.errors import DomainError
from bagalau.org.models import Assignment, Organisation, Servant, Unit
from bagalau.org.selectors import assignment_on, direct_manager, subordinates, unit_tree
from bagalau.surveys.models import Relation, Target


def position_start(assignment: Assignment) -> dt.date:
    """Since when the servant holds this position: the assignment's start, or that of the
    earlier assignments to the same position it continues without a gap (p.5 counts the time in
    the position)."""
    start = assignment.start
    earlier = Assignment.objects.filter(
        servant_id=assignment.servant_id,
        position_id=assignment.position_id,
        start__lt=assignment.start,
    ).order_by("-start")
    for row in earlier:
        if row.end is None or row.end + dt.timedelta(days=1) < start:
            break
        start = row.start
    return start


def in_post(servant: Servant, organisation: Organisation, day: dt.date) -> bool:
    """Whether the servant belongs to the organisation and holds a post on `day`."""
    return servant.organisation_id == organisation.pk and assignment_on(servant, day) is not None


def _by_name(people: Iterable[Servant]) -> list[Servant]:
    return sorted(people, key=lambda s: (s.last_name, s.first_name, s.pk))


def _active(day: dt.date) -> Q:
    return Q(start__lte=day) & (Q(end__isnull=True) | Q(end__gte=day))


def peers_of(assignment: Assignment, day: dt.date) -> list[Servant]:
    """Colleagues at the same level: for a head of a unit, the heads of the other units under the
    same parent; for anyone else, the other servants of the unit who do not head it."""
    position = assignment.position
    unit = position.unit
    if position.heads_unit:
        if unit.parent_id is None:
            return []
        rows = Assignment.objects.filter(
            _active(day),
            position__unit__parent_id=unit.parent_id,
            position__heads_unit=True,
        ).exclude(position__unit=unit)
    else:
        rows = Assignment.objects.filter(
            _active(day), position__unit=unit, position__heads_unit=False
        )
    people = {a.servant_id: a.servant for a in rows.select_related("servant")}
    people.pop(assignment.servant_id, None)
    return _by_name(people.values())


@dataclass(frozen=True)
class Proposed:
    """A respondent the structure suggests and why."""

    servant: Servant
    relation: str


def wider_peers(assignment: Assignment, day: dt.date) -> list[Servant]:
    """Colleagues at the same level one step further out: for a head of a unit, the heads of
    the units under the parent's siblings; for anyone else, the staff of the sibling units."""
    position = assignment.position
    unit = position.unit
    parent = unit.parent
    if parent is None:
        return []
    if position.heads_unit:
        if parent.parent_id is None:
            return []
        rows = Assignment.objects.filter(
            _active(day),
            position__unit__parent__parent_id=parent.parent_id,
            position__heads_unit=True,
        ).exclude(position__unit__parent_id=parent.pk)
    else:
        rows = Assignment.objects.filter(
            _active(day), position__unit__parent_id=parent.pk, position__heads_unit=False
        ).exclude(position__unit=unit)
    people = {a.servant_id: a.servant for a in rows.select_related("servant")}
    people.pop(assignment.servant_id, None)
    return _by_name(people.values())


def propose_respondents(
    assignment: Assignment, day: dt.date, *, limit: int, at_least: int = 0
) -> list[Proposed]:
    """The direct manager, then the subordinates, then the peers (p.35), at most `limit`, each
    once, never the evaluatee, only servants of the organisation in post on `day`. When that
    gives fewer than `at_least` (the recommended list size, issue 8 item 4: with exactly 3, two
    respondents together can work out the third's answers), colleagues at the same level of the
    neighbouring units are added up to `at_least`, where the structure has them."""
    servant = assignment.servant
    organisation = servant.organisation
    chosen: list[Proposed] = []
    seen = {servant.pk}

    def add(person: Servant | None, relation: str) -> None:
        if person is None or person.pk in seen or not in_post(person, organisation, day):
            return
        seen.add(person.pk)
        chosen.append(Proposed(person, relation))

    add(direct_manager(servant, day), Relation.MANAGER)
    for person in _by_name(subordinates(servant, day)):
        add(person, Relation.SUBORDINATE)
    for person in peers_of(assignment, day):
        add(person, Relation.PEER)
    if len(chosen) < at_least:
        for person in wider_peers(assignment, day):
            if len(chosen) >= at_least:
                break
            add(person, Relation.PEER)
    return chosen[:limit]


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
    rows = (
        Assignment.objects.filter(_active(day), servant__organisation=organisation)
        .select_related("servant", "position__unit")
        .order_by("servant__last_name", "servant__first_name", "servant_id", "-start")
    )
    by_unit: dict[int, dict[int, tuple[Servant, str]]] = defaultdict(dict)
    for row in rows:
        by_unit[row.position.unit_id].setdefault(row.servant_id, (row.servant, row.position.name))
    return [
        (unit, list(by_unit[unit.pk].values()))
        for unit, _depth in unit_tree(organisation)
        if by_unit.get(unit.pk)
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


def missing_manager(target: Target, day: dt.date) -> bool:
    """Whether a target's list lacks the direct manager without a written reason."""
    if target.no_manager_reason.strip():
        return False
    manager = direct_manager(target.servant, day)
    return manager is None or not target.invitations.filter(respondent=manager).exists()
