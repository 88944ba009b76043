"""After the commission, for the typical-2018 editions: familiarisation in writing, the refusal act,
the service record and the dispatch through the intranet portal (EDITIONS.md §2.2 H1-H3; seed
004 p.40-p.42; §9 G-1, T-10, T-11, T-14, T-15); the appeal is in `appeals`.

The shapes follow the sjc-2023 familiarisation (`evaluations.services.familiarisation`); the
signers of the refusal act are the edition's data (`methodology.acts`, ``acts.yaml``), the same
rule the sjc-2023 code reads. These editions are repealed and serve past years (G-1): every date
may lie in the past, and a deadline missed is shown as "late by N working days", never refused.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_noop as N_

from bagalau.audit.services import audit_log
from bagalau.commission.editions import flow_of, model_of
from bagalau.commission.models import IntranetDispatch
from bagalau.commission.services.common import past_date, require_not_before
from bagalau.commission.services.moj_decisions import moj_service_record
from bagalau.commission.services.result_steps import (
    acting_on_result,
    after_approval,
    late_days,
)
from bagalau.core import bounds, clock
from bagalau.core.errors import DomainError
from bagalau.core.types import account
from bagalau.evaluations.models import (
    Evaluation,
    RefusalAct,
    RefusalActSigner,
    ResultKind,
    ServiceRecordEntry,
)
from bagalau.methodology import EvaluationModel, MethodologyError, get_edition
from bagalau.methodology.acts import act_signers, check_signers
from bagalau.org.models import Servant
from bagalau.typical.common import rules_for

if TYPE_CHECKING:
    from bagalau.core.types import User


def _enter_service_record(evaluation: Evaluation) -> ServiceRecordEntry:
    """The result enters the servant's service record, after acknowledgement or refusal alike
    (H3, p.42): one entry an evaluation, replaced when a new decision supersedes it (T-15). The
    record shows the KPIs achieved "k / 5" and, for information (p.7: never a ground for a
    career decision), the competencies that met expectations on the signed App. 3 sheet "N / M"
    (T-17): "4 / 5; 7 / 9". A moj-2017 result is there already, in points (001 p.46): the entry
    written when the decision took effect is brought up to date."""
    if model_of(evaluation) == EvaluationModel.MOJ2017:
        return moj_service_record(evaluation)
    count = rules_for(evaluation.edition).kpi_count
    achieved = evaluation.result_score
    text = f"{int(achieved)} / {count}" if achieved is not None else ""
    sheet = getattr(evaluation, "typical_competency_sheet", None)
    if text and sheet is not None and sheet.results:
        met = sum(1 for item in sheet.results.values() if item.get("result") == "meets")
        text += f"; {met} / {len(sheet.results)}"
    entry, _created = ServiceRecordEntry.objects.update_or_create(
        evaluation=evaluation,
        defaults={
            "servant": evaluation.servant,
            "period": evaluation.period.recorded_label(),
            "method": evaluation.method,
            "result_kind": ResultKind.KPI_COUNT,
            "score": Decimal(achieved) if achieved is not None else None,
            "result_text": text,
            "rating": evaluation.result_rating,
        },
    )
    return entry


def _familiarise(actor: User, evaluation: Evaluation, step: str, day: dt.date) -> None:
    """Acknowledged or refused on `day` (H1-H2), then final with its service-record entry (H3)."""
    before = {
        "status": evaluation.status,
        "familiarised_on": evaluation.familiarised_on,
        "acknowledged_at": evaluation.acknowledged_at,
        "version": evaluation.version,
    }
    flow = flow_of(evaluation)
    evaluation.status = flow.target(step, evaluation.status)
    evaluation.familiarised_on = day
    if step == "acknowledge":
        evaluation.acknowledged_at = clock.now()
    evaluation.version += 1
    evaluation.save()
    changes: dict[str, tuple[Any, Any]] = {
        key: (old, getattr(evaluation, key)) for key, old in before.items()
    }
    changes["late_by_working_days"] = (None, late_days(evaluation.familiarisation_due, day))
    audit_log(actor=actor, action=step, obj=evaluation, changes=changes)
    old = evaluation.status
    evaluation.status = flow.target("finalize", old)
    fields = ["status", "updated_at"]
    if evaluation.completed_at is None or model_of(evaluation) != EvaluationModel.MOJ2017:
        # moj-2017: completed when the decision took effect, the protocol signed (001 p.35).
        evaluation.completed_at = clock.now()
        fields.append("completed_at")
    evaluation.save(update_fields=fields)
    entry = _enter_service_record(evaluation)
    audit_log(
        actor=actor,
        action="finalize",
        obj=evaluation,
        changes={"status": (old, evaluation.status), "service_record_entry": (None, entry.pk)},
    )


def commission_result_acknowledge(
    *, actor: User, evaluation_id: int, acknowledged_on: dt.date | None
) -> Evaluation:
    """The servant acknowledged the results in writing (H1, p.40-41: signing App. 2, App. 3 and
    the protocol extract, T-10), recorded by the working body or by the servant themself. Due
    within 2 working days of the approval (T-11); a later date is recorded and shown "late by N
    working days" (G-1). The result then becomes final and enters the service record (H3)."""
    with transaction.atomic():
        evaluation = acting_on_result(actor, evaluation_id, "acknowledge")
        day = after_approval(evaluation, acknowledged_on, "acknowledged_on")
        _familiarise(actor, evaluation, "acknowledge", day)
    return evaluation


def _signers(
    values: Sequence[object], *, evaluation: Evaluation, actor: User
) -> list[tuple[str, Servant]]:
    """The servants signing the act beside the working body, in the roles the edition's rule
    names (``acts.yaml``: two other servants of the body under the typical-2018 editions, p.41):
    servants of the organisation, neither the servant who refused nor the HR signer, none twice."""
    try:
        rule = act_signers(get_edition(evaluation.edition))
    except MethodologyError as error:
        raise DomainError.from_methodology(error, "signers") from error
    roles = [role for role, count in rule.chosen for _n in range(count)]
    if len(values) != len(roles):
        raise DomainError(
            "signers",
            N_("The act is signed by the working body and %(count)s other servants (p.41)."),
            count=len(roles),
        )
    organisation = evaluation.period.schedule.organisation
    chosen: list[tuple[str, Servant]] = []
    for role, value in zip(roles, values, strict=True):
        try:
            servant_id = int(str(value))
        except (TypeError, ValueError):
            servant_id = 0
        servant = Servant.objects.filter(pk=servant_id, organisation=organisation).first()
        if servant is None:
            raise DomainError("signers", N_("Choose servants of the organisation as signers."))
        if servant.pk == evaluation.servant_id:
            raise DomainError("signers", N_("The servant who refused cannot sign the act."))
        if actor.is_authenticated and servant.user_id == actor.pk:
            raise DomainError(
                "signers",
                N_("You sign the act for the working body: choose two other servants."),
            )
        if any(servant.pk == other.pk for _role, other in chosen):
            raise DomainError("signers", N_("Choose different servants as signers."))
        chosen.append((role, servant))
    try:
        check_signers(rule, [role for role, _servant in chosen])
    except MethodologyError as error:
        raise DomainError.from_methodology(error, "signers") from error
    return chosen


def commission_result_refusal_record(
    *,
    actor: User,
    evaluation_id: int,
    refused_on: dt.date | None,
    signers: Sequence[object],
    text: str = "",
) -> RefusalAct:
    """The servant refused to be familiarised: the working body draws up the act in free form,
    signed by HR and two other servants of the body (H2, p.41; the signers are the edition's data).
    The refusal does not keep the results out of the service record (H3, p.42): the result becomes
    final at once. A refusal later than 2 working days after the approval is shown late (G-1).
    Once a result is revised after an appeal (I3, T-15), the new decision may be refused in a
    second act, numbered after the first, which is kept (issue 10)."""
    with transaction.atomic():
        evaluation = acting_on_result(actor, evaluation_id, "refusal")
        day = after_approval(evaluation, refused_on, "refused_on")
        circumstances = bounds.bounded_text(text, "text")
        chosen = _signers(list(signers), evaluation=evaluation, actor=actor)
        # A revised decision is made known again and may be refused again (I3, T-15): the
        # earlier acts are kept, the new one takes the next number.
        earlier = RefusalAct.objects.filter(evaluation=evaluation).order_by("-number").first()
        act = RefusalAct.objects.create(
            evaluation=evaluation,
            number=1 if earlier is None else earlier.number + 1,
            text=circumstances,
            hr_signer=account(actor),
        )
        # Dated by the day of the refusal (auto_now_add would stamp the recording).
        act.drawn_up_at = timezone.make_aware(dt.datetime.combine(day, dt.time(12)))
        RefusalAct.objects.filter(pk=act.pk).update(drawn_up_at=act.drawn_up_at)
        RefusalActSigner.objects.bulk_create(
            RefusalActSigner(act=act, number=number, role=role, servant=servant)
            for number, (role, servant) in enumerate(chosen, start=1)
        )
        audit_log(
            actor=actor,
            action="refusal_act",
            obj=act,
            changes={
                "number": (None, act.number),
                "refused_on": (None, day),
                "signers": (None, [servant.pk for _role, servant in chosen]),
                "text": ("", circumstances),
            },
        )
        _familiarise(actor, evaluation, "record_refusal", day)
    return act


def intranet_dispatch_record(
    *, actor: User, evaluation_id: int, sent_on: dt.date | None, reference: str
) -> IntranetDispatch:
    """The working body records that it sent the result to the servant through the intranet
    portal of state bodies (H3, p.42), once the result is in the service record."""
    with transaction.atomic():
        evaluation = acting_on_result(actor, evaluation_id, "dispatch")
        day = past_date(sent_on, "sent_on", message=N_("Give the date it was sent."))
        require_not_before(
            "sent_on",
            day,
            evaluation.familiarised_on,
            N_("The result was made known on %(date)s: it is sent on or after that day."),
        )
        reference = bounds.bounded_text(reference, "reference", bounds.TITLE)
        if not reference:
            raise DomainError("reference", N_("Give the reference of the message on the portal."))
        dispatch = IntranetDispatch.objects.create(
            evaluation=evaluation, sent_on=day, reference=reference, recorded_by=account(actor)
        )
        audit_log(
            actor=actor,
            action="create",
            obj=dispatch,
            changes={"sent_on": (None, day), "reference": ("", reference)},
        )
    return dispatch
