"""The progress bar of a job moves in a real browser (issue 14 "done means": a browser test
watches a progress bar move to 100 % on a campaign creation). HR drafts the year's 360 survey
from its page; the job runs in a worker thread (tests.jobs.threaded) while the job's page polls
it; the job pauses after its first and its last-but-one evaluatee until the test has seen the
bar show that step, so the test observes the bar moving without waiting on a clock. Then the bar
reaches 100 %, the outcome links to the drafted survey and the page reaches it. Screenshots go
to tests/artifacts/.

PostgreSQL only: the job writes the campaign in one transaction, and only PostgreSQL lets the
progress written meanwhile (through a connection of its own, bagalau.jobs.progress) be seen
before it commits."""

from __future__ import annotations

import threading

import pytest
from django.db import connection
from django.urls import reverse

from bagalau.jobs import progress as progress_module
from bagalau.jobs.models import BackgroundJob, JobState
from bagalau.surveys.models import Campaign, Target
from tests.browser import ARTIFACTS, BROWSER, DESKTOP, chromium, page_as
from tests.jobs.threaded import THREADED, ThreadedBackend
from tests.surveys.conftest import TODAY

pytestmark = [
    *BROWSER,
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="SQLite shows a transaction's progress only when it commits",
    ),
]

#: How long the job waits for the test at a pause, and the page for the bar (seconds).
PATIENCE = 30


class Gate:
    """Pauses the job after it has written the progress of its first and its last-but-one
    item, until the test lets it go on; `pauses` records (done, total) at each."""

    def __init__(self) -> None:
        self.paused = threading.Semaphore(0)
        self.release = threading.Semaphore(0)
        self.pauses: list[tuple[int, int]] = []

    def install(self, monkeypatch: pytest.MonkeyPatch) -> None:
        original_init = progress_module.Progress.__init__
        original_write = progress_module.Progress._write
        gate = self

        def init(self, job_id, *, step=250):  # noqa: ANN001  (every item written)
            original_init(self, job_id, step=1)

        def write(self, stage=None):  # noqa: ANN001
            original_write(self, stage)
            if self.job_id is not None and stage is None and self.done in (1, self.total - 1):
                gate.pauses.append((self.done, self.total))
                gate.paused.release()
                gate.release.acquire(timeout=PATIENCE)

        monkeypatch.setattr(progress_module.Progress, "__init__", init)
        monkeypatch.setattr(progress_module.Progress, "_write", write)

    def wait(self) -> tuple[int, int]:
        assert self.paused.acquire(timeout=PATIENCE), "the job never reached its pause"
        return self.pauses[-1]

    def go_on(self) -> None:
        self.release.release()


@pytest.fixture
def gate(monkeypatch):
    found = Gate()
    found.install(monkeypatch)
    yield found
    for _ in range(2):
        found.go_on()  # never leave the job waiting when the test failed
    ThreadedBackend.join()


def bar(page, percent: int):
    return page.locator(f'[role="progressbar"][aria-valuenow="{percent}"]')


def test_the_bar_moves_to_100_percent_while_a_360_survey_is_drafted(
    world, clock, live_server, settings, gate
):
    clock(TODAY)
    settings.TASKS = THREADED
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with chromium() as browser:
        page = page_as(browser, live_server.url, world.hr_staff_user, viewport=DESKTOP)
        page.goto(reverse("surveys:index"))
        page.locator("form.survey-create button[type=submit]").click()

        seen = []
        for _pause in range(2):
            done, total = gate.wait()
            percent = done * 100 // total
            bar(page, percent).wait_for(timeout=PATIENCE * 1000)
            assert page.locator(".cycle-count").inner_text() == f"{percent} %"
            assert "Running" in page.locator(".status").inner_text()
            seen.append(percent)
            page.screenshot(path=str(ARTIFACTS / f"job-progress-{len(seen)}.png"))
            gate.go_on()
        assert 0 < seen[0] < seen[1] < 100

        job = BackgroundJob.objects.get()
        assert page.url.endswith(reverse("jobs:job", args=[job.pk]))
        page.locator('.status[data-state="succeeded"]').wait_for(timeout=PATIENCE * 1000)
        assert bar(page, 100).count() == 1
        assert page.locator(".cycle-count").inner_text() == "100 %"
        page.screenshot(path=str(ARTIFACTS / "job-progress-done.png"))

        job.refresh_from_db()
        assert job.state == JobState.SUCCEEDED
        campaign = Campaign.objects.get(pk=job.outcome["campaign"])
        assert Target.objects.filter(campaign=campaign).count() == total == job.total
        page.locator(f'a[href="{reverse("surveys:campaign", args=[campaign.pk])}"]').click()
        page.wait_for_url(f"**{reverse('surveys:campaign', args=[campaign.pk])}")
        page.screenshot(path=str(ARTIFACTS / "job-progress-result.png"))
