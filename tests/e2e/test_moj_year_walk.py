"""One moj-2017 quarter and the year walked in a real browser (issue 11, "Done means"):
self-assessment → the direct manager's correction → the commission → familiarisation, for the
fourth quarter of 2017 and then for the year, each person in their own logged-in page, in Kazakh.

The body is the world of tests/world.py under moj-2017 (tests/moj/year.py), built through the
services once for the module: the 2017 schedule opened, b_staff1's plan (App. 1) filed, the
territorial App. 2 catalogue chosen, the commission formed (order № 1 of 01.08.2017: chair deputy,
members a_head, b_head, hr_head, secretary hr_staff); Q3 closed at 105 (one 5-point activity) and
approved as it is on 24.10.2017; b_head's record of b_staff1's late arrival on 14.11.2017; HR opened
the Q4 App. 3 sheet.

The quarter (Q4, counted up to 30.11.2017, due 10.12.2017, M-4):
- 04.12 the servant picks a 4-point and a 5-point activity from the catalogue and declares the
  late arrival; 05.12 b_head leaves the undocumented 5-point one out and agrees the breach of the
  discipline record: q = 100 + 4 − 2 × 1 = 102, satisfactory (p.26-27); the servant signs;
- 06.12 HR reads the quarter's roster (the sheet closed, p.25) and schedules the session of
  13.12.2017 (within 10 working days of the deadline, M-5);
- 13.12 the secretary records the attendance and puts the revision to 106 with its explanation
  (the 5-point activity documented after all), all four members for; the chair signs the protocol
  last and its decisions take effect (p.35): 106, effective; its PDF (App. 5) is downloaded;
- 14.12 the servant acknowledges, the first of the 2 working days (p.36, M-17).
The year:
- the servant reads the filed plan (App. 1); b_head opens the App. 4 sheet; 14.12 the servant
  marks 5, 4, 4; 15.12 b_head marks 4, 4, 3 (plan score 3.67, M-6) and the servant confirms;
- 20.12 HR computes: quarters 105 and 106 → mean 105.50 → 4 points ((105, 130], M-2);
  0.5 × 4 + 0.5 × 3.67 = 3.835 → 3.8, satisfactory (p.33, the reconstruction M-1), the 5th working
  day before the session of 27.12 (p.32);
- 27.12 the annual session approves 3.8; 28.12 the servant acknowledges; the service record holds
  3.80 (p.46).

Screenshots: tests/artifacts/e2e/moj/NN-<step>.png at 1366 px, the main ones again at 390 px
("-phone"), and the protocol PDF (ignored by git).
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone, translation

from bagalau.commission.models import CommissionSession, Motion, SessionStatus
from bagalau.commission.services import motion_put, protocol_sign
from bagalau.core import clock as clock_module
from bagalau.evaluations.models import EvaluationStatus, ServiceRecordEntry
from bagalau.moj.common import rating_text
from bagalau.moj.models import (
    AnnualSheet,
    AnnualSheetStatus,
    DisciplineRecord,
    QuarterSheet,
    QuarterSheetStatus,
)
from bagalau.moj.services.catalogue import catalogue_choose
from bagalau.moj.services.discipline import discipline_record_create
from bagalau.moj.services.quarter_sheet import quarter_sheet_open
from bagalau.org.models import Servant
from tests.browser import BROWSER, page_as
from tests.commission.moj_world import MEMBERS, all_for, attend, schedule, sign_all
from tests.documents.conftest import pdf_text
from tests.e2e.conftest import ARTIFACTS
from tests.moj.test_annual_sheet import annual_of
from tests.moj.year import (
    FORMED,
    commission_formed,
    quarter_closed,
    quarter_of,
    under_moj,
    year_opened,
)
from tests.world import build_world

pytestmark = BROWSER

LANGUAGE = "kk"
WIDE = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}
FOLDER = ARTIFACTS / "moj"
TIMEOUT_MS = 15_000

PLAN_FILED = dt.date(2017, 1, 9)
Q3_CLOSED = dt.date(2017, 10, 5)
Q4_OPENED = dt.date(2017, 12, 1)
Q3_SESSION = dt.date(2017, 10, 24)
LATE = dt.date(2017, 11, 14)
SELF_ASSESSED = dt.date(2017, 12, 4)
AGREED = dt.date(2017, 12, 5)
SCHEDULED = dt.date(2017, 12, 6)
SESSION = dt.date(2017, 12, 13)
ACKNOWLEDGED = dt.date(2017, 12, 14)
PLAN_AGREED = dt.date(2017, 12, 15)
COMPUTED = dt.date(2017, 12, 20)
YEAR_SESSION = dt.date(2017, 12, 27)
YEAR_ACKNOWLEDGED = dt.date(2017, 12, 28)
FOUR, FIVE = "territorial-4-01", "territorial-5-01"
PLAN = [
    {
        "name": "Заң жобаларын әзірлеу",
        "expected_result": "3 заң жобасы министрлікке жіберілді",
        "measurable": True,
    },
    {
        "name": "Қызметкерлерді оқыту",
        "expected_result": "20 қызметкер оқытылды",
        "measurable": True,
    },
    {
        "name": "Бөлімшелерге құқықтық кеңес беру",
        "expected_result": "Кеңестер уақтылы берілді",
        "measurable": False,
    },
]
EXPLANATION = "5 балдық іс-шара расталды: алғыс хат № 7 ұсынылды."


@contextmanager
def on(day: dt.date) -> Iterator[None]:
    """The services' clock on `day` at 10:00 (the module's set-up runs outside any test)."""
    moment = timezone.make_aware(dt.datetime.combine(day, dt.time(10)))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(clock_module, "now", lambda: moment)
        patch.setattr(clock_module, "today", lambda: day)
        yield


def build() -> SimpleNamespace:
    """The body described in the module's docstring, up to the Q4 sheet opened by HR."""
    with on(PLAN_FILED):
        w = year_opened(under_moj(build_world()), PLAN)
    with on(FORMED):
        catalogue_choose(actor=w.admin_user, organisation=w.org, catalogue="territorial")
        commission_formed(w)
    with on(Q3_CLOSED):
        w.q3 = quarter_closed(w, 3, FIVE)
    with on(Q3_SESSION):
        session = schedule(w, [w.q3], day=Q3_SESSION)
        attend(w, session)
        all_for(w, put_approve(w, session, w.q3))
        sign_all(w, session, day=Q3_SESSION)
    with on(LATE + dt.timedelta(days=1)):
        w.late = discipline_record_create(
            actor=w.b_head_user,
            servant_id=w.b_staff1.pk,
            kind="labour",
            source="direct_manager",
            day=LATE,
            evidence="Жұмысқа 40 минут кешікті (жұмыс уақытының табелі)",
        )
    with on(Q4_OPENED):
        w.q4 = quarter_of(w, 4)
        w.sheet = quarter_sheet_open(actor=w.hr_staff_user, evaluation_id=w.q4.pk)
    return w


def put_approve(w: SimpleNamespace, session: CommissionSession, evaluation: Any) -> Motion:
    return motion_put(
        actor=w.hr_staff_user, session_id=session.pk, evaluation_id=evaluation.pk, kind="approve"
    )


@pytest.fixture(scope="module")
def body(browser, django_db_setup, django_db_blocker) -> Iterator[SimpleNamespace]:
    """The body, committed once for the module (the live server reads it from its own
    connection); the database is emptied afterwards, as a transactional test leaves it."""
    with django_db_blocker.unblock():
        try:
            begun = time.monotonic()
            w = build()
            print(f"\nthe moj-2017 body built in {time.monotonic() - begun:.1f} s")
            yield w
        finally:
            call_command("flush", interactive=False, verbosity=0)


@pytest.fixture(scope="module")
def folder() -> Path:
    """tests/artifacts/e2e/moj/, emptied of the previous run's files (ignored by git)."""
    FOLDER.mkdir(parents=True, exist_ok=True)
    for old in [*FOLDER.glob("*.png"), *FOLDER.glob("*.pdf")]:
        old.unlink()
    return FOLDER


class Walk:
    """The pages of the people of the walk and the screenshots taken."""

    def __init__(self, browser: Any, url: str, folder: Path) -> None:
        self.browser, self.url, self.folder = browser, url, folder
        self.pages: dict[tuple[str, str], Any] = {}
        self.shots: list[str] = []

    def page(self, servant: Servant, size: str = "wide") -> Any:
        key = (servant.user.username, size)
        if key not in self.pages:
            page = page_as(
                self.browser,
                self.url,
                servant.user,
                language=LANGUAGE,
                viewport=PHONE if size == "phone" else WIDE,
            )
            page.set_default_timeout(TIMEOUT_MS)
            self.pages[key] = page
        return self.pages[key]

    def shot(self, page: Any, name: str, *, phone: bool = False) -> None:
        """A full-page screenshot; with `phone` the same page again at 390 px."""
        self._save(page, name)
        if phone:
            page.set_viewport_size(PHONE)
            self._save(page, f"{name}-phone")
            page.set_viewport_size(WIDE)

    def _save(self, page: Any, name: str) -> None:
        """Save the screenshot; a phone's page never scrolls sideways (tables scroll inside
        their card)."""
        width = page.viewport_size["width"]
        if width == PHONE["width"]:
            wide = page.evaluate("document.documentElement.scrollWidth")
            assert wide <= width, f"{name}: {wide} px wide on a {width} px phone"
        path = self.folder / f"{len(self.shots) + 1:02d}-{name}.png"
        page.screenshot(path=str(path), full_page=True)
        self.shots.append(path.name)

    @staticmethod
    def submit(form: Any, button: str = "button[type=submit]") -> None:
        """Submit `form` and wait for the page it leads to."""
        with form.page.expect_navigation():
            form.locator(button).last.click()

    def close(self) -> None:
        for page in self.pages.values():
            page.context.close()


@pytest.fixture
def walk(body, browser, live_server, close_connections, folder) -> Iterator[Walk]:
    walk = Walk(browser, live_server.url, folder)
    yield walk
    walk.close()


def label(status: Any) -> str:
    """A model choice's label as the people of the walk read it."""
    with translation.override(LANGUAGE):
        return str(status.label)


def rating(code: str, evaluation: Any) -> str:
    """A rating as the people of the walk read it (not its English code)."""
    return rating_text(code, evaluation, LANGUAGE)


def text(page: Any, test_id: str) -> str:
    return page.get_by_test_id(test_id).inner_text()


def test_a_moj_quarter_and_the_year_from_the_self_assessment_to_familiarisation(body, walk, clock):
    w = body
    started = time.monotonic()
    quarter_walk(w, walk, clock)
    year_walk(w, walk, clock)
    print(f"\nthe moj-2017 walk took {time.monotonic() - started:.1f} s, {len(walk.shots)} shots")
    assert len(walk.shots) == 21


#: The confirmation step before a signature (issue 13 item 4).
CONFIRM = "[data-testid=confirm-summary] form"


def quarter_walk(w: SimpleNamespace, walk: Walk, clock: Any) -> None:
    sheet_url = reverse("moj:quarter_sheet", args=[w.sheet.pk])
    action = lambda step: reverse("moj:quarter_sheet_action", args=[w.sheet.pk, step])  # noqa: E731

    # 1. The servant fills the self-assessment: two activities of the catalogue, one breach.
    clock(SELF_ASSESSED)
    page = walk.page(w.b_staff1)
    page.goto(sheet_url)
    assert text(page, "sheet-status") == label(QuarterSheetStatus.DRAFT)
    walk.shot(page, "quarter-sheet-to-fill", phone=True)
    form = page.locator(f"form[action='{action('self_assess')}']")
    rows = [
        (FOUR, "2017-10-16", "№ 45 бұйрық: заң жобасын әзірлеу тобына қатысты"),
        (FIVE, "2017-11-20", "Әділет департаментінің алғысы"),
    ]
    for index, (code, day, evidence) in enumerate(rows):
        form.locator(f"select[name=item_{index}_code]").select_option(code)
        form.locator(f"input[name=item_{index}_date]").fill(day)
        form.locator(f"input[name=item_{index}_evidence]").fill(evidence)
    form.locator("select[name=breach_0_kind]").select_option("labour")
    form.locator("input[name=breach_0_date]").fill(LATE.isoformat())
    walk.submit(form)
    sheet = QuarterSheet.objects.get(pk=w.sheet.pk)
    assert sheet.status == QuarterSheetStatus.SELF_ASSESSED
    assert [i["code"] for i in sheet.self_items] == [FOUR, FIVE]
    assert sheet.self_breaches == [{"kind": "labour", "date": LATE.isoformat()}]
    assert text(page, "sheet-status") == label(QuarterSheetStatus.SELF_ASSESSED)
    assert len(page.get_by_test_id("self-lines").locator("li").all()) == 3
    walk.shot(page, "quarter-self-assessed")

    # 2. The direct manager leaves out the undocumented activity and agrees the recorded breach.
    clock(AGREED)
    page = walk.page(w.b_head)
    page.goto(sheet_url)
    form = page.locator(f"form[action='{action('agree')}']")
    form.locator("select[name=item_1_code]").select_option("")
    form.locator("input[name=item_1_date]").fill("")
    form.locator("input[name=item_1_evidence]").fill("")
    form.locator(f"input[name=records][value='{w.late.pk}']").check()
    walk.submit(form)
    sheet.refresh_from_db()
    assert (sheet.status, sheet.score, sheet.rating) == (
        QuarterSheetStatus.AGREED,
        102,
        "satisfactory",
    )
    assert list(sheet.agreed_breaches.all()) == [DisciplineRecord.objects.get(pk=w.late.pk)]
    assert text(page, "score") == f"q = 100 + 4 − 2 × 1 = 102 · {rating('satisfactory', w.q4)}"
    walk.shot(page, "quarter-agreed-by-the-manager", phone=True)

    # 3. The servant signs: the sheet is closed and the quarter goes before the commission.
    page = walk.page(w.b_staff1)
    page.goto(sheet_url)
    walk.submit(page.locator(f"form[action='{action('sign')}']"))
    walk.submit(page.locator(CONFIRM))  # issue 13 item 4: what is signed, confirmed
    sheet.refresh_from_db()
    w.q4.refresh_from_db()
    assert (sheet.status, sheet.signed_on) == (QuarterSheetStatus.SIGNED, AGREED)
    assert (w.q4.status, w.q4.score, w.q4.rating) == (
        EvaluationStatus.BEFORE_COMMISSION,
        Decimal(102),
        "satisfactory",
    )
    assert text(page, "sheet-status") == label(QuarterSheetStatus.SIGNED)

    # 4. HR reads the quarter's roster and schedules the session of 13 December.
    clock(SCHEDULED)
    page = walk.page(w.hr_staff)
    page.goto(reverse("moj:period", args=[w.q4.period_id]))
    assert label(QuarterSheetStatus.SIGNED) in text(page, "roster")
    walk.shot(page, "quarter-roster-hr", phone=True)
    page.goto(reverse("commission:index"))
    page.get_by_test_id("schedule-form").locator("summary").click()
    form = page.get_by_test_id("schedule-form").locator("form")
    form.locator("input[name=date]").fill(SESSION.isoformat())
    form.locator("input[name=chair_agreed_on]").fill(SCHEDULED.isoformat())
    form.locator("input[name=place]").fill("Мәжіліс залы, 305")
    form.locator(f"input[name=evaluations][value='{w.q4.pk}']").check()
    walk.submit(form)
    session = CommissionSession.objects.get(date=SESSION)
    assert [i.evaluation_id for i in session.agenda.all()] == [w.q4.pk]
    assert page.url.endswith(reverse("commission:session", args=[session.pk]))

    # 5. The secretary records the attendance, puts the revision with its explanation, the vote.
    clock(SESSION)
    page.goto(reverse("commission:session", args=[session.pk]))
    form = page.get_by_test_id("attendance-form")
    for name in (*MEMBERS, "hr_staff"):
        form.locator(f"input[name=present][value='{getattr(w, name).pk}']").check()
    walk.submit(form)
    item = page.get_by_test_id(f"item-{w.q4.pk}")
    form = item.locator(f"form[action='{reverse('commission:motion', args=[session.pk])}']")
    form.locator("select[name=kind]").select_option("revise")
    form.locator("input[name=revised_score]").fill("106")
    form.locator("textarea[name=reason]").fill(EXPLANATION)
    walk.submit(form)
    item = page.get_by_test_id(f"item-{w.q4.pk}")
    form = item.locator(f"form[action='{reverse('commission:vote', args=[session.pk])}']")
    for name in MEMBERS:
        form.locator(f"input[name=seat_{getattr(w, name).pk}][value=for]").check()
    walk.submit(form)
    motion = Motion.objects.get(item__evaluation=w.q4)
    assert (motion.kind, motion.revised_score, motion.reason, motion.adopted) == (
        "revise",
        Decimal(106),
        EXPLANATION,
        True,
    )
    assert EXPLANATION in text(page, f"item-{w.q4.pk}")
    walk.shot(page, "quarter-session-revised", phone=True)

    # 6. The protocol: the secretary and the members sign, the chair last; the PDF (App. 5).
    for name in ("hr_staff", "a_head", "b_head", "hr_head"):
        protocol_sign(actor=getattr(w, f"{name}_user"), session_id=session.pk, signed_on=SESSION)
    page = walk.page(w.deputy)
    page.goto(reverse("commission:session", args=[session.pk]))
    sign = page.locator(f"form[action='{reverse('commission:sign', args=[session.pk])}']")
    sign.locator("input[name=signed_on]").fill(SESSION.isoformat())
    walk.submit(sign)
    walk.submit(page.locator(CONFIRM))
    session.refresh_from_db()
    w.q4.refresh_from_db()
    assert session.status == SessionStatus.PROTOCOL_SIGNED
    assert (w.q4.status, w.q4.final_score, w.q4.final_rating) == (
        EvaluationStatus.DECIDED,
        Decimal(106),
        "effective",
    )
    assert text(page, "status") == label(SessionStatus.PROTOCOL_SIGNED)
    assert text(page, f"final-{w.q4.pk}") == "106"
    assert f"106 · {rating('effective', w.q4)}" in text(page, f"item-{w.q4.pk}")
    with page.expect_download() as info:
        page.get_by_test_id("protocol-pdf").click()
    content = Path(info.value.path()).read_bytes()
    (walk.folder / "protocol-quarter.pdf").write_bytes(content)
    protocol = pdf_text(content)  # App. 5 of moj-2017: the result and the commission's revision
    assert protocol.startswith("5-қосымша Бағалау жөніндегі комиссия отырысының хаттамасы")
    assert f"102 балл – {rating('satisfactory', w.q4)} 106 – {rating('effective', w.q4)}" in (
        protocol
    )
    assert EXPLANATION in protocol
    walk.shot(page, "quarter-protocol-signed")

    # 7. The servant acknowledges the result on the first of the 2 working days (phone).
    clock(ACKNOWLEDGED)
    page = walk.page(w.b_staff1, "phone")
    page.goto(reverse("commission:result", args=[w.q4.pk]))
    assert text(page, "score") == f"106 · {rating('effective', w.q4)}"
    walk.shot(page, "quarter-result-to-acknowledge-phone")
    form = page.get_by_test_id("acknowledge-form")
    form.locator("input[name=acknowledged_on]").fill(ACKNOWLEDGED.isoformat())
    walk.submit(form)
    w.q4.refresh_from_db()
    assert (w.q4.status, w.q4.familiarised_on) == (EvaluationStatus.FINAL, ACKNOWLEDGED)
    assert page.get_by_test_id("familiarisation-late").count() == 0
    assert text(page, "familiarised") == ACKNOWLEDGED.strftime("%d.%m.%Y")
    walk.shot(page, "quarter-acknowledged-phone")


def year_walk(w: SimpleNamespace, walk: Walk, clock: Any) -> None:
    annual = annual_of(w, w.b_staff1)

    # 8. The servant reads the filed plan (App. 1); the manager opens the App. 4 sheet.
    page = walk.page(w.b_staff1)
    page.goto(reverse("moj:work_plan", args=[w.plan.pk]))
    assert PLAN[0]["name"] in text(page, "indicators")
    walk.shot(page, "year-work-plan", phone=True)
    manager = walk.page(w.b_head)
    manager.goto(reverse("moj:work_plans"))
    with manager.expect_navigation():
        row = manager.get_by_test_id("annual").locator("tr", has_text=w.b_staff1.full_name)
        row.get_by_test_id("annual-open").click()
    sheet = AnnualSheet.objects.get(evaluation=annual)
    sheet_url = reverse("moj:annual_sheet", args=[sheet.pk])
    action = lambda step: reverse("moj:annual_sheet_action", args=[sheet.pk, step])  # noqa: E731
    assert manager.url.endswith(sheet_url)

    # 9. The servant's column, the manager's column, the servant's confirmation.
    page.goto(sheet_url)
    form = page.locator(f"form[action='{action('self_assess')}']")
    for index, points in enumerate((5, 4, 4)):
        form.locator(f"select[name=mark_{index}_points]").select_option(str(points))
    walk.submit(form)
    clock(PLAN_AGREED)
    manager.goto(sheet_url)
    form = manager.locator(f"form[action='{action('agree')}']")
    for index, points in enumerate((4, 4, 3)):
        form.locator(f"select[name=mark_{index}_points]").select_option(str(points))
    form.locator("input[name=mark_2_note]").fill("Кеңестер кешіктірілді")
    walk.submit(form)
    sheet.refresh_from_db()
    assert [(r["self"], r["manager"]) for r in sheet.rows] == [(5, 4), (4, 4), (4, 3)]
    assert sheet.plan_score == Decimal("3.67")
    assert "3.67" in text(manager, "plan-score")
    page.goto(sheet_url)
    walk.submit(page.locator(f"form[action='{action('confirm')}']"))
    walk.submit(page.locator(CONFIRM))
    sheet.refresh_from_db()
    assert sheet.status == AnnualSheetStatus.CONFIRMED
    walk.shot(page, "year-sheet-confirmed", phone=True)

    # 10. HR's computation (the reconstruction M-1), on the 5th working day before the session.
    clock(COMPUTED)
    page = walk.page(w.hr_staff)
    page.goto(sheet_url)
    walk.submit(page.locator(f"form[action='{action('compute')}']"))
    sheet.refresh_from_db()
    annual.refresh_from_db()
    assert (sheet.status, sheet.quarter_scores, sheet.quarter_mean, sheet.quarter_points) == (
        AnnualSheetStatus.COMPUTED,
        [105, 106],
        Decimal("105.50"),
        4,
    )
    assert (annual.status, annual.score, annual.rating) == (
        EvaluationStatus.BEFORE_COMMISSION,
        Decimal("3.8"),
        "satisfactory",
    )
    computation = text(page, "computation")
    assert "105.50 → 4" in computation
    assert text(page, "score") == f"3.8 · {rating('satisfactory', annual)}"
    assert page.get_by_test_id("reconstruction").is_visible()
    walk.shot(page, "year-computed-by-hr", phone=True)

    # 11. The year's session: scheduled and attended (services); the secretary puts the approval
    # and records the vote, the chair signs last.
    clock(YEAR_SESSION)
    session = schedule(w, [annual], day=YEAR_SESSION)
    attend(w, session)
    page.goto(reverse("commission:session", args=[session.pk]))
    item = page.get_by_test_id(f"item-{annual.pk}")
    form = item.locator(f"form[action='{reverse('commission:motion', args=[session.pk])}']")
    form.locator("select[name=kind]").select_option("approve")
    walk.submit(form)
    item = page.get_by_test_id(f"item-{annual.pk}")
    form = item.locator(f"form[action='{reverse('commission:vote', args=[session.pk])}']")
    for name in MEMBERS:
        form.locator(f"input[name=seat_{getattr(w, name).pk}][value=for]").check()
    walk.submit(form)
    for name in ("hr_staff", "a_head", "b_head", "hr_head"):
        protocol_sign(
            actor=getattr(w, f"{name}_user"), session_id=session.pk, signed_on=YEAR_SESSION
        )
    chair = walk.page(w.deputy)
    chair.goto(reverse("commission:session", args=[session.pk]))
    sign = chair.locator(f"form[action='{reverse('commission:sign', args=[session.pk])}']")
    sign.locator("input[name=signed_on]").fill(YEAR_SESSION.isoformat())
    walk.submit(sign)
    walk.submit(chair.locator(CONFIRM))
    annual.refresh_from_db()
    assert (annual.status, annual.final_score, annual.final_rating) == (
        EvaluationStatus.DECIDED,
        Decimal("3.8"),
        "satisfactory",
    )
    walk.shot(chair, "year-session-approved", phone=True)

    # 12. The servant acknowledges the year; the service record holds the three results.
    clock(YEAR_ACKNOWLEDGED)
    page = walk.page(w.b_staff1, "phone")
    page.goto(reverse("commission:result", args=[annual.pk]))
    form = page.get_by_test_id("acknowledge-form")
    form.locator("input[name=acknowledged_on]").fill(YEAR_ACKNOWLEDGED.isoformat())
    walk.submit(form)
    annual.refresh_from_db()
    assert (annual.status, annual.familiarised_on) == (EvaluationStatus.FINAL, YEAR_ACKNOWLEDGED)
    record = {
        e.evaluation_id: e.score for e in ServiceRecordEntry.objects.filter(servant=w.b_staff1)
    }
    assert record == {
        w.q3.pk: Decimal("105.00"),
        w.q4.pk: Decimal("106.00"),
        annual.pk: Decimal("3.80"),
    }
    assert text(page, "service-record").endswith(f": 3.8 · {rating('satisfactory', annual)}")
    walk.shot(page, "year-acknowledged-phone")
