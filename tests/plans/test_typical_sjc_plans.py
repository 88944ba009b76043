"""The sjc-2023 plan keeps its edition and its workflow beside the typical-2018 one."""

from bagalau.plans.models import PLAN_FLOW
from tests.plans.helpers import open_plan


def test_an_sjc_2023_plan_records_its_edition_and_follows_plan_flow(pw):
    plan = open_plan(pw)
    assert plan.edition == "sjc-2023"
    assert not plan.is_typical
    assert plan.flow is PLAN_FLOW
