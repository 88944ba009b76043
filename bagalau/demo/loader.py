"""Loading the whole demo: the apparatus, its year through the services, last year's 360 survey,
its past 2022 under sjc-2018 (bagalau.demo.sjc_past), the Almaty maslikhat apparatus with its 2019
year under almaty-2018 (bagalau.demo.almaty) and the territorial justice department with its 2017
and 2018 under moj-2017 (bagalau.demo.justice)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction

from bagalau.core import clock
from bagalau.demo.almaty import ALMATY_YEAR, load_almaty
from bagalau.demo.clock import clock_at, moment_of
from bagalau.demo.history import demo_year, load_history
from bagalau.demo.justice import YEARS as JUSTICE_YEARS
from bagalau.demo.justice import load_justice
from bagalau.demo.sjc_past import PAST_YEAR, load_sjc_past
from bagalau.demo.structure import ORG_NAME, DemoStructure, build_structure
from bagalau.demo.survey360 import load_survey360_demo
from bagalau.evaluations.models import Schedule
from bagalau.org.models import Organisation
from bagalau.org.selectors import work_calendar


@dataclass(frozen=True)
class DemoLoaded:
    """What `load_demo` built."""

    structure: DemoStructure
    year: int
    survey360: bool
    almaty_year: int
    past_year: int = PAST_YEAR
    justice_years: tuple[int, ...] = JUSTICE_YEARS


def demo_loaded() -> bool:
    """Whether the demo apparatus is in the database."""
    return Organisation.objects.filter(name_kk=ORG_NAME).exists()


def demo_has_history() -> bool:
    """Whether the loaded demo apparatus has its year (an earlier version loaded the structure
    only)."""
    return Schedule.objects.filter(organisation__name_kk=ORG_NAME).exists()


def load_demo(today: dt.date | None = None) -> DemoLoaded:
    """Build the demo as of `today` (default: the application's today), in one transaction: the
    apparatus in post for two years, the demo year replayed through the services (see
    bagalau.demo.history), then the previous year's closed 360 campaign when
    bagalau.demo.survey360 provides it, the apparatus's 2022 under sjc-2018, the Almaty
    maslikhat's evaluated 2019 and the justice department's 2017 and 2018."""
    today = today or clock.today()
    with transaction.atomic():
        calendar = work_calendar()
        year = demo_year(today, calendar)
        start = dt.date(year - 2, 1, 9)
        with clock_at(moment_of(start, 9)):
            structure = build_structure(start)
        load_history(structure, today, calendar)
        survey360 = _load_survey360(structure, year - 1)
        load_sjc_past(structure)
        load_almaty(password_hash=structure.admin.password)
        load_justice(password_hash=structure.admin.password)
    return DemoLoaded(structure=structure, year=year, survey360=survey360, almaty_year=ALMATY_YEAR)


def _load_survey360(structure: DemoStructure, year: int) -> bool:
    """Last year's 360 campaign."""
    load_survey360_demo(structure.organisation, year)
    return True
