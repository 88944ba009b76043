"""Writes of the organisation structure (SPEC §2).

HR (roles ``hr``/``hr_head``) maintains units, positions, servants, their assignments and
absences all year; the administrator (role ``admin``) grants roles, enters the government's
transferred days off and the editions in force. Each service checks who may call it, validates
every rule (a `DomainError` names the field), and writes the audit row in its transaction.

The rows forms edit (units, positions, servants, assignments, absences) carry an integer
`version`: forms and the API send back the one they read and an update refuses with
`ConflictError` when the row changed since (`bagalau.core.concurrency`).

By concern: common.py (optimistic locking, shared checks), structure.py (units, positions),
servants.py, assignments.py, absences.py, administration.py (roles, transferred days off,
editions).
"""

from bagalau.org.services.absences import (
    absence_create,
    absence_delete,
    absence_update,
)
from bagalau.org.services.administration import (
    calendar_transfer_create,
    calendar_transfer_delete,
    edition_assign,
    edition_unassign,
    role_grant,
    role_revoke,
)
from bagalau.org.services.assignments import (
    assignment_set_managers,
    servant_appoint,
    servant_dismiss,
    servant_transfer,
)
from bagalau.org.services.common import structure_changed
from bagalau.org.services.servants import (
    servant_create,
    servant_grant_login,
    servant_update,
)
from bagalau.org.services.structure import (
    position_create,
    position_delete,
    position_update,
    unit_create,
    unit_delete,
    unit_update,
)

__all__ = [
    "absence_create",
    "absence_delete",
    "absence_update",
    "assignment_set_managers",
    "calendar_transfer_create",
    "calendar_transfer_delete",
    "edition_assign",
    "edition_unassign",
    "position_create",
    "position_delete",
    "position_update",
    "role_grant",
    "role_revoke",
    "servant_appoint",
    "servant_create",
    "servant_dismiss",
    "servant_grant_login",
    "servant_transfer",
    "servant_update",
    "structure_changed",
    "unit_create",
    "unit_delete",
    "unit_update",
]
