"""The typical-2018 and moj-2017 cycles of bench/scale.py (issue 12 item 1): two more
organisations of the same size as the sjc-2023 apparatus (bench/_scale_world.py), one under
sjc-2018 (the typical-2018 family, EDITIONS.md §3) evaluated once a year, one under moj-2017
(EDITIONS.md §5) evaluated each quarter, each opened by the HR service through its own service
and its whole-organisation pages opened as HR.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from _scale_world import build_structure
from django.test import Client
from django.urls import reverse

from bagalau.demo.clock import clock_at, moment_of
from bagalau.evaluations.models import Evaluation, PeriodKind
from bagalau.moj.services.schedule import moj_period_open, moj_schedule_draft
from bagalau.org.models import EditionAssignment
from bagalau.typical.services.schedule import (
    typical_period_open,
    typical_schedule_draft,
    typical_schedule_record_consent,
)

#: A typical-2018 year: sjc-2018 in force from 3 April 2018, the evaluation on Friday
#: 13 December 2019 (the dates of tests/typical).
TYPICAL_YEAR, TYPICAL_DAY = 2019, dt.date(2019, 12, 13)
#: A moj-2017 year: in force all 2017, the quarters opened on 20 December (tests/moj).
MOJ_YEAR, MOJ_DAY = 2017, dt.date(2017, 12, 20)

Measure = Callable[[str, Callable[[], Any]], Any]
Page = Callable[[Any, Any, str, str], None]


def moj_cycle(servants: int, measure: Measure, page: Page) -> None:
    """moj-2017: the year's schedule, then the timed opening of each quarter (one evaluation per
    servant each) and of the year, and the first quarter's page."""
    world = build_structure(servants, MOJ_YEAR, prefix="m")
    EditionAssignment.objects.create(
        organisation=world.organisation, edition="moj-2017", valid_from=dt.date(MOJ_YEAR, 1, 1)
    )
    print(f"moj-2017: {world.units} units, {world.servants} servants")
    with clock_at(moment_of(MOJ_DAY)):
        schedule = moj_schedule_draft(
            actor=world.hr, organisation=world.organisation, year=MOJ_YEAR
        )
        periods = list(schedule.periods.order_by("starts", "kind"))
        for period in periods:
            measure(
                f"moj-2017 period_open (HR opens {period})",
                lambda period=period: moj_period_open(actor=world.hr, period_id=period.pk),
            )
        first = periods[0]
        client = Client()
        page(client, world.hr, "moj-2017 quarter page (HR)", reverse("moj:period", args=[first.pk]))
        page(client, world.hr, "moj-2017 work plans page (HR)", reverse("moj:work_plans"))
        page(client, world.hr, "moj-2017 HR dashboard (home)", reverse("home"))
