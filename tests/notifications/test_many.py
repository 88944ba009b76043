"""Many notifications at once (issue 12 item 2): the rows `notify` writes, each dedupe key once,
a constant number of queries per batch and one e-mail task per batch."""

from __future__ import annotations

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bagalau.notifications.models import Notification
from bagalau.notifications.services import Note, notify, notify_many

pytestmark = pytest.mark.django_db

FIELDS = ("recipient_id", "kind", "params", "url", "dedupe_key")


@pytest.fixture(autouse=True)
def locmem(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


def _rows():
    return [tuple(getattr(n, f) for f in FIELDS) for n in Notification.objects.order_by("pk")]


def _notes(world, key):
    return [
        Note(
            recipient=world.a_staff1,
            kind="evaluation_notice",
            params={"period": "2026 — 1", "due": "10.04.2026", "score": "3.87"},
            url="/x/",
            dedupe_key=f"{key}:1",
        ),
        Note(recipient=world.hr_staff_user, kind="evaluation_notice", dedupe_key=f"{key}:2"),
        Note(recipient=world.hr_staff_user, kind="evaluation_notice"),
    ]


def test_the_rows_are_those_notify_writes(world):
    for note in _notes(world, "one"):
        notify(
            recipient=note.recipient,
            kind=note.kind,
            params=note.params,
            url=note.url,
            dedupe_key=note.dedupe_key,
        )
    singly = _rows()
    Notification.objects.all().delete()
    written = notify_many(_notes(world, "one"))
    assert len(written) == 3
    assert _rows() == singly
    assert "score" not in Notification.objects.order_by("pk")[0].params


def test_a_key_already_sent_or_repeated_in_the_batch_sends_nothing(world):
    notify(recipient=world.a_staff1, kind="evaluation_notice", dedupe_key="k:1")
    written = notify_many(_notes(world, "k") + _notes(world, "k"))
    # k:1 was sent before; k:2 once; a note without a key each time.
    assert [n.dedupe_key for n in written] == ["k:2", "", ""]
    assert Notification.objects.filter(dedupe_key="k:2").count() == 1
    assert [n.dedupe_key for n in notify_many(_notes(world, "k"))] == [""]


def test_queries_do_not_grow_with_the_notes(world):
    counts = []
    for size in (1, 10):
        notes = [n for i in range(size) for n in _notes(world, f"s{size}:{i}")]
        with CaptureQueriesContext(connection) as queries:
            assert len(notify_many(notes)) == 3 * size
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_one_mail_task_per_batch_sends_each_once(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        notify_many([n for i in range(4) for n in _notes(world, f"m{i}")])
    assert len(callbacks) == 1
    assert len(mail.outbox) == Notification.objects.count() == 12
    assert not Notification.objects.filter(emailed_at__isnull=True).exists()
