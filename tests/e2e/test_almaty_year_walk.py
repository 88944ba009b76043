"""One almaty-2018 year walked in a real browser (issue 10, "Done means": plan approved → KPI and
competency sheets → commission session with a tie decided by the chair → protocol PDF →
familiarisation → appeal), on the demo's Almaty maslikhat apparatus (bagalau.demo.almaty).

Set up through the services, as the demo replays them: the work plans approved in January 2019,
both sheets of everyone filled, signed, agreed and sent to the commission in December, the session
of 14 January 2020 scheduled, the attendance recorded (4 of 5 members), the other eight results
approved, and (once the tie is decided) the signatures of the secretary and the members.
Walked in the browser, each person in their own logged-in page, in Kazakh: the approved plan,
the KPI and competency sheets; the secretary puts the revision of "alm_servant"'s KPI count
(3 → 4) and records the 2-2 vote that the chair's vote decides; the chair signs the protocol, the
head of the apparatus approves it and downloads its PDF; the servant acknowledges in writing; HR
records the appeal and the agency's outcome.

Screenshots: tests/artifacts/e2e/almaty/NN-<step>.png (1366 px wide, some again at 390 px) and
the protocol PDF.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse

from bagalau.calibration.models import Appeal, AppealOutcome
from bagalau.commission.models import CommissionSession, Motion, SessionStatus
from bagalau.commission.services import (
    motion_put,
    motion_vote,
    protocol_sign,
    session_record_attendance,
)
from bagalau.demo.almaty import (
    ACKNOWLEDGED,
    APPEAL_DECIDED,
    APPEAL_FILED,
    PROTOCOL_APPROVED,
    REVISED_TO,
    SESSION_AGREED,
    SESSION_DAY,
    SHEETS_SENT,
    AlmatyYear,
    load_almaty,
)
from bagalau.demo.clock import clock_at, moment_of
from bagalau.evaluations.models import Evaluation, EvaluationStatus, ServiceRecordEntry
from bagalau.org.models import Servant
from bagalau.plans.models import PlanStatus, WorkPlan
from bagalau.typical.models import CompetencySheet, KpiSheet
from tests.browser import BROWSER, page_as
from tests.e2e.conftest import ARTIFACTS

pytestmark = BROWSER

LANGUAGE = "kk"
WIDE = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}
FOLDER = ARTIFACTS / "almaty"
TIMEOUT_MS = 15_000


@pytest.fixture
def year(db, settings) -> AlmatyYear:
    """The Almaty year up to the sheets sent to the commission, then the session scheduled,
    attended and every result but alm_servant's approved."""
    settings.LANGUAGE_CODE = LANGUAGE
    year = load_almaty(until=SHEETS_SENT)
    with clock_at(moment_of(SESSION_AGREED, 10)):
        year.schedule_session()
    secretary = year.user(year.secretary)
    with clock_at(moment_of(SESSION_DAY, 10)):
        session = year.session()
        session_record_attendance(
            actor=secretary,
            session_id=session.pk,
            present_servant_ids=[p.pk for p in (*year.present(), year.secretary)],
        )
        for evaluation in year.evaluations():
            if evaluation.servant_id == year.servant.pk:
                continue
            motion = motion_put(
                actor=secretary, session_id=session.pk, evaluation_id=evaluation.pk, kind="approve"
            )
            votes = {voter.pk: "for" for voter in year.present()}
            motion_vote(actor=secretary, motion_id=motion.pk, votes=votes)
    return year


@pytest.fixture
def folder() -> Path:
    """tests/artifacts/e2e/almaty/, emptied of the previous run's files (ignored by git)."""
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

    def shot(self, page: Any, name: str) -> None:
        path = self.folder / f"{len(self.shots) + 1:02d}-{name}.png"
        page.screenshot(path=str(path), full_page=True)
        self.shots.append(path.name)

    @staticmethod
    def submit(form: Any) -> None:
        """Submit `form` and wait for the page it leads to."""
        page = form.page
        with page.expect_navigation():
            form.locator("button[type=submit]").last.click()

    def close(self) -> None:
        for page in self.pages.values():
            page.context.close()


@pytest.fixture
def walk(browser, live_server, close_connections, folder) -> Iterator[Walk]:
    walk = Walk(browser, live_server.url, folder)
    yield walk
    walk.close()


def test_an_almaty_year_from_the_plan_to_the_appeal(year, walk, clock):
    servant, head = year.servant, year.s.head
    manager = year.s.unit_heads["legal"]
    evaluation = Evaluation.objects.get(servant=servant)

    # 1. The approved work plan (App. 1), read by the head of the apparatus who approved it.
    clock(SESSION_DAY, 9)
    plan = WorkPlan.objects.get(servant=servant, year=2019)
    assert plan.status == PlanStatus.APPROVED
    page = walk.page(head)
    page.goto(reverse("plans:detail", args=[plan.pk]))
    assert plan.kpis.first().name in page.locator("main").inner_text()
    walk.shot(page, "plan-approved")

    # 2. The KPI sheet (App. 2) and the competency sheet (App. 3), from the evaluation's page.
    page = walk.page(manager)
    page.goto(reverse("typical:evaluation", args=[evaluation.pk]))
    with page.expect_navigation():
        page.get_by_test_id("kpi-sheet-link").click()
    kpi_sheet = KpiSheet.objects.get(evaluation=evaluation)
    assert page.url.endswith(reverse("typical:kpi_sheet", args=[kpi_sheet.pk]))
    walk.shot(page, "kpi-sheet")
    page.goto(reverse("typical:evaluation", args=[evaluation.pk]))
    with page.expect_navigation():
        page.get_by_test_id("competency-sheet-link").click()
    competency = CompetencySheet.objects.get(evaluation=evaluation)
    assert page.get_by_test_id("competencies").is_visible()
    assert competency.sent_on is not None
    walk.shot(page, "competency-sheet")

    # 3. The session: the secretary puts the revision and records the 2-2 vote.
    clock(SESSION_DAY, 11)
    session = CommissionSession.objects.get()
    page = walk.page(year.secretary)
    page.goto(reverse("commission:session", args=[session.pk]))
    item = page.get_by_test_id(f"item-{evaluation.pk}")
    motion_form = item.locator(f"form[action='{reverse('commission:motion', args=[session.pk])}']")
    motion_form.locator("select[name=kind]").select_option("revise")
    motion_form.locator("input[name=revised_kpi_achieved]").fill(str(REVISED_TO))
    motion_form.locator("textarea[name=reason]").fill("4-НМИ толық орындалды: хаттар ұсынылды.")
    walk.submit(motion_form)
    item = page.get_by_test_id(f"item-{evaluation.pk}")
    vote_form = item.locator(f"form[action='{reverse('commission:vote', args=[session.pk])}']")
    chair, legal_head, hr_head, member = year.present()
    for voter, choice in ((chair, "for"), (legal_head, "for"), (hr_head, "against")):
        vote_form.locator(f"input[name=seat_{voter.pk}][value={choice}]").check()
    vote_form.locator(f"input[name=seat_{member.pk}][value=against]").check()
    walk.submit(vote_form)
    motion = Motion.objects.get(item__evaluation=evaluation)
    assert (motion.kind, motion.adopted) == ("revise", True)
    assert (motion.votes_for, motion.votes_against) == (2, 2)  # the chair's vote decided (p.33)
    assert "2/2" in page.get_by_test_id(f"item-{evaluation.pk}").inner_text()
    walk.shot(page, "session-tie-decided-by-the-chair")

    # 4. The secretary and the members sign the protocol (services), then the chair (browser);
    # the head of the apparatus approves it and downloads it.
    for signer in (year.secretary, legal_head, hr_head, member):
        protocol_sign(actor=year.user(signer), session_id=session.pk, signed_on=SESSION_DAY)
    page = walk.page(chair)
    page.goto(reverse("commission:session", args=[session.pk]))
    sign = page.locator(f"form[action='{reverse('commission:sign', args=[session.pk])}']")
    sign.locator("input[name=signed_on]").fill(SESSION_DAY.isoformat())
    walk.submit(sign)
    walk.submit(page.locator("[data-testid=confirm-summary] form"))  # issue 13 item 4
    clock(PROTOCOL_APPROVED, 11)
    page = walk.page(head)
    page.goto(reverse("commission:session", args=[session.pk]))
    approve = page.locator(f"form[action='{reverse('commission:approve', args=[session.pk])}']")
    approve.locator("input[name=approved_on]").fill(PROTOCOL_APPROVED.isoformat())
    walk.submit(approve)
    session.refresh_from_db()
    assert (session.status, session.approved_on) == (SessionStatus.APPROVED, PROTOCOL_APPROVED)
    with page.expect_download() as info:
        page.get_by_test_id("protocol-pdf").click()
    content = Path(info.value.path()).read_bytes()
    assert content.startswith(b"%PDF")
    (walk.folder / "protocol.pdf").write_bytes(content)
    walk.shot(page, "protocol-approved")

    # 5. The servant acknowledges the result in writing (on a phone, too).
    clock(ACKNOWLEDGED, 10)
    page = walk.page(servant, "phone")
    page.goto(reverse("commission:result", args=[evaluation.pk]))
    walk.shot(page, "result-to-acknowledge-phone")
    form = page.get_by_test_id("acknowledge-form")
    form.locator("input[name=acknowledged_on]").fill(ACKNOWLEDGED.isoformat())
    walk.submit(form)
    evaluation.refresh_from_db()
    assert (evaluation.status, evaluation.familiarised_on) == (
        EvaluationStatus.FINAL,
        ACKNOWLEDGED,
    )
    record = ServiceRecordEntry.objects.get(evaluation=evaluation).result_text
    assert record.startswith(f"{REVISED_TO} / 5; ")  # T-17: then the competencies met
    assert record in page.get_by_test_id("service-record").inner_text()
    walk.shot(page, "acknowledged-phone")

    # 6. HR records the appeal, then the agency's outcome.
    clock(APPEAL_FILED, 15)
    page = walk.page(year.s.hr_head)
    page.goto(reverse("commission:result", args=[evaluation.pk]))
    form = page.get_by_test_id("appeal-form")
    form.locator("input[name=filed_on]").fill(APPEAL_FILED.isoformat())
    form.locator("input[name=authority]").fill("АМҚІА Алматы қ. бойынша департаменті")
    walk.submit(form)
    clock(APPEAL_DECIDED, 11)
    page.goto(reverse("commission:result", args=[evaluation.pk]))
    form = page.get_by_test_id("outcome-form")
    form.locator("input[name=outcome][value=left_unchanged]").check()
    form.locator("input[name=decided_on]").fill(APPEAL_DECIDED.isoformat())
    walk.submit(form)
    appeal = Appeal.objects.get(evaluation=evaluation)
    assert (appeal.filed_on, appeal.outcome, appeal.outcome_on) == (
        APPEAL_FILED,
        AppealOutcome.LEFT_UNCHANGED,
        APPEAL_DECIDED,
    )
    assert page.get_by_test_id(f"appeal-{appeal.pk}").is_visible()
    walk.shot(page, "appeal-left-unchanged")
    page.set_viewport_size(PHONE)
    walk.shot(page, "appeal-left-unchanged-phone")
    assert len(walk.shots) == 9
