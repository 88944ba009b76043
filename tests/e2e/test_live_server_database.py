"""Issue 8, item 9: the browser tests and the live server they drive use the database at the same
time. With SQLite in memory Django gave both threads the test thread's one connection, and under
load a request failed with "OperationalError: cannot open savepoint - SQL statements in
progress" (the test thread's INSERT ... RETURNING was still open when the request opened a
savepoint). The test database is now a file (tests/conftest.py) and the server has a connection
of its own."""

from __future__ import annotations

import base64
import datetime as dt
import json
import threading
import urllib.error
import urllib.request

from django.db import connection

from bagalau.audit.models import AuditEntry
from bagalau.org.models import Absence

REQUESTS = 30


def test_the_live_server_does_not_share_the_test_threads_connection(live_server):
    assert not (connection.vendor == "sqlite" and connection.is_in_memory_db())
    assert live_server.thread.connections_override == {}


def test_requests_that_open_savepoints_run_while_the_test_thread_inserts(world, live_server):
    """The server records absences (a savepoint inside the service's transaction) while this
    thread keeps inserting rows: every request succeeds and every absence is there. With the
    shared in-memory connection several of the 30 requests failed with a 500."""
    token = base64.b64encode(b"hr_staff:pass").decode()
    url = f"{live_server.url}/api/v1/org/servants/{world.a_staff1.pk}/absences/"
    statuses: list[int] = []

    def record_absences() -> None:
        for number in range(REQUESTS):
            day = dt.date(2027, 1, 4) + dt.timedelta(days=3 * number)
            request = urllib.request.Request(
                url,
                data=json.dumps(
                    {"kind": "sick_leave", "start": day.isoformat(), "end": day.isoformat()}
                ).encode(),
                headers={"Authorization": f"Basic {token}", "Content-Type": "application/json"},
                method="POST",
            )
            try:
                with urllib.request.urlopen(request) as response:
                    statuses.append(response.status)
            except urllib.error.HTTPError as error:
                statuses.append(error.code)

    server_side = threading.Thread(target=record_absences)
    server_side.start()
    inserted = 0
    while server_side.is_alive():
        AuditEntry.objects.create(action="probe", object_type="test", object_id=str(inserted))
        inserted += 1
    server_side.join()

    assert statuses == [201] * REQUESTS
    assert Absence.objects.filter(servant=world.a_staff1).count() == REQUESTS
    assert AuditEntry.objects.filter(action="probe").count() == inserted > 0
