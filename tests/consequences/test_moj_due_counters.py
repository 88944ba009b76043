"""The moj-2017 consequences counted for the dashboard's overdue panel (issue 12 item 3): on each
day the counter gives what walking the collector gives (tests/notifications/parity.py) — the
training referrals open or referred (seed 001 p.43) and the p.45 alert — and nothing once done
and decided."""

from __future__ import annotations

import datetime as dt

import pytest

from bagalau.consequences import due
from bagalau.consequences.training import training_referral_refer
from tests.consequences.moj_world import TODAY, build
from tests.notifications.parity import assert_parity

pytestmark = pytest.mark.django_db

#: Before the alert's day (14.12.2017), after it, after the last referral's (14.03.2018).
DAYS = [dt.date(2016, 3, 1), dt.date(2017, 12, 15), TODAY, dt.date(2018, 3, 15)]


def test_the_counter_counts_what_the_collector_walks(world, clock):
    clock(TODAY)
    w = build(world)
    training_referral_refer(
        actor=w.hr_staff_user, evaluation_id=w.weak_2016.pk, directions="Тәртіп", referred_on=TODAY
    )
    assert set(due.SOURCE.counters) == set(due.SOURCE.collectors)
    assert assert_parity(due.SOURCE, w.org, DAYS) == {"moj_training", "moj_alert"}
