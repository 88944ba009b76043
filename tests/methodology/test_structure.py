"""Who is evaluated how, and who evaluates (seed 002 p.2(4)-(6), p.21, p.28-29): the sjc-2023 data
and the plain reading of editions that say nothing."""

import pytest

from bagalau.methodology import get_edition
from bagalau.methodology.structure import StructureRules

SJC = get_edition("sjc-2023").structure


@pytest.mark.parametrize(
    ("category", "heads_unit", "kpi"),
    [
        pytest.param("B-1", True, True, id="head-of-department-B-1"),
        pytest.param("B-1", False, True, id="deputy-head-of-the-apparatus-B-1"),
        pytest.param("B-3", True, False, id="sector-head-B-3-is-staff"),
        pytest.param("B-2", True, False, id="B-2-head-is-staff"),
        pytest.param("B-4", False, False, id="chief-expert"),
        pytest.param("", True, False, id="head-of-the-apparatus-not-evaluated"),
    ],
)
def test_sjc2023_kpi_by_category(category, heads_unit, kpi):
    assert SJC.evaluated_by_kpi(category, heads_unit) is kpi


@pytest.mark.parametrize(
    ("category", "manages", "without_heading"),
    [
        pytest.param("B-1", True, True, id="B-1"),
        pytest.param("B-3", False, False, id="sector-head-B-3"),
        pytest.param("", True, False, id="outside-the-B-corps"),
    ],
)
def test_sjc2023_who_manages(category, manages, without_heading):
    assert SJC.head_manages(category) is manages
    assert SJC.manages_without_heading(category) is without_heading


def test_an_edition_without_structure_data_reads_the_structure_plainly():
    plain = get_edition("sjc-2018").structure
    assert plain == StructureRules()
    assert plain.evaluated_by_kpi("B-3", heads_unit=True)
    assert not plain.evaluated_by_kpi("B-1", heads_unit=False)
    assert plain.head_manages("B-5")
    assert not plain.manages_without_heading("B-1")
