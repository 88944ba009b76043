"""`core.bulk.bulk_insert` and `insert_values` (issue 12 item 2): the rows `bulk_create` writes,
column for column, through COPY on PostgreSQL and `bulk_create` elsewhere; ids when asked; a
constraint broken is Django's IntegrityError; a COPY counts as one query."""

from __future__ import annotations

import datetime as dt
import gc
from decimal import Decimal

import pytest
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from bagalau.audit.models import AuditEntry
from bagalau.core.bulk import FEW, bulk_change, bulk_insert, few_collections, insert_values
from bagalau.evaluations.models import Evaluation
from bagalau.notifications.models import Notification
from bagalau.org.models import Assignment
from tests.evaluations.test_schedule_support import approved, quarter

pytestmark = pytest.mark.django_db

#: Text COPY must escape: a tab, a newline, a backslash, a carriage return, Kazakh letters.
AWKWARD = "Қазақ тілі: ә, ғ, қ, ң, ө, ұ, ү, һ, і\tтаб\nжол\\кері\r«тырнақша» 'бір' \"қос\""


def _rows(model, exclude=("id",)):
    names = [f.attname for f in model._meta.concrete_fields if f.attname not in exclude]
    return [tuple(row) for row in model.objects.order_by("pk").values_list(*names)]


def _entries(world):
    return [
        AuditEntry(
            actor=world.hr_staff_user,
            organisation=world.org,
            action="create",
            object_type="evaluations.evaluation",
            object_id="17",
            summary=AWKWARD,
            changes={
                "due_date": [None, "2026-04-10"],
                "score": [None, "3.87"],
                "text": [AWKWARD, ""],
                "nested": {"list": [1, 2.5, True, None], "empty": {}},
            },
        ),
        AuditEntry(action="view", object_type="x", object_id="", changes={}),  # NULLs, {}
        AuditEntry(action="update", object_type="x", object_id="2"),  # default changes
    ]


def test_the_rows_are_those_bulk_create_writes(world, monkeypatch):
    moment = timezone.make_aware(dt.datetime(2026, 4, 6, 10, 30, 15, 123456))
    monkeypatch.setattr(timezone, "now", lambda: moment)  # auto_now_add
    AuditEntry.objects.all().delete()
    AuditEntry.objects.bulk_create(_entries(world))
    created = _rows(AuditEntry)
    AuditEntry.objects.all().delete()
    entries = _entries(world)
    assert bulk_insert(entries) == 3
    assert _rows(AuditEntry) == created
    assert created[0][-1]["text"][0] == AWKWARD


def test_ids_defaults_dates_and_nulls(world, clock):
    clock(dt.date(2026, 4, 6))
    period = quarter(approved(world), 1)

    def evaluations():
        return [
            Evaluation(
                period=period,
                servant=servant,
                assignment=Assignment.objects.filter(servant=servant).first(),
                method="kpi",
                edition="sjc-2023",
                evaluator=world.a_head if n else None,
                due_date=dt.date(2026, 4, 10),
                score=Decimal("3.87") if n else None,
                justification=AWKWARD,
                familiarised_on=dt.date(2026, 4, 30) if n else None,
            )
            for n, servant in enumerate((world.a_staff1, world.a_staff2))
        ]

    ignored = ("id", "created_at", "updated_at")
    Evaluation.objects.bulk_create(evaluations())
    created = _rows(Evaluation, ignored)
    Evaluation.objects.all().delete()
    written = evaluations()
    before = timezone.now()
    assert bulk_insert(written, ids=True) == 2
    assert [e.pk for e in written] == list(
        Evaluation.objects.order_by("pk").values_list("pk", flat=True)
    )
    assert all(not e._state.adding for e in written)
    assert _rows(Evaluation, ignored) == created
    stored = Evaluation.objects.get(pk=written[1].pk)
    assert (stored.status, stored.version, stored.score) == ("pending", 1, Decimal("3.87"))
    assert stored.created_at >= before
    assert stored.created_at == written[1].created_at


def test_a_default_from_the_application_clock(world, clock):
    clock(dt.date(2026, 4, 6), hour=9)
    written = [
        Notification(
            recipient=world.hr_staff_user, kind="evaluation_notice", params={"due": AWKWARD}
        )
    ]
    bulk_insert(written, ids=True)
    stored = Notification.objects.get(pk=written[0].pk)
    assert stored.created_at == timezone.make_aware(dt.datetime(2026, 4, 6, 9))
    assert (stored.params, stored.read_at, stored.url) == ({"due": AWKWARD}, None, "")


def test_nothing_to_write_is_no_query():
    with CaptureQueriesContext(connection) as captured:
        assert bulk_insert([]) == 0
        assert bulk_insert(iter(()), ids=True) == 0
    assert len(captured) == 0


def test_the_queries_do_not_grow_with_the_rows_of_a_batch(world, batches_only):
    counts = []
    for count in (3, 300):
        with CaptureQueriesContext(connection) as captured:
            bulk_insert(
                [
                    AuditEntry(action="view", object_type="x", object_id=str(n))
                    for n in range(count)
                ],
                ids=True,
            )
        counts.append(len(captured))
    assert counts[0] == counts[1] <= 2
    assert AuditEntry.objects.filter(action="view", object_type="x").count() == 303


def test_a_broken_constraint_is_an_integrity_error(world):
    Notification.objects.create(
        recipient=world.hr_staff_user, kind="evaluation_notice", dedupe_key="k"
    )
    twice = Notification(recipient=world.hr_staff_user, kind="evaluation_notice", dedupe_key="k")
    with pytest.raises(IntegrityError), transaction.atomic():
        bulk_insert([twice])
    assert Notification.objects.filter(dedupe_key="k").count() == 1


ENTRY_FIELDS = ("actor_id", "organisation_id", "action", "object_type", "object_id", "summary")


def _entry_values(world):
    """`_entries` as values: the first two with their changes, the third with the default."""
    entries = _entries(world)
    return [(*(getattr(e, name) for name in ENTRY_FIELDS), e.changes) for e in entries[:2]], [
        tuple(getattr(entries[2], name) for name in ENTRY_FIELDS)
    ]


def test_values_write_the_rows_bulk_create_writes(world, monkeypatch):
    moment = timezone.make_aware(dt.datetime(2026, 4, 6, 10, 30, 15, 123456))
    monkeypatch.setattr(timezone, "now", lambda: moment)  # auto_now_add, once per batch
    AuditEntry.objects.all().delete()
    AuditEntry.objects.bulk_create(_entries(world))
    created = _rows(AuditEntry)
    AuditEntry.objects.all().delete()
    with_changes, with_default = _entry_values(world)
    assert insert_values(AuditEntry, (*ENTRY_FIELDS, "changes"), with_changes) == []
    insert_values(AuditEntry, ENTRY_FIELDS, with_default)
    assert _rows(AuditEntry) == created


def test_values_get_ids_in_row_order_and_the_application_clock(world, clock):
    clock(dt.date(2026, 4, 6), hour=9)
    user = world.hr_staff_user.pk
    keys = insert_values(
        Notification,
        ("recipient_id", "kind", "params", "dedupe_key"),
        [(user, "evaluation_notice", {"due": AWKWARD}, f"k{n}") for n in range(3)],
        ids=True,
        batch_size=2,
    )
    stored = {n.pk: n for n in Notification.objects.filter(recipient_id=user)}
    assert [stored[pk].dedupe_key for pk in keys] == ["k0", "k1", "k2"]
    first = stored[keys[0]]
    assert first.created_at == timezone.make_aware(dt.datetime(2026, 4, 6, 9))
    assert (first.params, first.read_at, first.url) == ({"due": AWKWARD}, None, "")


def test_values_queries_do_not_grow_and_nothing_is_no_query(world, batches_only):
    counts = []
    for count in (0, 3, 300):
        with CaptureQueriesContext(connection) as captured:
            rows = [("view", "x", str(n)) for n in range(count)]
            insert_values(AuditEntry, ("action", "object_type", "object_id"), rows, ids=True)
        counts.append(len(captured))
    assert counts[0] == 0
    assert counts[1] == counts[2] <= 2
    assert AuditEntry.objects.filter(action="view", object_type="x").count() == 303


def test_values_a_broken_constraint_is_an_integrity_error(world):
    Notification.objects.create(
        recipient=world.hr_staff_user, kind="evaluation_notice", dedupe_key="k"
    )
    row = (world.hr_staff_user.pk, "evaluation_notice", "k")
    with pytest.raises(IntegrityError), transaction.atomic():
        insert_values(Notification, ("recipient_id", "kind", "dedupe_key"), [row])
    assert Notification.objects.filter(dedupe_key="k").count() == 1


def test_few_collections_raises_the_threshold_freezes_and_restores_once_outermost():
    before = gc.get_threshold()
    with few_collections():
        assert gc.get_threshold()[0] == max(before[0], FEW)
        frozen = gc.get_freeze_count()
        assert frozen > 0
        with few_collections():
            assert gc.get_threshold()[0] == max(before[0], FEW)
        assert gc.get_threshold()[0] == max(before[0], FEW)  # still inside the outer one
        # the inner one froze nothing more (a frozen object freed since leaves the count)
        assert 0 < gc.get_freeze_count() <= frozen
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0


def test_few_collections_restores_on_an_error():
    before = gc.get_threshold()

    @few_collections()
    def fails():
        raise ValueError("refused")

    with pytest.raises(ValueError, match="refused"):
        fails()
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0


def _changed(world):
    """Assignments with new values of every kind: a date, a null date, text COPY must escape,
    a foreign key by name and by its attname, a version."""
    rows = list(Assignment.objects.order_by("pk")[:3])
    for number, row in enumerate(rows):
        row.start = dt.date(2019, 1, 1 + number)
        row.end = None if number else dt.date(2020, 12, 31)
        row.managers_reason = f"{AWKWARD} {number}"
        row.direct_manager = world.head if number == 0 else None
        row.superior_manager_id = world.deputy.pk
        row.version = 7 + number
    return rows


FIELDS = ["start", "end", "managers_reason", "direct_manager", "superior_manager_id", "version"]


def test_bulk_change_writes_what_bulk_update_writes(world):
    rows = _changed(world)
    untouched = _rows(Assignment)[3:]
    with CaptureQueriesContext(connection) as queries:
        assert bulk_change(rows, FIELDS) == 3
    written = _rows(Assignment)
    with transaction.atomic():
        Assignment.objects.bulk_update(_changed(world), FIELDS)
        assert _rows(Assignment) == written  # the same rows, column for column
        transaction.set_rollback(True)
    assert written[3:] == untouched
    assert len(queries) == (4 if connection.vendor == "postgresql" else 1)
    assert bulk_change([], FIELDS) == 0


def test_bulk_change_twice_in_one_transaction(world):
    rows = _changed(world)
    with transaction.atomic():
        bulk_change(rows[:1], ["managers_reason"])
        bulk_change(rows[1:], ["managers_reason"])  # its temporary table made anew
    assert [a.managers_reason for a in Assignment.objects.order_by("pk")[:3]] == [
        f"{AWKWARD} {n}" for n in range(3)
    ]
