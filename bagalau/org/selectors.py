"""Reads of the organisation structure: roles, editions, calendar, managers, trees."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from django.contrib.auth import get_user_model
from django.db import connection
from django.db.models import Q, QuerySet

from bagalau.core.lean import lean
from bagalau.core.roles import HR_ROLES
from bagalau.methodology import (
    Edition,
)
from bagalau.methodology.structure import StructureRules
from bagalau.org.models import (
    Absence,
    Assignment,
    CalendarTransfer,
    Organisation,
    Position,
    Role,
    RoleAssignment,
    Servant,
    Unit,
)
from bagalau.workcalendar import Transfer, WorkCalendar

if TYPE_CHECKING:
    from bagalau.core.types import Account, User


def work_calendar() -> WorkCalendar:
    """Kazakhstan's working days with the transfers administrators entered (SPEC §3)."""
    return WorkCalendar(
        Transfer(working_day=t.working_day, day_off=t.day_off)
        for t in CalendarTransfer.objects.all()
    )


def organisation_edition(organisation: Organisation, day: dt.date) -> Edition:
    """The edition the organisation evaluates under on `day` (sjc-2023 when none is set)."""
    return organisation.edition_on(day)


#: Where `roles_remembered` keeps a user's roles per organisation id, in the user's __dict__.
_REMEMBERED = "_bagalau_roles"


def roles_of(user: User, organisation: Organisation) -> set[str]:
    """The user's organisation-wide roles (empty for anonymous users)."""
    if not user.is_authenticated:
        return set()
    remembered: dict[int, frozenset[str]] | None = vars(user).get(_REMEMBERED)
    if remembered is not None and organisation.pk in remembered:
        return set(remembered[organisation.pk])
    roles = set(
        RoleAssignment.objects.filter(user=user, organisation=organisation).values_list(
            "role", flat=True
        )
    )
    if remembered is not None:
        remembered[organisation.pk] = frozenset(roles)
    return roles


@contextmanager
def roles_remembered(user: User) -> Iterator[None]:
    """Inside the block `roles_of(user, ...)` reads each organisation's roles once (issue 12
    item 3): a read path that asks about many objects of the same organisations (a dashboard's
    list) makes one query per organisation, not one per object. A role changed inside the block
    is not seen, so only reads use it."""
    state = vars(user)
    outermost = _REMEMBERED not in state
    if outermost:
        state[_REMEMBERED] = {}
    try:
        yield
    finally:
        if outermost:
            state.pop(_REMEMBERED, None)


def has_role(user: User, organisation: Organisation, *roles: str) -> bool:
    """Whether the user holds any of `roles` in the organisation."""
    return bool(roles_of(user, organisation) & set(roles))


def organisations_where(user: User, *roles: str) -> QuerySet[Organisation]:
    """Organisations in which the user holds one of `roles`."""
    if not user.is_authenticated:
        return Organisation.objects.none()
    held = RoleAssignment.objects.filter(user=user, role__in=roles).values("organisation_id")
    return Organisation.objects.filter(pk__in=held)


def organisations_of(user: User) -> QuerySet[Organisation]:
    """Organisations the user belongs to, by a role or as a servant: two subqueries on the user
    (a join to every servant of the organisation, then DISTINCT, read 100,000 rows at national
    scale, issue 12)."""
    if not user.is_authenticated:
        return Organisation.objects.none()
    roles = RoleAssignment.objects.filter(user=user).values("organisation_id")
    servants = Servant.objects.filter(user=user).values("organisation_id")
    return Organisation.objects.filter(Q(pk__in=roles) | Q(pk__in=servants))


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


def structure_rules(organisation: Organisation, day: dt.date) -> StructureRules:
    """Who is evaluated how and by whom under the edition the organisation evaluates under on
    `day` (before its first edition: the first one)."""
    return organisation.structure_on(day)


def evaluated_by_kpi_q(rules: StructureRules, to_position: str = "") -> Q:
    """The posts evaluated by KPI under `rules` (as `Position.evaluated_by_kpi` says), as a
    filter; `to_position` is the path to the position ("position__" from an assignment)."""

    def q(**lookup: Any) -> Q:
        return Q(**{f"{to_position}{key}": value for key, value in lookup.items()})

    if rules.kpi_categories:
        derived = q(category__in=sorted(rules.kpi_categories))
    else:
        derived = q(heads_unit=True)
    return ~q(category="") & (q(method_override="kpi") | (q(method_override="") & derived))


def unit_head(unit: Unit, day: dt.date, *, excluding: Servant | None = None) -> Servant | None:
    """Who manages the posts of `unit` on `day` as its head: see `StructureIndex.unit_head`."""
    return StructureIndex(unit.organisation, day).unit_head(unit.pk, excluding=excluding)


def direct_manager(servant: Servant, day: dt.date) -> Servant | None:
    """The direct manager of the post the servant holds on `day` (seed 002 p.2, p.29), from an
    index around the servant (the whole structure took 3.5 s at 100,000 servants, on every
    access check that asked it, issue 12)."""
    return StructureIndex(servant.organisation, day, around=[servant.pk]).direct_manager(servant)


def assignment_manager(assignment: Assignment, day: dt.date) -> Servant | None:
    """The direct manager of a post on `day` (`StructureIndex.manager_of`); also for a post its
    holder has left, whose evaluation falls to whoever manages that post now (p.2, p.6)."""
    return StructureIndex(assignment.servant.organisation, day).manager_of(assignment)


def superior_manager(servant: Servant, day: dt.date) -> Servant | None:
    """The superior manager: the override, else the direct manager's direct manager."""
    return StructureIndex(servant.organisation, day, around=[servant.pk]).superior_manager(servant)


def may_manage(assignment: Assignment, manager: Servant, day: dt.date) -> bool:
    """Whether `manager` may be named the direct or superior manager of the post on `day`
    (`StructureIndex.may_manage`)."""
    return StructureIndex(assignment.servant.organisation, day).may_manage(assignment, manager)


def subordinates(manager: Servant, day: dt.date) -> list[Servant]:
    """Servants whose direct manager is `manager` on `day`."""
    return StructureIndex(manager.organisation, day).subordinates(manager)


def _tree_order(rows: Iterable[tuple[int, int | None, int, str]]) -> list[tuple[int, int]]:
    """(id, depth) of units given as (id, parent id, order, Kazakh name): parents before
    children, siblings by order then name."""
    children: dict[int | None, list[tuple[int, str, int]]] = {}
    for pk, parent_id, order, name_kk in rows:
        children.setdefault(parent_id, []).append((order, name_kk, pk))
    ordered: list[tuple[int, int]] = []

    def walk(parent: int | None, depth: int) -> None:
        for _order, _name, pk in sorted(children.get(parent, []), key=lambda u: u[:2]):
            ordered.append((pk, depth))
            walk(pk, depth + 1)

    walk(None, 0)
    return ordered


def unit_order(organisation: Organisation) -> list[tuple[int, int]]:
    """The id and depth of every unit in `unit_tree`'s order, read as plain values: a caller
    that shows a few units of the tree reads only those (issue 12 item 3)."""
    return _tree_order(organisation.units.values_list("pk", "parent_id", "order", "name_kk"))


def unit_tree(organisation: Organisation) -> list[tuple[Unit, int]]:
    """Every unit with its depth, parents before children, in display order. The time stamps
    are left unread: a time stamp costs more to load than the rest of a unit (issue 12 item 3)."""
    units = {unit.pk: unit for unit in organisation.units.defer("created_at", "updated_at")}
    rows = ((unit.pk, unit.parent_id, unit.order, unit.name_kk) for unit in units.values())
    return [(units[pk], depth) for pk, depth in _tree_order(rows)]


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


def held_position_ids(organisation: Organisation, day: dt.date) -> set[int]:
    """The organisation's positions that have an assignment active on `day`; the others are
    vacant (issue 13 item 8)."""
    return set(
        Assignment.objects.filter(position__unit__organisation=organisation, start__lte=day)
        .filter(Q(end__isnull=True) | Q(end__gte=day))
        .values_list("position_id", flat=True)
    )


def servants_in_post(organisation: Organisation, day: dt.date) -> Iterable[Assignment]:
    """Current assignments of evaluated ("B" corps) posts on `day`."""
    return (
        Assignment.objects.select_related("servant", "position__unit")
        .select_related("direct_manager", "superior_manager")
        .filter(servant__organisation=organisation, start__lte=day)
        .filter(Q(end__isnull=True) | Q(end__gte=day))
        .exclude(position__category="")
    )


def _units_up(unit_ids: set[int], known: dict[int, Unit]) -> dict[int, Unit]:
    """The units of `unit_ids` not in `known` and every unit above them (one query: a recursive
    common table expression walks up the tree)."""
    missing = sorted(unit_ids - set(known))
    if not missing:
        return {}
    table = connection.ops.quote_name(Unit._meta.db_table)
    marks = ", ".join("%s" for _ in missing)
    sql = (
        f"WITH RECURSIVE up(id) AS (SELECT id FROM {table} WHERE id IN ({marks}) "
        f"UNION SELECT u.parent_id FROM {table} u JOIN up ON u.id = up.id "
        f"WHERE u.parent_id IS NOT NULL) SELECT * FROM {table} WHERE id IN (SELECT id FROM up)"
    )
    return {unit.pk: unit for unit in Unit.objects.raw(sql, missing) if unit.pk not in known}


def _posts_around(
    posts: QuerySet[Assignment],
    organisation: Organisation,
    servants: set[int],
    unit_ids: Iterable[int] = (),
) -> tuple[list[Assignment], dict[int, Unit]]:
    """The posts `StructureIndex` needs to name the managers of `servants` (a page, not the
    whole organisation), and the units above them: every post of them, the units of those posts
    and every unit above, every post of each head of those units, of the servants an override
    of those names, and so on until none is missing; in the index's order. Each query starts
    from servant or unit ids (`posts` is not narrowed to the organisation: its posts are kept
    here), so that it reads a page's rows whatever the size of the organisation. `unit_ids`:
    units whose heads are asked for (a vacancy's manager), loaded with the units above them."""
    loaded: list[Assignment] = []
    seen: set[int] = set()
    units: dict[int, Unit] = _units_up(set(unit_ids), {})
    wanted, heads_of = set(servants), set(units)
    while True:
        if heads_of:
            wanted |= set(
                posts.filter(
                    position__unit_id__in=sorted(heads_of), position__heads_unit=True
                ).values_list("servant_id", flat=True)
            )
        wanted -= seen
        if not wanted:
            break
        found = list(posts.filter(servant_id__in=sorted(wanted)))  # every post of each
        seen |= wanted
        above = _units_up({assignment.position.unit_id for assignment in found}, units)
        units.update(above)
        found = [a for a in found if units[a.position.unit_id].organisation_id == organisation.pk]
        loaded += found
        wanted = {
            pk
            for assignment in found
            for pk in (assignment.direct_manager_id, assignment.superior_manager_id)
            if pk is not None
        }
        heads_of = set(above)
    loaded.sort(key=lambda assignment: (assignment.start, assignment.pk), reverse=True)
    return loaded, units


def held_on(posts: QuerySet[Assignment], day: dt.date) -> QuerySet[Assignment]:
    """The assignments of `posts` held on `day`, newest first (the index keeps a servant's
    first)."""
    return (
        posts.filter(start__lte=day)
        .filter(Q(end__isnull=True) | Q(end__gte=day))
        .order_by("-start", "-pk")
    )


def apparatus_heads(organisation: Organisation) -> frozenset[int]:
    """The servants (ids) who head the apparatus: they may manage any post (seed 002 p.2)."""
    return frozenset(
        Servant.objects.filter(
            organisation=organisation,
            user__roles__organisation=organisation,
            user__roles__role=Role.APPARATUS_HEAD,
        ).values_list("pk", flat=True)
    )


class StructureIndex:
    """The organisation's posts on one day, loaded in a few queries: the one place that says who
    manages whom (the functions above ask it).

    - The direct manager of a post is the override on its assignment when the override may
      manage the post (`may_manage`), else the head of its unit (for a post that heads its unit,
      of the unit above) — skipping vacant head posts and, under sjc-2023, heads whose category
      does not manage (a B-3 sector head: the sector's staff are evaluated by the department's
      B-1 head, seed 002 p.2(4), p.29).
    - The superior manager is the override when it may manage the post, else the direct
      manager's direct manager.
    - With `around` (servant ids: a page) and `around_units` (units whose heads it will be
      asked for), only the posts that name their managers and the units above them are loaded
      (`_posts_around`): every answer about those servants and units is the full index's, and
      the index must not be asked about anyone else nor walked (`subordinates`, `managed_by`,
      `units`).
    - `may_manage`: an override names a servant who, on the day, heads the post's unit or a unit
      above it, holds a B-1 post in one of them (the deputy head of the apparatus), or is the head
      of the apparatus; never the holder. An override that no longer may (its holder moved on)
      gives way to the structure.
    """

    def __init__(
        self,
        organisation: Organisation,
        day: dt.date,
        *,
        around: Iterable[int] | None = None,
        around_units: Iterable[int] = (),
    ) -> None:
        self.day = day
        self.rules = structure_rules(organisation, day)
        related = ("servant", "position", "direct_manager", "superior_manager")
        posts = held_on(lean(Assignment.objects.select_related(*related), *related), day)
        self.units: dict[int, Unit]
        if around is None:
            self.units = {unit.pk: unit for unit in organisation.units.all()}
            assignments = list(posts.filter(position__unit__organisation=organisation))
        else:
            assignments, self.units = _posts_around(
                posts, organisation, set(around), set(around_units)
            )
        self._index(organisation, assignments)

    def _index(self, organisation: Organisation, assignments: Iterable[Assignment]) -> None:
        """Index `assignments` (newest first) by servant and the heads by unit; read who heads
        the apparatus."""
        self.assignment: dict[int, Assignment] = {}
        self.heads: dict[int, list[Assignment]] = {}
        for assignment in assignments:
            self.assignment.setdefault(assignment.servant_id, assignment)
            if assignment.position.heads_unit:
                self.heads.setdefault(assignment.position.unit_id, []).append(assignment)
        self._reports: dict[int, list[Servant]] | None = None
        self._head_ids = {head.servant_id for heads in self.heads.values() for head in heads}
        self._unit_heads: dict[int | None, Servant | None] = {}
        self.apparatus_heads = apparatus_heads(organisation)

    def _first_above(self, assignment: Assignment) -> int | None:
        """The nearest unit whose head may manage the post: its own, or the one above the unit
        it heads."""
        unit_id: int | None = assignment.position.unit_id
        if assignment.position.heads_unit and unit_id is not None:
            unit_id = self.units[unit_id].parent_id
        return unit_id

    def above(self, assignment: Assignment) -> list[int]:
        """The units whose heads may manage the post: its own unit (unless it heads it) and
        every unit above, nearest first."""
        unit_id = self._first_above(assignment)
        chain = []
        while unit_id is not None:
            chain.append(unit_id)
            unit_id = self.units[unit_id].parent_id
        return chain

    def unit_head(self, unit_id: int | None, *, excluding: Servant | None = None) -> Servant | None:
        """Who manages the posts of the unit as its head: its head, or the nearest head above
        when the post is vacant, is `excluding`, or does not manage under the edition (p.29);
        when no head above manages, the nearest head there is."""
        if excluding is not None and excluding.pk not in self._head_ids:
            excluding = None  # it skips no head: the unit's answer for everyone, kept
        if excluding is not None:
            return self._walk_heads(unit_id, excluding.pk)
        if unit_id not in self._unit_heads:
            self._unit_heads[unit_id] = self._walk_heads(unit_id, None)
        return self._unit_heads[unit_id]

    def _walk_heads(self, unit_id: int | None, excluding: int | None) -> Servant | None:
        fallback: Servant | None = None
        while unit_id is not None:
            for head in self.heads.get(unit_id, []):
                if head.servant_id == excluding:
                    continue
                if self.rules.head_manages(head.position.category):
                    return head.servant
                fallback = fallback or head.servant
            unit_id = self.units[unit_id].parent_id
        return fallback

    def may_manage(self, assignment: Assignment, manager: Servant) -> bool:
        """Whether `manager` may be named the direct or superior manager of the post (the rule
        every override and every evaluator, approver and manager HR sets must pass)."""
        if manager.pk == assignment.servant_id:
            return False
        if manager.pk in self.apparatus_heads:
            return True
        held = self.assignment.get(manager.pk)
        if held is None or held.position.unit_id not in self.above(assignment):
            return False
        post = held.position
        return post.heads_unit or self.rules.manages_without_heading(post.category)

    def manager_of(self, assignment: Assignment) -> Servant | None:
        """The direct manager of the post (held on the day or left since)."""
        override = assignment.direct_manager
        if override is not None and self.may_manage(assignment, override):
            return override
        unit_id = self._first_above(assignment)
        return (
            self.unit_head(unit_id, excluding=assignment.servant) if unit_id is not None else None
        )

    def superior_of(self, assignment: Assignment) -> Servant | None:
        """The superior manager of the post."""
        override = assignment.superior_manager
        if override is not None and self.may_manage(assignment, override):
            return override
        manager = self.manager_of(assignment)
        return self.direct_manager(manager) if manager is not None else None

    def direct_manager(self, servant: Servant) -> Servant | None:
        """The direct manager of the post the servant holds on the day."""
        return self.direct_manager_of(servant.pk)

    def direct_manager_of(self, servant_id: int) -> Servant | None:
        """`direct_manager` of a servant known by id (no servant read)."""
        assignment = self.assignment.get(servant_id)
        return self.manager_of(assignment) if assignment is not None else None

    def manager_id_of(self, servant_id: int) -> int | None:
        """The id of `direct_manager_of` (all a caller of `ManagerIds` may read of it)."""
        manager = self.direct_manager_of(servant_id)
        return None if manager is None else manager.pk

    def superior_manager(self, servant: Servant) -> Servant | None:
        """The superior manager of the post the servant holds on the day."""
        assignment = self.assignment.get(servant.pk)
        return self.superior_of(assignment) if assignment is not None else None

    def subordinates(self, manager: Servant) -> list[Servant]:
        """The servants whose direct manager `manager` is on the day, in the index's order: the
        reverse of `manager_of`, built once for the index on the first call (issue 12 item 2)."""
        if self._reports is None:
            self._reports = {}
            for assignment in self.assignment.values():
                boss = self.manager_of(assignment)
                if boss is not None and boss.pk != assignment.servant_id:
                    self._reports.setdefault(boss.pk, []).append(assignment.servant)
        return list(self._reports.get(manager.pk, []))

    def managed_by(self, manager: Servant) -> set[int]:
        """The servants (ids) whose direct or superior manager `manager` is on the day (by id:
        `org.manager_ids.ManagerIds` answers with ids only)."""
        found = set()
        for assignment in self.assignment.values():
            direct, superior = self.manager_of(assignment), self.superior_of(assignment)
            if manager.pk in (direct and direct.pk, superior and superior.pk):
                found.add(assignment.servant_id)
        return found


def users_with_role(organisation: Organisation, *roles: str) -> QuerySet[Account]:
    """Active users holding one of `roles` in the organisation, each once, by id."""
    return (
        get_user_model()
        .objects.filter(is_active=True, roles__organisation=organisation, roles__role__in=roles)
        .distinct()
        .order_by("pk")
    )


def hr_users(organisation: Organisation) -> list[Account]:
    """The accounts of the organisation's HR service and its head (told of plans and campaigns)."""
    return list(users_with_role(organisation, *HR_ROLES))
