"""Familiarisation with a signed result (seed 002 p.11-12; SPEC §4.7).

"… екі жұмыс күні ішінде ақпараттық жүйе арқылы таныстыруды қамтамасыз етеді" (p.11): the result
is made known through the information system within 2 working days. The servant acknowledges it
there; when the servant does nothing, the result counts as made known on the last of those days
(`evaluations_familiarise_expired`, a periodic job), so it never stays unfinished. Seed 002 has no
refusal act (edition data `familiarisation.refusal_act`; the act, whose signers each edition names
in ``data/<edition>/acts.yaml``, belongs to other editions). Either way the servant may apply for
a calibration session within 5 working days (p.12); after that window the result becomes final
and enters the service record.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext_noop as N_

from bagalau.audit.services import audit_log
from bagalau.core import clock
from bagalau.core.errors import DomainError
from bagalau.core.types import account
from bagalau.evaluations.access import is_evaluatee
from bagalau.evaluations.hooks import finalisation_filter
from bagalau.evaluations.models import Evaluation, EvaluationStatus, RefusalAct, RefusalActSigner
from bagalau.evaluations.selectors.sheets import (
    deny,
    is_hr_of,
    organisation_of,
    rules_for,
)
from bagalau.evaluations.services.common import evaluation_finalize, evaluation_locked
from bagalau.evaluations.workflow import FAMILIARISED
from bagalau.methodology import MethodologyError, get_edition
from bagalau.methodology.acts import act_signers, check_signers
from bagalau.methodology.sjc2023 import calibration_application_due
from bagalau.methodology.sjc2023_periods import familiarised_on
from bagalau.notifications.services import notify
from bagalau.org.models import Role, RoleAssignment, Servant
from bagalau.org.selectors import assignment_on, work_calendar

if TYPE_CHECKING:
    from bagalau.core.types import User
    from bagalau.methodology.sjc2023 import Sjc2023Rules
    from bagalau.workcalendar import WorkCalendar


NO_REFUSAL_ACT = N_(
    "This methodology has no refusal act: a result the servant does not acknowledge in time "
    "counts as made known through the information system on the last day to acknowledge it "
    "(p.11)."
)


def _require_signed(evaluation: Evaluation) -> None:
    """Familiarisation happens between signing and acknowledgement (or the refusal act)."""
    if evaluation.status == EvaluationStatus.SIGNED:
        return
    if evaluation.status == EvaluationStatus.ACKNOWLEDGED:
        raise DomainError("status", N_("The result has already been acknowledged."))
    if evaluation.status == EvaluationStatus.REFUSED:
        raise DomainError("status", N_("A refusal act has already been drawn up for this result."))
    raise DomainError(
        "status",
        N_("Only a signed result awaits familiarisation (this one is %(status)s)."),
        status=evaluation.get_status_display(),
    )


def evaluation_acknowledge(*, actor: User, evaluation_id: int) -> Evaluation:
    """The servant acknowledges the signed result (p.11); the 5 working days to apply for a
    calibration session start (p.12)."""
    with transaction.atomic():
        evaluation = evaluation_locked(evaluation_id)
        if not is_evaluatee(actor, evaluation):
            deny(actor, evaluation)
        _require_signed(evaluation)
        _familiarised(
            evaluation,
            rules_for(evaluation),
            work_calendar(),
            actor=actor,
            on=clock.today(),
            action="acknowledge",
            summary=str(evaluation),
            acknowledged_at=clock.now(),
        )
    return evaluation


def _familiarised(
    evaluation: Evaluation,
    rules: Sjc2023Rules,
    calendar: WorkCalendar,
    *,
    actor: User | None,
    on: dt.date,
    action: str,
    summary: str,
    **fields: object,
) -> dt.date:
    """The (locked, signed) result made known to the servant `on` that day, with the other
    `fields` set: acknowledged, the 5 working days to apply for a calibration session running
    from that day (p.12); the version bumped, saved and audited (`action`, `summary`). Returns
    the last day to apply."""
    calibration_due = calibration_application_due(rules, calendar, on)
    updates = {
        "status": EvaluationStatus.ACKNOWLEDGED,
        **fields,
        "familiarised_on": on,
        "calibration_due": calibration_due,
    }
    before = {name: getattr(evaluation, name) for name in [*updates, "version"]}
    for name, value in updates.items():
        setattr(evaluation, name, value)
    evaluation.version += 1
    evaluation.save()
    audit_log(
        actor=actor,
        action=action,
        obj=evaluation,
        summary=summary,
        changes={key: (old, getattr(evaluation, key)) for key, old in before.items()},
    )
    return calibration_due


def _witness(value: object, *, field: str, evaluation: Evaluation, actor: User) -> Servant:
    """A witness of the refusal act: a servant of the organisation in post today, neither the
    servant who refused nor the HR signer (who signs for the HR service)."""
    try:
        witness_id = value.pk if isinstance(value, Servant) else int(str(value))
    except (TypeError, ValueError):
        witness_id = None
    servant = (
        Servant.objects.filter(pk=witness_id, organisation=organisation_of(evaluation)).first()
        if witness_id is not None
        else None
    )
    if servant is None:
        raise DomainError(field, N_("Choose a servant of the organisation as a witness."))
    if servant.pk == evaluation.servant_id:
        raise DomainError(field, N_("The servant who refused cannot witness the act."))
    if actor.is_authenticated and servant.user_id == actor.pk:
        raise DomainError(
            field,
            N_("You sign the act for the HR service: choose two other servants as witnesses."),
        )
    if assignment_on(servant, clock.today()) is None:
        raise DomainError(
            field, N_("%(name)s holds no post today and cannot witness the act."), name=str(servant)
        )
    return servant


def _signers(
    witnesses: Sequence[object], *, evaluation: Evaluation, actor: User
) -> list[tuple[str, Servant]]:
    """The servants chosen on the act, checked against the edition's rule (methodology.acts:
    ``witness_<n>`` in order, each a servant of the organisation in post today, none twice)."""
    try:
        rule = act_signers(get_edition(evaluation.edition))
    except MethodologyError as error:
        raise DomainError.from_methodology(error) from error
    chosen: list[tuple[str, Servant]] = []
    for role, count in rule.chosen:
        for _n in range(count):
            index = len(chosen)
            value = witnesses[index] if index < len(witnesses) else None
            field = f"witness_{index + 1}"
            servant = _witness(value, field=field, evaluation=evaluation, actor=actor)
            if any(servant.pk == other.pk for _role, other in chosen):
                raise DomainError(field, N_("Choose two different witnesses."))
            chosen.append((role, servant))
    extra = [value for value in witnesses[len(chosen) :] if value not in (None, "")]
    try:
        check_signers(rule, [role for role, _servant in chosen] + ["servant"] * len(extra))
    except MethodologyError as error:
        raise DomainError.from_methodology(error) from error
    return chosen


def refusal_act_record(
    *,
    actor: User,
    evaluation_id: int,
    text: str,
    witnesses: Sequence[object],
) -> RefusalAct:
    """The HR service records the servant's refusal to acknowledge the result in an act signed by
    HR and the servants the edition's rule names (`witnesses`, in order: two other servants under
    the typical-2018 editions and SPEC §5, none under moj-2017 p.36), under an edition that has
    such an act (not seed 002, where an unacknowledged result counts as made known through the
    information system, p.11). The calibration window runs from the act's date; the head of the
    HR service is told."""
    with transaction.atomic():
        evaluation = evaluation_locked(evaluation_id)
        organisation = organisation_of(evaluation)
        if not is_hr_of(actor, organisation):
            deny(actor, evaluation)
        if not rules_for(evaluation).familiarisation.refusal_act:
            raise DomainError("evaluation", NO_REFUSAL_ACT)
        _require_signed(evaluation)
        circumstances = str(text or "").strip()
        if not circumstances:
            raise DomainError("text", N_("Describe the circumstances of the refusal."))
        signers = _signers(witnesses, evaluation=evaluation, actor=actor)
        rules = rules_for(evaluation)
        act = RefusalAct.objects.create(
            evaluation=evaluation, text=circumstances, hr_signer=account(actor)
        )
        RefusalActSigner.objects.bulk_create(
            RefusalActSigner(act=act, number=number, role=role, servant=servant)
            for number, (role, servant) in enumerate(signers, start=1)
        )
        before = {
            "status": evaluation.status,
            "calibration_due": evaluation.calibration_due,
            "version": evaluation.version,
        }
        # The act is dated by the application's clock (auto_now_add would ignore it).
        act.drawn_up_at = clock.now()
        RefusalAct.objects.filter(pk=act.pk).update(drawn_up_at=act.drawn_up_at)
        evaluation.status = EvaluationStatus.REFUSED
        evaluation.calibration_due = calibration_application_due(
            rules, work_calendar(), clock.today()
        )
        evaluation.version += 1
        evaluation.save()
        changes: dict[str, tuple[Any, Any]] = {
            key: (old, getattr(evaluation, key)) for key, old in before.items()
        }
        changes["refusal_act"] = (None, act.pk)
        changes["witnesses"] = (None, [servant.pk for _role, servant in signers])
        audit_log(
            actor=actor,
            action="refusal_act",
            obj=evaluation,
            changes=changes,
        )
        heads = RoleAssignment.objects.filter(
            organisation=organisation, role=Role.HR_HEAD
        ).select_related("user")
        for role in heads:
            notify(
                recipient=role.user,
                kind="refusal_recorded",
                params={
                    "servant": evaluation.servant.full_name,
                    "period": evaluation.period,
                    "due": evaluation.calibration_due.strftime("%d.%m.%Y"),
                },
                url=reverse("evaluations:sheet", args=[evaluation.pk]),
                dedupe_key=f"refusal_recorded:{evaluation.pk}",
            )
    return act


def evaluations_familiarise_expired(*, today: dt.date | None = None) -> int:
    """Signed results the servant did not acknowledge by the last day of the familiarisation
    window count as made known through the information system on that day (p.11): the 5 working
    days to apply for calibration run from it (p.12), and the servant is told. Returns how many.
    A periodic job; an edition that does not deem familiarisation is left alone."""
    day = today or clock.today()
    calendar = work_calendar()
    expired = Evaluation.objects.filter(
        status=EvaluationStatus.SIGNED, familiarisation_due__lt=day
    ).exclude(reason="in_absentia")
    done = 0
    for pk in list(expired.order_by("pk").values_list("pk", flat=True)):
        with transaction.atomic():
            evaluation = evaluation_locked(pk)
            due = evaluation.familiarisation_due
            if evaluation.status != EvaluationStatus.SIGNED or due is None:
                continue  # acknowledged meanwhile
            rules = rules_for(evaluation)
            familiarised = familiarised_on(rules, due=due, today=day)
            if familiarised is None:
                continue
            calibration_due = _familiarised(
                evaluation,
                rules,
                calendar,
                actor=None,
                on=familiarised,
                action="familiarised",
                summary=f"{evaluation}: made known through the information system (p.11)",
            )
            notify(
                recipient=evaluation.servant,
                kind="result_familiarised",
                params={
                    "period": evaluation.period,
                    "date": familiarised.strftime("%d.%m.%Y"),
                    "due": calibration_due.strftime("%d.%m.%Y"),
                },
                url=reverse("evaluations:sheet", args=[evaluation.pk]),
                dedupe_key=f"result_familiarised:{evaluation.pk}:{evaluation.version}",
            )
        done += 1
    return done


def evaluations_finalize_expired(*, today: dt.date | None = None) -> int:
    """Acknowledged or refused results whose calibration window has passed with no application
    (one with a calibration application waits for its session: the calibration app's
    `hooks.register_finalisation_filter`; an application always leads to a session, seed 002
    p.38, whose protocol finalises the result) become final and enter the service record.
    Returns how many."""
    day = today or clock.today()
    expired = Evaluation.objects.filter(
        status__in=FAMILIARISED,
        calibration_due__lt=day,
    ).filter(finalisation_filter())
    done = 0
    for pk in list(expired.order_by("pk").values_list("pk", flat=True)):
        with transaction.atomic():
            # Re-read under a lock: an application may have arrived since the list was read.
            evaluation = (
                expired.filter(pk=pk).select_for_update(of=("self",)).select_related(None).first()
            )
            if evaluation is None:
                continue
            evaluation_finalize(actor=None, evaluation=evaluation)
        done += 1
    return done
