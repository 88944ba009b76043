"""Reads of the commission app: the versions, the session's agenda candidates, the edition's
commission settings, and what each user may see (EDITIONS.md §2.2 A, G; §9 G-5, G-6).

Who sees what (G-5): the working body (HR and its head) and the authorised person (the head of
the apparatus) see every version and session of their organisation; a seat-holder (chair, member,
secretary) sees the versions naming them and the sessions of those versions, with the servants on
their agenda. Nobody else sees anything.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet

from bagalau.calibration.models import Appeal, AppealBasis, AppealOutcome
from bagalau.commission.editions import (
    METHODS,
    effective_status,
    model_of,
)
from bagalau.commission.models import (
    SESSION_FLOW,
    VOTING_ROLES,
    AgencyReport,
    AgendaItem,
    CommissionSession,
    CommissionVersion,
    IntranetDispatch,
    SessionStatus,
)
from bagalau.core import clock
from bagalau.core.errors import DomainError
from bagalau.evaluations.models import (
    Evaluation,
    EvaluationStatus,
    Method,
    RefusalAct,
    ServiceRecordEntry,
)
from bagalau.methodology import (
    EvaluationModel,
    MethodologyError,
    get_edition,
    model_editions,
    moj2017_rules,
)
from bagalau.methodology.commission import CommissionVersion as VersionFacts
from bagalau.methodology.commission import version_in_force
from bagalau.methodology.editions import edition_workflow
from bagalau.methodology.moj2017_workflow import appeal_due as moj_appeal
from bagalau.methodology.timing import Lateness, late_by
from bagalau.methodology.typical2018_workflow import appeal_due, familiarisation_due
from bagalau.methodology.workflow import EditionWorkflow
from bagalau.org.access import HR_ROLES
from bagalau.org.models import Organisation, Role
from bagalau.org.selectors import organisations_where, work_calendar
from bagalau.typical.access import visibility_filter as typical_visibility
from bagalau.typical.common import rules_for

if TYPE_CHECKING:
    from bagalau.core.types import User

#: The authorised person (p.5, p.39): "the official with the right to appoint and dismiss" a "B"
#: corps servant, in an apparatus its head; the only such role we hold (org.Role).
AUTHORISED_ROLES = (Role.APPARATUS_HEAD,)
#: Who sees every version and session of an organisation.
MANAGING_ROLES = (*HR_ROLES, *AUTHORISED_ROLES)


def typical_editions() -> tuple[str, ...]:
    """The codes of the editions of the typical-2018 model (whose evaluations a session decides)."""
    return model_editions(EvaluationModel.TYPICAL2018)


def commission_rules(organisation: Organisation, day: dt.date) -> EditionWorkflow:
    """The commission settings (minimum members, quorum) of the edition in force on `day`; a
    DomainError naming `date` for an edition without a commission (sjc-2023)."""
    try:
        return edition_workflow(organisation.edition_on(day))
    except MethodologyError as error:
        raise DomainError.from_methodology(error) from error


def versions_of(organisation: Organisation) -> QuerySet[CommissionVersion]:
    """The organisation's commission versions, the latest first."""
    return CommissionVersion.objects.filter(organisation=organisation).order_by("-order_date")


def version_on(organisation: Organisation, day: dt.date) -> CommissionVersion:
    """The version a session on `day` sits as: the latest order dated on or before it (G-6,
    `methodology.commission.version_in_force`); a DomainError naming `date` when none was."""
    versions = list(versions_of(organisation).prefetch_related("seats"))
    facts = [
        VersionFacts(
            order_date=v.order_date,
            order_number=v.order_number,
            members=sum(1 for s in v.seats.all() if s.role in VOTING_ROLES),
        )
        for v in versions
    ]
    try:
        chosen = version_in_force(facts, day)
    except MethodologyError as error:
        raise DomainError.from_methodology(error) from error
    return next(v for v in versions if v.order_date == chosen.order_date)


def _decided_here() -> Q:
    """The evaluations of the models a commission decides (`editions.METHODS`)."""
    found = Q(pk__in=[])
    for model, methods in METHODS.items():
        found |= Q(period__schedule__edition__in=model_editions(model), method__in=methods)
    return found


def agenda_candidates(organisation: Organisation) -> QuerySet[Evaluation]:
    """The organisation's evaluations before the commission that no open session has on its
    agenda (G1): the typical-2018 years (KPI and competencies), the moj-2017 quarters and years
    (seed 001 p.34-35). An evaluation decided in an open session is no longer before the
    commission; one put back (T-15) may go on a new session."""
    # A signed protocol has decided its servants (typical-2018: DECIDED until the approval;
    # moj-2017: its decisions took effect, p.35): one put back before the commission is free.
    deciding = SESSION_FLOW.group("open") - {SessionStatus.PROTOCOL_SIGNED}
    busy = Evaluation.objects.filter(
        commission_items__session__status__in=deciding,
        status=EvaluationStatus.BEFORE_COMMISSION,
    )
    return (
        Evaluation.objects.filter(
            _decided_here(),
            period__schedule__organisation=organisation,
            status=EvaluationStatus.BEFORE_COMMISSION,
        )
        .exclude(pk__in=busy.values("pk"))
        .select_related("servant", "period__schedule")
        .order_by("servant__last_name", "servant__first_name", "pk")
    )


def _seat_filter(user: User, prefix: str) -> Q:
    return Q(**{f"{prefix}seats__servant__user": user})


def versions_visible_to(user: User) -> QuerySet[CommissionVersion]:
    """The versions the user may read: all of the organisations where they manage the commission,
    and those naming them."""
    if not user.is_authenticated:
        return CommissionVersion.objects.none()
    managed = organisations_where(user, *MANAGING_ROLES)
    return (
        CommissionVersion.objects.filter(Q(organisation__in=managed) | _seat_filter(user, ""))
        .distinct()
        .select_related("organisation", "signatory")
    )


def sessions_visible_to(user: User) -> QuerySet[CommissionSession]:
    """The sessions the user may read: all of the organisations where they manage the commission,
    and those of the versions naming them."""
    if not user.is_authenticated:
        return CommissionSession.objects.none()
    managed = organisations_where(user, *MANAGING_ROLES)
    return (
        CommissionSession.objects.filter(
            Q(organisation__in=managed) | _seat_filter(user, "version__")
        )
        .distinct()
        .select_related("organisation", "version")
    )


def organisations_managed(user: User, *roles: str) -> QuerySet[Organisation]:
    """The organisations where the user holds one of `roles` (HR_ROLES by default)."""
    return organisations_where(user, *(roles or HR_ROLES))


# --- after the commission (EDITIONS.md §2.2 H1-H3, I1-I3) -----------------------------------------


def seated_reader(user: User) -> Q:
    """The evaluations on the agenda of a session whose commission version seats `user` (chair,
    member or secretary): they read the servants' sheets and results (p.36; G-5). A subquery,
    not a join: joined, every evaluation of a body's agenda came once per seat, and a roster's
    DISTINCT sorted them all (3.7 s a page at 10,000 servants, issue 12)."""
    seated = AgendaItem.objects.filter(Q(session__version__seats__servant__user=user))
    return Q(pk__in=seated.values("evaluation_id"))


def _moj_readers(user: User) -> Q:
    """The moj-2017 evaluations `user` reads after the commission: the servant, the direct
    manager (the evaluator), the HR service and the head of the apparatus (as the App. 3 sheet,
    `moj.access`), and the commission's members (p.34)."""
    managed = organisations_where(user, *MANAGING_ROLES)
    return (
        Q(servant__user=user)
        | Q(evaluator__user=user)
        | Q(period__schedule__organisation__in=managed)
        | seated_reader(user)
    ) & Q(
        method__in=METHODS[EvaluationModel.MOJ2017],
        period__schedule__edition__in=model_editions(EvaluationModel.MOJ2017),
    )


def results_visible_to(user: User) -> QuerySet[Evaluation]:
    """The evaluations whose results the user may read after the commission (G-5): a
    typical-2018 year for the evaluatee, the direct manager (the evaluator), the superior manager
    who agreed the KPI sheet, the working body and the authorised person
    (`typical.access.visibility_filter`), and the chair, members and secretary of a session that
    had the servant on its agenda; a moj-2017 quarter or year for `_moj_readers`."""
    if not user.is_authenticated:
        return Evaluation.objects.none()
    typical = typical_visibility(user) & Q(
        method=Method.KPI_COMPETENCY, period__schedule__edition__in=typical_editions()
    )
    return (
        Evaluation.objects.filter(typical | _moj_readers(user))
        .distinct()
        .select_related("servant", "evaluator", "period__schedule__organisation")
    )


def deciding_session(evaluation: Evaluation, on: dt.date | None = None) -> CommissionSession | None:
    """The session whose decision on the servant stands (on `on`, when given): the latest one
    whose decisions took effect (approved, typical-2018; its protocol signed, moj-2017, 001
    p.35); a revision the agency recommended puts the servant on a later session (I3)."""
    sessions = CommissionSession.objects.filter(
        agenda__evaluation=evaluation, status=effective_status(evaluation)
    )
    if on is not None:
        sessions = sessions.filter(date__lte=on)
    return sessions.order_by("-date", "-pk").first()


def decided_sessions(evaluation: Evaluation) -> QuerySet[CommissionSession]:
    """Every session whose decision on the servant took effect, the first first: one, or more
    after a revision the agency recommended (I3, T-15); each has its extract of the protocol."""
    return CommissionSession.objects.filter(
        agenda__evaluation=evaluation, status=effective_status(evaluation)
    ).order_by("date", "pk")


def commission_appeals(evaluation: Evaluation) -> QuerySet[Appeal]:
    """The appeals against the commission's decisions on the servant, to the agency (I1) or to a
    court (I4), the first filed first."""
    return Appeal.objects.filter(
        evaluation=evaluation, basis__in=[AppealBasis.COMMISSION, AppealBasis.COURT]
    ).order_by("filed_on", "pk")


def pending_appeal(evaluation: Evaluation) -> Appeal | None:
    """The appeal against the commission's decision still awaiting its outcome."""
    return commission_appeals(evaluation).filter(outcome=AppealOutcome.PENDING).first()


def pending_agency_report(evaluation: Evaluation) -> AgencyReport | None:
    """The information to the agency of the decision taken on an appeal, not sent yet (001 p.39,
    M-12)."""
    return (
        AgencyReport.objects.filter(appeal__evaluation=evaluation, sent_on__isnull=True)
        .select_related("appeal")
        .order_by("due", "pk")
        .first()
    )


def agency_reports_of(evaluation: Evaluation) -> QuerySet[AgencyReport]:
    """Every information to the agency on the servant's appeals, the earliest due first."""
    return AgencyReport.objects.filter(appeal__evaluation=evaluation).order_by("due", "pk")


def dispatches_of(evaluation: Evaluation) -> QuerySet[IntranetDispatch]:
    """The result's dispatches through the intranet portal (H3)."""
    return IntranetDispatch.objects.filter(evaluation=evaluation).order_by("sent_on", "pk")


def lateness(due: dt.date | None, actual: dt.date | None) -> Lateness | None:
    """How late `actual` is against `due` in working days (G-1: shown, never blocking); None
    when either is missing or outside the calendar's years."""
    if due is None or actual is None:
        return None
    try:
        return late_by(work_calendar(), due, actual)
    except MethodologyError:
        return None


def commission_familiarisation_due(evaluation: Evaluation, approved_on: dt.date) -> dt.date | None:
    """The last day to familiarise the servant: the 2nd working day after the authorised person's
    approval (H1, p.40; T-11); None outside the calendar's years."""
    try:
        return familiarisation_due(rules_for(evaluation.edition), work_calendar(), approved_on)
    except MethodologyError:
        return None


def commission_appeal_due(evaluation: Evaluation, session: CommissionSession) -> dt.date | None:
    """The last day to appeal: the 10th working day after the decision, the session's date
    (I1, p.43; T-14); None outside the calendar's years."""
    try:
        return appeal_due(rules_for(evaluation.edition), work_calendar(), session.date)
    except MethodologyError:
        return None


def moj_appeal_due(evaluation: Evaluation, session: CommissionSession) -> dt.date | None:
    """The last day to appeal to the agency: the 10th working day after the commission's
    decision, its session (001 p.38); None outside the calendar's years."""
    try:
        rules = moj2017_rules(get_edition(evaluation.edition))
        return moj_appeal(rules, work_calendar(), session.date)
    except MethodologyError:
        return None


def appeal_due_of(evaluation: Evaluation, session: CommissionSession) -> dt.date | None:
    """The last day to appeal the decision, by the evaluation's model."""
    if model_of(evaluation) == EvaluationModel.MOJ2017:
        return moj_appeal_due(evaluation, session)
    return commission_appeal_due(evaluation, session)


@dataclass(frozen=True)
class AppealRow:
    """An appeal against the commission's decision, its due date and how late it was filed
    (recorded as late after 10 working days, never refused: G-1)."""

    appeal: Appeal
    due: dt.date | None
    lateness: Lateness | None

    @property
    def late(self) -> bool:
        """Whether it was recorded as late."""
        return bool(self.lateness and self.lateness.late)


@dataclass(frozen=True)
class ResultView:
    """The servant's result after the commission, as the page and the API show it."""

    evaluation: Evaluation
    session: CommissionSession | None
    familiarisation_lateness: Lateness | None
    #: The latest refusal act, and every one, the first first (a revised decision may be
    #: refused again: I3, T-15).
    refusal: RefusalAct | None
    refusals: list[RefusalAct]
    service_record: ServiceRecordEntry | None
    dispatches: list[IntranetDispatch]
    appeal_due: dt.date | None
    appeals: list[AppealRow]
    agency_reports: list[AgencyReport]


def result_view(evaluation: Evaluation) -> ResultView:
    """What happened after the commission (H1-H3, I1-I2), with the deadlines and how late each
    step was, or still is counted to today while not done (G-1)."""
    session = deciding_session(evaluation)
    due = appeal_due_of(evaluation, session) if session is not None else None
    done = evaluation.familiarised_on
    awaiting = (
        EvaluationStatus.DECIDED
        if model_of(evaluation) == EvaluationModel.MOJ2017
        else EvaluationStatus.APPROVED
    )
    if done is None and evaluation.status == awaiting:
        done = clock.today()
    acts = list(
        RefusalAct.objects.filter(evaluation=evaluation)
        .prefetch_related("signers__servant")
        .order_by("number")
    )
    return ResultView(
        evaluation=evaluation,
        session=session,
        familiarisation_lateness=lateness(evaluation.familiarisation_due, done),
        refusal=acts[-1] if acts else None,
        refusals=acts,
        service_record=ServiceRecordEntry.objects.filter(evaluation=evaluation).first(),
        dispatches=list(dispatches_of(evaluation)),
        appeal_due=due,
        appeals=[_appeal_row(evaluation, appeal) for appeal in commission_appeals(evaluation)],
        agency_reports=list(agency_reports_of(evaluation)),
    )


def _appeal_row(evaluation: Evaluation, appeal: Appeal) -> AppealRow:
    """The appeal with the due date of the decision it contested (the latest before it); a claim
    to a court has no due date here (the procedural code's, I4)."""
    if appeal.basis == AppealBasis.COURT:
        return AppealRow(appeal=appeal, due=None, lateness=None)
    session = deciding_session(evaluation, appeal.filed_on)
    due = appeal_due_of(evaluation, session) if session is not None else None
    return AppealRow(appeal=appeal, due=due, lateness=lateness(due, appeal.filed_on))
