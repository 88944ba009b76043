"""Writes of disagreements about the procedure (seed 002 p.16): a servant records one, the HR
service records how it was considered and its answer, and the servant is told.

Each service checks who may act (Http404 when the actor may not see the disagreement,
PermissionDenied when they may see it but not do this), validates (DomainError naming the field),
writes in one transaction with its audit row, and notifies.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_noop as N_

from bagalau.audit.services import audit_log
from bagalau.core import clock
from bagalau.core.errors import DomainError
from bagalau.core.types import account
from bagalau.disagreements.access import can_answer, disagreement_get_for
from bagalau.disagreements.models import DISAGREEMENT_FLOW, Disagreement
from bagalau.disagreements.selectors import own_evaluations
from bagalau.notifications.services import notify
from bagalau.org.access import HR_ROLES
from bagalau.org.selectors import servant_of, users_with_role

if TYPE_CHECKING:
    from bagalau.core.types import User


def _text(value: str | None, field: str, message: str) -> str:
    text = (value or "").strip()
    if not text:
        raise DomainError(field, message)
    return text


def disagreement_raise(*, actor: User, text: str, evaluation_id: int | None = None) -> Disagreement:
    """A servant records a disagreement about the evaluation procedure, optionally naming one of
    their own evaluations; the HR service of their organisation is told (p.16)."""
    with transaction.atomic():
        servant = servant_of(actor)
        if servant is None:
            raise PermissionDenied("Only a servant records a disagreement about the procedure.")
        evaluation = None
        if evaluation_id is not None:
            evaluation = own_evaluations(actor).filter(pk=evaluation_id).first()
            if evaluation is None:
                raise DomainError("evaluation", N_("Choose one of your own evaluations."))
        body = _text(text, "text", N_("Describe what you disagree with in the procedure."))
        disagreement = Disagreement.objects.create(
            organisation=servant.organisation,
            servant=servant,
            raised_by=account(actor),
            raised_on=clock.today(),
            evaluation=evaluation,
            text=body,
        )
        audit_log(
            actor=actor,
            action="create",
            obj=disagreement,
            changes={
                "text": ("", body),
                "evaluation": (None, evaluation.pk if evaluation is not None else None),
                "status": (None, disagreement.status),
            },
        )
        url = reverse("disagreements:detail", args=[disagreement.pk])
        for user in users_with_role(servant.organisation, *HR_ROLES):
            if user.pk == actor.pk:
                continue
            notify(
                recipient=user,
                kind="disagreement_raised",
                params={"servant": servant.full_name, "date": f"{disagreement.raised_on:%d.%m.%Y}"},
                url=url,
                dedupe_key=f"disagreement-raised-{disagreement.pk}",
            )
    return disagreement


def disagreement_answer(
    *, actor: User, disagreement_id: int, consideration: str, answer: str
) -> Disagreement:
    """The HR service records how it considered the disagreement "with the assistance of all the
    persons and parties concerned" (whom it heard, what it checked) and its answer; the servant
    is told (p.16). An answer is given once."""
    with transaction.atomic():
        visible = disagreement_get_for(user=actor, id=disagreement_id)
        if not can_answer(actor, visible):
            raise PermissionDenied("Only the HR service answers a disagreement.")
        disagreement = Disagreement.objects.select_for_update(of=("self",)).get(pk=visible.pk)
        if not DISAGREEMENT_FLOW.is_open("answer", disagreement.status):
            raise DomainError(
                "answer",
                N_("The disagreement was already answered on %(date)s."),
                date=f"{timezone.localdate(disagreement.answered_at):%d.%m.%Y}"
                if disagreement.answered_at
                else "",
            )
        how = _text(
            consideration,
            "consideration",
            N_("Say how the disagreement was considered and with whom."),
        )
        reply = _text(answer, "answer", N_("Give the answer to the servant."))
        disagreement.consideration = how
        disagreement.answer = reply
        disagreement.answered_by = account(actor)
        disagreement.answered_at = clock.now()
        before = disagreement.status
        disagreement.status = DISAGREEMENT_FLOW.target("answer", before)
        disagreement.save()
        audit_log(
            actor=actor,
            action="answer",
            obj=disagreement,
            changes={
                "status": (before, disagreement.status),
                "consideration": ("", how),
                "answer": ("", reply),
            },
        )
        notify(
            recipient=disagreement.servant,
            kind="disagreement_answered",
            params={"date": f"{disagreement.raised_on:%d.%m.%Y}"},
            url=reverse("disagreements:detail", args=[disagreement.pk]),
            dedupe_key=f"disagreement-answered-{disagreement.pk}",
        )
    return disagreement
