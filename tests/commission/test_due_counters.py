"""The results after the commission counted in the database for the dashboard's overdue panel
(issue 12 item 3): on each day, each counter gives what walking its collector gives
(tests/notifications/parity.py) — typical-2018 results to acknowledge (seed 004 p.40-41), moj-2017
decisions to be familiarised with (seed 001 p.36) and the information to the agency (p.39)."""

from __future__ import annotations

import datetime as dt

import pytest

from bagalau.commission import due, services
from tests.commission.moj_world import build, decided_quarter
from tests.notifications.parity import assert_parity

pytestmark = pytest.mark.django_db


def test_the_typical_results_to_acknowledge(approved):
    """Both due 11.03.2020; eval2's acknowledged."""
    services.commission_result_acknowledge(
        actor=approved.a_staff2_user,
        evaluation_id=approved.eval2.pk,
        acknowledged_on=dt.date(2020, 3, 10),
    )
    days = [dt.date(2020, 3, 11), dt.date(2020, 3, 12)]
    assert set(due.SOURCE.counters) == set(due.SOURCE.collectors)
    assert assert_parity(due.SOURCE, approved.org, days) == {"typical_acknowledge"}


def test_the_moj_familiarisation_and_the_agency_information(world, clock):
    """Both quarters due 26.10.2017; quarter1 acknowledged, appealed and the agency's
    information due 04.12.2017."""
    w = build(world, clock)
    decided_quarter(w)
    services.commission_result_acknowledge(
        actor=w.a_staff1_user, evaluation_id=w.quarter1.pk, acknowledged_on=dt.date(2017, 10, 26)
    )
    appeal = services.commission_appeal_record(
        actor=w.hr_staff_user,
        evaluation_id=w.quarter1.pk,
        filed_on=dt.date(2017, 10, 30),
        authority="ҚМІА",
    )
    services.commission_appeal_outcome(
        actor=w.hr_staff_user,
        appeal_id=appeal.pk,
        outcome="left_unchanged",
        decided_on=dt.date(2017, 11, 20),
    )
    days = [dt.date(2017, 10, 26), dt.date(2017, 10, 27), dt.date(2017, 12, 5)]
    seen = assert_parity(due.SOURCE, w.org, days)
    assert seen == {"moj_acknowledge", "moj_agency_report"}
