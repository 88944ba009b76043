"""REST endpoints of the 360 survey (/api/v1/surveys/): the same services, selectors and access
rules as the pages (seed 002 p.33-36, App. 5-8).

No endpoint returns who answered: HR gets the respondent lists and counts, a respondent their own
questionnaires (addressed by an opaque per-session reference, never the invitation's id, so that
access logs name no questionnaire; no draft is kept on the server), a report's readers the
averages computed at closing from the sealed ballots.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.http import Http404
from django.urls import include, path
from django.utils.translation import get_language
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import status
from rest_framework.decorators import api_view
from rest_framework.exceptions import PermissionDenied
from rest_framework.request import Request
from rest_framework.response import Response

from bagalau.api import serializers
from bagalau.core import clock
from bagalau.core.context import viewer
from bagalau.org.models import Organisation
from bagalau.org.selectors import organisations_where
from bagalau.surveys import selectors
from bagalau.surveys.access import (
    campaign_for_hr,
    campaigns_for_hr,
    is_hr_head,
    report_get_for,
    reports_visible_to,
    target_for_hr,
    target_for_self,
    training_get_for,
)
from bagalau.surveys.models import Campaign, CampaignStatus, SelfAssessment, Target
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

TAG = ["surveys"]

ERROR = inline_serializer(
    name="SurveyError",
    fields={
        "error": inline_serializer(
            name="SurveyErrorBody",
            fields={"field": serializers.CharField(), "message": serializers.CharField()},
        )
    },
)
ERRORS = {400: ERROR, 403: ERROR, 404: ERROR, 409: ERROR}


def _language() -> str:
    return (get_language() or "kk")[:2]


def _s(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def _valid(serializer_class: type[serializers.Serializer[Any]], request: Request) -> dict[str, Any]:
    serializer = serializer_class(data=request.data)
    serializer.is_valid(raise_exception=True)
    return dict(serializer.validated_data)


# --- serializers ---------------------------------------------------------------------------------


class SurveyCampaignIn(serializers.Serializer[Any]):
    """HR drafts the year's survey (organisation: the user's current one when omitted)."""

    year = serializers.IntegerField(min_value=2000, max_value=2099)
    deadline = serializers.DateField(required=False, allow_null=True, default=None)
    organisation_id = serializers.IntegerField(required=False, allow_null=True, default=None)


class SurveyDeadlineIn(serializers.Serializer[Any]):
    """A new deadline."""

    deadline = serializers.DateField()


class SurveyCampaignOut(serializers.Serializer[Any]):
    """A campaign's workflow."""

    id = serializers.IntegerField()
    organisation_id = serializers.IntegerField()
    year = serializers.IntegerField()
    edition = serializers.CharField()
    status = serializers.CharField()
    deadline = serializers.DateField()
    legal_deadline = serializers.DateField()
    opened_at = serializers.DateTimeField(allow_null=True)
    closed_at = serializers.DateTimeField(allow_null=True)
    evaluatees = serializers.IntegerField()


def _campaign(campaign: Campaign) -> dict[str, Any]:
    return {
        "id": campaign.pk,
        "organisation_id": campaign.organisation_id,
        "year": campaign.year,
        "edition": campaign.edition,
        "status": campaign.status,
        "deadline": campaign.deadline,
        "legal_deadline": selectors.legal_deadline(campaign),
        "opened_at": campaign.opened_at,
        "closed_at": campaign.closed_at,
        "evaluatees": campaign.targets.count(),
    }


class SurveyRespondentOut(serializers.Serializer[Any]):
    """Someone on HR's list (never whether they answered)."""

    servant_id = serializers.IntegerField()
    name = serializers.CharField()
    relation = serializers.CharField()


class SurveyTargetOut(serializers.Serializer[Any]):
    """An evaluatee in HR's list."""

    id = serializers.IntegerField()
    servant_id = serializers.IntegerField()
    servant = serializers.CharField()
    position = serializers.CharField()
    unit_id = serializers.IntegerField()
    unit = serializers.CharField()
    form = serializers.CharField()
    evaluator = serializers.CharField(allow_null=True)
    version = serializers.IntegerField()
    respondents = SurveyRespondentOut(many=True)
    respondent_count = serializers.IntegerField()
    count_ok = serializers.BooleanField()
    report_released = serializers.BooleanField(allow_null=True)
    feedback_given_on = serializers.DateField(allow_null=True)
    feedback_note = serializers.CharField()
    no_manager_reason = serializers.CharField()
    no_manager = serializers.BooleanField(help_text="No direct manager and no reason (p.35).")
    at_minimum = serializers.BooleanField(
        help_text="Exactly 3 respondents: two of them could work out the third's answers."
    )
    paper_pending = serializers.IntegerField()


def _target(row: selectors.TargetRow) -> dict[str, Any]:
    target = row.target
    return {
        "id": target.pk,
        "servant_id": target.servant_id,
        "servant": target.servant.full_name,
        "position": target.position.name,
        "unit_id": target.unit_id,
        "unit": target.unit.name,
        "form": target.form,
        "evaluator": target.evaluator.full_name if target.evaluator else None,
        "version": target.version,
        "respondents": [
            {
                "servant_id": invitation.respondent_id,
                "name": invitation.respondent.full_name,
                "relation": invitation.relation,
            }
            for invitation in row.respondents
        ],
        "respondent_count": row.count,
        "count_ok": row.count_ok,
        "report_released": row.released,
        "feedback_given_on": target.feedback_given_on,
        "feedback_note": target.feedback_note,
        "no_manager_reason": target.no_manager_reason,
        "no_manager": row.no_manager,
        "at_minimum": row.at_minimum,
        "paper_pending": target.paper_pending,
    }


class SurveyProgressOut(serializers.Serializer[Any]):
    """Answered / due for a unit's evaluatees (counts only)."""

    unit_id = serializers.IntegerField(allow_null=True)
    unit = serializers.CharField()
    evaluatees = serializers.IntegerField()
    answered = serializers.IntegerField()
    due = serializers.IntegerField()
    self_assessments = serializers.IntegerField()


def _progress(item: selectors.Progress) -> dict[str, Any]:
    return {
        "unit_id": item.unit.pk if item.unit else None,
        "unit": item.unit.name if item.unit else "",
        "evaluatees": item.targets,
        "answered": item.answered,
        "due": item.due,
        "self_assessments": item.self_done,
    }


class SurveyWithheldOut(serializers.Serializer[Any]):
    """An evaluatee below the 3 responses a report needs (a count, never who)."""

    target_id = serializers.IntegerField()
    servant = serializers.CharField()
    unit = serializers.CharField()
    responses = serializers.IntegerField()
    needed = serializers.IntegerField()


class SurveyCampaignDetailOut(SurveyCampaignOut):
    """The campaign with HR's lists, progress and the withheld list."""

    targets = SurveyTargetOut(many=True)
    progress = SurveyProgressOut(many=True)
    progress_total = SurveyProgressOut(allow_null=True)
    withheld = SurveyWithheldOut(many=True)


def _campaign_detail(campaign: Campaign) -> dict[str, Any]:
    rows = [row for group in selectors.target_rows(campaign) for row in group.rows]
    per_unit: list[selectors.Progress] = []
    total: selectors.Progress | None = None
    if campaign.status != CampaignStatus.DRAFT:
        per_unit, total = selectors.progress(campaign)
    return {
        **_campaign(campaign),
        "targets": [_target(row) for row in rows],
        "progress": [_progress(item) for item in per_unit],
        "progress_total": _progress(total) if total is not None else None,
        "withheld": [
            {
                "target_id": item.target.pk,
                "servant": item.target.servant.full_name,
                "unit": item.target.unit.name,
                "responses": item.responses,
                "needed": item.needed,
            }
            for item in selectors.withheld(campaign)
        ],
    }


class SurveyRespondentsIn(serializers.Serializer[Any]):
    """HR's list for one evaluatee (3-7 servants)."""

    respondents = serializers.ListField(child=serializers.IntegerField())
    version = serializers.IntegerField(required=False, allow_null=True, default=None)
    no_manager_reason = serializers.CharField(
        required=False, allow_null=True, allow_blank=True, default=None, max_length=1000
    )


class SurveyFeedbackIn(serializers.Serializer[Any]):
    """The feedback given (p.36)."""

    given_on = serializers.DateField()
    note = serializers.CharField(required=False, allow_blank=True, default="")
    version = serializers.IntegerField(required=False, allow_null=True, default=None)


class SurveyAnswersIn(serializers.Serializer[Any]):
    """Answers per competency: ``{"ethics": [5, 4, 4], ...}`` (a draft may hold nulls)."""

    answers = serializers.JSONField()


class SurveyStatementFormOut(serializers.Serializer[Any]):
    """A competency as the form asks it."""

    code = serializers.CharField()
    name = serializers.CharField()
    statements = serializers.ListField(child=serializers.CharField())


class SurveyScaleOut(serializers.Serializer[Any]):
    """An answer option."""

    value = serializers.IntegerField()
    text = serializers.CharField()


class SurveyQuestionnaireOut(serializers.Serializer[Any]):
    """A questionnaire of the user: about a colleague (`invitation`, `id` is its opaque
    reference) or themselves (`self`, `id` is the evaluatee's record)."""

    id = serializers.CharField()
    kind = serializers.CharField()
    year = serializers.IntegerField()
    evaluatee = serializers.CharField()
    position = serializers.CharField()
    unit = serializers.CharField()
    deadline = serializers.DateField()
    form = serializers.CharField()
    appendix = serializers.IntegerField()
    title = serializers.CharField()
    instructions = serializers.CharField()
    competencies = SurveyStatementFormOut(many=True)
    scale = SurveyScaleOut(many=True)
    submitted_on = serializers.DateField(allow_null=True)
    can_answer = serializers.BooleanField()
    draft = serializers.JSONField(
        allow_null=True, help_text="The self-assessment's draft; always null about a colleague."
    )


def _questionnaire(
    *, kind: str, pk: int | str, target: Target, submitted_on: dt.date | None, draft: Any
) -> dict[str, Any]:
    campaign = target.campaign
    form = selectors.survey_form(campaign, target.form)
    rules = selectors.rules_for(campaign)
    language = _language()
    return {
        "id": pk,
        "kind": kind,
        "year": campaign.year,
        "evaluatee": target.servant.full_name,
        "position": target.position.name,
        "unit": target.unit.name,
        "deadline": campaign.deadline,
        "form": form.code,
        "appendix": form.appendix,
        "title": form.title.get(language),
        "instructions": form.instructions.get(language),
        "competencies": [
            {
                "code": c.code,
                "name": c.name.get(language),
                "statements": [s.get(language) for s in c.statements],
            }
            for c in form.competencies
        ],
        "scale": [
            {"value": option.value, "text": option.label.get(language)}
            for option in rules.survey.answer_scale
        ],
        "submitted_on": submitted_on,
        "can_answer": submitted_on is None
        and campaign.status == CampaignStatus.OPEN
        and clock.today() <= campaign.deadline,
        "draft": draft if submitted_on is None else None,
    }


class SurveyTaskOut(serializers.Serializer[Any]):
    """One line of "my questionnaires" (`id`: the opaque reference of a questionnaire about a
    colleague, valid in this session; the evaluatee's record for a self-assessment)."""

    id = serializers.CharField()
    kind = serializers.CharField()
    year = serializers.IntegerField()
    evaluatee = serializers.CharField()
    deadline = serializers.DateField()
    submitted_on = serializers.DateField(allow_null=True)
    open = serializers.BooleanField()


class SurveySubmittedOut(serializers.Serializer[Any]):
    """The receipt of a submission: the date only, never the answers."""

    id = serializers.CharField()
    kind = serializers.CharField()
    submitted_on = serializers.DateField()


class SurveyDraftOut(serializers.Serializer[Any]):
    """The self-assessment draft as saved, and how much of the form it answers."""

    id = serializers.CharField()
    answered = serializers.IntegerField()
    statements = serializers.IntegerField()
    draft = serializers.JSONField()


class SurveyReportRowOut(serializers.Serializer[Any]):
    """A competency line of App. 7/8."""

    number = serializers.IntegerField()
    code = serializers.CharField()
    name = serializers.CharField()
    average = serializers.CharField()
    self = serializers.CharField(allow_null=True)
    lowest_rank = serializers.IntegerField(allow_null=True)


class SurveyReportOut(serializers.Serializer[Any]):
    """A report, or why it is withheld. Numbers are strings with 2 decimals, as `bagalau calc`."""

    target_id = serializers.IntegerField()
    servant = serializers.CharField()
    year = serializers.IntegerField()
    form = serializers.CharField()
    appendix = serializers.IntegerField()
    released = serializers.BooleanField()
    reason = serializers.CharField()
    respondents = serializers.IntegerField(allow_null=True)
    competencies = serializers.DictField(child=serializers.CharField(), allow_null=True)
    self = serializers.DictField(child=serializers.CharField(), allow_null=True)
    overall = serializers.CharField(allow_null=True)
    lowest = serializers.ListField(child=serializers.CharField())
    rows = SurveyReportRowOut(many=True)
    feedback_given_on = serializers.DateField(allow_null=True)
    paper = serializers.IntegerField(help_text="Responses entered from paper questionnaires.")


def _report(request: Request, target: Target) -> dict[str, Any]:
    report = selectors.report_for(target, language=_language())
    result = report.result
    show_count = report.released or is_hr_head(request.user, target.campaign.organisation)
    return {
        "target_id": target.pk,
        "servant": target.servant.full_name,
        "year": target.campaign.year,
        "form": target.form,
        "appendix": report.form.appendix + 2,
        "released": report.released,
        "reason": report.reason,
        "respondents": report.responses if show_count else None,
        "competencies": (
            {code: str(v) for code, v in result.competencies.items()} if result else None
        ),
        "self": (
            {code: str(v) for code, v in result.self_assessment.items()}
            if result and result.self_assessment
            else None
        ),
        "overall": _s(result.overall) if result else None,
        "lowest": list(result.lowest) if result else [],
        "rows": [
            {
                "number": row.number,
                "code": row.code,
                "name": row.name,
                "average": str(row.others),
                "self": _s(row.own),
                "lowest_rank": row.lowest_rank,
            }
            for row in report.rows
        ],
        "feedback_given_on": target.feedback_given_on,
        "paper": selectors.paper_count(target) if report.released else 0,
    }


class SurveyReportListOut(serializers.Serializer[Any]):
    """A report the user may read."""

    target_id = serializers.IntegerField()
    servant = serializers.CharField()
    year = serializers.IntegerField()
    released = serializers.BooleanField()


class SurveyTrainingRowOut(serializers.Serializer[Any]):
    """A competency and its counts per unit."""

    code = serializers.CharField()
    name = serializers.CharField()
    counts = serializers.DictField(child=serializers.IntegerField())
    total = serializers.IntegerField()


class SurveyTrainingOut(serializers.Serializer[Any]):
    """Training needs (p.36) of a closed campaign."""

    campaign_id = serializers.IntegerField()
    year = serializers.IntegerField()
    units = serializers.DictField(child=serializers.CharField())
    rows = SurveyTrainingRowOut(many=True)
    released = serializers.IntegerField()
    withheld = serializers.IntegerField()


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
        rows = campaigns_for_hr(request.user).order_by("-year", "pk")
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
    campaign = campaign_for_hr(request.user, campaign_id)
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
    campaign = training_get_for(request.user, campaign_id)
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
        return Response(SurveyTargetOut(_target_row(target_for_hr(request.user, target_id))).data)
    data = _valid(SurveyRespondentsIn, request)
    target = target_set_respondents(
        actor=request.user,
        target_id=target_id,
        respondent_ids=data["respondents"],
        version=data["version"],
        no_manager_reason=data["no_manager_reason"],
    )
    return Response(SurveyTargetOut(_target_row(target_for_hr(request.user, target.pk))).data)


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
    target = target_for_self(request.user, target_id)
    own = SelfAssessment.objects.filter(target=target).first()
    data = _questionnaire(
        kind="self",
        pk=target.pk,
        target=target,
        submitted_on=own.submitted_on if own else None,
        draft=own.answers if own else None,
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
    target = target_for_self(request.user, target_id)
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
    target = report_get_for(request.user, target_id)
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
