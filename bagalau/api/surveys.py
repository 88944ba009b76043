"""REST endpoints of the 360 survey (/api/v1/surveys/): the same services, selectors and access
rules as the pages (seed 002 p.33-36, App. 5-8).

No endpoint returns who answered: HR gets the respondent lists and counts, a respondent their own
questionnaires (addressed by an opaque per-session reference, never the invitation's id, so that
access logs name no questionnaire; no draft is kept on the server), a report's readers the
averages computed at closing from the sealed ballots. The shapes are in surveys_shapes.py.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404
from django.urls import include, path
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.decorators import api_view
from rest_framework.exceptions import PermissionDenied
from rest_framework.request import Request
from rest_framework.response import Response

from bagalau.api.surveys_shapes import (
    ERRORS,
    TAG,
    SurveyAnswersIn,
    SurveyCampaignDetailOut,
    SurveyCampaignIn,
    SurveyCampaignOut,
    SurveyDeadlineIn,
    SurveyDraftOut,
    SurveyFeedbackIn,
    SurveyQuestionnaireOut,
    SurveyReportListOut,
    SurveyReportOut,
    SurveyRespondentsIn,
    SurveySubmittedOut,
    SurveyTargetOut,
    SurveyTaskOut,
    SurveyTrainingOut,
    _campaign,
    _campaign_detail,
    _language,
    _questionnaire,
    _report,
    _target,
    _valid,
)
from bagalau.core.context import viewer
from bagalau.org.models import Organisation
from bagalau.org.selectors import organisations_where
from bagalau.surveys import selectors
from bagalau.surveys.access import (
    campaign_get_for,
    campaigns_visible_to,
    own_target_get_for,
    questionnaire_actions,
    report_get_for,
    reports_visible_to,
    target_get_for,
    training_get_for,
)
from bagalau.surveys.models import CampaignStatus, SelfAssessment, Target
from bagalau.surveys.refs import invitation_by_ref, questionnaire_ref, with_refs
from bagalau.surveys.selectors import HR_ROLES
from bagalau.surveys.services import (
    campaign_close,
    campaign_create,
    campaign_open,
    campaign_set_deadline,
    invitation_submit,
    self_save_draft,
    self_submit,
    target_record_feedback,
    target_remove,
    target_set_respondents,
)

# --- HR: campaigns -------------------------------------------------------------------------------


def _organisation_for(request: Request, organisation_id: int | None) -> Organisation:
    """The organisation named, else the user's current one, else the first where they are HR
    (the service then checks that the user is HR there)."""
    if organisation_id is not None:
        organisation = Organisation.objects.filter(pk=organisation_id).first()
        if organisation is None:
            raise Http404("No such organisation.")
        return organisation
    current = viewer(request._request).organisation
    if current is not None:
        return current
    first = organisations_where(request.user, *HR_ROLES).first()
    if first is None:
        raise PermissionDenied()
    return first


@extend_schema(
    methods=["GET"],
    tags=TAG,
    summary="The 360 campaigns of the organisations where the user is HR",
    responses={200: SurveyCampaignOut(many=True)},
)
@extend_schema(
    methods=["POST"],
    tags=TAG,
    summary="Draft the year's 360 survey with proposed respondents (HR)",
    request=SurveyCampaignIn,
    responses={201: SurveyCampaignDetailOut, **ERRORS},
)
@api_view(["GET", "POST"])
def campaigns(request: Request) -> Response:
    """List or draft campaigns."""
    if request.method == "GET":
        rows = campaigns_visible_to(request.user).order_by("-year", "pk")
        return Response(SurveyCampaignOut([_campaign(c) for c in rows], many=True).data)
    data = _valid(SurveyCampaignIn, request)
    campaign = campaign_create(
        actor=request.user,
        organisation=_organisation_for(request, data["organisation_id"]),
        year=data["year"],
        deadline=data["deadline"],
    )
    return Response(
        SurveyCampaignDetailOut(_campaign_detail(campaign)).data, status=status.HTTP_201_CREATED
    )


@extend_schema(
    tags=TAG,
    summary="A campaign: lists, progress per unit, the withheld list (HR)",
    responses={200: SurveyCampaignDetailOut, **ERRORS},
)
@api_view(["GET"])
def campaign_detail(request: Request, campaign_id: int) -> Response:
    """HR's view of one campaign; nothing says who answered."""
    campaign = campaign_get_for(user=request.user, id=campaign_id)
    return Response(SurveyCampaignDetailOut(_campaign_detail(campaign)).data)


@extend_schema(
    tags=TAG,
    summary="Open the survey (every list 3-7 respondents)",
    request=None,
    responses={200: SurveyCampaignDetailOut, **ERRORS},
)
@api_view(["POST"])
def campaign_open_endpoint(request: Request, campaign_id: int) -> Response:
    """Open the campaign."""
    campaign = campaign_open(actor=request.user, campaign_id=campaign_id)
    return Response(SurveyCampaignDetailOut(_campaign_detail(campaign)).data)


@extend_schema(
    tags=TAG,
    summary="Close the survey and release the reports with 3+ responses",
    request=None,
    responses={200: SurveyCampaignDetailOut, **ERRORS},
)
@api_view(["POST"])
def campaign_close_endpoint(request: Request, campaign_id: int) -> Response:
    """Close the campaign."""
    campaign = campaign_close(actor=request.user, campaign_id=campaign_id)
    return Response(SurveyCampaignDetailOut(_campaign_detail(campaign)).data)


@extend_schema(
    tags=TAG,
    summary="Move the deadline (not past the legal one, p.4)",
    request=SurveyDeadlineIn,
    responses={200: SurveyCampaignOut, **ERRORS},
)
@api_view(["POST"])
def campaign_deadline(request: Request, campaign_id: int) -> Response:
    """Change the deadline."""
    data = _valid(SurveyDeadlineIn, request)
    campaign = campaign_set_deadline(
        actor=request.user, campaign_id=campaign_id, deadline=data["deadline"]
    )
    return Response(SurveyCampaignOut(_campaign(campaign)).data)


@extend_schema(
    tags=TAG,
    summary="Training needs: per competency and unit, servants with it among their lowest 3",
    responses={200: SurveyTrainingOut, **ERRORS},
)
@api_view(["GET"])
def campaign_training(request: Request, campaign_id: int) -> Response:
    """The head of HR reads the training needs (audited)."""
    campaign = training_get_for(user=request.user, id=campaign_id)
    needs = selectors.training_needs(campaign, language=_language())
    data = {
        "campaign_id": campaign.pk,
        "year": campaign.year,
        "units": {str(unit.pk): unit.name for unit in needs.units},
        "rows": [
            {
                "code": row.code,
                "name": row.name,
                "counts": {
                    str(unit.pk): count for unit, count in zip(needs.units, row.counts, strict=True)
                },
                "total": row.total,
            }
            for row in needs.rows
        ],
        "released": needs.released,
        "withheld": needs.withheld,
    }
    return Response(SurveyTrainingOut(data).data)


def _target_row(target: Target) -> dict[str, Any]:
    for group in selectors.target_rows(target.campaign):
        for row in group.rows:
            if row.target.pk == target.pk:
                return _target(row)
    raise AssertionError("the target is in its campaign")


@extend_schema(
    methods=["PUT"],
    tags=TAG,
    summary="Set an evaluatee's respondents (3-7; only additions while open)",
    request=SurveyRespondentsIn,
    responses={200: SurveyTargetOut, **ERRORS},
)
@extend_schema(
    methods=["GET"],
    tags=TAG,
    summary="An evaluatee's list",
    responses={200: SurveyTargetOut, **ERRORS},
)
@api_view(["GET", "PUT"])
def target_respondents(request: Request, target_id: int) -> Response:
    """Read or replace the list."""
    if request.method == "GET":
        return Response(
            SurveyTargetOut(_target_row(target_get_for(user=request.user, id=target_id))).data
        )
    data = _valid(SurveyRespondentsIn, request)
    target = target_set_respondents(
        actor=request.user,
        target_id=target_id,
        respondent_ids=data["respondents"],
        version=data["version"],
        no_manager_reason=data["no_manager_reason"],
    )
    return Response(
        SurveyTargetOut(_target_row(target_get_for(user=request.user, id=target.pk))).data
    )


@extend_schema(
    tags=TAG,
    summary="Take an evaluatee out of a draft campaign",
    request=None,
    responses={204: None, **ERRORS},
)
@api_view(["DELETE"])
def target_delete(request: Request, target_id: int) -> Response:
    """Remove an evaluatee (draft only)."""
    target_remove(actor=request.user, target_id=target_id)
    return Response(status=status.HTTP_204_NO_CONTENT)


@extend_schema(
    tags=TAG,
    summary="Record the feedback given on the 360 results (p.36)",
    request=SurveyFeedbackIn,
    responses={200: SurveyTargetOut, **ERRORS},
)
@api_view(["POST"])
def target_feedback(request: Request, target_id: int) -> Response:
    """HR records the feedback."""
    data = _valid(SurveyFeedbackIn, request)
    target = target_record_feedback(
        actor=request.user,
        target_id=target_id,
        given_on=data["given_on"],
        note=data["note"],
        version=data["version"],
    )
    return Response(SurveyTargetOut(_target_row(target)).data)


# --- respondents ---------------------------------------------------------------------------------


@extend_schema(
    tags=TAG,
    summary="My questionnaires (self-assessment and colleagues)",
    responses={200: SurveyTaskOut(many=True)},
)
@api_view(["GET"])
def questionnaires(request: Request) -> Response:
    """The user's own questionnaires; never anyone else's."""
    tasks = with_refs(request, selectors.tasks_of(viewer(request._request).servant))
    rows = [
        {
            "id": task.ref or str(task.pk),
            "kind": task.kind,
            "year": task.campaign.year,
            "evaluatee": task.evaluatee.full_name,
            "deadline": task.campaign.deadline,
            "submitted_on": task.done_on,
            "open": task.open,
        }
        for task in tasks
    ]
    return Response(SurveyTaskOut(rows, many=True).data)


@extend_schema(
    tags=TAG,
    summary="One questionnaire about a colleague (the respondent only), by its opaque reference",
    responses={200: SurveyQuestionnaireOut, **ERRORS},
)
@api_view(["GET"])
def questionnaire_detail(request: Request, ref: str) -> Response:
    """The form and the scale (the draft stays in the respondent's client)."""
    invitation = invitation_by_ref(request, ref)
    data = _questionnaire(
        kind="invitation",
        pk=ref,
        target=invitation.target,
        submitted_on=invitation.completed_on,
        draft=None,
        actions=questionnaire_actions(user=request.user, obj=invitation),
    )
    return Response(SurveyQuestionnaireOut(data).data)


@extend_schema(
    tags=TAG,
    summary="Submit once: every statement answered 1-5, before the deadline",
    request=SurveyAnswersIn,
    responses={200: SurveySubmittedOut, **ERRORS},
)
@api_view(["POST"])
def questionnaire_submit(request: Request, ref: str) -> Response:
    """Submit; the answers are sealed without the respondent and not returned."""
    data = _valid(SurveyAnswersIn, request)
    found = invitation_by_ref(request, ref)
    invitation = invitation_submit(
        actor=request.user, invitation_id=found.pk, answers=data["answers"]
    )
    assert invitation.completed_on is not None
    body = {
        "id": questionnaire_ref(request, invitation.pk),
        "kind": "invitation",
        "submitted_on": invitation.completed_on,
    }
    return Response(SurveySubmittedOut(body).data)


@extend_schema(
    tags=TAG,
    summary="My self-assessment (the evaluatee only)",
    responses={200: SurveyQuestionnaireOut, **ERRORS},
)
@api_view(["GET"])
def self_detail(request: Request, target_id: int) -> Response:
    """The form and the evaluatee's own draft."""
    target = own_target_get_for(user=request.user, id=target_id)
    own = SelfAssessment.objects.filter(target=target).first()
    data = _questionnaire(
        kind="self",
        pk=target.pk,
        target=target,
        submitted_on=own.submitted_on if own else None,
        draft=own.answers if own else None,
        actions=questionnaire_actions(user=request.user, obj=own or SelfAssessment(target=target)),
    )
    return Response(SurveyQuestionnaireOut(data).data)


@extend_schema(
    tags=TAG,
    summary="Save the self-assessment draft",
    request=SurveyAnswersIn,
    responses={200: SurveyDraftOut},
)
@api_view(["PUT"])
def self_draft(request: Request, target_id: int) -> Response:
    """Autosave of the self-assessment."""
    data = _valid(SurveyAnswersIn, request)
    own = self_save_draft(actor=request.user, target_id=target_id, answers=data["answers"])
    target = own_target_get_for(user=request.user, id=target_id)
    form = selectors.survey_form(target.campaign, target.form)
    body = {
        "id": str(target.pk),
        "answered": selectors.answered_count(own.answers),
        "statements": selectors.statement_count(form),
        "draft": own.answers,
    }
    return Response(SurveyDraftOut(body).data)


@extend_schema(
    tags=TAG,
    summary="Submit the self-assessment once",
    request=SurveyAnswersIn,
    responses={200: SurveySubmittedOut, **ERRORS},
)
@api_view(["POST"])
def self_submit_endpoint(request: Request, target_id: int) -> Response:
    """Submit the self-assessment."""
    data = _valid(SurveyAnswersIn, request)
    own = self_submit(actor=request.user, target_id=target_id, answers=data["answers"])
    assert own.submitted_on is not None
    body = {"id": str(target_id), "kind": "self", "submitted_on": own.submitted_on}
    return Response(SurveySubmittedOut(body).data)


# --- reports -------------------------------------------------------------------------------------


@extend_schema(
    tags=TAG,
    summary="Reports the user may read (own, as evaluator, or as head of HR)",
    responses={200: SurveyReportListOut(many=True)},
)
@api_view(["GET"])
def reports(request: Request) -> Response:
    """The readable reports of closed campaigns."""
    released: dict[int, set[int]] = {}
    rows = []
    for target in (
        reports_visible_to(request.user)
        .filter(campaign__status=CampaignStatus.CLOSED)
        .order_by("-campaign__year", "servant__last_name", "servant__first_name", "pk")
    ):
        if target.campaign_id not in released:
            released[target.campaign_id] = selectors.released_targets(target.campaign)
        rows.append(
            {
                "target_id": target.pk,
                "servant": target.servant.full_name,
                "year": target.campaign.year,
                "released": target.pk in released[target.campaign_id],
            }
        )
    return Response(SurveyReportListOut(rows, many=True).data)


@extend_schema(
    tags=TAG,
    summary="A 360 report (App. 7/8), or why it is withheld; the read is audited",
    responses={200: SurveyReportOut, **ERRORS},
)
@api_view(["GET"])
def report_detail(request: Request, target_id: int) -> Response:
    """Averages from the anonymous totals (the `bagalau calc` formula)."""
    target = report_get_for(user=request.user, id=target_id)
    return Response(SurveyReportOut(_report(request, target)).data)


urlpatterns = [
    path("campaigns/", campaigns, name="surveys-campaigns"),
    path("campaigns/<int:campaign_id>/", campaign_detail, name="surveys-campaign"),
    path("campaigns/<int:campaign_id>/open/", campaign_open_endpoint, name="surveys-open"),
    path("campaigns/<int:campaign_id>/close/", campaign_close_endpoint, name="surveys-close"),
    path("campaigns/<int:campaign_id>/deadline/", campaign_deadline, name="surveys-deadline"),
    path("campaigns/<int:campaign_id>/training/", campaign_training, name="surveys-training"),
    path("targets/<int:target_id>/", target_delete, name="surveys-target"),
    path(
        "targets/<int:target_id>/respondents/",
        target_respondents,
        name="surveys-respondents",
    ),
    path("targets/<int:target_id>/feedback/", target_feedback, name="surveys-feedback"),
    path("questionnaires/", questionnaires, name="surveys-questionnaires"),
    path("questionnaires/<str:ref>/", questionnaire_detail, name="surveys-questionnaire"),
    path(
        "questionnaires/<str:ref>/submit/",
        questionnaire_submit,
        name="surveys-questionnaire-submit",
    ),
    path("self/<int:target_id>/", self_detail, name="surveys-self"),
    path("self/<int:target_id>/draft/", self_draft, name="surveys-self-draft"),
    path("self/<int:target_id>/submit/", self_submit_endpoint, name="surveys-self-submit"),
    path("reports/", reports, name="surveys-reports"),
    path("reports/<int:target_id>/", report_detail, name="surveys-report"),
    path("", include("bagalau.api.surveys_paper")),
]
