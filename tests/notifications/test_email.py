"""E-mail: a notification to a user with an e-mail address goes out once, through django-tasks,
in Kazakh and Russian, without a score (Django's locmem backend stands in for the mail server)."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core import mail
from django.utils import translation

from bagalau.notifications.messages import MESSAGES
from bagalau.notifications.models import Notification
from bagalau.notifications.reminders import reminders_send
from bagalau.notifications.services import notify
from bagalau.notifications.tasks import send_notification_email
from tests.calibration.conftest import Flow
from tests.notifications.conftest import sheet

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def locmem(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.DEFAULT_FROM_EMAIL = "bagalau@example.kz"


@pytest.fixture
def tagged(monkeypatch):
    """Sentences that show the language they are rendered in."""

    class Tagged:
        def __init__(self, message):
            self.message = message

        def __str__(self):
            return f"[{translation.get_language()}] {self.message}"

    for kind, message in list(MESSAGES.items()):
        with translation.override("en"):
            monkeypatch.setitem(MESSAGES, kind, Tagged(str(message)))


def test_one_email_in_kazakh_and_russian(world, tagged, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        note = notify(
            recipient=world.a_staff1,  # a servant: mailed at the user's address
            kind="result_to_acknowledge",
            params={"period": "2026 — 1", "due": "10.04.2026"},
            url="/evaluations/sheets/1/",
        )
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["a_staff1@example.kz"]
    assert message.from_email == "bagalau@example.kz"
    sentence = "Your result for 2026 — 1 is ready: acknowledge it by 10.04.2026."
    assert message.body == f"[kk] {sentence}\n\n[ru] {sentence}"
    assert message.subject.startswith("Bagalau: [kk] Your result")
    note.refresh_from_db()
    assert note.emailed_at is not None

    # Enqueued again (a retry, a second worker): nothing more goes out.
    send_notification_email.enqueue(note.pk)
    assert len(mail.outbox) == 1


def test_a_repeated_notification_sends_no_second_email(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(2):
            notify(
                recipient=world.a_head_user,
                kind="plan_posted",
                params={"year": 2026},
                dedupe_key="once",
            )
    assert len(mail.outbox) == 1
    assert Notification.objects.count() == 1


def test_no_email_without_an_address(world, django_capture_on_commit_callbacks):
    world.a_staff1_user.email = ""
    world.a_staff1_user.save()
    with django_capture_on_commit_callbacks(execute=True):
        note = notify(recipient=world.a_staff1_user, kind="plan_posted", params={"year": 2026})
    assert mail.outbox == []
    send_notification_email.enqueue(note.pk)
    assert mail.outbox == []
    note.refresh_from_db()
    assert note.emailed_at is None


def test_a_failed_send_is_released_for_a_retry(
    world, monkeypatch, django_capture_on_commit_callbacks
):
    def broken(**kwargs):
        raise ConnectionRefusedError("no mail server")

    monkeypatch.setattr("bagalau.notifications.tasks.send_mail", broken)
    note = notify(recipient=world.a_staff1_user, kind="plan_posted", params={"year": 2026})
    with pytest.raises(ConnectionRefusedError):
        send_notification_email.call(note.pk)
    note.refresh_from_db()
    assert note.emailed_at is None
    monkeypatch.undo()
    send_notification_email.enqueue(note.pk)
    assert len(mail.outbox) == 1


def test_reminders_are_mailed_once(world, clock, django_capture_on_commit_callbacks):
    sheet(world)
    clock(dt.date(2026, 4, 8))
    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            reminders_send()
    assert [m.to for m in mail.outbox] == [["a_head@example.kz"]]
    assert "10.04.2026" in mail.outbox[0].body


def test_no_score_in_any_email_of_a_calibration(world, clock, django_capture_on_commit_callbacks):
    """The whole calibration case (evaluator's 3.80, adopted 4.20) mails nobody a score."""
    with django_capture_on_commit_callbacks(execute=True):
        Flow(world, clock).sign()
    assert mail.outbox
    score = re.compile(r"(?<![\d.,])(3[.,]80|4[.,]20)(?!\d)")
    for message in mail.outbox:
        assert not score.search(message.body), message.body
        assert not score.search(message.subject)
        for word in ("proper", "effective"):
            assert word not in message.body
