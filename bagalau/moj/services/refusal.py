"""The act on a servant's refusal to sign a moj-2017 sheet (seed 001 p.25 for the quarterly App. 3,
p.31 for the annual App. 4): the HR servant draws up the free-form act with the direct manager,
the signers of the edition's ``refusal_to_sign`` act (methodology.acts). The papers still go on,
to the commission or to HR's computation."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext_noop as N_

from bagalau.audit.services import audit_log
from bagalau.core import clock
from bagalau.core.errors import DomainError
from bagalau.core.types import account
from bagalau.core.workflow import Workflow
from bagalau.methodology import MethodologyError, get_edition
from bagalau.methodology.acts import REFUSAL_TO_SIGN, act_signers, check_signers

if TYPE_CHECKING:
    from bagalau.core.types import User
    from bagalau.moj.models import AnnualSheet, QuarterSheet


def sheet_refusal_write(
    *, actor: User, sheet: QuarterSheet | AnnualSheet, flow: Workflow, note: str
) -> None:
    """Record the act on `sheet`, already locked and checked for the ``record_refusal`` step of
    `flow`: its text (required), the day, HR as its author and the evaluation's direct manager as
    co-signer; audited. Inside the caller's transaction."""
    note = (note or "").strip()
    if not note:
        raise DomainError("note", N_("Give the text of the refusal act."))
    manager = sheet.evaluation.evaluator
    try:
        rule = act_signers(get_edition(sheet.evaluation.edition), REFUSAL_TO_SIGN)
        check_signers(rule, ["direct_manager"] if manager is not None else [])
    except MethodologyError as error:
        raise DomainError.from_methodology(error) from error
    before = sheet.status
    sheet.status = flow.target("record_refusal", before)
    sheet.refused_on, sheet.refusal_note = clock.today(), note
    sheet.refusal_drawn_up_by, sheet.refusal_manager = account(actor), manager
    sheet.version += 1
    sheet.save()
    audit_log(
        actor=actor,
        action="refuse",
        obj=sheet,
        changes={
            "status": (before, sheet.status),
            "refusal_note": (None, note),
            "direct_manager": (None, manager),
        },
    )
