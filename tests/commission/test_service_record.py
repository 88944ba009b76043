"""What a typical-2018 result writes into the service record (EDITIONS.md §9 T-17; seed 004
p.42): the KPIs achieved "k / 5" and, for information only (p.7), the competencies that met
expectations on the signed App. 3 sheet "N / M"."""

from __future__ import annotations

import pytest

from bagalau.commission import services
from bagalau.evaluations.models import ServiceRecordEntry
from bagalau.typical.models import CompetencySheet, CompetencySheetStatus
from tests.commission.conftest import FAMILIARISATION_DUE

pytestmark = pytest.mark.django_db


def _acknowledge(world, evaluation, user):
    services.commission_result_acknowledge(
        actor=user, evaluation_id=evaluation.pk, acknowledged_on=FAMILIARISATION_DUE
    )
    return ServiceRecordEntry.objects.get(evaluation=evaluation).result_text


def test_the_kpis_then_the_competencies_met(approved):
    results = {code: {"result": "meets", "missing": []} for code in ("a", "b", "c", "d", "e")}
    results.update({code: {"result": "does_not_meet", "missing": [1]} for code in ("f", "g")})
    CompetencySheet.objects.create(
        evaluation=approved.eval1,
        tier="staff",
        provides_services=False,
        status=CompetencySheetStatus.SENT,
        results=results,
    )
    assert _acknowledge(approved, approved.eval1, approved.a_staff1_user) == "3 / 5; 5 / 7"


def test_without_a_competency_sheet_only_the_kpis(approved):
    assert _acknowledge(approved, approved.eval2, approved.a_staff2_user) == "4 / 5"
