"""Fixtures of the plans tests (see helpers.py for the cast)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from tests.factories import (
    AssignmentFactory,
    PositionFactory,
    ServantFactory,
    UnitFactory,
    UserFactory,
)
from tests.plans.helpers import TODAY
from tests.world import START


@pytest.fixture
def pw(world, clock) -> SimpleNamespace:
    """The world with the Contracts sector and its head, on 5 January 2026."""
    clock(TODAY)
    w = world
    w.unit_a1 = UnitFactory(
        organisation=w.org,
        parent=w.unit_a,
        name_kk="Шарттар секторы",
        name_ru="Сектор договоров",
        name_en="Contracts sector",
    )
    w.a1_head_user = UserFactory(username="a1_head")
    w.a1_head = ServantFactory(
        organisation=w.org,
        user=w.a1_head_user,
        last_name="Сейітов",
        first_name="Ержан",
        patronymic="Қанатұлы",
    )
    position = PositionFactory(
        unit=w.unit_a1,
        category="B-2",
        heads_unit=True,
        # A B-2 sector head is staff (seed 002 p.2(4)); HR overrides it to KPI here.
        method_override="kpi",
        method_override_reason="Аппарат басшысының бұйрығы",
        name_kk="Сектор меңгерушісі",
        name_ru="Заведующий сектором",
        name_en="Head of sector",
    )
    w.a1_head_assignment = AssignmentFactory(servant=w.a1_head, position=position, start=START)
    return w


@pytest.fixture
def tw(world, clock) -> SimpleNamespace:
    """The world under almaty-2018 (typical-2018) in 2019, on 3 January 2019 (see
    typical_helpers.py for the cast)."""
    from tests.plans.typical_helpers import TYPICAL_TODAY, make_typical

    clock(TYPICAL_TODAY)
    return make_typical(world)
