"""What is due, by whom and by when: the open tasks of the work plans, the evaluations and
calibration, each with its due date and the people who must act.

Each of those apps declares its kinds of task and collects its tasks in its own `due.py`, and
registers them here in its AppConfig.ready() (`register_due_source`): this app imports none of
them. Two readers: the reminders job (reminders.py) tells those people before and after the
date, and the overdue board of the HR service lists what is past it. Only workflow fields are
read — statuses and dates, never a score or a rating (p.15, p.20): HR staff read the board.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bagalau.core import clock
from bagalau.org.models import Organisation, Role, RoleAssignment, Unit
from bagalau.org.selectors import unit_tree, units_below, work_calendar
from bagalau.workcalendar import WorkCalendar

if TYPE_CHECKING:
    from bagalau.core.types import Account


@dataclass(frozen=True)
class TaskKind:
    """A kind of task: its heading on the board, who acts, and which notifications it sends
    (``remind_<code>`` before the date, ``overdue_<code>`` the first working day after it)."""

    code: str
    label: Any
    action: Any
    remind: bool = True
    notice: bool = True
    on_board: bool = True


HR_SERVICE = _("HR service")


@dataclass
class DueTask:
    """One task: whose case, what is due when, and who must act (users to notify, names to
    show). `started` is when the task reached them, when the workflow recorded it: no reminder
    repeats a step notification sent on or after the reminder day."""

    kind: str
    pk: int
    organisation_id: int
    unit: Unit | None
    servant: str
    subject: str
    due: dt.date
    recipients: list[Account]
    who: str
    url: str
    board_url: str
    params: dict[str, Any] = field(default_factory=dict)
    started: dt.date | None = None
    remind_on: dt.date | None = None
    remind_until: dt.date | None = None

    @property
    def label(self) -> str:
        """The kind's heading in the reader's language."""
        return str(KINDS[self.kind].label)

    @property
    def action(self) -> str:
        """What must be done, in the reader's language."""
        return str(KINDS[self.kind].action)


def local_day(moment: dt.datetime | None) -> dt.date | None:
    """The local day of a moment, if any."""
    return timezone.localdate(moment) if moment is not None else None


def user_name(user: Account) -> str:
    """The user's full name from their servant record, else their login."""
    servant = getattr(user, "servant", None)
    return servant.full_name if servant is not None else str(user.get_username())


def active_users(users: Iterable[Account | None]) -> list[Account]:
    """The active users among `users`, once each, in order."""
    seen: dict[int, Account] = {}
    for user in users:
        if user is not None and user.is_active and user.pk not in seen:
            seen[user.pk] = user
    return list(seen.values())


class People:
    """The organisation-wide role holders, read once per run."""

    def __init__(self) -> None:
        self._by_role: dict[tuple[int, str], list[Account]] = {}

    def _load(self, organisation_id: int) -> None:
        for role in Role.values:
            self._by_role[(organisation_id, role)] = []
        holders = (
            RoleAssignment.objects.filter(organisation_id=organisation_id, user__is_active=True)
            .select_related("user__servant")
            .order_by("user_id", "pk")
        )
        for holder in holders:
            self._by_role.setdefault((organisation_id, holder.role), []).append(holder.user)

    def with_role(self, organisation_id: int, *roles: str) -> list[Account]:
        """Active users holding one of `roles` in the organisation, in a stable order."""
        if (organisation_id, Role.HR) not in self._by_role:
            self._load(organisation_id)
        found = [u for role in roles for u in self._by_role[(organisation_id, role)]]
        return sorted(active_users(found), key=lambda u: u.pk)

    def hr_service(self, organisation_id: int) -> list[Account]:
        """HR staff and its head (they agree and post plans and protocols)."""
        return self.with_role(organisation_id, Role.HR, Role.HR_HEAD)

    def hr_staff(self, organisation_id: int) -> list[Account]:
        """HR staff, else its head (they enter actual values and draw up acts)."""
        return self.with_role(organisation_id, Role.HR) or self.with_role(
            organisation_id, Role.HR_HEAD
        )


@dataclass
class Run:
    """What every collector shares: the scope, the calendar and the role holders."""

    organisation: Organisation | None
    calendar: WorkCalendar
    people: People = field(default_factory=People)

    def scope(self, path: str) -> Q:
        """The filter of the run's organisation along `path` (all organisations without one)."""
        if self.organisation is None:
            return Q()
        return Q(**{path: self.organisation})


# --- the sources: each app's kinds and collectors -----------------------------------------------


@dataclass(frozen=True)
class DueSource:
    """An app's tasks: its kinds (in board order) and the collectors that find them; sources
    are read in `order` (plans 10, evaluations 20, calibration 30)."""

    key: str
    kinds: tuple[TaskKind, ...]
    collectors: tuple[Callable[[Run], Iterator[DueTask]], ...]
    order: int = 100
    #: Collectors whose overdue tasks the database can count (collector -> counter of the
    #: tasks due before the day, by kind): the dashboard's panel counts them there instead of
    #: walking every open task (issue 12 item 3); the others are walked.
    counters: dict[Callable[[Run], Iterator[DueTask]], Callable[[Run, dt.date], dict[str, int]]] = (
        field(default_factory=dict)
    )


_SOURCES: dict[str, DueSource] = {}

#: Every kind of task, in the order of the board (filled by `register_due_source`).
KINDS: dict[str, TaskKind] = {}


def register_due_source(source: DueSource) -> None:
    """Add (or replace) an app's tasks; called in its AppConfig.ready()."""
    _SOURCES[source.key] = source
    KINDS.clear()
    for each in sorted(_SOURCES.values(), key=lambda s: s.order):
        KINDS.update((kind.code, kind) for kind in each.kinds)


def open_tasks(
    *, organisation: Organisation | None = None, calendar: WorkCalendar | None = None
) -> list[DueTask]:
    """Every task not done yet, of one organisation or of all, in board order then by due
    date."""
    run = Run(organisation=organisation, calendar=calendar or work_calendar())
    tasks: list[DueTask] = []
    for source in sorted(_SOURCES.values(), key=lambda s: s.order):
        for collect in source.collectors:
            tasks.extend(collect(run))
    order = {code: index for index, code in enumerate(KINDS)}
    tasks.sort(key=lambda t: (order[t.kind], t.due, t.servant, t.pk))
    return tasks


# --- the overdue board (HR) ----------------------------------------------------------------------


@dataclass(frozen=True)
class OverdueItem:
    """A line of the board: whose case, what, who must act, since when (counts only)."""

    task: DueTask
    days_late: int


@dataclass
class OverdueGroup:
    """The overdue tasks of one kind."""

    kind: str
    label: str
    action: str
    items: list[OverdueItem]

    @property
    def count(self) -> int:
        """How many tasks of this kind are overdue."""
        return len(self.items)


@dataclass
class OverdueBoard:
    """What is past its date in an organisation (or one of its units), grouped by kind."""

    organisation: Organisation
    today: dt.date
    unit: Unit | None
    groups: list[OverdueGroup]

    @property
    def total(self) -> int:
        """How many tasks are overdue."""
        return sum(group.count for group in self.groups)


def overdue_board(
    organisation: Organisation, *, unit: Unit | None = None, today: dt.date | None = None
) -> OverdueBoard:
    """Every task of the organisation past its due date, by kind (empty kinds left out), with
    the working days it is late; with `unit`, only the cases of that unit and the units under
    it. The caller checks that the reader is the organisation's HR service."""
    today = today or clock.today()
    calendar = work_calendar()
    allowed = {u.pk for u in units_below(unit)} if unit is not None else None
    grouped: dict[str, list[OverdueItem]] = defaultdict(list)
    for task in open_tasks(organisation=organisation, calendar=calendar):
        if not KINDS[task.kind].on_board or task.due >= today:
            continue
        if allowed is not None and (task.unit is None or task.unit.pk not in allowed):
            continue
        try:
            late = calendar.working_days_between(task.due, today)
        except ValueError:
            late = (today - task.due).days
        grouped[task.kind].append(OverdueItem(task=task, days_late=late))
    groups = [
        OverdueGroup(kind=code, label=str(kind.label), action=str(kind.action), items=grouped[code])
        for code, kind in KINDS.items()
        if grouped.get(code)
    ]
    return OverdueBoard(organisation=organisation, today=today, unit=unit, groups=groups)


@dataclass(frozen=True)
class OverdueCount:
    """How many tasks of one kind are overdue (the dashboard's panel: no list)."""

    kind: str
    label: str
    count: int


@dataclass(frozen=True)
class OverdueSummary:
    """The overdue tasks of an organisation counted by kind, in board order."""

    groups: list[OverdueCount]

    @property
    def total(self) -> int:
        """How many tasks are overdue."""
        return sum(group.count for group in self.groups)


def overdue_counts(organisation: Organisation, *, today: dt.date | None = None) -> OverdueSummary:
    """The counts of `overdue_board` by kind (the same tasks: due before today, on the board),
    counted in the database where a source declares a counter, so the dashboard does not walk
    every open task of the organisation (issue 12 item 3)."""
    today = today or clock.today()
    run = Run(organisation=organisation, calendar=work_calendar())
    counted: dict[str, int] = defaultdict(int)
    for source in sorted(_SOURCES.values(), key=lambda s: s.order):
        for collect in source.collectors:
            counter = source.counters.get(collect)
            if counter is not None:
                for kind, count in counter(run, today).items():
                    counted[kind] += count
                continue
            for task in collect(run):
                if task.due < today:
                    counted[task.kind] += 1
    return OverdueSummary(
        groups=[
            OverdueCount(kind=code, label=str(kind.label), count=counted[code])
            for code, kind in KINDS.items()
            if kind.on_board and counted.get(code)
        ]
    )


def board_units(organisation: Organisation) -> list[tuple[Unit, int]]:
    """The units to filter the board by, in tree order with their depth."""
    return unit_tree(organisation)
