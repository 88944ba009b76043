"""Who may see and record what in a moj-2017 organisation (seed 001 p.20-24; EDITIONS.md §5.2
A4, D1).

- The App. 2 catalogue: every member of the organisation reads it; only its administrator
  chooses it (M-20).
- Discipline records: a breach is recorded from the source that reported it (p.20, p.21): the
  HR service records those of the document-flow service and its own (it is the working body that
  gathers them and hands them to the direct manager, p.24); the servant's direct manager on the
  day of the breach records its own. `recording_sources` is the one answer to "what may this
  user record about this servant", read by the services, the API and the pages.
- The records of a servant are visible to the HR service, the head of the apparatus, the
  servant's direct manager (on the breach's day or today) and the servant; to anyone else they
  do not exist (404). Every read of a record through `discipline_record_get_for` is audited.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, TypeVar

from django.db.models import Q, QuerySet
from django.http import Http404

from bagalau.audit.services import audit_log
from bagalau.core import clock
from bagalau.evaluations.access import is_evaluator, reads_act
from bagalau.moj.models import (
    QUARTER_SHEET_FLOW,
    AnnualSheet,
    BreachSource,
    DisciplineRecord,
    QuarterSheet,
)
from bagalau.org.access import HR_ROLES, OVERVIEW_ROLES, is_member
from bagalau.org.models import Organisation, Role, Servant
from bagalau.org.selectors import direct_manager, organisations_where, roles_of

if TYPE_CHECKING:
    from bagalau.core.types import User
    from bagalau.evaluations.models import Evaluation

Sheet = TypeVar("Sheet", QuarterSheet, AnnualSheet)


def may_choose_catalogue(user: User, organisation: Organisation) -> bool:
    """The organisation's administrator chooses its App. 2 catalogue (M-20)."""
    return bool(user.is_authenticated and Role.ADMIN in roles_of(user, organisation))


def _is_manager(user: User, servant: Servant, day: dt.date) -> bool:
    manager = direct_manager(servant, day)
    return manager is not None and manager.user_id == user.pk


def recording_sources(user: User, servant: Servant, day: dt.date) -> frozenset[str]:
    """The sources whose breaches `user` may record about `servant` on `day`: the HR service
    records the document-flow service's and its own, the direct manager on `day` its own."""
    if not user.is_authenticated or servant.user_id == user.pk:
        return frozenset()
    sources: set[str] = set()
    if roles_of(user, servant.organisation) & set(HR_ROLES):
        sources.update((BreachSource.DOCUMENT_FLOW, BreachSource.HR))
    if _is_manager(user, servant, day):
        sources.add(BreachSource.DIRECT_MANAGER)
    return frozenset(sources)


def may_view_records(user: User, servant: Servant, day: dt.date) -> bool:
    """Whether `user` sees the servant's discipline records of around `day` (see the module)."""
    if not user.is_authenticated:
        return False
    if servant.user_id == user.pk:
        return True
    if roles_of(user, servant.organisation) & set(OVERVIEW_ROLES):
        return True
    return _is_manager(user, servant, day) or _is_manager(user, servant, clock.today())


def servant_get_for(*, user: User, id: int, day: dt.date) -> Servant:
    """The servant whose records `user` may see (on `day`), or Http404."""
    servant = Servant.objects.select_related("organisation").filter(pk=id).first()
    if servant is None or not is_member(user, servant.organisation):
        raise Http404("No such servant.")
    if not may_view_records(user, servant, day) and not recording_sources(user, servant, day):
        raise Http404("No such servant.")
    return servant


def discipline_record_get_for(*, user: User, id: int, purpose: str = "view") -> DisciplineRecord:
    """The discipline record, or Http404 when missing or not the user's to see; audited."""
    record = (
        DisciplineRecord.objects.select_related("servant__organisation", "recorded_by")
        .filter(pk=id)
        .first()
    )
    if record is None or not may_view_records(user, record.servant, record.day):
        raise Http404("No such discipline record.")
    audit_log(actor=user, action=purpose, obj=record)
    return record


def sheet_readers(user: User) -> Q:
    """The condition on a moj-2017 sheet (App. 3, App. 4: a row with an `evaluation`) that `user`
    reads it: its servant, its evaluator (the direct manager), or the HR service or the head of
    the apparatus of its organisation."""
    return (
        Q(evaluation__servant__user=user)
        | Q(evaluation__evaluator__user=user)
        | Q(
            evaluation__period__schedule__organisation__in=organisations_where(
                user, *OVERVIEW_ROLES
            )
        )
    )


def sheets_visible_to(model: type[Sheet], user: User) -> QuerySet[Sheet]:
    """The moj-2017 sheets of `model` (App. 3 or App. 4) the user reads (`sheet_readers`); none
    to an anonymous user. Not audited: `sheet_get_for` is the audited read."""
    if not user.is_authenticated:
        return model.objects.none()
    return model.objects.filter(sheet_readers(user))


def sheet_get_for(
    visible: QuerySet[Sheet],
    *,
    user: User,
    id: int,
    purpose: str,
    missing: str,
    also: tuple[str, ...] = (),
) -> Sheet:
    """The sheet `id` among those `visible` to the user, with its evaluation's servant,
    evaluator, schedule and organisation (and the relations `also` names), audited as `purpose`;
    Http404 saying `missing` when it is not among them."""
    sheet = (
        visible.filter(pk=id)
        .select_related(
            "evaluation__servant", "evaluation__evaluator", "evaluation__period__schedule"
        )
        .select_related("evaluation__period__schedule__organisation", *also)
        .first()
    )
    if sheet is None:
        raise Http404(missing)
    audit_log(actor=user, action=purpose, obj=sheet)
    return sheet


def quarter_sheets_visible_to(user: User) -> QuerySet[QuarterSheet]:
    """The App. 3 sheets of which the user is the servant or the evaluator (the direct manager),
    or that belong to an organisation where the user is the HR service or the head of the
    apparatus (not audited: `quarter_sheet_get_for` is the audited read)."""
    return sheets_visible_to(QuarterSheet, user)


def quarter_sheet_get_for(*, user: User, id: int, purpose: str = "view") -> QuarterSheet:
    """The App. 3 sheet, or Http404 unless the user is its servant, the evaluator (the direct
    manager), the HR service or the head of the apparatus of its organisation; audited."""
    return sheet_get_for(
        quarter_sheets_visible_to(user),
        user=user,
        id=id,
        purpose=purpose,
        missing="No such quarterly sheet.",
    )


def sheet_parts(user: User, sheet: QuarterSheet | AnnualSheet) -> frozenset[str]:
    """The parts `user` holds in a moj-2017 sheet (App. 3 or App. 4): "servant", "evaluator",
    "hr"."""
    if not user.is_authenticated:
        return frozenset()
    evaluation = sheet.evaluation
    parts = set()
    if evaluation.servant.user_id == user.pk:
        parts.add("servant")
    if is_evaluator(user, evaluation):
        parts.add("evaluator")
    if roles_of(user, evaluation.period.schedule.organisation) & set(HR_ROLES):
        parts.add("hr")
    return frozenset(parts)


def may_open_sheet(user: User, evaluation: Evaluation) -> bool:
    """Whether `user` opens the App. 3 or App. 4 sheet of `evaluation`: the HR service of its
    organisation or its evaluator, the direct manager (p.23, p.29); never the servant."""
    if not user.is_authenticated:
        return False
    if is_evaluator(user, evaluation):
        return True
    return bool(roles_of(user, evaluation.period.schedule.organisation) & set(HR_ROLES))


def quarter_sheet_actions(*, user: User, obj: QuarterSheet) -> frozenset[str]:
    """The actions `user` may take on the sheet now (QUARTER_SHEET_FLOW)."""
    return QUARTER_SHEET_FLOW.actions(status=obj.status, parts=sheet_parts(user, obj))


def may_read_sheet_act(user: User, sheet: QuarterSheet | AnnualSheet) -> bool:
    """The act on the refusal to sign the sheet (p.25, p.31) is read by the servant, the HR
    service and the direct manager who co-signed it; the head of the apparatus reads the sheet,
    not the act. None before the act is drawn up."""
    if sheet.refused_on is None:
        return False
    evaluation = sheet.evaluation
    manager = sheet.refusal_manager
    return reads_act(
        user,
        organisation=evaluation.period.schedule.organisation,
        servant_user_id=evaluation.servant.user_id,
        signer_user_ids=[
            sheet.refusal_drawn_up_by_id,
            manager.user_id if manager is not None else None,
        ],
    )


def sheet_act_get_for(
    *, user: User, model: type[QuarterSheet] | type[AnnualSheet], id: int, purpose: str = "print"
) -> QuarterSheet | AnnualSheet:
    """The App. 3 or App. 4 sheet whose refusal act `user` reads (`may_read_sheet_act`), else
    Http404 as for a missing one; the read is audited."""
    sheet = (
        model.objects.filter(pk=id)
        .select_related(
            "evaluation__servant",
            "evaluation__period__schedule__organisation",
            "refusal_manager",
            "refusal_drawn_up_by",
        )
        .first()
    )
    if sheet is None or not may_read_sheet_act(user, sheet):
        raise Http404("No such refusal act.")
    audit_log(actor=user, action=purpose, obj=sheet)
    return sheet
