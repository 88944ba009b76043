"""The shapes of the 360 survey endpoints (/api/v1/surveys/, seed 002 p.33-36, App. 5-8): the
request and response serializers, the error shape, and the dicts the endpoints answer with.

No shape names who answered: a respondent list is HR's, a report holds only the averages
computed at closing from the sealed ballots.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.utils.translation import get_language
from drf_spectacular.utils import inline_serializer
from rest_framework.request import Request

from bagalau.api import serializers
from bagalau.surveys import selectors
from bagalau.surveys.access import is_hr_head
from bagalau.surveys.models import Campaign, CampaignStatus, Target

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
    *,
    kind: str,
    pk: int | str,
    target: Target,
    submitted_on: dt.date | None,
    draft: Any,
    actions: frozenset[str],
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
        "can_answer": "answer" in actions,
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
