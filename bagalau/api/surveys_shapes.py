"""The shapes of the 360 survey endpoints (/api/v1/surveys/, seed 002 p.33-36, App. 5-8): one
serializer per shape, serving both the schema and the answer (it reads the model, or the
selector's record, itself), and the input serializers.

No shape names who answered: a respondent list is HR's, a report holds only the averages
computed at closing from the sealed ballots.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from drf_spectacular.utils import extend_schema_field

from bagalau.api import serializers
from bagalau.surveys import my_tasks, reports, selectors, training
from bagalau.surveys.access import is_hr_head, questionnaire_actions
from bagalau.surveys.models import Campaign, CampaignStatus, Invitation, PaperBatch, SelfAssessment

TAG = ["surveys"]


def _s(value: Any) -> str | None:
    return None if value is None else str(value)


# --- input ---------------------------------------------------------------------------------------


class SurveyCampaignIn(serializers.Serializer[Any]):
    """HR drafts the year's survey (organisation: the user's current one when omitted)."""

    year = serializers.IntegerField(min_value=2000, max_value=2099)
    deadline = serializers.DateField(required=False, allow_null=True, default=None)
    organisation_id = serializers.IntegerField(required=False, allow_null=True, default=None)


class SurveyDeadlineIn(serializers.Serializer[Any]):
    """A new deadline."""

    deadline = serializers.DateField()


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


class SurveyPaperReturnsIn(serializers.Serializer[Any]):
    """The respondents (servant ids) who returned a closed envelope."""

    respondents = serializers.ListField(
        child=serializers.IntegerField(), allow_empty=False, source="respondent_ids"
    )


class SurveyPaperBatchIn(serializers.Serializer[Any]):
    """Every questionnaire awaiting entry, in any order: ``[{"ethics": [5, 4, 4], ...}, ...]``
    (multipart: the list as a JSON string in `questionnaires`, and the optional `scan`)."""

    questionnaires = serializers.JSONField()
    scan = serializers.FileField(required=False, allow_null=True, default=None)


# --- HR: the campaign ----------------------------------------------------------------------------


class SurveyCampaignOut(serializers.Serializer[Campaign]):
    """A campaign's workflow."""

    id = serializers.IntegerField()
    organisation_id = serializers.IntegerField()
    year = serializers.IntegerField()
    edition = serializers.CharField()
    status = serializers.CharField()
    deadline = serializers.DateField()
    legal_deadline = serializers.SerializerMethodField()
    opened_at = serializers.DateTimeField(allow_null=True)
    closed_at = serializers.DateTimeField(allow_null=True)
    evaluatees = serializers.SerializerMethodField()

    def get_legal_deadline(self, campaign: Campaign) -> dt.date:
        return selectors.legal_deadline(campaign)

    def get_evaluatees(self, campaign: Campaign) -> int:
        return campaign.targets.count()


class SurveyRespondentOut(serializers.Serializer[Invitation]):
    """Someone on HR's list (never whether they answered)."""

    servant_id = serializers.IntegerField(source="respondent_id")
    name = serializers.CharField(source="respondent.full_name")
    relation = serializers.CharField()


class SurveyTargetOut(serializers.Serializer[Any]):
    """An evaluatee in HR's list."""

    id = serializers.IntegerField(source="target.pk")
    servant_id = serializers.IntegerField(source="target.servant_id")
    servant = serializers.CharField(source="target.servant.full_name")
    position = serializers.CharField(source="target.position.name")
    unit_id = serializers.IntegerField(source="target.unit_id")
    unit = serializers.CharField(source="target.unit.name")
    form = serializers.CharField(source="target.form")
    evaluator = serializers.CharField(source="target.evaluator.full_name", allow_null=True)
    version = serializers.IntegerField(source="target.version")
    respondents = SurveyRespondentOut(many=True)
    respondent_count = serializers.IntegerField(source="count")
    count_ok = serializers.BooleanField()
    report_released = serializers.BooleanField(source="released", allow_null=True)
    feedback_given_on = serializers.DateField(source="target.feedback_given_on", allow_null=True)
    feedback_note = serializers.CharField(source="target.feedback_note")
    no_manager_reason = serializers.CharField(source="target.no_manager_reason")
    no_manager = serializers.BooleanField(help_text="No direct manager and no reason (p.35).")
    at_minimum = serializers.BooleanField(
        help_text="Exactly 3 respondents: two of them could work out the third's answers."
    )
    paper_pending = serializers.IntegerField(source="target.paper_pending")


class SurveyProgressOut(serializers.Serializer[Any]):
    """Answered / due for a unit's evaluatees (counts only)."""

    unit_id = serializers.IntegerField(source="unit.pk", allow_null=True)
    unit = serializers.SerializerMethodField()
    evaluatees = serializers.IntegerField(source="targets")
    answered = serializers.IntegerField()
    due = serializers.IntegerField()
    self_assessments = serializers.IntegerField(source="self_done")

    def get_unit(self, item: selectors.Progress) -> str:
        return item.unit.name if item.unit else ""


class SurveyWithheldOut(serializers.Serializer[Any]):
    """An evaluatee below the 3 responses a report needs (a count, never who)."""

    target_id = serializers.IntegerField(source="target.pk")
    servant = serializers.CharField(source="target.servant.full_name")
    unit = serializers.CharField(source="target.unit.name")
    responses = serializers.IntegerField()
    needed = serializers.IntegerField()


class SurveyCampaignDetailOut(SurveyCampaignOut):
    """The campaign with HR's lists, progress and the withheld list."""

    targets = serializers.SerializerMethodField()
    progress = serializers.SerializerMethodField()
    progress_total = serializers.SerializerMethodField()
    withheld = serializers.SerializerMethodField()

    def _progress(self, campaign: Campaign) -> tuple[list[selectors.Progress], Any]:
        if campaign.status == CampaignStatus.DRAFT:
            return [], None
        return selectors.progress(campaign)

    @extend_schema_field(SurveyTargetOut(many=True))
    def get_targets(self, campaign: Campaign) -> Any:
        rows = [row for group in selectors.target_rows(campaign) for row in group.rows]
        return SurveyTargetOut(rows, many=True).data

    @extend_schema_field(SurveyProgressOut(many=True))
    def get_progress(self, campaign: Campaign) -> Any:
        return SurveyProgressOut(self._progress(campaign)[0], many=True).data

    @extend_schema_field(SurveyProgressOut(allow_null=True))
    def get_progress_total(self, campaign: Campaign) -> Any:
        total = self._progress(campaign)[1]
        return SurveyProgressOut(total).data if total is not None else None

    @extend_schema_field(SurveyWithheldOut(many=True))
    def get_withheld(self, campaign: Campaign) -> Any:
        return SurveyWithheldOut(selectors.withheld(campaign), many=True).data


class SurveyTrainingRowOut(serializers.Serializer[Any]):
    """A competency and its counts per unit."""

    code = serializers.CharField()
    name = serializers.CharField()
    counts = serializers.SerializerMethodField()
    total = serializers.IntegerField()

    @extend_schema_field(serializers.DictField(child=serializers.IntegerField()))
    def get_counts(self, row: training.TrainingRow) -> dict[str, int]:
        units = self.context["units"]
        return {str(unit.pk): count for unit, count in zip(units, row.counts, strict=True)}


class SurveyTrainingOut(serializers.Serializer[training.TrainingNeeds]):
    """Training needs (p.36) of a closed campaign."""

    campaign_id = serializers.IntegerField(source="campaign.pk")
    year = serializers.IntegerField(source="campaign.year")
    units = serializers.SerializerMethodField()
    rows = serializers.SerializerMethodField()
    released = serializers.IntegerField()
    withheld = serializers.IntegerField()

    @extend_schema_field(serializers.DictField(child=serializers.CharField()))
    def get_units(self, needs: training.TrainingNeeds) -> dict[str, str]:
        return {str(unit.pk): unit.name for unit in needs.units}

    @extend_schema_field(SurveyTrainingRowOut(many=True))
    def get_rows(self, needs: training.TrainingNeeds) -> Any:
        return SurveyTrainingRowOut(needs.rows, many=True, context={"units": needs.units}).data


# --- respondents ---------------------------------------------------------------------------------


class SurveyTaskOut(serializers.Serializer[my_tasks.Task]):
    """One line of "my questionnaires" (`id`: the opaque reference of a questionnaire about a
    colleague, valid in this session; the evaluatee's record for a self-assessment)."""

    id = serializers.SerializerMethodField()
    kind = serializers.CharField()
    year = serializers.IntegerField(source="campaign.year")
    evaluatee = serializers.CharField(source="evaluatee.full_name")
    deadline = serializers.DateField(source="campaign.deadline")
    submitted_on = serializers.DateField(source="done_on", allow_null=True)
    open = serializers.BooleanField()

    def get_id(self, task: my_tasks.Task) -> str:
        return task.ref or str(task.pk)


Questionnaire = Invitation | SelfAssessment


class SurveySubmittedOut(serializers.Serializer[Questionnaire]):
    """The receipt of a submission: the date only, never the answers. `id` is the opaque
    reference of a questionnaire about a colleague (context ``ref``), the evaluatee's record for
    the self-assessment."""

    id = serializers.SerializerMethodField()
    kind = serializers.SerializerMethodField()
    submitted_on = serializers.SerializerMethodField()

    def get_id(self, questionnaire: Questionnaire) -> str:
        if isinstance(questionnaire, Invitation):
            return str(self.context["ref"])
        return str(questionnaire.target_id)

    def get_kind(self, questionnaire: Questionnaire) -> str:
        return "invitation" if isinstance(questionnaire, Invitation) else "self"

    @extend_schema_field(serializers.DateField())
    def get_submitted_on(self, questionnaire: Questionnaire) -> dt.date | None:
        if isinstance(questionnaire, Invitation):
            return questionnaire.completed_on
        return questionnaire.submitted_on


class SurveyStatementFormOut(serializers.Serializer[Any]):
    """A competency as the form asks it."""

    code = serializers.CharField()
    name = serializers.CharField()
    statements = serializers.ListField(child=serializers.CharField())


class SurveyScaleOut(serializers.Serializer[Any]):
    """An answer option."""

    value = serializers.IntegerField()
    text = serializers.CharField()


class SurveyQuestionnaireOut(SurveySubmittedOut):
    """A questionnaire of the user: about a colleague (`invitation`, `id` is its opaque
    reference) or themselves (`self`, `id` is the evaluatee's record)."""

    year = serializers.IntegerField(source="target.campaign.year")
    evaluatee = serializers.CharField(source="target.servant.full_name")
    position = serializers.CharField(source="target.position.name")
    unit = serializers.CharField(source="target.unit.name")
    deadline = serializers.DateField(source="target.campaign.deadline")
    form = serializers.CharField(source="target.form")
    appendix = serializers.SerializerMethodField()
    title = serializers.SerializerMethodField()
    instructions = serializers.SerializerMethodField()
    competencies = serializers.SerializerMethodField()
    scale = serializers.SerializerMethodField()
    can_answer = serializers.SerializerMethodField()
    draft = serializers.SerializerMethodField(
        help_text="The self-assessment's draft; always null about a colleague."
    )

    @extend_schema_field(serializers.DateField(allow_null=True))
    def get_submitted_on(self, questionnaire: Questionnaire) -> dt.date | None:
        return super().get_submitted_on(questionnaire)

    def _form(self, questionnaire: Questionnaire) -> Any:
        return selectors.survey_form(questionnaire.target.campaign, questionnaire.target.form)

    def get_appendix(self, questionnaire: Questionnaire) -> int:
        return int(self._form(questionnaire).appendix)

    def get_title(self, questionnaire: Questionnaire) -> str:
        return str(self._form(questionnaire).title.get(selectors.reader_language()))

    def get_instructions(self, questionnaire: Questionnaire) -> str:
        return str(self._form(questionnaire).instructions.get(selectors.reader_language()))

    @extend_schema_field(SurveyStatementFormOut(many=True))
    def get_competencies(self, questionnaire: Questionnaire) -> list[dict[str, Any]]:
        lang = selectors.reader_language()
        return [
            {
                "code": c.code,
                "name": c.name.get(lang),
                "statements": [s.get(lang) for s in c.statements],
            }
            for c in self._form(questionnaire).competencies
        ]

    @extend_schema_field(SurveyScaleOut(many=True))
    def get_scale(self, questionnaire: Questionnaire) -> list[dict[str, Any]]:
        rules = selectors.rules_for(questionnaire.target.campaign)
        return [
            {"value": option.value, "text": option.label.get(selectors.reader_language())}
            for option in rules.survey.answer_scale
        ]

    def get_can_answer(self, questionnaire: Questionnaire) -> bool:
        user = self.context["request"].user
        return "answer" in questionnaire_actions(user=user, obj=questionnaire)

    @extend_schema_field(serializers.JSONField(allow_null=True))
    def get_draft(self, questionnaire: Questionnaire) -> Any:
        if isinstance(questionnaire, Invitation) or questionnaire.submitted_on is not None:
            return None
        return questionnaire.answers if questionnaire.pk is not None else None


class SurveyDraftOut(serializers.Serializer[SelfAssessment]):
    """The self-assessment draft as saved, and how much of the form it answers."""

    id = serializers.SerializerMethodField()
    answered = serializers.SerializerMethodField()
    statements = serializers.SerializerMethodField()
    draft = serializers.JSONField(source="answers")

    def get_id(self, own: SelfAssessment) -> str:
        return str(own.target_id)

    def get_answered(self, own: SelfAssessment) -> int:
        return my_tasks.answered_count(own.answers)

    def get_statements(self, own: SelfAssessment) -> int:
        target = own.target
        return my_tasks.statement_count(selectors.survey_form(target.campaign, target.form))


# --- reports -------------------------------------------------------------------------------------


class SurveyReportRowOut(serializers.Serializer[reports.ReportRow]):
    """A competency line of App. 7/8."""

    number = serializers.IntegerField()
    code = serializers.CharField()
    name = serializers.CharField()
    average = serializers.CharField(source="others")
    self = serializers.CharField(source="own", allow_null=True)
    lowest_rank = serializers.IntegerField(allow_null=True)


class SurveyReportOut(serializers.Serializer[reports.Report]):
    """A report, or why it is withheld. Numbers are strings with 2 decimals, as `bagalau calc`."""

    target_id = serializers.IntegerField(source="target.pk")
    servant = serializers.CharField(source="target.servant.full_name")
    year = serializers.IntegerField(source="campaign.year")
    form = serializers.CharField(source="target.form")
    appendix = serializers.SerializerMethodField()
    released = serializers.BooleanField()
    reason = serializers.CharField()
    respondents = serializers.SerializerMethodField()
    competencies = serializers.SerializerMethodField()
    self = serializers.SerializerMethodField()
    overall = serializers.SerializerMethodField()
    lowest = serializers.SerializerMethodField()
    rows = SurveyReportRowOut(many=True)
    feedback_given_on = serializers.DateField(source="target.feedback_given_on", allow_null=True)
    paper = serializers.SerializerMethodField(
        help_text="Responses entered from paper questionnaires."
    )

    def get_appendix(self, report: reports.Report) -> int:
        return int(report.form.appendix) + 2

    def get_respondents(self, report: reports.Report) -> int | None:
        # Every reader learns how many responded (issue 8 item 4); HR's head also when withheld.
        user = self.context["request"].user
        show = report.released or is_hr_head(user, report.campaign.organisation)
        return report.responses if show else None

    @extend_schema_field(serializers.DictField(child=serializers.CharField(), allow_null=True))
    def get_competencies(self, report: reports.Report) -> dict[str, str] | None:
        result = report.result
        return {code: str(v) for code, v in result.competencies.items()} if result else None

    @extend_schema_field(serializers.DictField(child=serializers.CharField(), allow_null=True))
    def get_self(self, report: reports.Report) -> dict[str, str] | None:
        result = report.result
        if not result or not result.self_assessment:
            return None
        return {code: str(v) for code, v in result.self_assessment.items()}

    def get_overall(self, report: reports.Report) -> str | None:
        return _s(report.result.overall) if report.result else None

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_lowest(self, report: reports.Report) -> list[str]:
        return list(report.result.lowest) if report.result else []

    def get_paper(self, report: reports.Report) -> int:
        return reports.paper_count(report.target) if report.released else 0


class SurveyReportListOut(serializers.Serializer[Any]):
    """A report the user may read (context ``released``: the released targets per campaign)."""

    target_id = serializers.IntegerField(source="pk")
    servant = serializers.CharField(source="servant.full_name")
    year = serializers.IntegerField(source="campaign.year")
    released = serializers.SerializerMethodField()

    def get_released(self, target: Any) -> bool:
        cache: dict[int, set[int]] = self.context.setdefault("released", {})
        if target.campaign_id not in cache:
            cache[target.campaign_id] = selectors.released_targets(target.campaign)
        return bool(target.pk in cache[target.campaign_id])


# --- paper ---------------------------------------------------------------------------------------


class SurveyPaperStateOut(serializers.Serializer[Any]):
    """How many paper questionnaires of the evaluatee await entry (never whose)."""

    target_id = serializers.IntegerField(source="pk")
    paper_pending = serializers.IntegerField()


class SurveyPaperBatchOut(serializers.Serializer[PaperBatch]):
    """The batch entered."""

    id = serializers.IntegerField()
    target_id = serializers.IntegerField()
    count = serializers.IntegerField()
    entered_on = serializers.DateField()
    scan = serializers.SerializerMethodField()

    def get_scan(self, batch: PaperBatch) -> bool:
        return bool(batch.scan)
