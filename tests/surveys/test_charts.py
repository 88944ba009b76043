"""The radar chart ("паутинка") drawn on the server: valid SVG, one axis per competency, rings
1-5, a polygon per series at the right radius, escaped labels, an accessible title."""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest

from bagalau.surveys.charts import CENTRE_X, CENTRE_Y, RADIUS, Series, radar_svg

NS = {"svg": "http://www.w3.org/2000/svg"}


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def points(polygon: ET.Element) -> list[tuple[float, float]]:
    return [tuple(map(float, p.split(","))) for p in polygon.get("points", "").split()]


def test_axes_rings_and_series():
    axes = [f"Құзырет {i}" for i in range(1, 9)]
    others = Series("Others", [Decimal("5.00")] * 8, "#0b5cad")
    own = Series("Self", [Decimal("2.50")] * 8, "#c25e00", 0.1, True)
    root = parse(radar_svg(axes, [others, own], title="T & <x>", description="D"))
    assert root.get("role") == "img"
    assert root.find("svg:title", NS).text == "T & <x>"
    grid = root.find("svg:g[@class='grid']", NS)
    assert len(grid.findall("svg:polygon", NS)) == 5
    assert len(grid.findall("svg:line", NS)) == 8
    series = root.findall("svg:g[@class='series']", NS)
    assert len(series) == 2
    outer = points(series[0].find("svg:polygon", NS))
    inner = points(series[1].find("svg:polygon", NS))
    for x, y in outer:
        assert math.hypot(x - CENTRE_X, y - CENTRE_Y) == pytest.approx(RADIUS, abs=0.2)
    for x, y in inner:
        assert math.hypot(x - CENTRE_X, y - CENTRE_Y) == pytest.approx(RADIUS / 2, abs=0.2)
    assert series[1].find("svg:polygon", NS).get("stroke-dasharray")
    # The first axis points up.
    assert outer[0] == pytest.approx((CENTRE_X, CENTRE_Y - RADIUS), abs=0.2)
    labels = " ".join(t.text or "" for t in root.iter("{http://www.w3.org/2000/svg}tspan"))
    assert "1. Құзырет 1" in labels
    assert "8. Құзырет 8" in labels
    legend = root.find("svg:g[@class='legend']", NS)
    assert [t.text for t in legend.findall("svg:text", NS)] == ["Others", "Self"]


def test_labels_are_escaped_and_wrapped():
    svg = radar_svg(
        ["<script>alert(1)</script>", "Дербестік және шешімдерді қабылдау дағдылары", "C"],
        [Series("A", [1, 2, 3], "#000")],
        title="t",
    )
    assert "<script>" not in svg
    root = parse(svg)
    spans = [t.text for t in root.iter("{http://www.w3.org/2000/svg}tspan")]
    assert any("&" not in (s or "") for s in spans)
    assert sum(1 for s in spans if s and ("шешімдерді" in s or "дағдылары" in s)) >= 1
    assert len([s for s in spans if s]) > 3  # the long label wrapped


def test_a_series_with_a_missing_value_is_left_out():
    svg = radar_svg(["a", "b", "c"], [Series("A", [1, None, 3], "#000")], title="t")
    assert not re.search(r'class="series"', svg)


def test_fewer_than_three_axes_is_an_error():
    with pytest.raises(ValueError, match="three axes"):
        radar_svg(["a", "b"], [], title="t")
