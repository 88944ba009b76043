"""Who may see and do what in the 360 survey (seed 002 p.15, p.20, p.33-36). The one choke
point shared by the pages, the API, the PDF and the XLSX export.

- HR (the service and its head) runs the campaign: lists, opening, progress, closing, feedback.
  It sees who is asked about whom, never who answered.
- A respondent sees only their own questionnaires; the evaluatee only their self-assessment.
- A report (App. 7/8) is a result: the evaluatee, the evaluator (the direct manager when the
  campaign opened) and the head of the HR service read it, and every read is audited.
- The training needs (lowest competencies per unit) derive from results: the head of HR only.
Everybody else gets 404 (existence is not revealed: the same 404 for "missing" and "not yours");
HR staff, who see the campaign, get 403 for the results.

Each object that can be refused has a `<entity>s_visible_to(user)` queryset and an
`<entity>_get_for(*, user, id)` lookup (issue 9 item 2), used by the pages, the API, the PDFs and
the exports alike; reads of results are audited here, never in a view. What the user may do with
a campaign, an evaluatee or a questionnaire is `campaign_actions`, `target_actions` and
`questionnaire_actions`, read from the tables in `bagalau.surveys.workflow` (issue 9 item 1).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from bagalau.audit.services import audit_log
from bagalau.core import clock
from bagalau.core.visible import visible_one
from bagalau.org.access import HR_ROLES
from bagalau.org.models import Organisation, Role, Servant
from bagalau.org.selectors import has_role, organisations_where
from bagalau.surveys.models import Campaign, Invitation, PaperBatch, SelfAssessment, Target
from bagalau.surveys.workflow import (
    CAMPAIGN_FLOW,
    QUESTIONNAIRE_FLOW,
    TARGET_FLOW,
    answering_open,
    questionnaire_status,
)

if TYPE_CHECKING:
    from bagalau.core.types import User


def is_hr(user: User, organisation: Organisation) -> bool:
    """HR service staff or its head in the organisation."""
    return bool(user.is_authenticated and has_role(user, organisation, *HR_ROLES))


def is_hr_head(user: User, organisation: Organisation) -> bool:
    """The head of the HR service (reads results, p.20)."""
    return bool(user.is_authenticated and has_role(user, organisation, Role.HR_HEAD))


def campaigns_visible_to(user: User) -> QuerySet[Campaign]:
    """The campaigns of the organisations where the user is HR."""
    if not user.is_authenticated:
        return Campaign.objects.none()
    return Campaign.objects.filter(organisation__in=organisations_where(user, *HR_ROLES))


def campaign_get_for(*, user: User, id: int) -> Campaign:
    """The campaign for HR of its organisation, else Http404."""
    campaign = campaigns_visible_to(user).select_related("organisation", "period").filter(pk=id)
    found = campaign.first()
    if found is None:
        raise Http404("No such campaign.")
    return found


def targets_visible_to(user: User) -> QuerySet[Target]:
    """The evaluatees of the campaigns HR of their organisation runs."""
    return Target.objects.select_related(
        "campaign__organisation", "servant", "unit", "position", "evaluator"
    ).filter(campaign__in=campaigns_visible_to(user))


def target_get_for(*, user: User, id: int) -> Target:
    """An evaluatee of a campaign, for HR of its organisation, else Http404."""
    target = visible_one(targets_visible_to(user), id, "No such evaluatee.")
    return target


def paper_batch_get_for(*, user: User, id: int) -> PaperBatch:
    """A paper batch, for HR of the organisation (they handled the paper), else Http404."""
    batch = (
        PaperBatch.objects.select_related("target__campaign")
        .filter(target__in=targets_visible_to(user), pk=id)
        .first()
    )
    if batch is None:
        raise Http404("No such batch.")
    return batch


def invitations_visible_to(user: User) -> QuerySet[Invitation]:
    """The respondent's own questionnaires (nobody else may open them, not HR)."""
    if not user.is_authenticated:
        return Invitation.objects.none()
    return Invitation.objects.select_related(
        "target__campaign__organisation",
        "target__servant",
        "target__position",
        "target__unit",
    ).filter(respondent__user=user)


def invitation_get_for(*, user: User, id: int) -> Invitation:
    """The respondent's own questionnaire, else Http404."""
    invitation = visible_one(invitations_visible_to(user), id, "No such questionnaire.")
    return invitation


def own_targets_visible_to(user: User) -> QuerySet[Target]:
    """The user's own evaluatee records (their self-assessments)."""
    if not user.is_authenticated:
        return Target.objects.none()
    return Target.objects.select_related(
        "campaign__organisation", "servant", "position", "unit"
    ).filter(servant__user=user)


def own_target_get_for(*, user: User, id: int) -> Target:
    """The evaluatee's own record, for their self-assessment, else Http404."""
    target = visible_one(own_targets_visible_to(user), id, "No such self-assessment.")
    return target


def report_filter(user: User) -> Q:
    """The targets whose report the user may read."""
    if not user.is_authenticated:
        return Q(pk__in=[])
    return (
        Q(servant__user=user)
        | Q(evaluator__user=user)
        | Q(campaign__organisation__in=organisations_where(user, Role.HR_HEAD))
    )


def reports_visible_to(user: User) -> QuerySet[Target]:
    """Every report the user may read (lists only; opening one is audited)."""
    return (
        Target.objects.filter(report_filter(user))
        .distinct()
        .select_related("campaign__organisation", "servant", "position", "unit", "evaluator")
    )


def report_get_for(*, user: User, id: int, purpose: str = "view") -> Target:
    """The target whose report the user may read, the read written to the audit log; 403 for HR
    staff (they see the campaign, not the results), else Http404."""
    target = reports_visible_to(user).filter(pk=id).first()
    if target is None:
        found = Target.objects.select_related("campaign__organisation").filter(pk=id).first()
        if found is not None and is_hr(user, found.campaign.organisation):
            raise PermissionDenied("HR staff see the campaign's progress, not the results.")
        raise Http404("No such report.")
    audit_log(
        actor=user,
        action=purpose,
        obj=target,
        summary=f"360 report: {target.servant.full_name} ({target.campaign.year})",
    )
    return target


def training_get_for(*, user: User, id: int, purpose: str = "view_training") -> Campaign:
    """The campaign whose training needs the user may read (the head of HR), audited; 403 for
    HR staff, else Http404."""
    campaign = campaign_get_for(user=user, id=id)
    if not is_hr_head(user, campaign.organisation):
        raise PermissionDenied("The training needs derive from results: the head of HR only.")
    audit_log(
        actor=user,
        action=purpose,
        obj=campaign,
        summary=f"360 training needs {campaign.year}",
    )
    return campaign


# --- what the user may do (the tables of `bagalau.surveys.workflow`) ----------------------------


def _hr_parts(user: User, organisation: Organisation) -> set[str]:
    return {"hr"} if is_hr(user, organisation) else set()


def campaign_actions(*, user: User, obj: Campaign) -> frozenset[str]:
    """What the user may do with the campaign now (HR: deadline, open, close)."""
    return CAMPAIGN_FLOW.actions(status=obj.status, parts=_hr_parts(user, obj.organisation))


def target_actions(*, user: User, obj: Target) -> frozenset[str]:
    """What the user may do with an evaluatee now (HR: respondents, unlist a respondent, remove,
    print the paper form, record paper returns, feedback), by its campaign's status."""
    campaign = obj.campaign
    return TARGET_FLOW.actions(status=campaign.status, parts=_hr_parts(user, campaign.organisation))


def questionnaire_actions(*, user: User, obj: Invitation | SelfAssessment) -> frozenset[str]:
    """What the user may do with a questionnaire (about a colleague, or the self-assessment):
    "answer" while it is due, the survey open and its deadline not passed, for its respondent
    only. The one answer to "can the user answer" for the pages and the API."""
    target = obj.target
    if not user.is_authenticated or not answering_open(target.campaign, clock.today()):
        return frozenset()
    if isinstance(obj, Invitation):
        mine = Servant.objects.filter(pk=obj.respondent_id, user=user).exists()
        done_on = obj.completed_on
    else:
        mine = target.servant.user_id == user.pk
        done_on = obj.submitted_on
    return QUESTIONNAIRE_FLOW.actions(
        status=questionnaire_status(done_on), parts={"respondent"} if mine else set()
    )
