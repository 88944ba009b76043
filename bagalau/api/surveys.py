"""REST endpoints of the 360 survey (/api/v1/surveys/): the same services, selectors and access
rules as the pages (seed 002 p.33-36, App. 5-8), as declarative endpoints (`api.base.Endpoint`:
`get_object()` through the survey's `<entity>_get_for` lookups).

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
from rest_framework.exceptions import PermissionDenied
from rest_framework.request import Request
from rest_framework.response import Response

from bagalau.api import serializers
from bagalau.api.base import (
    Action,
    DetailEndpoint,
    Endpoint,
    ListEndpoint,
    ObjectEndpoint,
    Step,
    body,
    detailed,
    listed,
    posted,
)
from bagalau.api.evaluations_explain import LANG, ExplainStepSerializer, requested_language
from bagalau.api.surveys_shapes import (
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
)
from bagalau.core.context import viewer
from bagalau.methodology.labels import LANGUAGES
from bagalau.org.access import HR_ROLES
from bagalau.org.models import Organisation
from bagalau.org.selectors import organisations_where
from bagalau.surveys import my_tasks, reports, selectors, training
from bagalau.surveys.access import (
    campaign_get_for,
    campaigns_visible_to,
    own_target_get_for,
    report_get_for,
    reports_visible_to,
    target_get_for,
    training_get_for,
)
from bagalau.surveys.explain import report_explanation
from bagalau.surveys.models import CampaignStatus, Invitation, SelfAssessment
from bagalau.surveys.refs import invitation_by_ref, questionnaire_ref, with_refs
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


@extend_schema(tags=TAG)
@listed("The 360 campaigns of the organisations where the user is HR", SurveyCampaignOut)
class CampaignList(ListEndpoint):
    """The campaigns of the organisations where the user is HR; HR drafts one."""

    serializer_class = SurveyCampaignOut

    def get_queryset(self) -> Any:
        return campaigns_visible_to(self.request.user).order_by("-year", "pk")

    @extend_schema(
        summary="Draft the year's 360 survey with proposed respondents (HR)",
        request=SurveyCampaignIn,
        responses={201: SurveyCampaignDetailOut},
    )
    def post(self, request: Request) -> Response:
        data = body(SurveyCampaignIn, request)
        campaign = campaign_create(
            actor=request.user,
            organisation=_organisation_for(request, data["organisation_id"]),
            year=data["year"],
            deadline=data["deadline"],
        )
        return Response(SurveyCampaignDetailOut(campaign).data, status=status.HTTP_201_CREATED)


class CampaignEndpoint(Endpoint):
    """An endpoint of one campaign (HR of its organisation; 404 for anyone else)."""

    serializer_class: type[serializers.Serializer[Any]] = SurveyCampaignDetailOut
    get_for = campaign_get_for
    lookup_url_kwarg = "campaign_id"


@extend_schema(tags=TAG)
@detailed("A campaign: lists, progress per unit, the withheld list (HR)")
class CampaignDetail(CampaignEndpoint, DetailEndpoint):
    """HR's view of one campaign; nothing says who answered."""


class CampaignAction(CampaignEndpoint, Action):
    """A POST that runs `service` on the campaign, which finds it itself (404 for anyone but its
    HR): the answer is the campaign."""

    lookup_first = False


@extend_schema(tags=TAG)
@posted("Open the survey (every list 3-7 respondents)")
class CampaignOpen(CampaignAction):
    """Open the campaign."""

    service = campaign_open


@extend_schema(tags=TAG)
@posted("Close the survey and release the reports with 3+ responses")
class CampaignClose(CampaignAction):
    """Close the campaign."""

    service = campaign_close


@extend_schema(tags=TAG)
@posted("Move the deadline (not past the legal one, p.4)")
class CampaignDeadline(CampaignAction):
    """Change the deadline."""

    serializer_class = SurveyCampaignOut
    service = campaign_set_deadline
    input_class = SurveyDeadlineIn


@extend_schema(tags=TAG)
class CampaignTraining(CampaignEndpoint):
    """The head of HR reads the training needs (audited in the lookup)."""

    serializer_class = SurveyTrainingOut
    get_for = training_get_for

    @extend_schema(
        summary="Training needs: per competency and unit, servants with it among their lowest 3"
    )
    def get(self, request: Request, campaign_id: int) -> Response:
        return self.answer(
            training.training_needs(self.get_object(), language=selectors.reader_language())
        )


# --- HR: evaluatees ------------------------------------------------------------------------------


class TargetEndpoint(ObjectEndpoint):
    """An endpoint of one evaluatee (HR of its organisation; 404 for anyone else), answering its
    line of HR's list."""

    serializer_class = SurveyTargetOut
    get_for = target_get_for
    lookup_url_kwarg = "target_id"

    def current(self) -> Response:
        """The evaluatee's line of HR's list, read again."""
        return self.answer(selectors.target_row(self.get_object()))


@extend_schema(tags=TAG)
class TargetRespondents(TargetEndpoint):
    """Read or replace the list."""

    @extend_schema(summary="An evaluatee's list")
    def get(self, request: Request, target_id: int) -> Response:
        return self.current()

    @extend_schema(
        summary="Set an evaluatee's respondents (3-7; only additions while open)",
        request=SurveyRespondentsIn,
    )
    def put(self, request: Request, target_id: int) -> Response:
        data = body(SurveyRespondentsIn, request)
        target_set_respondents(
            actor=request.user,
            target_id=target_id,
            respondent_ids=data["respondents"],
            version=data["version"],
            no_manager_reason=data["no_manager_reason"],
        )
        return self.current()


@extend_schema(tags=TAG)
class TargetDelete(TargetEndpoint):
    """Remove an evaluatee (draft only)."""

    @extend_schema(
        summary="Take an evaluatee out of a draft campaign", request=None, responses={204: None}
    )
    def delete(self, request: Request, target_id: int) -> Response:
        target_remove(actor=request.user, target_id=target_id)
        return Response(status=status.HTTP_204_NO_CONTENT)


@extend_schema(tags=TAG)
@posted("Record the feedback given on the 360 results (p.36)")
class TargetFeedback(TargetEndpoint, Step):
    """HR records the feedback."""

    service = target_record_feedback
    input_class = SurveyFeedbackIn
    lookup_first = False


# --- respondents ---------------------------------------------------------------------------------


@extend_schema(tags=TAG)
class QuestionnaireList(Endpoint):
    """The user's own questionnaires; never anyone else's."""

    serializer_class = SurveyTaskOut

    @extend_schema(
        summary="My questionnaires (self-assessment and colleagues)",
        responses=SurveyTaskOut(many=True),
    )
    def get(self, request: Request) -> Response:
        tasks = with_refs(request, my_tasks.tasks_of(viewer(request._request).servant))
        return self.answer(tasks, many=True)


class QuestionnaireEndpoint(Endpoint):
    """A questionnaire about a colleague, by its opaque reference (the respondent only)."""

    lookup_url_kwarg = "ref"

    def get_object(self) -> Invitation:
        return invitation_by_ref(self.request, self.kwargs["ref"])

    def get_serializer_context(self) -> dict[str, Any]:
        return {**super().get_serializer_context(), "ref": self.kwargs["ref"]}


@extend_schema(tags=TAG)
@detailed("One questionnaire about a colleague (the respondent only), by its opaque reference")
class QuestionnaireDetail(QuestionnaireEndpoint, DetailEndpoint):
    """The form and the scale (the draft stays in the respondent's client)."""

    serializer_class = SurveyQuestionnaireOut


@extend_schema(tags=TAG)
class QuestionnaireSubmit(QuestionnaireEndpoint):
    """Submit; the answers are sealed without the respondent and not returned."""

    serializer_class = SurveySubmittedOut

    @extend_schema(
        summary="Submit once: every statement answered 1-5, before the deadline",
        request=SurveyAnswersIn,
    )
    def post(self, request: Request, ref: str) -> Response:
        data = body(SurveyAnswersIn, request)
        found = self.get_object()
        invitation = invitation_submit(
            actor=request.user, invitation_id=found.pk, answers=data["answers"]
        )
        self.kwargs["ref"] = questionnaire_ref(request, invitation.pk)
        return self.answer(invitation)


class SelfEndpoint(Endpoint):
    """The evaluatee's own self-assessment (404 for anyone else)."""

    get_for = own_target_get_for
    lookup_url_kwarg = "target_id"

    def own(self) -> SelfAssessment:
        """The self-assessment (an empty one, which nobody may answer, while it is a draft)."""
        target = self.get_object()
        return SelfAssessment.objects.filter(target=target).first() or SelfAssessment(target=target)


@extend_schema(tags=TAG)
class SelfDetail(SelfEndpoint):
    """The form and the evaluatee's own draft."""

    serializer_class = SurveyQuestionnaireOut

    @extend_schema(summary="My self-assessment (the evaluatee only)")
    def get(self, request: Request, target_id: int) -> Response:
        return self.answer(self.own())


@extend_schema(tags=TAG)
class SelfDraft(SelfEndpoint):
    """Autosave of the self-assessment."""

    serializer_class = SurveyDraftOut

    @extend_schema(summary="Save the self-assessment draft", request=SurveyAnswersIn)
    def put(self, request: Request, target_id: int) -> Response:
        data = body(SurveyAnswersIn, request)
        own = self_save_draft(actor=request.user, target_id=target_id, answers=data["answers"])
        own.target = self.get_object()
        return self.answer(own)


@extend_schema(tags=TAG)
@posted("Submit the self-assessment once")
class SelfSubmit(SelfEndpoint, Action):
    """Submit the self-assessment."""

    serializer_class = SurveySubmittedOut
    service = self_submit
    input_class = SurveyAnswersIn
    lookup_first = False


# --- reports -------------------------------------------------------------------------------------


@extend_schema(tags=TAG)
@listed("Reports the user may read (own, as evaluator, or as head of HR)", SurveyReportListOut)
class ReportList(ListEndpoint):
    """The readable reports of closed campaigns."""

    serializer_class = SurveyReportListOut

    def get_queryset(self) -> Any:
        return (
            reports_visible_to(self.request.user)
            .filter(campaign__status=CampaignStatus.CLOSED)
            .order_by("-campaign__year", "servant__last_name", "servant__first_name", "pk")
        )


@extend_schema(tags=TAG)
class ReportDetail(Endpoint):
    """Averages from the anonymous totals (the `bagalau calc` formula)."""

    serializer_class = SurveyReportOut
    get_for = report_get_for
    lookup_url_kwarg = "target_id"

    @extend_schema(summary="A 360 report (App. 7/8), or why it is withheld; the read is audited")
    def get(self, request: Request, target_id: int) -> Response:
        return self.answer(
            reports.report_for(self.get_object(), language=selectors.reader_language())
        )


class ReportExplanationOut(serializers.Serializer[Any]):
    """How a released 360 report's numbers were reached."""

    target = serializers.IntegerField()
    language = serializers.ChoiceField(choices=[(code, code) for code in LANGUAGES])
    overall = serializers.CharField(help_text="The report's overall score.")
    respondents = serializers.IntegerField(
        help_text="Respondents counted together (never by group; at least the threshold, p.35)."
    )
    steps = ExplainStepSerializer(many=True)


@extend_schema(tags=TAG)
class ReportExplain(Endpoint):
    """The steps from the anonymous totals to a released report's numbers (issue 14 item 5):
    the respondents counted together, the anonymity threshold (p.35), the rounding, each
    competency's mean, the overall score, the lowest three (p.36), the self-assessment beside;
    the same as the report page's. 404 for a withheld report; 400 for an unknown `lang`."""

    serializer_class = ReportExplanationOut
    get_for = report_get_for
    lookup_url_kwarg = "target_id"

    @extend_schema(summary="How a 360 report's numbers were reached", parameters=[LANG])
    def get(self, request: Request, target_id: int) -> Response:
        language = requested_language(request)
        target = self.get_object()
        explanation = report_explanation(reports.report_for(target, language=language), language)
        if explanation is None:
            raise Http404("Nothing to explain.")
        return self.answer(
            {
                "target": target.pk,
                "language": explanation.language,
                "overall": explanation.overall,
                "respondents": explanation.respondents,
                "steps": explanation.steps,
            }
        )


urlpatterns = [
    path("campaigns/", CampaignList.as_view(), name="surveys-campaigns"),
    path("campaigns/<int:campaign_id>/", CampaignDetail.as_view(), name="surveys-campaign"),
    path("campaigns/<int:campaign_id>/open/", CampaignOpen.as_view(), name="surveys-open"),
    path("campaigns/<int:campaign_id>/close/", CampaignClose.as_view(), name="surveys-close"),
    path(
        "campaigns/<int:campaign_id>/deadline/",
        CampaignDeadline.as_view(),
        name="surveys-deadline",
    ),
    path(
        "campaigns/<int:campaign_id>/training/",
        CampaignTraining.as_view(),
        name="surveys-training",
    ),
    path("targets/<int:target_id>/", TargetDelete.as_view(), name="surveys-target"),
    path(
        "targets/<int:target_id>/respondents/",
        TargetRespondents.as_view(),
        name="surveys-respondents",
    ),
    path("targets/<int:target_id>/feedback/", TargetFeedback.as_view(), name="surveys-feedback"),
    path("questionnaires/", QuestionnaireList.as_view(), name="surveys-questionnaires"),
    path("questionnaires/<str:ref>/", QuestionnaireDetail.as_view(), name="surveys-questionnaire"),
    path(
        "questionnaires/<str:ref>/submit/",
        QuestionnaireSubmit.as_view(),
        name="surveys-questionnaire-submit",
    ),
    path("self/<int:target_id>/", SelfDetail.as_view(), name="surveys-self"),
    path("self/<int:target_id>/draft/", SelfDraft.as_view(), name="surveys-self-draft"),
    path("self/<int:target_id>/submit/", SelfSubmit.as_view(), name="surveys-self-submit"),
    path("reports/", ReportList.as_view(), name="surveys-reports"),
    path("reports/<int:target_id>/", ReportDetail.as_view(), name="surveys-report"),
    path(
        "reports/<int:target_id>/explain/", ReportExplain.as_view(), name="surveys-report-explain"
    ),
    path("", include("bagalau.api.surveys_paper")),
]
