"""Who may record and read the register of decisions (seed 002 p.8, p.15, p.20).

The HR service of the organisation (roles ``hr`` and ``hr_head``) records decisions and reads the
whole register; a servant reads the entries about themselves; nobody else sees the register (an
entry they may not read does not exist for them: 404). The register names the result a decision
rests on, but the result's score and rating are shown only to those p.20 lets know a result: the
head of the HR service and the servant (HR staff see the period and the method).

Views, API endpoints and services all ask this module.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet
from django.http import Http404

from bagalau.audit.services import audit_log
from bagalau.consequences.models import TRAINING_REFERRAL_FLOW, Decision, TrainingReferral
from bagalau.core.visible import visible_one
from bagalau.evaluations.models import Evaluation
from bagalau.methodology import EvaluationModel, MethodologyError, edition_codes, get_edition
from bagalau.org.access import HR_ROLES
from bagalau.org.models import Organisation, Role
from bagalau.org.selectors import has_role, organisations_where

if TYPE_CHECKING:
    from bagalau.core.types import User


def visibility_filter(user: User) -> Q:
    """The rows of Decision that `user` may read."""
    if not user.is_authenticated:
        return Q(pk__in=[])
    return Q(servant__user=user) | Q(organisation__in=organisations_where(user, *HR_ROLES))


def decisions_visible_to(user: User) -> QuerySet[Decision]:
    """Every entry of the register the user may read."""
    return Decision.objects.filter(visibility_filter(user)).select_related(
        "organisation", "servant", "evaluation__period__schedule", "recorded_by"
    )


def decision_get_for(*, user: User, id: int) -> Decision:
    """The entry, or Http404 when it does not exist or is not the user's to read."""
    decision = visible_one(decisions_visible_to(user), id, "No such decision.")
    return decision


def may_record(user: User, organisation: Organisation) -> bool:
    """The HR service of the organisation records decisions."""
    return bool(user.is_authenticated and has_role(user, organisation, *HR_ROLES))


#: The editions whose working body sees every result (EDITIONS.md §9 G-5): typical-2018 and
#: moj-2017 (whose commission's working body is the HR service, seed 001 p.6).
HR_READS_RESULTS = frozenset(
    code
    for code in edition_codes()
    if get_edition(code).model in (EvaluationModel.TYPICAL2018, EvaluationModel.MOJ2017)
)


def sees_rating(user: User, decision: Decision) -> bool:
    """Whether the user may see the rating of the result behind the entry: the servant concerned
    and the head of the HR service (seed 002 p.20); under a typical-2018 edition the whole working
    body, which holds the results (EDITIONS.md §9 G-5); under moj-2017 too (its HR service)."""
    if not user.is_authenticated:
        return False
    if decision.servant.user_id == user.pk:
        return True
    if decision.edition in HR_READS_RESULTS:
        return has_role(user, decision.organisation, *HR_ROLES)
    return has_role(user, decision.organisation, Role.HR_HEAD)


def sees_register(user: User) -> bool:
    """Whether the register has anything for the user (the menu entry)."""
    if not user.is_authenticated:
        return False
    if organisations_where(user, *HR_ROLES).exists():
        return True
    return Decision.objects.filter(servant__user=user).exists()


# --- moj-2017 consequences (seed 001 p.41-45) ----------------------------------------------------
# The HR service of the organisation (hr, hr_head) reads every servant's flags, referrals and
# alerts, refers to training and records decisions: under moj-2017 the working body holds the
# results (EDITIONS.md §9 G-5). A servant reads only their own; nobody else reads any (404).


def training_result_get_for(*, user: User, id: int) -> Evaluation:
    """The approved unsatisfactory annual result behind a training referral (p.43), or Http404
    unless the user is the HR service of its organisation or its servant; the read is audited
    (EDITIONS.md §9 G-5)."""
    from bagalau.consequences.moj import approved_filter, is_training_case

    evaluation = (
        Evaluation.objects.filter(approved_filter(), pk=id)
        .select_related("servant__user", "period__schedule__organisation")
        .first()
    )
    if evaluation is None or not is_training_case(evaluation):
        raise Http404("No such training referral.")
    organisation = evaluation.period.schedule.organisation
    if not (evaluation.servant.user_id == user.pk or may_record(user, organisation)):
        raise Http404("No such training referral.")
    audit_log(actor=user, action="view", obj=evaluation, summary=f"{evaluation}: training")
    return evaluation


def training_referral_parts(user: User, referral: TrainingReferral) -> frozenset[str]:
    """The parts `user` holds in a referral: "hr" for the HR service of its organisation."""
    organisation = Organisation(pk=referral.organisation_id)
    return frozenset({"hr"}) if may_record(user, organisation) else frozenset()


def training_referral_actions(*, user: User, obj: TrainingReferral) -> frozenset[str]:
    """The actions `user` may take on the referral now (TRAINING_REFERRAL_FLOW)."""
    return TRAINING_REFERRAL_FLOW.actions(
        status=obj.status, parts=training_referral_parts(user, obj)
    )


def sees_moj(user: User, organisation: Organisation | None) -> bool:
    """Whether the moj-2017 consequences page is in the user's menu: the organisation evaluates
    under a moj-2017 edition today, and the user is its HR service or one of its servants."""
    from bagalau.core import clock
    from bagalau.org.selectors import organisation_edition

    if organisation is None or not user.is_authenticated:
        return False
    try:
        if organisation_edition(organisation, clock.today()).model != EvaluationModel.MOJ2017:
            return False
    except MethodologyError:  # no edition in force today
        return False
    return may_record(user, organisation) or organisation.servants.filter(user=user).exists()
