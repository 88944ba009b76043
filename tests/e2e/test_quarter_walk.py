"""One quarter of 2026 walked in a real browser. Every user action is a click or a keystroke of the
person who takes it, each logged in through the login form, reading the site in its default
language, Kazakh:

1. January: HR drafts the 2026 schedule and submits it; the head of the apparatus approves it.
2. HR opens the work plans; the deputy (a_head's evaluator) drafts 3 KPIs planned for Q2
   (increase, decrease, yes/no) and sends them to HR; HR agrees; the deputy submits; the head of
   the apparatus (the superior manager) approves; HR posts.
3. July: HR opens Q2 and enters the actual values; the deputy sees percent, allowed range and
   proposal (checked against bagalau.methodology), is refused a score outside the range (nothing
   saved), types one inside, signs; the sheet shows the quarter score and rating.
4. a_head reads the result (also in Russian, in English and on a phone), acknowledges it and
   applies for calibration.
5. The head of the apparatus orders a session with 3 participants; the deputy presents; round 1
   splits, round 2 adopts a score; the head of HR signs and posts the protocol.
6. a_head downloads the protocol and the App. 2 sheet as PDF (Kazakh heading, final score).

Screenshots: tests/artifacts/e2e/NN-<step>.png (1280×900; some again at 390×844), and the two PDFs.

Where the application offers no way to go on (a missing link), the walk takes the legitimate
route a user would be told (the page's address) and the short `xfail(strict=True)` tests at the
end pin the problem, so that they fail — and the marker is removed — once it is fixed.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal as D
from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext

from bagalau.calibration.models import Application, Session, SessionStatus, Vote
from bagalau.core.errors import DomainError
from bagalau.evaluations.models import (
    Evaluation,
    EvaluationStatus,
    KpiResult,
    PeriodStatus,
    Schedule,
    ScheduleStatus,
)
from bagalau.methodology import MethodologyError, sjc2023_rules
from bagalau.methodology import sjc2023 as engine
from bagalau.notifications.models import Notification
from bagalau.org.selectors import organisation_edition, work_calendar
from bagalau.plans.models import PlanStatus, WorkPlan
from tests.e2e.quarter import (
    APPLICATION_TEXT,
    INSIDE,
    KPIS,
    OUTSIDE,
    PARTICIPANTS,
    PRESENTATION_TEXT,
    ROUNDS,
    SESSION_DAY,
    aware,
    quarter_by_services,
)

pytestmark = pytest.mark.browser

#: The site's default language, which the people of the walk read.
LANGUAGE = "kk"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
PASSWORD = "pass"  # tests/world.py
TIMEOUT_MS = 15_000


def t(message: str, **params: Any) -> str:
    """`message` as the people of the walk read it (the catalogue in force; English without)."""
    with translation.override(LANGUAGE):
        text = gettext(message)
    return text % params if params else text


def label(choice: Any, language: str = LANGUAGE) -> str:
    """A model choice's label as the people of the walk read it."""
    with translation.override(language):
        return str(choice.label)


def shown(value: D, language: str = LANGUAGE) -> str:
    """A number as the templates print it in `language` (4.27 in Kazakh, 4,27 in Russian)."""
    with translation.override(language):
        return formats.localize(value)


# --- people, pages and screenshots -------------------------------------------------------------


@dataclass
class Walk:
    """The browser, the live server, the screenshots and the people logged in so far."""

    browser: Any
    url: str
    folder: Path
    expect: Any
    pages: dict[str, Any] = field(default_factory=dict)
    shots: list[str] = field(default_factory=list)

    def person(self, username: str) -> Any:
        """The page of `username` (their own browser context), logged in through the login form
        on first use."""
        if username not in self.pages:
            context = self.browser.new_context(
                base_url=self.url,
                locale="kk-KZ",
                timezone_id="Asia/Almaty",
                viewport=DESKTOP,
                accept_downloads=True,
            )
            context.set_default_timeout(TIMEOUT_MS)
            page = context.new_page()
            page.goto(reverse("home"))  # anonymous: sent to the login form
            self.expect(page).to_have_url(re.compile(r"/login/"))
            page.locator("input[name=username]").fill(username)
            page.locator("input[name=password]").fill(PASSWORD)
            page.locator("main").get_by_role("button", name=t("Log in")).click()
            self.expect(page.locator("main h1")).to_have_text(t("Dashboard"))
            self.pages[username] = page
        return self.pages[username]

    def dashboard(self, username: str) -> Any:
        """`username` opens the dashboard (which also ends the polling of the page they were on)."""
        page = self.person(username)
        page.goto(reverse("home"))
        self.expect(page.locator("main h1")).to_have_text(t("Dashboard"))
        return page

    def shot(self, page: Any, name: str, *, phone: bool = False) -> None:
        """A full-page screenshot NN-<name>.png (at the phone's size when asked)."""
        path = self.folder / f"{len(self.shots) + 1:02d}-{name}.png"
        if phone:
            page.set_viewport_size(PHONE)
        try:
            if phone:
                # Wide tables scroll inside their .table-wrap; the page itself never does.
                width = page.evaluate("document.documentElement.scrollWidth")
                assert width <= PHONE["width"], f"{name}: the page is {width}px wide on a phone"
            page.screenshot(path=str(path), full_page=True)
        finally:
            if phone:
                page.set_viewport_size(DESKTOP)
        self.shots.append(path.name)

    def menu(self, page: Any, text: str) -> None:
        """Click an entry of the main menu."""
        page.locator("nav.menu").get_by_role("link", name=text, exact=True).click()

    def message(self, page: Any, text: str) -> None:
        """The page shows the message `text` (after a redirect)."""
        self.expect(page.locator("ul.messages")).to_contain_text(text)

    def button(self, page: Any, text: str) -> None:
        """Click the button `text` in the page's main part."""
        page.locator("main").get_by_role("button", name=text, exact=True).click()


@pytest.fixture
def walk(browser, live_server, artifacts, close_connections, settings) -> Iterator[Walk]:
    # The site's own default language (tests/conftest.py switches the other tests to English).
    settings.LANGUAGE_CODE = LANGUAGE
    sync_api = pytest.importorskip("playwright.sync_api")
    sync_api.expect.set_options(timeout=TIMEOUT_MS)
    walk = Walk(browser=browser, url=live_server.url, folder=artifacts, expect=sync_api.expect)
    yield walk
    for page in walk.pages.values():
        page.context.close()


def follow(page: Any, url: str, *, via: list[str]) -> None:
    """Go to `url` by a link of the pages `via` when one of them has it; otherwise by its address
    (the route a user would be told; the xfail tests below pin the missing link)."""
    for place in via:
        page.goto(place)
        link = page.locator(f"main a[href='{url}']")
        if link.count():
            link.first.click()
            return
    page.goto(url)


def download(page: Any, url: str, folder: Path, name: str) -> bytes:
    """The PDF at `url` as the browser gets it: by the page's link when there is one, else by a
    request with the page's session. Kept next to the screenshots."""
    link = page.locator(f"main a[href^='{url}']")
    if link.count():
        with page.expect_download() as info:
            link.first.click()
        content = Path(info.value.path()).read_bytes()
    else:
        response = page.context.request.get(url)
        assert response.ok, (url, response.status)
        assert response.headers["content-type"] == "application/pdf"
        assert response.headers["content-disposition"].startswith("attachment")
        content = response.body()
    assert content.startswith(b"%PDF"), content[:40]
    (folder / name).write_bytes(content)
    return content


def pdf_text(content: bytes) -> str:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(content))
    return "\n".join(page.extract_text() or "" for page in reader.pages)


# --- the walk ------------------------------------------------------------------------------------


def test_a_quarter_from_the_plan_to_the_calibration_protocol(world, clock, walk):
    expect = walk.expect
    rules = sjc2023_rules(organisation_edition(world.org, dt.date(2026, 4, 1)))
    servant = world.a_head

    # 1. January: the schedule. ------------------------------------------------------------------
    clock(dt.date(2026, 1, 5))
    hr = walk.dashboard("hr_staff")
    walk.menu(hr, t("Schedule"))
    expect(hr.locator("main input[name=year]")).to_have_value("2026")
    walk.button(hr, t("Draft the schedule"))
    walk.message(hr, t("The schedule for %(year)s was drafted.", year=2026))
    walk.shot(hr, "hr-schedule-drafted")
    walk.button(hr, t("Submit for approval"))
    expect(hr.get_by_test_id("schedule-status")).to_have_text(label(ScheduleStatus.SUBMITTED))

    clock(dt.date(2026, 1, 6))
    head = walk.dashboard("head")
    head.get_by_test_id("panel-schedule-approval").get_by_role("link").first.click()
    walk.shot(head, "head-schedule-to-approve")
    walk.button(head, t("Approve the schedule"))
    walk.message(head, t("The schedule for %(year)s was approved.", year=2026))
    expect(head.get_by_test_id("schedule-status")).to_have_text(label(ScheduleStatus.APPROVED))
    walk.shot(head, "head-schedule-approved")
    schedule = Schedule.objects.get(organisation=world.org, year=2026)
    assert (schedule.status, schedule.approved_by) == (ScheduleStatus.APPROVED, world.head_user)

    # 2. January: a_head's work plan, drafted by the deputy, agreed, approved and posted. --------
    hr = walk.dashboard("hr_staff")
    walk.menu(hr, t("Work plans"))
    expect(hr.locator("main input[name=year]")).to_have_value("2026")
    walk.button(hr, t("Open work plans"))
    walk.message(
        hr,
        t(
            "Work plans opened: %(created)s; already open: %(existing)s; "
            "without KPIs: %(skipped)s.",
            created=4,
            existing=0,
            skipped=0,
        ),
    )
    walk.shot(hr, "hr-work-plans-opened")
    plan = WorkPlan.objects.get(servant=servant, year=2026)
    assert (plan.status, plan.evaluator, plan.approver) == (
        PlanStatus.DRAFT,
        world.deputy,
        world.head,
    )

    clock(dt.date(2026, 1, 8))
    deputy = walk.dashboard("deputy")
    deputy.locator("section.plan-tasks").get_by_role("link", name=servant.full_name).click()
    expect(deputy.get_by_test_id("servant-name")).to_have_text(servant.full_name)
    for number, case in enumerate(KPIS, start=1):
        deputy.get_by_test_id("kpi-add").click()
        row = deputy.locator("#kpi-form-new")
        expect(row.locator("textarea[name=name]")).to_be_visible()
        row.locator("textarea[name=name]").fill(case.name)
        row.locator("select[name=direction]").select_option(case.direction)
        row.locator("textarea[name=source]").fill(case.source)
        row.locator("input[name=unit]").fill(case.unit)
        if case.plan_q2 is None:
            # A yes/no KPI is planned with a checkbox per quarter; the numbers are hidden.
            expect(row.locator("input[name=plan_q2]")).to_be_hidden()
            row.locator("input[name=due_q2]").check()
        else:
            expect(row.locator("input[name=due_q2]")).to_be_hidden()
            row.locator("input[name=plan_q2]").fill(case.plan_q2)
        row.locator("input[name=deadline]").fill(case.deadline)
        row.locator("textarea[name=key_result]").fill(case.key_result)
        if number == len(KPIS):
            walk.shot(deputy, "evaluator-adds-the-yes-no-kpi")
        row.get_by_role("button", name=t("Save"), exact=True).click()
        expect(deputy.locator("#kpi-rows tr.kpi-row")).to_have_count(number)
    expect(deputy.locator("#kpi-form-new")).to_have_count(0)
    walk.shot(deputy, "evaluator-plan-with-3-kpis")
    planned = [(k.direction, k.plan_q1, k.plan_q2, k.plan_q3) for k in plan.kpis.order_by("number")]
    assert planned == [
        ("increase", None, D("40"), None),
        ("decrease", None, D("10"), None),
        ("binary", None, D("1"), None),
    ]
    deputy.get_by_test_id("do-send_to_hr").click()
    expect(deputy.get_by_test_id("plan-status")).to_have_text(label(PlanStatus.SENT_TO_HR))

    clock(dt.date(2026, 1, 9))
    hr = walk.dashboard("hr_staff")
    hr.locator("section.plan-tasks").get_by_role("link", name=servant.full_name).click()
    hr.get_by_test_id("do-hr_agree").click()
    expect(hr.get_by_test_id("plan-status")).to_have_text(label(PlanStatus.HR_AGREED))

    deputy = walk.dashboard("deputy")
    deputy.locator("section.plan-tasks").get_by_role("link", name=servant.full_name).click()
    deputy.get_by_test_id("do-submit").click()
    expect(deputy.get_by_test_id("plan-status")).to_have_text(label(PlanStatus.SUBMITTED))

    clock(dt.date(2026, 1, 12))
    head = walk.dashboard("head")
    head.locator("section.plan-tasks").get_by_role("link", name=servant.full_name).click()
    head.get_by_test_id("do-approve").click()
    expect(head.get_by_test_id("plan-status")).to_have_text(label(PlanStatus.APPROVED))

    clock(dt.date(2026, 1, 13))
    hr = walk.dashboard("hr_staff")
    hr.locator("section.plan-tasks").get_by_role("link", name=servant.full_name).click()
    hr.get_by_test_id("do-post").click()
    expect(hr.get_by_test_id("plan-status")).to_have_text(label(PlanStatus.POSTED))
    walk.shot(hr, "hr-plan-posted")
    plan.refresh_from_db()
    assert plan.status == PlanStatus.POSTED

    # 3. July: Q2 opened, actual values entered, the sheet scored and signed. ----------------------
    clock(dt.date(2026, 7, 1))
    hr = walk.dashboard("hr_staff")
    walk.menu(hr, t("Schedule"))
    hr.get_by_test_id("period-quarter2").get_by_role("link", name=t("Roster")).click()
    walk.button(hr, t("Open the period"))
    hr.get_by_role("link", name=t("Back to the roster")).click()
    expect(hr.get_by_test_id("period-status")).to_have_text(label(PeriodStatus.OPEN))
    walk.shot(hr, "hr-q2-opened")
    evaluation = Evaluation.objects.get(
        period__schedule=schedule, period__number=2, servant=servant
    )
    assert (evaluation.method, evaluation.status, evaluation.evaluator) == (
        "kpi",
        EvaluationStatus.PENDING,
        world.deputy,
    )

    walk.menu(hr, t("Evaluations"))
    hr.locator("main ul.tasks").get_by_role("link", name=servant.full_name).click()
    expect(hr.locator("main h1")).to_have_text(t("Actual KPI values"))
    for case in KPIS:
        box = hr.get_by_label(f"{t('Actual value')}: {case.name}")
        if case.direction == "binary":
            box.select_option(case.actual)
        else:
            box.fill(case.actual)
    walk.shot(hr, "hr-types-the-actual-values")
    walk.button(hr, t("Save the actual values"))
    walk.message(hr, t("The actual values were saved."))
    rows = list(KpiResult.objects.filter(evaluation=evaluation).order_by("kpi__number"))
    assert [rows[0].actual_value, rows[1].actual_value, rows[2].actual_achieved] == [
        D("37"),
        D("16"),
        True,
    ]

    clock(dt.date(2026, 7, 2))
    deputy = walk.dashboard("deputy")
    deputy.locator("#panel-sheets-to-fill").get_by_role("link", name=servant.full_name).click()
    expect(deputy.locator("main h1")).to_have_text(t("KPI evaluation sheet"))
    outcomes = [engine.evaluate_kpi(rules, case.engine_input()) for case in KPIS]
    assert [o.percent for o in outcomes] == [D("92.50"), D("62.50"), D("100.00")]
    for row, outcome in zip(rows, outcomes, strict=True):
        cells = deputy.locator(f"#kpi-row-{row.pk} > td")
        low, high = outcome.allowed
        expect(cells.nth(5)).to_have_text(shown(outcome.percent))
        expect(cells.nth(6)).to_have_text(f"{shown(low)}–{shown(high)}")
        expect(cells.nth(7)).to_have_text(shown(outcome.proposed))
    proposal = engine.evaluate_kpi_sheet(rules, [case.engine_input() for case in KPIS])
    expect(deputy.get_by_test_id("quarter-score")).to_have_text(shown(proposal.score))
    walk.shot(deputy, "evaluator-sheet-with-the-proposals")

    # A score outside KPI 1's range: the translated error as it is typed, and again on saving;
    # nothing is saved.
    first = rows[0]
    with pytest.raises(MethodologyError) as refused:
        engine.evaluate_kpi(rules, KPIS[0].engine_input(OUTSIDE), "kpis[0]")
    with translation.override(LANGUAGE):
        expected_error = DomainError.from_methodology(refused.value).message
    score_box = deputy.locator(f"#kpi-row-{first.pk} input.score-input")
    row_url = reverse("evaluations:sheet_kpi_row", args=[evaluation.pk, first.pk])
    with deputy.expect_response(lambda response: response.url.endswith(row_url)):
        score_box.fill(str(OUTSIDE))
    expect(deputy.locator(f"#kpi-feedback-{first.pk} .field-error")).to_have_text(expected_error)
    expect(deputy.get_by_test_id("quarter-score")).to_have_text("—")
    walk.shot(deputy, "evaluator-types-a-score-outside-the-range")
    version = Evaluation.objects.get(pk=evaluation.pk).version
    save_url = reverse("evaluations:sheet_kpi_save", args=[evaluation.pk])
    with (
        deputy.expect_event("load"),  # the refused sheet comes back as a new page
        deputy.expect_response(lambda response: response.url.endswith(save_url)) as answer,
    ):
        walk.button(deputy, t("Save"))
    assert answer.value.status == 400
    expect(deputy.locator(f"#kpi-row-{first.pk} .field-error")).to_contain_text(expected_error)
    expect(deputy.locator(f"#kpi-row-{first.pk} input.score-input")).to_have_value(str(OUTSIDE))
    walk.shot(deputy, "evaluator-save-refused")
    stored = Evaluation.objects.get(pk=evaluation.pk)
    assert (stored.status, stored.version, stored.score) == (
        EvaluationStatus.PENDING,
        version,
        None,
    )
    assert not KpiResult.objects.filter(evaluation=evaluation, score__isnull=False).exists()

    # A score inside the range: the quarter score follows as it is typed; then signed.
    score_box = deputy.locator(f"#kpi-row-{first.pk} input.score-input")
    with deputy.expect_response(lambda response: response.url.endswith(row_url)):
        score_box.fill(str(INSIDE))
    expect(deputy.locator(f"#kpi-feedback-{first.pk} .field-error")).to_have_count(0)
    chosen = [KPIS[0].engine_input(INSIDE)] + [case.engine_input() for case in KPIS[1:]]
    sheet = engine.evaluate_kpi_sheet(rules, chosen)
    assert (sheet.score, sheet.rating.code) == (D("4.27"), "effective")
    rating_label = sheet.rating.label.get(LANGUAGE)
    expect(deputy.get_by_test_id("quarter-score")).to_have_text(shown(sheet.score))
    expect(deputy.get_by_test_id("quarter-rating")).to_have_text(rating_label)
    # p.17(3): the final assessment comes with constructive feedback, required to sign.
    deputy.get_by_test_id("feedback-input").fill("Жоспарды ерте келісуге жіберіңіз.")
    walk.button(deputy, t("Save and sign"))
    # Nothing is signed before the summary of what will be stored is confirmed (issue 13).
    expect(deputy.get_by_test_id("summary-score")).to_have_text(shown(sheet.score))
    walk.button(deputy, t("Sign"))
    walk.message(deputy, t("The sheet was signed."))
    expect(deputy.get_by_test_id("status")).to_have_text(label(EvaluationStatus.SIGNED))
    expect(deputy.get_by_test_id("quarter-score")).to_have_text(shown(sheet.score))
    expect(deputy.get_by_test_id("quarter-rating")).to_have_text(rating_label)
    expect(deputy.get_by_test_id("result-score")).to_have_text(shown(sheet.score))
    expect(deputy.locator("main input.score-input")).to_have_count(0)
    walk.shot(deputy, "evaluator-sheet-signed")
    evaluation.refresh_from_db()
    assert (evaluation.status, evaluation.score, evaluation.rating) == (
        EvaluationStatus.SIGNED,
        sheet.score,
        "effective",
    )
    scores = KpiResult.objects.filter(evaluation=evaluation).order_by("kpi__number")
    assert list(scores.values_list("score", flat=True)) == [
        INSIDE,
        outcomes[1].proposed,
        outcomes[2].proposed,
    ]

    # 4. The servant reads the result, acknowledges it and applies for calibration. ---------------
    clock(dt.date(2026, 7, 3))
    me = walk.dashboard("a_head")
    panel = me.locator("#panel-my-results")
    expect(panel).to_contain_text(shown(sheet.score))
    walk.shot(me, "servant-dashboard")
    panel.get_by_role("link", name=t("View"), exact=True).first.click()
    expect(me.get_by_test_id("result-score")).to_have_text(shown(sheet.score))
    expect(me.get_by_test_id("result-rating")).to_have_text(rating_label)
    expect(me.locator("main input.score-input")).to_have_count(0)
    walk.shot(me, "servant-result")
    walk.shot(me, "servant-result-phone", phone=True)
    result_url = me.url
    for language in ("ru", "en"):
        me.locator("form.lang").locator(f"button[value={language}]").click()
        expect(me.locator("html")).to_have_attribute("lang", language)
        expect(me).to_have_url(result_url)
        with translation.override(language):
            expect(me.locator("main h1")).to_have_text(gettext("KPI evaluation sheet"))
        expect(me.get_by_test_id("result-score")).to_have_text(shown(sheet.score, language))
        expect(me.get_by_test_id("result-rating")).to_have_text(sheet.rating.label.get(language))
        walk.shot(me, f"servant-result-{language}")
    me.locator("form.lang").locator(f"button[value={LANGUAGE}]").click()
    expect(me.locator("html")).to_have_attribute("lang", LANGUAGE)
    me.locator("#result").get_by_role("button", name=t("Acknowledge")).click()
    walk.message(me, t("You acknowledged the result."))
    expect(me.get_by_test_id("status")).to_have_text(label(EvaluationStatus.ACKNOWLEDGED))
    evaluation.refresh_from_db()
    assert evaluation.status == EvaluationStatus.ACKNOWLEDGED
    assert evaluation.calibration_due == engine.calibration_application_due(
        rules, work_calendar(), dt.date(2026, 7, 3)
    )
    expect(me.get_by_test_id("calibration-due")).to_have_text(
        evaluation.calibration_due.strftime("%d.%m.%Y")
    )
    walk.shot(me, "servant-result-acknowledged")

    clock(dt.date(2026, 7, 7))  # the next working day: 6 July is the Capital's day
    me = walk.dashboard("a_head")
    apply_url = reverse("calibration:apply", args=[evaluation.pk])
    sheet_url = reverse("evaluations:sheet", args=[evaluation.pk])
    # BUG: neither the result nor the Calibration page links to the application form
    # (test_the_acknowledged_result_leads_to_the_calibration_application).
    follow(me, apply_url, via=[sheet_url, reverse("calibration:index"), reverse("home")])
    expect(me.locator("main h1")).to_have_text(t("Apply for calibration"))
    me.locator("main textarea[name=text]").fill(APPLICATION_TEXT)
    walk.shot(me, "servant-calibration-application")
    walk.shot(me, "servant-calibration-application-phone", phone=True)
    walk.button(me, t("Send the application"))
    walk.message(me, t("Your application was sent to the head of the apparatus."))
    expect(me.locator("main h1")).to_have_text(t("Calibration application"))
    walk.shot(me, "servant-application-sent")
    application = Application.objects.get(evaluation=evaluation)
    evaluation.refresh_from_db()
    assert (application.text, evaluation.status) == (
        APPLICATION_TEXT,
        EvaluationStatus.CALIBRATION,
    )

    # 5. The calibration session. -----------------------------------------------------------------
    clock(dt.date(2026, 7, 8))
    participants = [getattr(world, name) for name in PARTICIPANTS]
    head = walk.dashboard("head")
    head.locator("main").get_by_role("link", name=servant.full_name).first.click()
    expect(head.locator("main h1")).to_have_text(t("Calibration application"))
    for user in participants:
        head.locator(f"input[name=participants][value='{user.pk}']").check()
    head.locator("input[name=scheduled_for]").fill(f"{SESSION_DAY.isoformat()}T10:00")
    head.locator("input[name=place]").fill("Аппараттың мәжіліс залы, 305-бөлме")
    walk.shot(head, "head-orders-the-session")
    walk.button(head, t("Record the decision"))
    walk.message(head, t("The decision was recorded."))
    session = Session.objects.get(application=application)
    assert session.scheduled_for == aware(SESSION_DAY, 10)
    assert set(session.participants.all()) == set(participants)

    clock(SESSION_DAY, hour=10)
    deputy = walk.dashboard("deputy")
    deputy.locator("main").get_by_role("link", name=servant.full_name).first.click()
    expect(deputy.locator("main h1")).to_contain_text(t("Calibration session"))
    deputy.locator("main textarea[name=text]").fill(PRESENTATION_TEXT)
    walk.button(deputy, t("Record the presentation"))
    walk.message(deputy, t("The presentation was recorded; voting is open."))
    expect(deputy.locator("#voting form")).to_have_count(0)  # the evaluator does not vote
    walk.shot(deputy, "evaluator-presented")

    clock(SESSION_DAY, hour=11)
    voting_url = reverse("calibration:voting", args=[session.pk])
    session_url = reverse("calibration:session", args=[session.pk])
    for number, votes in enumerate(ROUNDS, start=1):
        for index, (username, choice, score) in enumerate(votes, start=1):
            page = walk.dashboard(username)
            page.locator("main").get_by_role("link", name=servant.full_name).first.click()
            voting = page.locator("#voting")
            voting.locator(f"input[name=choice][value={choice}]").check()
            if score is not None:
                voting.locator("input[name=score]").fill(score)
            voting.locator("textarea[name=argument]").fill(
                "Бағалаушының дәлелдері негізді."
                if choice == "keep"
                else "2-НМИ: өтініштер саны күрт өсті, мерзімнің ұзаруы қызметшіге байланысты емес."
            )
            if (number, index) == (1, 1):
                walk.shot(page, "participant-votes-in-round-1")
            button = t("Vote in round %(round)s", round=number)
            if (number, index) == (len(ROUNDS), len(votes)):
                # The adopted score reloads the whole page (HX-Refresh).
                with page.expect_response(
                    lambda response: (
                        response.url.endswith(session_url)
                        and response.request.resource_type == "document"
                    )
                ):
                    voting.get_by_role("button", name=button).click()
                expect(page.locator("#voting .adopted")).to_be_visible()
                continue
            with page.expect_response(lambda response: response.url.endswith(voting_url)):
                voting.get_by_role("button", name=button).click()
            if index < len(votes):
                expect(page.locator("#voting")).to_contain_text(
                    t("Round %(round)s: %(voted)s of %(total)s voted")
                    % {"round": number, "voted": index, "total": len(votes)}
                )
            else:
                # No majority in round 1: its votes are shown and round 2 opens.
                expect(page.locator("#voting")).to_contain_text(
                    t("No score has more than half of the votes: the participants vote again.")
                )
                expect(
                    page.locator("#voting").get_by_role(
                        "button", name=t("Vote in round %(round)s", round=number + 1)
                    )
                ).to_be_visible()
                walk.shot(page, "round-1-without-majority")
    final = engine.adopted_score([D(s) if s else sheet.score for _u, _c, s in ROUNDS[-1]])
    assert final == D("4.50")
    assert engine.adopted_score([D(s) if s else sheet.score for _u, _c, s in ROUNDS[0]]) is None
    session.refresh_from_db()
    assert (session.status, session.round, session.final_score) == (
        SessionStatus.DECIDED,
        2,
        final,
    )
    assert Vote.objects.filter(session=session).count() == 6
    expect(page.locator("#voting .adopted")).to_contain_text(shown(final))
    walk.shot(page, "final-score-adopted")

    clock(SESSION_DAY, hour=15)
    hr_head = walk.dashboard("hr_head")
    hr_head.locator("main").get_by_role("link", name=servant.full_name).first.click()
    walk.button(hr_head, t("Sign the protocol"))
    expect(hr_head.get_by_test_id("summary-score")).to_have_text(shown(final))
    walk.button(hr_head, t("Sign the protocol"))  # the confirmation
    walk.message(hr_head, t("The protocol was signed; the final result is recorded."))
    clock(dt.date(2026, 7, 15))
    hr_head = walk.dashboard("hr_head")
    hr_head.locator("main").get_by_role("link", name=servant.full_name).first.click()
    walk.button(hr_head, t("Record as posted"))
    walk.message(hr_head, t("The protocol was recorded as posted."))
    walk.shot(hr_head, "hr-head-protocol-posted")
    session.refresh_from_db()
    evaluation.refresh_from_db()
    assert session.status == SessionStatus.POSTED
    assert (evaluation.status, evaluation.final_score, evaluation.final_rating) == (
        EvaluationStatus.FINAL,
        final,
        engine.rate(rules, final).code,
    )

    # 6. The servant reads the protocol and downloads the documents. -------------------------------
    me = walk.dashboard("a_head")
    walk.menu(me, t("Calibration"))
    me.locator("main").get_by_role("link", name=servant.full_name).first.click()
    me.locator("main").get_by_role("link", name=t("Open the session")).click()
    me.locator("main").get_by_role("link", name=t("Open the protocol")).click()
    expect(me.locator("main h1")).to_have_text(t("Protocol of the calibration session"))
    expect(me.locator("main")).to_contain_text(shown(final))
    walk.shot(me, "servant-protocol")
    walk.shot(me, "servant-protocol-phone", phone=True)
    # BUG: no page links to the PDFs (test_the_sheet_links_to_its_pdf,
    # test_the_protocol_links_to_its_pdf): fetched with the servant's session.
    protocol_url = reverse("documents:protocol_pdf", args=[session.pk])
    text = pdf_text(download(me, protocol_url, walk.folder, "protocol.pdf"))
    assert "Калибрлеу сессиясының хаттамасы" in text
    assert shown(final) in text
    me.goto(sheet_url)
    expect(me.get_by_test_id("result-score")).to_have_text(shown(final))
    walk.shot(me, "servant-final-result")
    walk.shot(me, "servant-final-result-phone", phone=True)
    sheet_pdf = reverse("documents:evaluation_pdf", args=[evaluation.pk])
    text = pdf_text(download(me, sheet_pdf, walk.folder, "app2-kpi-sheet.pdf"))
    assert "НМИ бойынша бағалау парағы" in text
    assert shown(sheet.score) in text
    assert shown(final) in text


# --- the problems the walk found, pinned (remove the marker once fixed) ---------------------------


def test_the_acknowledged_result_leads_to_the_calibration_application(world, clock, client):
    case = quarter_by_services(world, clock, until="acknowledged")
    apply_url = reverse("calibration:apply", args=[case.evaluation.pk])
    client.force_login(world.a_head_user)
    pages = [
        reverse("evaluations:sheet", args=[case.evaluation.pk]),
        reverse("calibration:index"),
        reverse("evaluations:sheets_home"),
        reverse("home"),
    ]
    linked = []
    for page in pages:
        response = client.get(page)
        assert response.status_code == 200, page
        if f'href="{apply_url}"' in response.text:
            linked.append(page)
    assert linked, "no page links to the calibration application"


def test_the_sheet_links_to_its_pdf(world, clock, client):
    case = quarter_by_services(world, clock, until="signed")
    client.force_login(world.a_head_user)
    response = client.get(reverse("evaluations:sheet", args=[case.evaluation.pk]))
    assert response.status_code == 200
    assert reverse("documents:evaluation_pdf", args=[case.evaluation.pk]) in response.text


def test_the_protocol_links_to_its_pdf(world, clock, client):
    case = quarter_by_services(world, clock, until="posted")
    pdf = reverse("documents:protocol_pdf", args=[case.session.pk])
    client.force_login(world.a_head_user)
    for name in ("calibration:session", "calibration:protocol"):
        response = client.get(reverse(name, args=[case.session.pk]))
        assert response.status_code == 200, name
        assert pdf in response.text, name


def test_the_notices_are_dated_by_the_application_clock(world, clock):
    quarter_by_services(world, clock, until="opened")
    notices = Notification.objects.filter(kind="evaluation_notice")
    assert notices.exists()
    days = {timezone.localdate(created) for created in notices.values_list("created_at", flat=True)}
    assert days == {dt.date(2026, 7, 1)}


#: The messages of bagalau/evaluations/views/sheets.py written with `gettext as _t`.
SHEET_MESSAGES = [
    "Saved.",
    "The sheet was signed.",
    "You acknowledged the result.",
    "The actual values were saved.",
    "The refusal act was recorded.",
]


def test_the_sheet_messages_are_translated():
    with translation.override("kk"):
        assert gettext("Dashboard") != "Dashboard", "no compiled Kazakh catalogue here"
        untranslated = [message for message in SHEET_MESSAGES if gettext(message) == message]
    assert not untranslated
