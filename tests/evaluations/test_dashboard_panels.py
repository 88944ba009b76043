"""The dashboard lists the first few rows and says how many more there are (issue 12 item 3): an
evaluator's sheets to fill and HR's cycle progress per unit take the same queries whatever the
number of sheets and units, and the rows shown are the first of the whole lists."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from bagalau.core.navigation import PANEL_ROWS
from bagalau.evaluations.selectors.progress import cycle_progress
from bagalau.evaluations.selectors.sheets import sheets_to_fill
from bagalau.evaluations.services.schedule import period_open
from tests.evaluations.test_pagination_roster import grow, queries
from tests.evaluations.test_schedule_support import approved, quarter
from tests.factories import UnitFactory


def panel(response, template):
    [found] = [p["context"] for p in response.context["panels"] if p["template"] == template]
    return found


SHEETS = "evaluations/sheets/panels/tasks.html"
CYCLE = "evaluations/schedule/panel.html"


def test_the_evaluators_sheets_to_fill_the_first_ones_at_any_size(world, clock):
    period = quarter(approved(world), 1)
    clock(dt.date(2026, 4, 3))
    grow(world, 2, name="Алғашқы")
    period_open(actor=world.hr_staff_user, period_id=period.pk)
    small, response = queries(world.a_head_user, reverse("home"))
    shown = panel(response, SHEETS)
    assert len(shown["sheets"]) == sheets_to_fill(world.a_head_user).count() <= PANEL_ROWS
    assert shown["more"] == 0
    grow(world, 12, name="Кейінгі")
    period_open(actor=world.hr_staff_user, period_id=period.pk)
    large, response = queries(world.a_head_user, reverse("home"))
    shown = panel(response, SHEETS)
    whole = list(sheets_to_fill(world.a_head_user))
    assert shown["sheets"] == whole[:PANEL_ROWS]
    assert shown["more"] == len(whole) - PANEL_ROWS > 0
    assert 'data-testid="panel-more"' in response.content.decode()
    assert large == small


def more_units(world, count, name):
    for n in range(count):
        unit = UnitFactory(organisation=world.org, parent=world.root, name_kk=f"{name} {n}")
        grow(world, 1, unit=unit, name=f"{name}{n}-")


def test_the_cycle_panel_the_first_units_and_the_total_at_any_size(world, clock):
    period = quarter(approved(world), 1)
    clock(dt.date(2026, 4, 3))
    more_units(world, 2, "Алғашқы")
    period_open(actor=world.hr_staff_user, period_id=period.pk)
    small, response = queries(world.hr_staff_user, reverse("home"))
    [shown] = panel(response, CYCLE)["open"]
    whole = cycle_progress(period)
    assert shown["progress"].more == 0
    assert [u.unit for u in shown["progress"].units] == [u.unit for u in whole.units]
    more_units(world, 12, "Кейінгі")
    period_open(actor=world.hr_staff_user, period_id=period.pk)
    large, response = queries(world.hr_staff_user, reverse("home"))
    [shown] = panel(response, CYCLE)["open"]
    whole = cycle_progress(period)
    units = shown["progress"].units
    assert [u.unit for u in units] == [u.unit for u in whole.units[:PANEL_ROWS]]
    assert shown["progress"].more == len(whole.units) - PANEL_ROWS > 0
    assert shown["progress"].total == whole.total
    assert large == small
