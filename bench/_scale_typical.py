"""The typical-2018 cycle of bench/scale.py (issue 12 item 1): an organisation of the bench's size
under sjc-2018 (EDITIONS.md §3), the year opened by HR, every servant's App. 2 KPI sheet (5 KPIs
marked, signed and agreed, p.17-21) and App. 3 competency sheet (ticked and signed, p.25-27)
written in bulk as the sheet services leave them, then HR's sending of every sheet (p.24, p.28),
the commission's session and protocol (p.30-39), its XLSX export and the pages, timed.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from _scale_commission import Measure, Page, before_commission, form_commission, hold_session
from _scale_world import build_structure
from django.test import Client
from django.urls import reverse

from bagalau.demo.clock import clock_at, moment_of
from bagalau.evaluations.models import Evaluation, PeriodKind
from bagalau.methodology.typical2018 import (
    applicable_competencies,
    evaluate_competencies,
    kpi_result,
    resolve_tier,
    rows_listing,
)
from bagalau.org.models import EditionAssignment
from bagalau.org.selectors import StructureIndex
from bagalau.typical.common import rules_for
from bagalau.typical.models import (
    App4Row,
    CompetencySheet,
    CompetencySheetStatus,
    KpiSheet,
    KpiSheetRow,
    KpiSheetStatus,
)
from bagalau.typical.services.competency_sheet import (
    competency_sheet_send,
    results_of,
)
from bagalau.typical.services.kpi_sheet import kpi_sheet_send
from bagalau.typical.services.schedule import (
    typical_period_open,
    typical_schedule_draft,
    typical_schedule_record_consent,
)

#: A typical-2018 year: sjc-2018 in force from 3 April 2018, the evaluation on Friday
#: 13 December 2019 (the dates of tests/typical).
TYPICAL_YEAR, TYPICAL_DAY = 2019, dt.date(2019, 12, 13)
#: The sheets signed and agreed, then sent, and the commission's session (a Monday).
SIGNED, AGREED, SENT = dt.date(2019, 12, 16), dt.date(2019, 12, 17), dt.date(2019, 12, 18)
SESSION = dt.date(2020, 1, 20)
BATCH = 2000
REASON = "App. 4 бұл санатты қамтымайды: төменгі жол (T-8)."


def _app4_rows(evaluations: list[Evaluation]) -> dict[int, str]:
    """The App. 4 row HR gives each position App. 4 does not cover (sjc-2018 B-3, T-8), as
    app4_row_set writes it (bulk_create): the row "staff"; {position id: row}."""
    rows: dict[int, App4Row] = {}
    for evaluation in evaluations:
        position = evaluation.assignment.position
        if not rows_listing(rules_for(evaluation.edition), position.category):
            rows[position.pk] = App4Row(
                position=position, edition=evaluation.edition, row="staff", reason=REASON
            )
    App4Row.objects.bulk_create(rows.values(), batch_size=BATCH)
    return {pk: row.row for pk, row in rows.items()}


def _sheets(period_id: int, day: dt.date) -> int:
    """Every evaluation's two sheets as kpi_sheet_open/fill/sign/agree and
    competency_sheet_open/fill/sign leave them (bulk_create), the evaluation's score and rating
    as kpi_sheet_sign sets them (bulk_update); the number of evaluations."""
    evaluations = list(
        Evaluation.objects.filter(period_id=period_id)
        .select_related("servant", "assignment__position", "period__schedule__organisation")
        .order_by("pk")
    )
    if not evaluations:
        return 0
    organisation = evaluations[0].period.schedule.organisation
    index = StructureIndex(organisation, day)
    rows = _app4_rows(evaluations)
    kpi_sheets, competency_sheets = [], []
    for number, evaluation in enumerate(evaluations):
        rules = rules_for(evaluation.edition)
        achieved = [n < 2 + number % 4 for n in range(rules.kpi_count)]
        result = kpi_result(rules, achieved)
        approver = index.superior_manager(evaluation.servant) or evaluation.evaluator
        kpi_sheets.append(
            KpiSheet(
                evaluation=evaluation,
                approver=approver,
                status=KpiSheetStatus.AGREED,
                signed_on=SIGNED,
                agreed_on=AGREED,
                achieved=result.achieved,
                rating=result.rating.code,
                version=4,
            )
        )
        evaluation.score, evaluation.rating = Decimal(result.achieved), result.rating.code
        evaluation.version += 1
        evaluation._achieved = achieved  # type: ignore[attr-defined]
        position = evaluation.assignment.position
        row = rows.get(position.pk)
        tier = resolve_tier(rules, position.category, position.heads_unit, row)
        observed = {
            c.code: list(
                range(1, len(rules.indicators[(c.code, tier.code)].effective) + number % 2)
            )
            for c in applicable_competencies(rules, position.provides_services)
        }
        observed = {code: numbers for code, numbers in observed.items() if numbers}
        competencies = evaluate_competencies(
            rules,
            category=position.category,
            heads_unit=position.heads_unit,
            provides_services=position.provides_services,
            observed=observed,
            app4_row=row,
        )
        competency_sheets.append(
            CompetencySheet(
                evaluation=evaluation,
                tier=tier.code,
                provides_services=position.provides_services,
                status=CompetencySheetStatus.SIGNED,
                observed=observed,
                results=results_of(competencies),
                signed_on=SIGNED,
                version=3,
            )
        )
    KpiSheet.objects.bulk_create(kpi_sheets, batch_size=BATCH)
    KpiSheetRow.objects.bulk_create(
        (
            KpiSheetRow(
                sheet=sheet,
                number=n,
                name=f"НМИ {n}",
                unit="%",
                planned="100",
                actual="100" if hit else "80",
                achieved=hit,
            )
            for sheet, evaluation in zip(kpi_sheets, evaluations, strict=True)
            for n, hit in enumerate(evaluation._achieved, start=1)  # type: ignore[attr-defined]
        ),
        batch_size=BATCH,
    )
    CompetencySheet.objects.bulk_create(competency_sheets, batch_size=BATCH)
    Evaluation.objects.bulk_update(
        evaluations, ["score", "rating", "version", "updated_at"], batch_size=BATCH
    )
    return len(evaluations)


def typical_cycle(servants: int, measure: Measure, page: Page) -> None:
    """sjc-2018: the schedule with the chair's consent, the timed opening of the annual period
    (one evaluation per servant) and the roster page; then the sheets in bulk, HR's sending,
    the commission and its pages, timed."""
    world = build_structure(servants, TYPICAL_YEAR, prefix="t")
    EditionAssignment.objects.create(
        organisation=world.organisation, edition="sjc-2018", valid_from=dt.date(2018, 4, 3)
    )
    print(f"typical-2018: {world.units} units, {world.servants} servants (sjc-2018)")
    commission = form_commission(world, dt.date(2019, 1, 10))
    print(f"typical-2018: commission of {len(commission) - 1} and a secretary formed")
    with clock_at(moment_of(dt.date(TYPICAL_YEAR, 12, 2))):
        schedule = typical_schedule_draft(
            actor=world.hr,
            organisation=world.organisation,
            year=TYPICAL_YEAR,
            evaluation_date=TYPICAL_DAY,
        )
        typical_schedule_record_consent(
            actor=world.hr,
            schedule_id=schedule.pk,
            chair_name="Төраға Т.",
            agreed_on=dt.date(TYPICAL_YEAR, 12, 2),
        )
        period = schedule.periods.get(kind=PeriodKind.ANNUAL)
        measure(
            "typical-2018 period_open (HR opens the year)",
            lambda: typical_period_open(actor=world.hr, period_id=period.pk),
        )
        print(f"typical-2018: {Evaluation.objects.filter(period=period).count()} evaluations")
        client = Client()
        roster = reverse("typical:roster", args=[period.pk])
        page(client, world.hr, "typical-2018 roster page (HR)", roster)
        page(client, world.hr, "typical-2018 HR dashboard (home)", reverse("home"))
    print(f"typical-2018: {_sheets(period.pk, TYPICAL_DAY)} KPI and competency sheets (bulk)")
    with clock_at(moment_of(SENT, 10)):
        kpi_ids = list(
            KpiSheet.objects.filter(evaluation__period=period).values_list("pk", flat=True)
        )
        competency_ids = list(
            CompetencySheet.objects.filter(evaluation__period=period).values_list("pk", flat=True)
        )
        measure(
            "typical-2018 kpi_sheet_send, every sheet (one call each)",
            lambda: [kpi_sheet_send(actor=world.hr, sheet_id=pk, sent_on=SENT) for pk in kpi_ids],
        )
        measure(
            "typical-2018 competency_sheet_send, every sheet (one call each)",
            lambda: [
                competency_sheet_send(actor=world.hr, sheet_id=pk, sent_on=SENT)
                for pk in competency_ids
            ],
        )
        page(client, world.hr, "typical-2018 roster page, before the commission (HR)", roster)
    evaluations = before_commission(world)
    print(f"typical-2018: {len(evaluations)} evaluations before the commission")
    hold_session(world, "typical-2018", SESSION, evaluations, measure, page, approve=True)
    with clock_at(moment_of(SESSION + dt.timedelta(days=2), 10)):
        page(client, world.hr, "typical-2018 consequences page (HR)", reverse("consequences:list"))
        page(
            client,
            world.hr_head,
            "typical-2018 consequences page (HR head)",
            reverse("consequences:list"),
        )
        page(client, world.hr, "typical-2018 roster page, after the commission (HR)", roster)
