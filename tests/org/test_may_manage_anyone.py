"""`org.managers.may_manage_anyone`: the guard against self-promotion reads the whole structure
only for an actor whom the structure could make a manager (a unit head, a B-1 post, the head of
the apparatus). For everyone else it answers from their own posts; the answer must never hide a
servant they do manage. (That a change making HR a head is still refused, the shortcut asked
after the change too, is tests/evaluations/test_evaluator_rule.py's
`test_hr_cannot_turn_its_own_post_into_a_head_post`.)"""

import datetime as dt

from bagalau.org import managers
from bagalau.org.manager_ids import ManagerIds
from bagalau.org.managers import SelfPromotionGuard, may_manage_anyone
from bagalau.org.models import Servant

DAY = dt.date(2026, 3, 2)


def test_whoever_manages_someone_may_manage_and_plain_staff_may_not(world):
    """Over the whole fixture on three days: a servant the structure names anyone's direct or
    superior manager is never answered False; staff who head nothing are answered False."""
    for day in (dt.date(2025, 12, 31), DAY, dt.date(2026, 6, 30)):
        index = ManagerIds(world.org, day)
        for servant in Servant.objects.filter(organisation=world.org):
            managed = index.managed_by(servant)
            if managed:
                assert may_manage_anyone(servant, world.org, day), (servant, day)
    assert not may_manage_anyone(world.hr_staff, world.org, DAY)
    assert not may_manage_anyone(world.b_staff1, world.org, DAY)
    assert may_manage_anyone(world.hr_head, world.org, DAY)
    assert may_manage_anyone(world.b_head, world.org, DAY)


def test_the_guard_of_a_servant_who_manages_nobody_reads_no_structure(world, clock, monkeypatch):
    """An HR member heading nothing: the guard asks two small questions a day and never reads
    the whole structure; the head of HR (B-1, heads the HR sector) has it read on every day."""
    clock(DAY)
    read = []

    class Counted(ManagerIds):
        def __init__(self, organisation, day):
            read.append(day)
            super().__init__(organisation, day)

    monkeypatch.setattr(managers, "ManagerIds", Counted)
    SelfPromotionGuard(world.hr_staff_user, world.org, field="structure").check()
    assert read == []
    SelfPromotionGuard(world.hr_head_user, world.org, field="structure").check()
    assert sorted(set(read)) == [dt.date(2025, 12, 31), DAY]
