"""Engine benchmarks: how fast the rules compute, with nothing but the methodology package.

.venv/bin/python bench/engine.py
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bagalau.methodology import (  # noqa: E402
    all_editions,
    get_edition,
    moj2017_rules,
    sjc2023_rules,
    typical2018_rules,
)
from bagalau.methodology.calc import run  # noqa: E402
from bagalau.methodology.moj2017 import annual_result  # noqa: E402
from bagalau.methodology.sjc2023 import (  # noqa: E402
    KpiInput,
    SurveyResponse,
    evaluate_kpi_sheet,
    survey360_result,
)
from bagalau.methodology.typical2018 import evaluate_competencies  # noqa: E402
from bagalau.workcalendar import WorkCalendar  # noqa: E402


def figure(name: str, value: float, unit: str) -> None:
    """Print one measured figure."""
    print(f"{name:<58} {value:>10.1f} {unit}")


def rate(name: str, operation: Callable[[], object], seconds: float = 1.0) -> None:
    """Run `operation` for about `seconds` and print operations per second and the mean time."""
    operation()
    count, started = 0, time.perf_counter()
    while (elapsed := time.perf_counter() - started) < seconds:
        operation()
        count += 1
    print(f"{name:<58} {count / elapsed:>10,.0f} /s   {elapsed / count * 1e6:>9,.1f} µs")


def main() -> None:
    print(f"Python {sys.version.split()[0]}")
    started = time.perf_counter()
    all_editions()
    figure("load all five editions from YAML (cold)", (time.perf_counter() - started) * 1000, "ms")

    sjc = sjc2023_rules(get_edition("sjc-2023"))
    kpis = [
        KpiInput("increase", Decimal(40), Decimal("38.8")),
        KpiInput("decrease", Decimal(2), Decimal(3)),
        KpiInput("binary", None, True),
        KpiInput("increase", Decimal(8), Decimal("1.0004")),
        KpiInput("decrease", Decimal(5), Decimal(4), score=Decimal(5)),
    ]
    rate("sjc-2023 KPI sheet, 5 KPIs", lambda: evaluate_kpi_sheet(sjc, kpis))
    form = sjc.survey.forms["manager"]
    responses = [
        SurveyResponse(
            role,
            {c.code: [(i + k) % 5 + 1 for k in range(3)] for i, c in enumerate(form.competencies)},
        )
        for role in (
            "manager",
            "peer",
            "peer",
            "subordinate",
            "subordinate",
            "peer",
            "peer",
            "self",
        )
    ]
    rate(
        "sjc-2023 360 report, manager form, 7 respondents + self",
        lambda: survey360_result(sjc, "manager", responses),
    )
    typical = typical2018_rules(get_edition("kyzylorda-2018"))
    observed = {"activity_management": [1, 2, 3], "cooperation": [1], "integrity": [1, 2, 3, 4, 5]}
    rate(
        "kyzylorda-2018 competency sheet (tier resolution + 11)",
        lambda: evaluate_competencies(
            typical, category="с-0-4", heads_unit=True, provides_services=True, observed=observed
        ),
    )
    moj = moj2017_rules(get_edition("moj-2017"))
    rate("moj-2017 annual score", lambda: annual_result(moj, [104, 112, 98, 121], Decimal("4.33")))
    calendar = WorkCalendar()
    import datetime as dt

    rate(
        "working days: 10th working day after a date (warm)",
        lambda: calendar.add_working_days(dt.date(2026, 3, 20), 10),
    )
    request = json.dumps({"kpis": [{"direction": "increase", "plan": 40, "actual": 38.8}] * 5})
    rate(
        "calc contract in-process: parse + KPI sheet + JSON",
        lambda: run("sjc-2023", "kpi", request),
    )

    times = []
    for _ in range(10):
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "bagalau.cli", "calc", "sjc-2023", "kpi"],
            input=request.encode(),
            capture_output=True,
            check=True,
            cwd=ROOT,
        )
        times.append(time.perf_counter() - started)
    figure("bagalau calc as a process (median of 10)", statistics.median(times) * 1000, "ms")


if __name__ == "__main__":
    main()
