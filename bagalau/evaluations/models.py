"""The evaluation schedule and the evaluations themselves (seed 002 p.4-12, p.21-32, App. 2-4)."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils import translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from bagalau.core import bounds
from bagalau.core.models import TimeStampedModel
from bagalau.core.storage import get_private_storage
from bagalau.methodology import EvaluationModel, get_edition
from bagalau.org.models import Assignment, Organisation, Servant
from bagalau.plans.models import Kpi


class ScheduleStatus(models.TextChoices):
    """Drafted by HR, approved by the head of the apparatus (p.10)."""

    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted for approval")
    APPROVED = "approved", _("Approved")


class Schedule(TimeStampedModel):
    """The year's evaluation schedule of an organisation."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="schedules"
    )
    year = models.PositiveIntegerField(_("year"))
    edition = models.CharField(_("edition"), max_length=30)
    status = models.CharField(
        _("status"), max_length=20, choices=ScheduleStatus.choices, default=ScheduleStatus.DRAFT
    )
    drafted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("evaluation schedule")
        verbose_name_plural = _("evaluation schedules")
        ordering = ["organisation", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "year"], name="one_schedule_a_year")
        ]

    def __str__(self) -> str:
        return f"{self.organisation} — {self.year}"

    @property
    def model(self) -> EvaluationModel:
        """The evaluation model its edition follows: `edition` is set from
        `org.selectors.organisation_edition` when the schedule is drafted, and every period of the
        schedule is evaluated under it."""
        return get_edition(self.edition).model


class ChairConsentRecord(models.Model):
    """The commission chair's consent to a year's schedule as HR records it (typical-2018: seed
    004 p.29; moj-2017: seed 001 p.14): the chair's name (typed by HR until the commission app
    names the chair, our decision), the day of the consent and the document. Abstract: each
    model's row adds its `schedule` (issue 9: the two had a copy each)."""

    chair_name = models.CharField(_("commission chair"), max_length=bounds.TITLE)
    agreed_on = models.DateField(_("consent given on"))
    reference = models.CharField(_("document"), max_length=bounds.TITLE, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded"))

    schedule: models.OneToOneField[Schedule, Schedule]

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"{self.schedule}: {self.chair_name}"


class PeriodKind(models.TextChoices):
    """Quarterly KPI/differentiation, the annual result and the 360 campaign (p.4)."""

    QUARTER = "quarter", _("Quarter")
    ANNUAL = "annual", _("Annual result")
    SURVEY360 = "survey360", _("360 survey")


class PeriodStatus(models.TextChoices):
    """Periods open for evaluation once HR opens them, and close when every result is final."""

    SCHEDULED = "scheduled", _("Scheduled")
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class Period(models.Model):
    """One line of the schedule: the evaluated period, its legal deadline and HR's planned date."""

    schedule = models.ForeignKey(Schedule, on_delete=models.CASCADE, related_name="periods")
    kind = models.CharField(_("kind"), max_length=20, choices=PeriodKind.choices)
    number = models.PositiveSmallIntegerField(_("quarter"), null=True, blank=True)
    starts = models.DateField(_("period from"))
    ends = models.DateField(_("period to"))
    deadline = models.DateField(_("legal deadline"))
    planned_date = models.DateField(_("planned date"))
    status = models.CharField(
        _("status"), max_length=20, choices=PeriodStatus.choices, default=PeriodStatus.SCHEDULED
    )
    opened_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("evaluation period")
        verbose_name_plural = _("evaluation periods")
        ordering = ["schedule", "starts", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["schedule", "kind", "number"], name="one_period"),
            models.CheckConstraint(
                condition=models.Q(planned_date__lte=models.F("deadline")),
                name="planned_by_deadline",
            ),
        ]

    def __str__(self) -> str:
        if self.kind == PeriodKind.QUARTER:
            return gettext("Q%(number)s %(year)s") % {
                "number": self.number,
                "year": self.schedule.year,
            }
        return gettext("%(year)s — %(kind)s") % {
            "year": self.schedule.year,
            "kind": dict(PeriodKind.choices).get(self.kind, self.kind),
        }

    def recorded_label(self) -> str:
        """The period as a lasting record keeps it (the service record): in Kazakh, the state
        language, whatever the language of the request or command that wrote it."""
        with translation.override("kk"):
            return str(self)


class Method(models.TextChoices):
    """How a servant is evaluated (p.21, p.28, p.4)."""

    KPI = "kpi", _("KPI")
    DIFFERENTIATION = "differentiation", _("Differentiation")
    ANNUAL = "annual", _("Annual result")
    KPI_COMPETENCY = "kpi_competency", _("KPI and competencies (App. 2 and 3)")
    MOJ_QUARTER = "moj_quarter", _("Quarterly evaluation sheet (moj-2017 App. 3)")
    MOJ_ANNUAL = "moj_annual", _("Annual evaluation: work-plan sheet and score (moj-2017 App. 4)")


class EvaluationStatus(models.TextChoices):
    """The life of an evaluation sheet. An annual result is `provisional` while a quarter it
    averages is not final yet (p.4), then `signed` and familiarised like a quarter. A typical-2018
    year (EDITIONS.md §2.3) goes before the commission, is decided there, approved by the
    authorised person, then familiarised."""

    NOT_EVALUATED = "not_evaluated", _("Not evaluated (under 3 months in post)")
    DEFERRED = "deferred", _("Deferred until the servant returns")
    PENDING = "pending", _("Awaiting the evaluator")
    PROVISIONAL = "provisional", _("Provisional: waiting for quarters to become final")
    SIGNED = "signed", _("Signed by the evaluator")
    ACKNOWLEDGED = "acknowledged", _("Familiarised with the result")
    REFUSED = "refused", _("Familiarisation refused (act drawn up)")
    CALIBRATION = "calibration", _("Under calibration")
    BEFORE_COMMISSION = "commission", _("Before the evaluation commission")
    DECIDED = "decided", _("Decided by the commission")
    APPROVED = "approved", _("Approved by the authorised person")
    FINAL = "final", _("Final")


class Evaluation(TimeStampedModel):
    """One servant's evaluation for one period: the App. 2 KPI sheet, the App. 4 differentiation
    sheet or the annual result. Scores come from bagalau.methodology only."""

    period = models.ForeignKey(Period, on_delete=models.PROTECT, related_name="evaluations")
    servant = models.ForeignKey(Servant, on_delete=models.PROTECT, related_name="evaluations")
    assignment = models.ForeignKey(Assignment, on_delete=models.PROTECT, related_name="+")
    method = models.CharField(_("method"), max_length=20, choices=Method.choices)
    edition = models.CharField(_("edition"), max_length=30)
    evaluator = models.ForeignKey(
        Servant,
        on_delete=models.PROTECT,
        related_name="evaluations_to_make",
        verbose_name=_("evaluator"),
        null=True,
        blank=True,
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=EvaluationStatus.choices,
        default=EvaluationStatus.PENDING,
    )
    reason = models.CharField(
        _("eligibility"),
        max_length=20,
        default="evaluated",
        help_text="evaluated, absent, in_absentia or too_short (see methodology.sjc2023).",
    )
    due_date = models.DateField(_("due"))
    score = models.DecimalField(_("score"), max_digits=7, decimal_places=2, null=True, blank=True)
    rating = models.CharField(_("rating"), max_length=20, blank=True)
    justification = models.TextField(_("justification"), blank=True, max_length=bounds.LONG_TEXT)
    # p.17(3): the evaluator gives the servant the final assessment *and constructive feedback*;
    # on the App. 4 sheet that is the justification, on the KPI sheet (App. 2) this text.
    feedback = models.TextField(_("constructive feedback"), blank=True, max_length=bounds.LONG_TEXT)
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    signed_at = models.DateTimeField(_("signed"), null=True, blank=True)
    familiarisation_due = models.DateField(_("familiarisation due"), null=True, blank=True)
    acknowledged_at = models.DateTimeField(_("acknowledged"), null=True, blank=True)
    familiarised_on = models.DateField(
        _("familiarised on"),
        null=True,
        blank=True,
        help_text="The acknowledgement's day, or the last day of the window when the result "
        "counts as made known through the information system (p.11).",
    )
    calibration_due = models.DateField(_("calibration application due"), null=True, blank=True)
    final_score = models.DecimalField(
        _("final score"), max_digits=7, decimal_places=2, null=True, blank=True
    )
    final_rating = models.CharField(_("final rating"), max_length=20, blank=True)
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("evaluation")
        verbose_name_plural = _("evaluations")
        ordering = ["period", "servant"]
        # the dashboards' task lists and overdue counts look for the few rows in a given status
        # (pending, signed, approved…) among every final one of past periods (issue 12 item 3)
        indexes = [
            models.Index(fields=["status", "method"], name="evaluation_status_method"),
            # the HR head's panel counts the results past their retention (documents.retention)
            models.Index(fields=["completed_at"], name="evaluation_completed_at"),
            # "has this post an evaluation this period?" answered from the index alone: the
            # HR dashboard's units reached probe one post of a unit each, not every evaluation
            models.Index(fields=["assignment", "period"], name="evaluation_assignment_period"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["period", "servant"], name="one_evaluation_a_period"),
            *bounds.length_checks(
                "evaluations_evaluation",
                justification=bounds.LONG_TEXT,
                feedback=bounds.LONG_TEXT,
            ),
        ]

    def __str__(self) -> str:
        return f"{self.servant} — {self.period}"

    @property
    def in_absentia(self) -> bool:
        """Dismissed before the deadline: evaluated without the servant (p.6)."""
        return self.reason == "in_absentia"

    @property
    def refusal(self) -> RefusalAct | None:
        """The latest refusal act on the result, if any (`refusals` holds every one)."""
        acts = list(self.refusals.all())
        return acts[-1] if acts else None

    @property
    def result_score(self) -> Decimal | None:
        """The score that stands: the calibrated one when there is one."""
        return self.final_score if self.final_score is not None else self.score

    @property
    def result_rating(self) -> str:
        """The rating that stands."""
        return self.final_rating or self.rating


class KpiResult(models.Model):
    """One KPI line of the App. 2 sheet for a quarter: actual value, percent, range, score."""

    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="kpi_results")
    kpi = models.ForeignKey(Kpi, on_delete=models.PROTECT, related_name="results")
    actual_value = models.DecimalField(max_digits=18, decimal_places=4, null=True, blank=True)
    actual_achieved = models.BooleanField(null=True, blank=True)
    prefilled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    prefilled_at = models.DateTimeField(null=True, blank=True)
    percent = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    allowed_min = models.DecimalField(max_digits=4, decimal_places=2, null=True, blank=True)
    allowed_max = models.DecimalField(max_digits=4, decimal_places=2, null=True, blank=True)
    proposed = models.DecimalField(max_digits=4, decimal_places=2, null=True, blank=True)
    score = models.DecimalField(max_digits=4, decimal_places=2, null=True, blank=True)

    class Meta:
        verbose_name = _("KPI result")
        verbose_name_plural = _("KPI results")
        ordering = ["evaluation", "kpi__number"]
        constraints = [
            models.UniqueConstraint(fields=["evaluation", "kpi"], name="one_result_per_kpi")
        ]

    def __str__(self) -> str:
        return f"{self.evaluation}: {self.kpi}"


class ParameterScore(models.Model):
    """One parameter of the App. 4 differentiation sheet, whole points 0-5, with its reasons."""

    evaluation = models.ForeignKey(
        Evaluation, on_delete=models.CASCADE, related_name="parameter_scores"
    )
    parameter = models.CharField(max_length=20)
    score = models.PositiveSmallIntegerField()
    justification = models.TextField(blank=True, max_length=bounds.LONG_TEXT)

    class Meta:
        verbose_name = _("parameter score")
        verbose_name_plural = _("parameter scores")
        constraints = [
            models.UniqueConstraint(
                fields=["evaluation", "parameter"], name="one_score_per_parameter"
            ),
            *bounds.length_checks("evaluations_parameterscore", justification=bounds.LONG_TEXT),
        ]

    def __str__(self) -> str:
        return f"{self.evaluation}: {self.parameter}"


class RefusalAct(models.Model):
    """A refusal to acknowledge the result, recorded in an act drawn up by HR and signed by the
    servants the edition names (`RefusalActSigner`; methodology.acts: HR and two other servants
    under the typical-2018 editions, p.41; the HR servant alone under moj-2017, p.36); the result
    still enters the service record (SPEC §4.7, §5).

    An evaluation may hold several, numbered 1, 2, ...: the commission's revised decision after
    an appeal is made known again and may be refused again (EDITIONS.md §2.2 I3, T-15; issue
    10); every act is kept."""

    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="refusals")
    number = models.PositiveSmallIntegerField(_("No."), default=1)
    drawn_up_at = models.DateTimeField(auto_now_add=True)
    text = models.TextField(_("circumstances"), max_length=bounds.LONG_TEXT)
    hr_signer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("refusal act")
        verbose_name_plural = _("refusal acts")
        ordering = ["evaluation", "number"]
        constraints = [
            models.UniqueConstraint(fields=["evaluation", "number"], name="refusal_act_number"),
            *bounds.length_checks("evaluations_refusalact", text=bounds.LONG_TEXT),
        ]

    def __str__(self) -> str:
        return f"{self.evaluation} ({self.drawn_up_at:%d.%m.%Y})"

    @property
    def witnesses(self) -> list[Servant]:
        """The servants who signed the act besides HR, in the order they were named."""
        return [signer.servant for signer in self.signers.all()]


class RefusalActSigner(models.Model):
    """A servant who signed a refusal act, in the role the edition's rule names (``servant``,
    ``direct_manager``; methodology.acts)."""

    act = models.ForeignKey(RefusalAct, on_delete=models.CASCADE, related_name="signers")
    number = models.PositiveSmallIntegerField(_("No."))
    role = models.CharField(_("role"), max_length=30)
    servant = models.ForeignKey(Servant, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("signer of the act")
        verbose_name_plural = _("signers of the act")
        ordering = ["act", "number"]
        constraints = [
            models.UniqueConstraint(fields=["act", "number"], name="refusal_signer_number"),
            models.UniqueConstraint(fields=["act", "servant"], name="refusal_signer_once"),
            *bounds.length_checks("evaluations_refusalactsigner", role=30),
        ]

    def __str__(self) -> str:
        return f"{self.act}: {self.servant}"


class ResultKind(models.TextChoices):
    """How a result is written into the service record: points (sjc-2023, moj-2017 over 100),
    achieved KPIs out of the plan's (typical-2018, "k of 5"), or meets / does not meet."""

    POINTS = "points", _("Points")
    KPI_COUNT = "kpi_count", _("KPIs achieved")
    MEETS = "meets", _("Meets or does not meet")


class ServiceRecordEntry(models.Model):
    """The result as entered into the servant's service record (қызметтік тізім), of any model:
    `score` holds points (up to 99999.99) or the achieved KPIs, `result_text` what the record
    shows for a result that is not points ("3 / 5", "meets")."""

    servant = models.ForeignKey(Servant, on_delete=models.PROTECT, related_name="service_record")
    evaluation = models.OneToOneField(
        Evaluation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="service_record_entry",
        help_text="Empty once the evaluation documents were disposed of (p.14).",
    )
    period = models.CharField(_("period"), max_length=100)
    method = models.CharField(_("method"), max_length=20)
    entered_at = models.DateTimeField(auto_now_add=True)
    result_kind = models.CharField(
        _("kind of result"), max_length=20, choices=ResultKind.choices, default=ResultKind.POINTS
    )
    score = models.DecimalField(max_digits=7, decimal_places=2, null=True, blank=True)
    result_text = models.CharField(_("result"), max_length=100, blank=True)
    rating = models.CharField(max_length=20)

    class Meta:
        verbose_name = _("service record entry")
        verbose_name_plural = _("service record entries")
        ordering = ["servant", "-entered_at"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(result_kind="points") | models.Q(score__isnull=False),
                name="service_record_points_have_a_score",
            ),
            *bounds.length_checks("evaluations_servicerecordentry", result_text=100),
        ]

    def __str__(self) -> str:
        return f"{self.servant}: {self.period_label}"

    @property
    def period_label(self) -> str:
        """The period in the reader's language while the evaluation exists; the text stored at
        entry (in Kazakh) once its documents were disposed of (p.14)."""
        if self.evaluation_id is not None and self.evaluation is not None:
            return str(self.evaluation.period)
        return self.period


class PaperEntry(models.Model):
    """A quarterly sheet (App. 2 or App. 4) held on paper because the information system could
    not be used (seed 002 p.3, p.29), entered by the head of the HR service from the sheet the
    evaluator signed, with its scan. Its presence marks the evaluation "entered from paper".

    The scan lives in the private storage (bagalau.core.storage) and is read only through the
    evaluation's access choke point; it is disposed of with the evaluation's documents (p.14).
    """

    evaluation = models.OneToOneField(
        Evaluation, on_delete=models.PROTECT, related_name="paper_entry"
    )
    signed_on = models.DateField(_("signed on paper"))
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    entered_at = models.DateTimeField(_("entered"))
    scan = models.FileField(_("scan"), storage=get_private_storage, max_length=200)
    scan_type = models.CharField(_("scan type"), max_length=40)
    scan_size = models.PositiveIntegerField(_("scan size"))
    scan_sha256 = models.CharField(_("scan checksum"), max_length=64)
    scan_filename = models.CharField(_("file name"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("paper sheet")
        verbose_name_plural = _("paper sheets")

    def __str__(self) -> str:
        return f"{self.evaluation} ({self.signed_on:%d.%m.%Y})"
