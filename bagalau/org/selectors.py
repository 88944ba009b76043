"""Reads of the organisation structure: roles, editions, calendar, managers, trees."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db.models import Q, QuerySet

from bagalau.methodology import DEFAULT_EDITION, Edition, edition_in_force, get_edition
from bagalau.org.models import (
    Absence,
    Assignment,
    CalendarTransfer,
    Organisation,
    Position,
    RoleAssignment,
    Servant,
    Unit,
)
from bagalau.workcalendar import Transfer, WorkCalendar

User = Any  # a django.contrib.auth user or AnonymousUser


def work_calendar() -> WorkCalendar:
    """Kazakhstan's working days with the transfers administrators entered (SPEC §3)."""
    return WorkCalendar(
        Transfer(working_day=t.working_day, day_off=t.day_off)
        for t in CalendarTransfer.objects.all()
    )


def organisation_edition(organisation: Organisation, day: dt.date) -> Edition:
    """The edition the organisation evaluates under on `day` (sjc-2023 when none is set)."""
    assignments = [(a.valid_from, a.edition) for a in organisation.editions.all()]
    if not assignments:
        return get_edition(DEFAULT_EDITION)
    return edition_in_force(assignments, day)


def roles_of(user: User, organisation: Organisation) -> set[str]:
    """The user's organisation-wide roles (empty for anonymous users)."""
    if not user.is_authenticated:
        return set()
    return set(
        RoleAssignment.objects.filter(user=user, organisation=organisation).values_list(
            "role", flat=True
        )
    )


def has_role(user: User, organisation: Organisation, *roles: str) -> bool:
    """Whether the user holds any of `roles` in the organisation."""
    return bool(roles_of(user, organisation) & set(roles))


def organisations_where(user: User, *roles: str) -> QuerySet[Organisation]:
    """Organisations in which the user holds one of `roles`."""
    if not user.is_authenticated:
        return Organisation.objects.none()
    return Organisation.objects.filter(roles__user=user, roles__role__in=roles).distinct()


def organisations_of(user: User) -> QuerySet[Organisation]:
    """Organisations the user belongs to, by a role or as a servant."""
    if not user.is_authenticated:
        return Organisation.objects.none()
    return Organisation.objects.filter(Q(roles__user=user) | Q(servants__user=user)).distinct()


def servant_of(user: User) -> Servant | None:
    """The servant record of a logged-in user, if any."""
    if not user.is_authenticated:
        return None
    return Servant.objects.filter(user=user).first()


def assignment_on(servant: Servant, day: dt.date) -> Assignment | None:
    """The position the servant held on `day`."""
    return (
        servant.assignments.select_related("position__unit")
        .filter(start__lte=day)
        .filter(Q(end__isnull=True) | Q(end__gte=day))
        .order_by("-start")
        .first()
    )


def last_assignment_in(servant: Servant, start: dt.date, end: dt.date) -> Assignment | None:
    """The latest assignment that overlaps [start, end]."""
    return (
        servant.assignments.select_related("position__unit")
        .filter(start__lte=end)
        .filter(Q(end__isnull=True) | Q(end__gte=start))
        .order_by("-start")
        .first()
    )


def unit_head(unit: Unit, day: dt.date, *, excluding: Servant | None = None) -> Servant | None:
    """Who heads `unit` on `day`; when the post is vacant (or is `excluding`), the head above."""
    current: Unit | None = unit
    while current is not None:
        assignment = (
            Assignment.objects.select_related("servant")
            .filter(position__unit=current, position__heads_unit=True, start__lte=day)
            .filter(Q(end__isnull=True) | Q(end__gte=day))
            .exclude(servant=excluding)
            .order_by("-start")
            .first()
        )
        if assignment is not None:
            return assignment.servant
        current = current.parent
    return None


def direct_manager(servant: Servant, day: dt.date) -> Servant | None:
    """The direct manager of the post the servant holds on `day` (seed 002 p.2)."""
    assignment = assignment_on(servant, day)
    return assignment_manager(assignment, day) if assignment is not None else None


def assignment_manager(assignment: Assignment, day: dt.date) -> Servant | None:
    """The direct manager of a post on `day`: the override on the assignment, else the head of
    its unit (for a unit head, the head of the unit above); also for a post its holder has left,
    whose evaluation falls to whoever manages that post now (p.2, p.6)."""
    if assignment.direct_manager_id:
        return assignment.direct_manager
    unit = assignment.position.unit
    if assignment.position.heads_unit:
        return unit_head(unit.parent, day) if unit.parent else None
    return unit_head(unit, day, excluding=assignment.servant)


def superior_manager(servant: Servant, day: dt.date) -> Servant | None:
    """The superior manager: the override, else the direct manager's direct manager."""
    assignment = assignment_on(servant, day)
    if assignment is None:
        return None
    if assignment.superior_manager_id:
        return assignment.superior_manager
    manager = direct_manager(servant, day)
    return direct_manager(manager, day) if manager is not None else None


def subordinates(manager: Servant, day: dt.date) -> list[Servant]:
    """Servants whose direct manager is `manager` on `day`."""
    candidates = (
        Servant.objects.filter(
            organisation=manager.organisation,
            assignments__start__lte=day,
        )
        .filter(Q(assignments__end__isnull=True) | Q(assignments__end__gte=day))
        .distinct()
    )
    return [s for s in candidates if s.pk != manager.pk and direct_manager(s, day) == manager]


def unit_tree(organisation: Organisation) -> list[tuple[Unit, int]]:
    """Every unit with its depth, parents before children, in display order."""
    units = list(organisation.units.all())
    children: dict[int | None, list[Unit]] = {}
    for unit in units:
        children.setdefault(unit.parent_id, []).append(unit)
    ordered: list[tuple[Unit, int]] = []

    def walk(parent: int | None, depth: int) -> None:
        for unit in sorted(children.get(parent, []), key=lambda u: (u.order, u.name_kk)):
            ordered.append((unit, depth))
            walk(unit.pk, depth + 1)

    walk(None, 0)
    return ordered


def units_below(unit: Unit) -> list[Unit]:
    """The unit and every unit under it."""
    tree = unit_tree(unit.organisation)
    result, inside, base_depth = [], False, 0
    for item, depth in tree:
        if item.pk == unit.pk:
            inside, base_depth = True, depth
            result.append(item)
        elif inside and depth > base_depth:
            result.append(item)
        elif inside:
            break
    return result


def absences_between(servant: Servant, start: dt.date, end: dt.date) -> QuerySet[Absence]:
    """Absences overlapping [start, end]."""
    return servant.absences.filter(start__lte=end, end__gte=start)


def positions_of(organisation: Organisation) -> QuerySet[Position]:
    """Every position of the organisation."""
    return Position.objects.filter(unit__organisation=organisation).select_related("unit")


def servants_in_post(organisation: Organisation, day: dt.date) -> Iterable[Assignment]:
    """Current assignments of evaluated ("B" corps) posts on `day`."""
    return (
        Assignment.objects.select_related("servant", "position__unit")
        .filter(servant__organisation=organisation, start__lte=day)
        .filter(Q(end__isnull=True) | Q(end__gte=day))
        .exclude(position__category="")
    )


class StructureIndex:
    """The organisation's posts on one day, loaded in two queries, answering `direct_manager`,
    `superior_manager` and `unit_head` in memory with the same rules as the functions above (a
    test checks they agree). For pages and rosters that ask for every servant at once."""

    def __init__(self, organisation: Organisation, day: dt.date) -> None:
        self.day = day
        self.units = {unit.pk: unit for unit in organisation.units.all()}
        assignments = list(
            Assignment.objects.select_related("servant", "position", "direct_manager")
            .select_related("superior_manager")
            .filter(position__unit__organisation=organisation, start__lte=day)
            .filter(Q(end__isnull=True) | Q(end__gte=day))
            .order_by("-start", "-pk")
        )
        self.assignment: dict[int, Assignment] = {}
        self.heads: dict[int, list[Servant]] = {}
        for assignment in assignments:
            self.assignment.setdefault(assignment.servant_id, assignment)
            if assignment.position.heads_unit:
                self.heads.setdefault(assignment.position.unit_id, []).append(assignment.servant)

    def unit_head(self, unit_id: int | None, *, excluding: Servant | None = None) -> Servant | None:
        """Who heads the unit (or the nearest unit above with a head), never `excluding`."""
        while unit_id is not None:
            for head in self.heads.get(unit_id, []):
                if excluding is None or head.pk != excluding.pk:
                    return head
            unit_id = self.units[unit_id].parent_id
        return None

    def direct_manager(self, servant: Servant) -> Servant | None:
        """As `direct_manager(servant, day)`."""
        assignment = self.assignment.get(servant.pk)
        if assignment is None:
            return None
        if assignment.direct_manager_id:
            return assignment.direct_manager
        unit = self.units[assignment.position.unit_id]
        if assignment.position.heads_unit:
            return self.unit_head(unit.parent_id)
        return self.unit_head(unit.pk, excluding=servant)

    def superior_manager(self, servant: Servant) -> Servant | None:
        """As `superior_manager(servant, day)`."""
        assignment = self.assignment.get(servant.pk)
        if assignment is None:
            return None
        if assignment.superior_manager_id:
            return assignment.superior_manager
        manager = self.direct_manager(servant)
        return self.direct_manager(manager) if manager is not None else None


def users_with_role(organisation: Organisation, *roles: str) -> QuerySet[Any]:
    """Active users holding one of `roles` in the organisation, each once, by id."""
    from django.contrib.auth import get_user_model

    return (
        get_user_model()
        .objects.filter(is_active=True, roles__organisation=organisation, roles__role__in=roles)
        .distinct()
        .order_by("pk")
    )
