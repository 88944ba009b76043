"""Who may see and do what in the 360 survey (seed 002 p.15, p.20, p.33-36). The one choke
point shared by the pages, the API, the PDF and the XLSX export.

- HR (the service and its head) runs the campaign: lists, opening, progress, closing, feedback.
  It sees who is asked about whom, never who answered.
- A respondent sees only their own questionnaires; the evaluatee only their self-assessment.
- A report (App. 7/8) is a result: the evaluatee, the evaluator (the direct manager when the
  campaign opened) and the head of the HR service read it, and every read is audited.
- The training needs (lowest competencies per unit) derive from results: the head of HR only.
Everybody else gets 404 (existence is not revealed); HR staff, who see the campaign, get 403 for
the results.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from bagalau.audit.services import audit_log
from bagalau.org.models import Organisation, Role
from bagalau.org.selectors import has_role, organisations_where
from bagalau.surveys.models import Campaign, Invitation, Target
from bagalau.surveys.selectors import HR_ROLES

if TYPE_CHECKING:
    from bagalau.core.types import User


def is_hr(user: User, organisation: Organisation) -> bool:
    """HR service staff or its head in the organisation."""
    return bool(user.is_authenticated and has_role(user, organisation, *HR_ROLES))


def is_hr_head(user: User, organisation: Organisation) -> bool:
    """The head of the HR service (reads results, p.20)."""
    return bool(user.is_authenticated and has_role(user, organisation, Role.HR_HEAD))


def campaigns_for_hr(user: User) -> QuerySet[Campaign]:
    """The campaigns of the organisations where the user is HR."""
    if not user.is_authenticated:
        return Campaign.objects.none()
    return Campaign.objects.filter(organisation__in=organisations_where(user, *HR_ROLES))


def campaign_for_hr(user: User, campaign_id: int) -> Campaign:
    """The campaign for HR of its organisation, else Http404."""
    campaign = (
        campaigns_for_hr(user).select_related("organisation", "period").filter(pk=campaign_id)
    ).first()
    if campaign is None:
        raise Http404("No such campaign.")
    return campaign


def target_for_hr(user: User, target_id: int) -> Target:
    """An evaluatee of a campaign, for HR of its organisation, else Http404."""
    target = (
        Target.objects.select_related(
            "campaign__organisation", "servant", "unit", "position", "evaluator"
        )
        .filter(campaign__in=campaigns_for_hr(user), pk=target_id)
        .first()
    )
    if target is None:
        raise Http404("No such evaluatee.")
    return target


def invitation_for_respondent(user: User, invitation_id: int) -> Invitation:
    """The respondent's own questionnaire, else Http404 (nobody else may open it, not HR)."""
    if not user.is_authenticated:
        raise Http404("No such questionnaire.")
    invitation = (
        Invitation.objects.select_related(
            "target__campaign__organisation",
            "target__servant",
            "target__position",
            "target__unit",
        )
        .filter(pk=invitation_id, respondent__user=user)
        .first()
    )
    if invitation is None:
        raise Http404("No such questionnaire.")
    return invitation


def target_for_self(user: User, target_id: int) -> Target:
    """The evaluatee's own self-assessment, else Http404."""
    if not user.is_authenticated:
        raise Http404("No such self-assessment.")
    target = (
        Target.objects.select_related("campaign__organisation", "servant", "position", "unit")
        .filter(pk=target_id, servant__user=user)
        .first()
    )
    if target is None:
        raise Http404("No such self-assessment.")
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


def can_read_report(user: User, target: Target) -> bool:
    """Whether the user may read this report."""
    return reports_visible_to(user).filter(pk=target.pk).exists()


def report_get_for(user: User, target_id: int, *, purpose: str = "view") -> Target:
    """The target whose report the user may read, the read written to the audit log; 403 for HR
    staff (they see the campaign, not the results), else Http404."""
    target = reports_visible_to(user).filter(pk=target_id).first()
    if target is None:
        found = Target.objects.select_related("campaign__organisation").filter(pk=target_id).first()
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


def training_get_for(user: User, campaign_id: int, *, purpose: str = "view_training") -> Campaign:
    """The campaign whose training needs the user may read (the head of HR), audited; 403 for
    HR staff, else Http404."""
    campaign = campaign_for_hr(user, campaign_id)
    if not is_hr_head(user, campaign.organisation):
        raise PermissionDenied("The training needs derive from results: the head of HR only.")
    audit_log(
        actor=user,
        action=purpose,
        obj=campaign,
        summary=f"360 training needs {campaign.year}",
    )
    return campaign
