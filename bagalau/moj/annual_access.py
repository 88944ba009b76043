"""Who may see and act on the App. 4 annual sheet (seed 001 p.28-33; EDITIONS.md §5.2 E1-E4):
its servant, the evaluator (the direct manager), the HR service and the head of the apparatus
of its organisation; to anyone else it does not exist (404). Every read through
`annual_sheet_get_for` is audited."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import QuerySet

from bagalau.moj.access import sheet_get_for, sheet_parts, sheets_visible_to
from bagalau.moj.models import ANNUAL_SHEET_FLOW, AnnualSheet

if TYPE_CHECKING:
    from bagalau.core.types import User


def annual_sheets_visible_to(user: User) -> QuerySet[AnnualSheet]:
    """The App. 4 sheets of which the user is the servant or the evaluator, or that belong to an
    organisation where the user is the HR service or the head of the apparatus (not audited:
    `annual_sheet_get_for` is the audited read)."""
    return sheets_visible_to(AnnualSheet, user)


def annual_sheet_get_for(*, user: User, id: int, purpose: str = "view") -> AnnualSheet:
    """The App. 4 sheet, or Http404 unless the user is its servant, the evaluator, the HR service
    or the head of the apparatus of its organisation; audited."""
    return sheet_get_for(
        annual_sheets_visible_to(user),
        user=user,
        id=id,
        purpose=purpose,
        missing="No such annual sheet.",
        also=("plan_revision__plan",),
    )


def annual_sheet_actions(*, user: User, obj: AnnualSheet) -> frozenset[str]:
    """The actions `user` may take on the sheet now (ANNUAL_SHEET_FLOW)."""
    return ANNUAL_SHEET_FLOW.actions(status=obj.status, parts=sheet_parts(user, obj))
