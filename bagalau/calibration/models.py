"""Calibration sessions (seed 002 p.12-13, p.37-42; SPEC §4.7)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from bagalau.core import bounds
from bagalau.core.models import TimeStampedModel
from bagalau.core.workflow import Step, Workflow
from bagalau.evaluations.models import Evaluation


class ApplicationStatus(models.TextChoices):
    """The head of the apparatus decides to hold the session and approves its members within 3
    working days (seed 002 p.38): an application made in time leads to a session.

    `LEGACY_REJECTED` is history only: applications rejected before the correction of p.38 keep
    their status, decision and the result finalised then (migration 0004); no service sets it.
    """

    SUBMITTED = "submitted", _("Submitted")
    ACCEPTED = "accepted", _("Session ordered")
    LEGACY_REJECTED = "rejected", _("Rejected before the p.38 correction")


#: The application's life cycle (p.38): the head of the apparatus decides — orders the session —
#: on a submitted application; no action leads to `LEGACY_REJECTED` (history only).
APPLICATION_FLOW = Workflow(
    "calibration_application",
    {
        "decide": Step(
            (ApplicationStatus.SUBMITTED,), ApplicationStatus.ACCEPTED, "apparatus_head"
        ),
    },
    groups={
        "undecided": frozenset({ApplicationStatus.SUBMITTED}),
        "decided": frozenset({ApplicationStatus.ACCEPTED, ApplicationStatus.LEGACY_REJECTED}),
    },
)


class Application(TimeStampedModel):
    """A servant's free-text application for a calibration session (p.12)."""

    evaluation = models.OneToOneField(
        Evaluation, on_delete=models.PROTECT, related_name="calibration_application"
    )
    text = models.TextField(_("application"), max_length=bounds.LONG_TEXT)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    submitted_on = models.DateField(_("submitted on"))
    decision_due = models.DateField(_("decision due"))
    session_due = models.DateField(_("session due"))
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ApplicationStatus.choices,
        default=ApplicationStatus.SUBMITTED,
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_comment = models.TextField(
        _("note on the decision"), blank=True, max_length=bounds.LONG_TEXT
    )

    class Meta:
        verbose_name = _("calibration application")
        verbose_name_plural = _("calibration applications")
        ordering = ["-submitted_on"]
        constraints = [
            *bounds.length_checks(
                "calibration_application", text=bounds.LONG_TEXT, decision_comment=bounds.LONG_TEXT
            )
        ]

    def __str__(self) -> str:
        return f"{self.evaluation} ({self.submitted_on:%d.%m.%Y})"


class SessionStatus(models.TextChoices):
    """From the order of the head to the posted protocol and the feedback meeting."""

    SCHEDULED = "scheduled", _("Scheduled")
    PRESENTED = "presented", _("Evaluator's presentation recorded")
    DECIDED = "decided", _("Final score adopted")
    SIGNED = "signed", _("Protocol signed")
    POSTED = "posted", _("Protocol posted")
    CLOSED = "closed", _("Feedback meeting held")


_UNDER_WAY = (SessionStatus.SCHEDULED, SessionStatus.PRESENTED)
_SIGNED = (SessionStatus.SIGNED, SessionStatus.POSTED, SessionStatus.CLOSED)

#: The session's life cycle (p.41-42, SPEC §4.7): the evaluator presents (until the first vote),
#: the participants vote round by round, the head of HR closes a round with a quorum and signs
#: the protocol, HR posts it, the evaluator records the feedback meeting; the head of the
#: apparatus replaces a participant while the session is under way; HR records appeals against
#: the decision (p.13). `session_actions` narrows the table by the votes, the quorum and what
#: was already recorded.
SESSION_FLOW = Workflow(
    "calibration_session",
    {
        "present": Step(_UNDER_WAY, SessionStatus.PRESENTED, "evaluator"),
        "vote": Step((SessionStatus.PRESENTED,), None, "participant"),
        "close_round": Step((SessionStatus.PRESENTED,), None, "hr_head"),
        "replace": Step(_UNDER_WAY, None, "apparatus_head"),
        "sign": Step((SessionStatus.DECIDED,), SessionStatus.SIGNED, "hr_head"),
        "post": Step((SessionStatus.SIGNED, SessionStatus.CLOSED), SessionStatus.POSTED, "hr"),
        "feedback": Step(
            (SessionStatus.SIGNED, SessionStatus.POSTED), SessionStatus.CLOSED, "evaluator"
        ),
        "appeal": Step((SessionStatus.DECIDED, *_SIGNED), None, "hr"),
    },
    groups={
        "under_way": frozenset(_UNDER_WAY),
        "voting": frozenset({SessionStatus.PRESENTED}),
        "decided": frozenset({SessionStatus.DECIDED, *_SIGNED}),
        "signed": frozenset(_SIGNED),
    },
)


class Session(TimeStampedModel):
    """A calibration session for one application, with the participants the head approved."""

    application = models.OneToOneField(
        Application, on_delete=models.PROTECT, related_name="session"
    )
    scheduled_for = models.DateTimeField(_("date and time"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    participants = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        related_name="calibration_sessions",
        verbose_name=_("participants"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=SessionStatus.choices, default=SessionStatus.SCHEDULED
    )
    round = models.PositiveSmallIntegerField(
        _("round"),
        default=1,
        help_text="The voting round under way; a round without a majority opens the next one.",
    )
    presentation = models.TextField(
        _("evaluator's presentation"), blank=True, max_length=bounds.LONG_TEXT
    )
    presented_at = models.DateTimeField(null=True, blank=True)
    final_score = models.DecimalField(max_digits=4, decimal_places=2, null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    protocol_signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    protocol_signed_at = models.DateTimeField(null=True, blank=True)
    protocol_posting_due = models.DateField(null=True, blank=True)
    protocol_posted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("calibration session")
        verbose_name_plural = _("calibration sessions")
        ordering = ["-scheduled_for"]
        constraints = [
            *bounds.length_checks("calibration_session", presentation=bounds.LONG_TEXT, place=200)
        ]

    def __str__(self) -> str:
        return f"{self.application.evaluation} — {self.scheduled_for:%d.%m.%Y}"


class VoteChoice(models.TextChoices):
    """Keep the evaluator's score, or argue to raise or lower it (p.41)."""

    KEEP = "keep", _("Keep the evaluator's score")
    RAISE = "raise", _("Raise")
    LOWER = "lower", _("Lower")


class Vote(models.Model):
    """A participant's vote in one round: the final score they support (SPEC §4.7)."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="votes")
    round = models.PositiveSmallIntegerField(default=1)
    voter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    choice = models.CharField(max_length=10, choices=VoteChoice.choices)
    score = models.DecimalField(max_digits=4, decimal_places=2)
    argument = models.TextField(_("argument"), blank=True, max_length=bounds.LONG_TEXT)
    cast_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        ordering = ["session", "round", "cast_at"]
        constraints = [
            models.UniqueConstraint(fields=["session", "round", "voter"], name="one_vote_a_round"),
            *bounds.length_checks("calibration_vote", argument=bounds.LONG_TEXT),
        ]

    def __str__(self) -> str:
        # No score: a vote's text may be shown where results are not (p.15, p.20).
        return f"{self.session} r{self.round}"


class FeedbackMeeting(models.Model):
    """The evaluator's meeting with the servant after the session (p.42)."""

    session = models.OneToOneField(Session, on_delete=models.CASCADE, related_name="feedback")
    held_on = models.DateField(_("held on"))
    achievements = models.TextField(_("achievements in the period"), max_length=bounds.LONG_TEXT)
    skills = models.TextField(_("skills and competencies"), max_length=bounds.LONG_TEXT)
    potential = models.TextField(_("potential and career goals"), max_length=bounds.LONG_TEXT)
    sector_head = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("head of the HR service who took part"),
        help_text="Seed 002 p.19(3): the head of the Sector takes part when necessary.",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("feedback meeting")
        verbose_name_plural = _("feedback meetings")
        constraints = [
            *bounds.length_checks(
                "calibration_feedbackmeeting",
                achievements=bounds.LONG_TEXT,
                skills=bounds.LONG_TEXT,
                potential=bounds.LONG_TEXT,
            )
        ]

    def __str__(self) -> str:
        return f"{self.session} ({self.held_on:%d.%m.%Y})"


class ScoreChange(models.Model):
    """A change of a result by calibration, kept with its history."""

    evaluation = models.ForeignKey(
        Evaluation, on_delete=models.PROTECT, related_name="score_changes"
    )
    session = models.ForeignKey(Session, on_delete=models.PROTECT, related_name="score_changes")
    old_score = models.DecimalField(max_digits=4, decimal_places=2)
    new_score = models.DecimalField(max_digits=4, decimal_places=2)
    old_rating = models.CharField(max_length=20)
    new_rating = models.CharField(max_length=20)
    changed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("score change")
        verbose_name_plural = _("score changes")
        ordering = ["evaluation", "changed_at"]

    def __str__(self) -> str:
        # No score: a change's text may be shown where results are not (p.15, p.20).
        return f"{self.evaluation} ({self.changed_at:%d.%m.%Y})"


class AppealOutcome(models.TextChoices):
    """The outcome of an appeal under the Administrative Procedural Code (p.13), recorded by HR."""

    PENDING = "pending", _("Pending")
    UPHELD = "upheld", _("Decision upheld")
    OVERTURNED = "overturned", _("Decision overturned")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    # The agency's outcomes on an appeal against a commission decision (EDITIONS.md §2.2 I2,
    # seed 004 p.43): recommend that the body cancel the decision and revise the result, or leave
    # the result unrevised.
    RECOMMEND_REVISION = "recommend_revision", _("Revision recommended")
    LEFT_UNCHANGED = "left_unchanged", _("Left unchanged")
    # moj-2017 names no outcomes of the agency's (seed 001 p.38-39): the two above or another,
    # described in the note (EDITIONS.md §9 M-13).
    OTHER = "other", _("Other (see the note)")


class AppealBasis(models.TextChoices):
    """The decision an appeal contests: a calibration session's (sjc-2023, seed 002 p.13) or an
    evaluation commission's (typical-2018 and moj-2017 editions: EDITIONS.md, step I1)."""

    CALIBRATION = "calibration", _("Decision of the calibration session")
    COMMISSION = "commission", _("Decision of the evaluation commission")
    # The servant's claim to a court against the commission's decision, a recorded fact (EDITIONS.md
    # §2.2 I4, seed 004 p.44).
    COURT = "court", _("Claim to a court against the commission's decision")


class Appeal(TimeStampedModel):
    """An appeal against a decision on an evaluation's result, its outcome decided outside the
    system (p.13; EDITIONS.md I1-I2). Model-neutral: it contests an `evaluation`; a calibration
    appeal also names the `session` whose decision it contests (a commission appeal has none)."""

    basis = models.CharField(
        _("decision appealed"), max_length=20, choices=AppealBasis.choices, default="calibration"
    )
    evaluation = models.ForeignKey(
        Evaluation, models.PROTECT, related_name="appeals", verbose_name=_("evaluation contested")
    )
    session = models.ForeignKey(
        Session, on_delete=models.PROTECT, null=True, blank=True, related_name="appeals"
    )
    filed_on = models.DateField(_("filed on"))
    authority = models.CharField(_("appealed to"), max_length=bounds.TITLE)
    outcome = models.CharField(
        _("outcome"), max_length=20, choices=AppealOutcome.choices, default=AppealOutcome.PENDING
    )
    outcome_on = models.DateField(_("outcome on"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True, max_length=bounds.LONG_TEXT)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("appeal")
        verbose_name_plural = _("appeals")
        ordering = ["-filed_on"]
        constraints = [
            *bounds.length_checks(
                "calibration_appeal", authority=bounds.TITLE, note=bounds.LONG_TEXT
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(basis=AppealBasis.CALIBRATION, session__isnull=False)
                    | models.Q(
                        basis__in=[AppealBasis.COMMISSION, AppealBasis.COURT], session__isnull=True
                    )
                ),
                name="calibration_appeal_session_by_basis",
            ),
        ]

    def save(self, *args: Any, **kwargs: Any) -> None:
        """A calibration appeal contests the evaluation of its session."""
        if self.evaluation_id is None and self.session_id is not None:
            self.evaluation_id = Session.objects.values_list(
                "application__evaluation_id", flat=True
            ).get(pk=self.session_id)
        super().save(*args, **kwargs)

    def __str__(self) -> str:
        return f"{self.session or self.evaluation}: {self.get_outcome_display()}"
