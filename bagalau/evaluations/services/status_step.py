"""A step of an evaluation's own workflow written the one way the commission editions need it:
the status the step leads to, the version bumped, saved and audited inside the caller's
transaction (typical-2018 "to_commission" once both sheets are sent, seed 004 p.24, p.28; a
result reconsidered after an appeal, EDITIONS.md §2.2 I3, seed 004 p.43-44, seed 001 p.38-39)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from bagalau.audit.services import audit_log

if TYPE_CHECKING:
    from bagalau.core.types import User
    from bagalau.core.workflow import Workflow
    from bagalau.evaluations.models import Evaluation


def evaluation_status_step(
    evaluation: Evaluation,
    *,
    actor: User,
    flow: Workflow,
    action: str,
    changes: Mapping[str, tuple[Any, Any]] | None = None,
) -> None:
    """Move the (locked) evaluation along `flow`'s `action`: the status it leads to, the version
    bumped, saved, and audited as `action` with its status and `changes`. The caller has checked
    that the step is open and holds the transaction."""
    before = evaluation.status
    evaluation.status = flow.target(action, before)
    evaluation.version += 1
    evaluation.save(update_fields=["status", "version", "updated_at"])
    audit_log(
        actor=actor,
        action=action,
        obj=evaluation,
        changes={"status": (before, evaluation.status), **(changes or {})},
    )
