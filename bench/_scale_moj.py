"""The moj-2017 cycle of bench/scale.py (issue 12 item 1): an organisation of the bench's size under
moj-2017 (EDITIONS.md §5), its quarters and year opened by HR, every servant's quarterly App. 3
sheets (self-assessed, agreed and signed, seed 001 p.23-25) written in bulk as the sheet services
leave them, the first quarter through the commission, the other quarters' decisions, the filed
work plans (App. 1) and the confirmed App. 4 sheets in bulk; then HR's computation of every
annual score (p.32), the commission's session and protocol on the year (p.34-35), its XLSX export
and the moj pages, timed.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from _scale_commission import Measure, Page, form_commission, hold_session
from _scale_world import World, build_structure
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from bagalau.demo.clock import clock_at, moment_of
from bagalau.evaluations.models import Evaluation, EvaluationStatus, Method, Period
from bagalau.methodology import get_edition, moj2017_rules
from bagalau.methodology.moj2017 import quarter_result
from bagalau.moj.common import catalogue_codes
from bagalau.moj.models import (
    AnnualSheet,
    AnnualSheetStatus,
    CatalogueChoice,
    QuarterSheet,
    QuarterSheetStatus,
    WorkPlan,
    WorkPlanRevision,
    WorkPlanStatus,
)
from bagalau.moj.services.annual_sheet import annual_sheet_compute
from bagalau.moj.services.schedule import moj_period_open, moj_schedule_draft
from bagalau.org.models import EditionAssignment
from bagalau.org.selectors import StructureIndex

#: A moj-2017 year: in force all 2017, the quarters opened on 20 December (tests/moj).
MOJ_YEAR, MOJ_DAY = 2017, dt.date(2017, 12, 20)
#: The first quarter's session, HR's annual computation and the year's session (p.32: the
#: scores ready 5 working days before it).
QUARTER_SESSION, COMPUTED, YEAR_SESSION = (
    dt.date(2018, 1, 10),
    dt.date(2018, 1, 11),
    dt.date(2018, 1, 22),
)
BATCH = 2000
INDICATORS = [
    {"name": f"Көрсеткіш {n}", "expected_result": "Орындалады", "measurable": True}
    for n in (1, 2, 3)
]


def _quarter_sheets(periods: list[Period]) -> int:
    """Every quarter's App. 3 sheet as quarter_sheet_open/self_assess/agree/sign leave it (no
    activity, no breach: q = 100), its evaluation before the commission with the sheet's score
    as _to_commission puts it (bulk); the number of sheets."""
    sheets, evaluations = [], []
    catalogue = catalogue_codes()[0]
    for period in periods:
        day = period.ends
        for evaluation in Evaluation.objects.filter(period=period).order_by("pk"):
            result = quarter_result(moj2017_rules(get_edition(evaluation.edition)), [], 0)
            sheets.append(
                QuarterSheet(
                    evaluation=evaluation,
                    catalogue=catalogue,
                    status=QuarterSheetStatus.SIGNED,
                    bonus_points=0,
                    breaches=0,
                    score=result.score,
                    rating=result.rating.code,
                    self_assessed_on=day,
                    agreed_on=day,
                    signed_on=day,
                    version=4,
                )
            )
            evaluation.status = EvaluationStatus.BEFORE_COMMISSION
            evaluation.score, evaluation.rating = Decimal(result.score), result.rating.code
            evaluations.append(evaluation)
    QuarterSheet.objects.bulk_create(sheets, batch_size=BATCH)
    Evaluation.objects.bulk_update(
        evaluations, ["status", "score", "rating", "updated_at"], batch_size=BATCH
    )
    return len(sheets)


def _decide_quarters(periods: list[Period], day: dt.date) -> int:
    """The other quarters decided as take_effect leaves them (the final score and rating the
    sheet's, bulk), without their sessions; the number decided."""
    rows = list(Evaluation.objects.filter(period__in=periods))
    now = timezone.make_aware(dt.datetime.combine(day, dt.time(12)))
    for row in rows:
        row.status = EvaluationStatus.DECIDED
        row.final_score, row.final_rating = row.score, row.rating
        row.completed_at = now
        row.version += 1
    Evaluation.objects.bulk_update(
        rows,
        ["status", "final_score", "final_rating", "completed_at", "version"],
        batch_size=BATCH,
    )
    return len(rows)


def _plans_and_annual_sheets(world: World, annual: Period) -> int:
    """Every servant's work plan signed by both and filed (App. 1, p.13) and the App. 4 sheet
    self-assessed, agreed (plan score 4.00) and confirmed (p.28-31), as the services leave them
    (bulk_create); the number of sheets."""
    evaluations = list(
        Evaluation.objects.filter(period=annual).select_related("servant").order_by("pk")
    )
    index = StructureIndex(world.organisation, annual.ends)
    start = dt.date(MOJ_YEAR, 1, 10)
    plans = WorkPlan.objects.bulk_create(
        (
            WorkPlan(
                servant=e.servant, year=MOJ_YEAR, edition=e.edition, status=WorkPlanStatus.FILED
            )
            for e in evaluations
        ),
        batch_size=BATCH,
    )
    revisions = WorkPlanRevision.objects.bulk_create(
        (
            WorkPlanRevision(
                plan=plan,
                number=1,
                indicators=INDICATORS,
                drafted_by=world.hr,
                servant_signed_on=start,
                manager=index.direct_manager(e.servant) or e.evaluator,
                manager_signed_on=start,
                filed_on=start,
            )
            for plan, e in zip(plans, evaluations, strict=True)
        ),
        batch_size=BATCH,
    )
    end = annual.ends
    AnnualSheet.objects.bulk_create(
        (
            AnnualSheet(
                evaluation=e,
                plan_revision=revision,
                status=AnnualSheetStatus.CONFIRMED,
                rows=[
                    {**i, "self": 4, "self_note": "", "manager": 4, "manager_note": ""}
                    for i in INDICATORS
                ],
                plan_score=Decimal("4.00"),
                self_assessed_on=end,
                agreed_on=end,
                confirmed_on=end,
                version=4,
            )
            for revision, e in zip(revisions, evaluations, strict=True)
        ),
        batch_size=BATCH,
    )
    return len(evaluations)


def moj_cycle(servants: int, measure: Measure, page: Page) -> None:
    """moj-2017: the year's schedule, the timed opening of each quarter and of the year, the
    quarter sheets in bulk, the first quarter's session, then HR's annual computation, the
    year's session and the pages, timed."""
    world = build_structure(servants, MOJ_YEAR, prefix="m")
    EditionAssignment.objects.create(
        organisation=world.organisation, edition="moj-2017", valid_from=dt.date(MOJ_YEAR, 1, 1)
    )
    CatalogueChoice.objects.create(
        organisation=world.organisation, catalogue=catalogue_codes()[0], chosen_by=world.hr
    )
    print(f"moj-2017: {world.units} units, {world.servants} servants")
    form_commission(world, dt.date(MOJ_YEAR, 1, 5))
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
    quarters = [p for p in periods if p.number]
    annual = next(p for p in periods if not p.number)
    print(f"moj-2017: {_quarter_sheets(quarters)} quarterly sheets signed (bulk)")
    first = quarters[0]
    hold_session(
        world,
        "moj-2017 Q1",
        QUARTER_SESSION,
        list(
            Evaluation.objects.filter(period=first, status=EvaluationStatus.BEFORE_COMMISSION)
            .select_related("servant")
            .order_by("pk")
        ),
        measure,
        page,
        approve=False,
    )
    print(f"moj-2017: {_decide_quarters(quarters[1:], QUARTER_SESSION)} quarters decided (bulk)")
    print(f"moj-2017: {_plans_and_annual_sheets(world, annual)} plans and App. 4 sheets (bulk)")
    with clock_at(moment_of(COMPUTED, 10)):
        sheet_ids = list(
            AnnualSheet.objects.filter(evaluation__period=annual).values_list("pk", flat=True)
        )
        measure(
            "moj-2017 annual_sheet_compute, every servant (one call each)",
            lambda: [annual_sheet_compute(actor=world.hr, sheet_id=pk) for pk in sheet_ids],
        )
    year = list(
        Evaluation.objects.filter(period=annual, method=Method.MOJ_ANNUAL)
        .filter(status=EvaluationStatus.BEFORE_COMMISSION)
        .order_by("pk")
    )
    print(f"moj-2017: {len(year)} annual evaluations before the commission")
    hold_session(world, "moj-2017 year", YEAR_SESSION, year, measure, page, approve=False)
    with clock_at(moment_of(YEAR_SESSION + dt.timedelta(days=2), 10)):
        client = Client()
        page(client, world.hr, "moj-2017 quarter page (HR)", reverse("moj:period", args=[first.pk]))
        page(client, world.hr, "moj-2017 annual page (HR)", reverse("moj:period", args=[annual.pk]))
        page(
            client,
            world.hr,
            "moj-2017 annual sheet page, one servant (HR)",
            reverse("moj:annual_sheet", args=[sheet_ids[0]]),
        )
        page(client, world.hr, "moj-2017 work plans page (HR)", reverse("moj:work_plans"))
        page(
            client,
            world.hr_head,
            "moj-2017 consequences page (HR head)",
            reverse("consequences:moj"),
        )
        page(client, world.hr, "moj-2017 HR dashboard (home)", reverse("home"))
