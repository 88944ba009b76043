"""Who may be named a servant's manager or evaluator, and who may name them.

The rule itself is `StructureIndex.may_manage` (org.selectors): a manager override names a
servant who heads the post's unit or a unit above it, holds a B-1 post in one of them (the deputy
head of the apparatus, seed 002 p.2(4)), or is the head of the apparatus. On top of it, nobody
appoints themselves: the HR member who names a manager or an evaluator is never the one named,
never changes who manages their own post, and no change of the structure they make may turn them
into anyone's direct or superior manager (`SelfPromotionGuard`). A change of evaluator is audited
by the service that makes it and told to the evaluatee and the head of the HR service.

The services that set a manager, an evaluator or an approver call these helpers: the managers
of a post (org), the evaluator of an evaluation (evaluations) and of a work plan (plans).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext_noop as N_

from bagalau.core import clock
from bagalau.core.errors import DomainError
from bagalau.core.notify import notify
from bagalau.org.manager_ids import ManagerIds
from bagalau.org.models import Assignment, Organisation, Role, Servant
from bagalau.org.selectors import (
    StructureIndex,
    apparatus_heads,
    held_on,
    structure_rules,
    users_with_role,
)

if TYPE_CHECKING:
    from bagalau.core.types import User


def acting_servant(actor: User | None, organisation: Organisation) -> Servant | None:
    """The servant record of the user acting in the organisation (None for an HR login without
    one, and for the system)."""
    if actor is None or not actor.is_authenticated:
        return None
    return Servant.objects.filter(user=actor, organisation=organisation).first()


def refuse_self_appointment(
    field: str, actor: User, organisation: Organisation, named: Iterable[Servant | None]
) -> None:
    """DomainError when the actor would name themselves a manager, evaluator or approver."""
    me = acting_servant(actor, organisation)
    if me is not None and any(person is not None and person.pk == me.pk for person in named):
        raise DomainError(
            field,
            N_(
                "Nobody may make themselves the manager or the evaluator of anyone: another "
                "member of the HR service must do it."
            ),
        )


def refuse_own_post(field: str, actor: User, organisation: Organisation, holder: Servant) -> None:
    """DomainError when the actor would choose who manages (and evaluates) their own post."""
    me = acting_servant(actor, organisation)
    if me is not None and me.pk == holder.pk:
        raise DomainError(
            field,
            N_(
                "Nobody may choose the manager or the evaluator of their own post: another member "
                "of the HR service must do it."
            ),
        )


def check_manager(
    field: str, index: StructureIndex, assignment: Assignment, manager: Servant
) -> None:
    """DomainError unless `manager` may manage the post on the index's day (the rule of
    `StructureIndex.may_manage`)."""
    if manager.pk == assignment.servant_id:
        raise DomainError(field, N_("A servant cannot be their own manager."))
    if not index.may_manage(assignment, manager):
        raise DomainError(
            field,
            N_(
                "%(manager)s cannot manage %(servant)s: name the head of their unit or of a unit "
                "above it, a deputy head of the apparatus or the head of the apparatus."
            ),
            manager=manager.full_name,
            servant=assignment.servant.full_name,
        )


def day_of(assignment: Assignment, today: dt.date | None = None) -> dt.date:
    """The day on which the post's managers are checked: today, within the assignment's dates."""
    day = max(today or clock.today(), assignment.start)
    return min(day, assignment.end) if assignment.end is not None else day


def may_manage_anyone(servant: Servant, organisation: Organisation, day: dt.date) -> bool:
    """Whether the structure could make `servant` anyone's direct or superior manager on `day`
    (`StructureIndex`: a manager is the head of a unit, an override who heads a unit or holds a
    post that manages without heading — B-1, seed 002 p.2(4) — or the head of the apparatus).
    False means nobody is managed by them that day, read in two small queries instead of the
    whole structure; True means they may be (the structure says whom)."""
    if servant.pk in apparatus_heads(organisation):
        return True
    rules = structure_rules(organisation, day)
    posts = held_on(
        Assignment.objects.filter(servant=servant, position__unit__organisation=organisation), day
    ).values_list("position__heads_unit", "position__category")
    return any(heads or rules.manages_without_heading(category) for heads, category in posts)


def _previous_quarter_end(day: dt.date) -> dt.date:
    first_month = 3 * ((day.month - 1) // 3) + 1
    return dt.date(day.year, first_month, 1) - dt.timedelta(days=1)


class SelfPromotionGuard:
    """Around a structure change by `actor`: `check()` refuses it (DomainError on `field`; the
    service's transaction rolls it back) when it made the actor the direct or superior manager of
    a servant they did not manage before — by appointing or transferring themselves, moving
    units, changing posts or dismissing a head. Servants the change itself places (`moved`:
    appointed or transferred into a post) may fall under the actor like under anyone heading
    their unit.

    Checked today, on the end of the previous quarter (the one HR opens now) and on `days` (the
    dates the change takes effect)."""

    def __init__(
        self,
        actor: User | None,
        organisation: Organisation,
        *,
        field: str,
        days: Iterable[dt.date] = (),
        moved: Iterable[int] = (),
    ) -> None:
        self.organisation, self.field, self.moved = organisation, field, set(moved)
        self.me = acting_servant(actor, organisation)
        today = clock.today()
        self.days = sorted({today, _previous_quarter_end(today), *days})
        self.before = self._managed()

    def _managed(self) -> set[int]:
        found: set[int] = set()
        if self.me is None:
            return found
        for day in self.days:
            if may_manage_anyone(self.me, self.organisation, day):
                # the whole structure as values (seconds at 100,000, not minutes)
                found |= ManagerIds(self.organisation, day).managed_by(self.me)
        return found

    def check(self) -> None:
        """DomainError when the change gave the actor someone to manage."""
        if self.me is None:
            return
        gained = self._managed() - self.before - self.moved - {self.me.pk}
        if gained:
            names = Servant.objects.filter(pk__in=gained).order_by("last_name", "first_name", "pk")
            raise DomainError(
                self.field,
                N_(
                    "This change would make you the manager of %(servants)s: nobody may make "
                    "themselves anyone's manager, another member of the HR service must make it."
                ),
                servants=", ".join(servant.full_name for servant in names),
            )


def tell_evaluator_changed(
    *,
    actor: User,
    organisation: Organisation,
    servant: Servant,
    before: Servant | None,
    after: Servant | None,
    kind: str,
    params: dict[str, Any],
    url: str,
    dedupe_key: str,
) -> None:
    """Tell the evaluatee (`kind`) and the head of the HR service (`kind` + "_hr") that the
    person who evaluates them changed, and who made the change."""
    names = {
        "evaluator": after.full_name if after is not None else "—",
        "before": before.full_name if before is not None else "—",
    }
    notify(
        recipient=servant,
        kind=kind,
        params={**params, **names},
        url=url,
        dedupe_key=f"{dedupe_key}:servant",
    )
    done_by = acting_servant(actor, organisation)
    for user in users_with_role(organisation, Role.HR_HEAD):
        notify(
            recipient=user,
            kind=f"{kind}_hr",
            params={
                **params,
                **names,
                "servant": servant.full_name,
                "actor": done_by.full_name if done_by is not None else actor.get_username(),
            },
            url=url,
            dedupe_key=f"{dedupe_key}:hr",
        )
