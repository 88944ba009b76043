"""360 survey models (seed 002 p.33-36, App. 5-8; SPEC §4.6).

Anonymity is a property of the schema, not of the pages (threat model: docs/threat-model-360.md):

- `Invitation` says who is asked about whom (HR chooses the list, p.35) and whether that person
  has answered (or returned a paper questionnaire), by DATE only. No draft is kept on the server:
  the respondent's draft stays in their browser.
- A submitted questionnaire becomes a `Ballot`: sealed (AES-GCM under a per-campaign key derived
  from the server's secret, which is not in the database), with a random UUID key, the target
  and nothing else: no respondent, no invitation, no time, no sequence. The "completed" mark and
  the ballot are written in two separate transactions, and every ballot of the target is
  rewritten (re-sealed, new keys, shuffled) with each new one, so neither a transaction id nor a
  row position tells which ballot came last.
- Only when the campaign closes are the ballots opened and added up into `AnswerTotal` (per
  target, competency and statement) and `ResponseTally` (per target: how many responses, how
  many from paper), in one transaction, and deleted. Targets with fewer responses than a report
  needs get a count and no totals. The same transaction stores each released report's lowest
  competencies (`LowestCompetency`): they follow from the totals alone and never change again.
- `SelfAssessment` is the evaluatee's own answers: not anonymous, shown beside, never counted.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from bagalau.core import bounds
from bagalau.core.models import TimeStampedModel
from bagalau.evaluations.models import Period
from bagalau.org.models import Organisation, Position, Servant, Unit


class CampaignStatus(models.TextChoices):
    """HR drafts the lists, opens the campaign, closes it after the deadline."""

    DRAFT = "draft", _("Draft")
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class Campaign(TimeStampedModel):
    """The year's 360 survey of an organisation (p.33: once a year)."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="survey_campaigns"
    )
    year = models.PositiveIntegerField(_("year"))
    edition = models.CharField(_("edition"), max_length=30)
    period = models.ForeignKey(
        Period,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("schedule period"),
    )
    deadline = models.DateField(_("deadline"))
    status = models.CharField(
        _("status"), max_length=20, choices=CampaignStatus.choices, default=CampaignStatus.DRAFT
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    opened_at = models.DateTimeField(_("opened"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)

    class Meta:
        verbose_name = _("360 campaign")
        verbose_name_plural = _("360 campaigns")
        ordering = ["organisation", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "year"], name="one_campaign_a_year")
        ]

    def __str__(self) -> str:
        return f"{self.organisation} — 360 — {self.year}"


class SurveyFormCode(models.TextChoices):
    """App. 5 (deputy head, heads of units: 12 competencies) or App. 6 (staff: 8)."""

    MANAGER = "manager", _("Managers (App. 5)")
    STAFF = "staff", _("Staff (App. 6)")


class Target(models.Model):
    """One servant evaluated in the campaign: the form, the evaluator who may read the report and
    the feedback HR recorded (p.36). No progress lives here: see `ResponseTally`."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="targets")
    servant = models.ForeignKey(Servant, on_delete=models.PROTECT, related_name="survey_targets")
    position = models.ForeignKey(Position, on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    form = models.CharField(_("form"), max_length=20, choices=SurveyFormCode.choices)
    evaluator = models.ForeignKey(
        Servant,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="survey_reports_to_read",
        verbose_name=_("evaluator"),
    )
    feedback_given_on = models.DateField(_("feedback given on"), null=True, blank=True)
    feedback_note = models.TextField(_("feedback note"), blank=True, max_length=bounds.LONG_TEXT)
    feedback_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    no_manager_reason = models.TextField(
        _("why the direct manager is not a respondent"), blank=True, max_length=1000
    )
    paper_pending = models.PositiveIntegerField(_("paper questionnaires awaiting entry"), default=0)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("360 evaluatee")
        verbose_name_plural = _("360 evaluatees")
        ordering = ["campaign", "servant__last_name", "servant__first_name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "servant"], name="one_target_a_campaign"),
            *bounds.length_checks(
                "surveys_target", feedback_note=bounds.LONG_TEXT, no_manager_reason=1000
            ),
        ]

    def __str__(self) -> str:
        return f"{self.servant} — 360 — {self.campaign.year}"


class Relation(models.TextChoices):
    """How the respondent works with the evaluatee (p.35). Shown to HR only, never with answers:
    a "manager" answer would name the one direct manager."""

    MANAGER = "manager", _("Direct manager")
    SUBORDINATE = "subordinate", _("Subordinate")
    PEER = "peer", _("Peer")


class Invitation(models.Model):
    """A respondent asked about a target. Completion is a flag and a date (no time, no link to the
    answers), `on_paper` says the questionnaire was returned on paper. No draft, no timestamp
    columns."""

    target = models.ForeignKey(Target, on_delete=models.CASCADE, related_name="invitations")
    respondent = models.ForeignKey(
        Servant, on_delete=models.CASCADE, related_name="survey_invitations"
    )
    relation = models.CharField(_("relation"), max_length=20, choices=Relation.choices)
    completed = models.BooleanField(_("answered"), default=False)
    completed_on = models.DateField(_("answered on"), null=True, blank=True)
    on_paper = models.BooleanField(_("returned on paper"), default=False)

    class Meta:
        verbose_name = _("360 questionnaire")
        verbose_name_plural = _("360 questionnaires")
        ordering = ["target", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["target", "respondent"], name="respondent_once"),
            models.CheckConstraint(
                condition=models.Q(on_paper=False) | models.Q(completed=True),
                name="paper_is_completed",
            ),
        ]
        # the campaign page's and HR dashboard's counts per evaluatee read this index alone
        # (issue 12 item 3: 700,000 questionnaires at 100,000 evaluatees)
        indexes = [models.Index(fields=["target", "completed"], name="invitation_target_completed")]

    def __str__(self) -> str:
        # Never names the pair: admin pages and logs print this.
        return f"360 questionnaire #{self.pk}"


class Ballot(models.Model):
    """One submitted questionnaire, sealed, until the campaign closes (see the module's
    docstring and `bagalau.surveys.ballots`). Deliberately: a random key, the target, the sealed
    bytes; no respondent, invitation, relation, channel or time."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    target = models.ForeignKey(Target, on_delete=models.CASCADE, related_name="+")
    sealed = models.BinaryField()

    class Meta:
        verbose_name = _("360 sealed ballot")
        verbose_name_plural = _("360 sealed ballots")

    def __str__(self) -> str:
        return "360 sealed ballot"


class SelfAssessment(models.Model):
    """The evaluatee's own answers (p.35): shown beside the others' means, never counted."""

    target = models.OneToOneField(Target, on_delete=models.CASCADE, related_name="self_assessment")
    answers = models.JSONField(_("answers"), default=dict, blank=True)
    submitted_on = models.DateField(_("submitted on"), null=True, blank=True)

    class Meta:
        verbose_name = _("360 self-assessment")
        verbose_name_plural = _("360 self-assessments")

    def __str__(self) -> str:
        return f"360 self-assessment #{self.pk}"


class RunningTally(models.Model):
    """How many questionnaires a target's list asks for and how many of them are answered
    (online or returned on paper) while the survey runs: written when it opens and kept by
    every step that adds a respondent or marks a questionnaire answered, so the campaign page
    and HR's dashboard add these up instead of counting 700,000 questionnaires on each view
    (issue 12 item 3). Anonymous: counters only, no respondent, no time; a submission changes
    it in the transaction that marks the questionnaire answered, never in the one that seals
    the answers (docs/threat-model-360.md)."""

    target = models.OneToOneField(
        Target, on_delete=models.CASCADE, related_name="running", primary_key=True
    )
    invited = models.PositiveIntegerField(_("questionnaires due"), default=0)
    answered = models.PositiveIntegerField(_("questionnaires answered"), default=0)

    class Meta:
        verbose_name = _("360 running count")
        verbose_name_plural = _("360 running counts")

    def __str__(self) -> str:
        return f"360 running count #{self.pk}"


class ResponseTally(models.Model):
    """How many non-self questionnaires were due and counted for a target, and how many of them
    were entered from paper. Written when the campaign closes. Anonymous: counters only."""

    target = models.OneToOneField(
        Target, on_delete=models.CASCADE, related_name="tally", primary_key=True
    )
    responses = models.PositiveIntegerField(default=0)
    paper = models.PositiveIntegerField(_("entered from paper"), default=0)
    #: The questionnaires the target's list asked for (its invitations, frozen at closing).
    invited = models.PositiveIntegerField(_("questionnaires due"), default=0)

    class Meta:
        verbose_name = _("360 response count")
        verbose_name_plural = _("360 response counts")

    def __str__(self) -> str:
        return f"360 response count #{self.pk}"


class AnswerTotal(models.Model):
    """The sum of the non-self answers to one statement about one target, and how many answers it
    holds, written once when the campaign closes (released reports only). Anonymous: no
    respondent, no relation, no time, no row per response."""

    target = models.ForeignKey(Target, on_delete=models.CASCADE, related_name="answer_totals")
    competency = models.CharField(max_length=40)
    statement = models.PositiveSmallIntegerField()
    total = models.PositiveIntegerField(default=0)
    answers = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("360 answer total")
        verbose_name_plural = _("360 answer totals")
        constraints = [
            models.UniqueConstraint(
                fields=["target", "competency", "statement"], name="one_total_a_statement"
            )
        ]

    def __str__(self) -> str:
        return f"360 answer total #{self.pk}"


class LowestCompetency(models.Model):
    """One of the lowest competencies of a released report (p.36: the input for training), by
    rank (1 = lowest), written once when the campaign closes from the totals, which are frozen
    from then on. Anonymous like the totals it derives from: no respondent, no relation, no time."""

    target = models.ForeignKey(Target, on_delete=models.CASCADE, related_name="lowest")
    rank = models.PositiveSmallIntegerField()
    competency = models.CharField(max_length=40, editable=False)

    class Meta:
        verbose_name = _("360 lowest competency")
        verbose_name_plural = _("360 lowest competencies")
        constraints = [
            models.UniqueConstraint(fields=["target", "rank"], name="one_competency_a_rank")
        ]

    def __str__(self) -> str:
        return f"360 lowest competency #{self.pk}"


class ClosedFigures(models.Model):
    """What the pages of a closed campaign show per unit of the evaluatees, worked out once when
    it closes (its counts are frozen from then on): `units` {unit id: [evaluatees, responses,
    questionnaires due, self-assessments, reports withheld]} for the progress, `training`
    {competency: {unit id: servants whose released report has it among the lowest three}}
    for the training needs (p.36). Read instead of adding up 100,000 counters and 300,000
    lowest competencies on every view (issue 12 item 3). Counts per unit only."""

    campaign = models.OneToOneField(
        Campaign, on_delete=models.CASCADE, related_name="closed_figures", primary_key=True
    )
    units = models.JSONField(default=dict)
    training = models.JSONField(default=dict)

    class Meta:
        verbose_name = _("360 figures per unit")
        verbose_name_plural = _("360 figures per unit")

    def __str__(self) -> str:
        return f"360 figures per unit #{self.pk}"


class PaperBatch(models.Model):
    """HR entered the paper questionnaires of a target (p.33: on paper when the system cannot be
    used): how many, by whom, on which day, and the scan of the batch when HR has one (sealed
    like the ballots). Names no respondent: the batch holds every paper questionnaire returned
    for the target, entered in any order."""

    target = models.ForeignKey(Target, on_delete=models.CASCADE, related_name="paper_batches")
    count = models.PositiveIntegerField(_("questionnaires"))
    entered_on = models.DateField(_("entered on"))
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    scan = models.CharField(_("scan"), max_length=100, blank=True)
    scan_type = models.CharField(max_length=40, blank=True)

    class Meta:
        verbose_name = _("360 paper batch")
        verbose_name_plural = _("360 paper batches")
        ordering = ["target", "pk"]

    def __str__(self) -> str:
        return f"360 paper batch #{self.pk}"
