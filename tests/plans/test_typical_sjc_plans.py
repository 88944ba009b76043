"""The sjc-2023 plan keeps its edition and its workflow beside the typical-2018 one."""

import importlib

from django.apps import apps

from bagalau.plans.models import PLAN_FLOW, WorkPlan
from tests.plans.helpers import open_plan

migration = importlib.import_module("bagalau.plans.migrations.0006_typical_2018_plan")


def test_an_sjc_2023_plan_records_its_edition_and_follows_plan_flow(pw):
    plan = open_plan(pw)
    assert plan.edition == "sjc-2023"
    assert not plan.is_typical
    assert plan.flow is PLAN_FLOW


def test_the_data_migration_makes_the_existing_plans_sjc_2023(pw):
    plan = open_plan(pw)
    WorkPlan.objects.filter(pk=plan.pk).update(edition="")
    migration.existing_plans_are_sjc2023(apps, None)
    plan.refresh_from_db()
    assert plan.edition == "sjc-2023"
