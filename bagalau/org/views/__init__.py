"""Org pages: the structure, units and positions, servants (history, absences, managers) and the
administration (roles, transferred days off, editions in force).

Views parse with forms, call `bagalau.org.services` / selectors and render; the access rules are
in `bagalau.org.access` and inside the services.

By concern: structure.py (the structure, units, positions), servants.py (servants, their
assignments and managers), absences.py, administration.py (roles, transferred days off,
editions), with common.py (the form page and the answers after a write).
"""

from bagalau.org.views.absences import (
    absence_create,
    absence_delete,
    absence_edit,
)
from bagalau.org.views.administration import (
    administration,
    calendar_transfer_delete,
    calendar_transfers,
    edition_delete,
    edition_settings,
    editions,
    role_revoke,
)
from bagalau.org.views.servants import (
    assignment_managers,
    servant_appoint,
    servant_create,
    servant_detail,
    servant_dismiss,
    servant_edit,
    servant_list,
    servant_login,
    servant_transfer,
)
from bagalau.org.views.structure import (
    position_create,
    position_delete,
    position_edit,
    structure,
    unit_create,
    unit_delete,
    unit_edit,
)

__all__ = [
    "absence_create",
    "absence_delete",
    "absence_edit",
    "administration",
    "assignment_managers",
    "calendar_transfer_delete",
    "calendar_transfers",
    "edition_delete",
    "edition_settings",
    "editions",
    "position_create",
    "position_delete",
    "position_edit",
    "role_revoke",
    "servant_appoint",
    "servant_create",
    "servant_detail",
    "servant_dismiss",
    "servant_edit",
    "servant_list",
    "servant_login",
    "servant_transfer",
    "structure",
    "unit_create",
    "unit_delete",
    "unit_edit",
]
