"""The typical-2018 year (seed 004; EDITIONS.md §2.2 D-F, §2.3, §6.1 App. 2-3): the schedule's
chair consent, the KPI sheet (App. 2) and the competency sheet (App. 3) of each evaluation, and
the App. 4 row HR gives a position (§9 T-8, T-9).

The schedule, its annual period and the evaluations are the evaluations app's rows
(`Schedule.model == EvaluationModel.TYPICAL2018`, `Method.KPI_COMPETENCY`); this app adds what
only this model has. Each sheet's life cycle is a `Workflow` table declared once below.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from bagalau.core import bounds
from bagalau.core.models import TimeStampedModel
from bagalau.core.workflow import Step, Workflow
from bagalau.evaluations.models import ChairConsentRecord, Evaluation, Schedule, ScheduleStatus
from bagalau.org.models import Position, Servant

#: The schedule of a typical-2018 year (p.29, D1): HR draws it up and sets the evaluation date
#: while it is a draft; HR records the commission chair's consent, which puts it in force. Until
#: the commission app names the chair, HR records who consented and when (our decision).
TYPICAL_SCHEDULE_FLOW = Workflow(
    "typical schedule",
    {
        "set_date": Step((ScheduleStatus.DRAFT,), None, "hr"),
        "record_consent": Step((ScheduleStatus.DRAFT,), ScheduleStatus.APPROVED, "hr"),
    },
    groups={"in_force": frozenset({ScheduleStatus.APPROVED})},
)


class ChairConsent(ChairConsentRecord):
    """The commission chair's consent to the year's schedule (p.29 "Комиссия төрағасының
    келісімімен"), as HR records it (`ChairConsentRecord`)."""

    schedule = models.OneToOneField(
        Schedule, on_delete=models.CASCADE, related_name="chair_consent"
    )

    class Meta:
        verbose_name = _("chair's consent to the schedule")
        verbose_name_plural = _("chair's consents to the schedule")
        constraints = [
            *bounds.length_checks(
                "typical_chairconsent", chair_name=bounds.TITLE, reference=bounds.TITLE
            )
        ]


class App4Row(models.Model):
    """HR's explicit App. 4 row of a position under a typical-2018 edition (EDITIONS.md §9 T-8,
    T-9): for a category App. 4 does not cover, or one it lists in two rows. Without it the row
    follows the category and "heads the unit"."""

    position = models.ForeignKey(Position, on_delete=models.CASCADE, related_name="+")
    edition = models.CharField(_("edition"), max_length=30)
    row = models.CharField(_("App. 4 row"), max_length=30)
    reason = models.CharField(_("reason"), max_length=bounds.TITLE)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("App. 4 row of a position")
        verbose_name_plural = _("App. 4 rows of positions")
        constraints = [
            models.UniqueConstraint(fields=["position", "edition"], name="one_app4_row"),
            *bounds.length_checks("typical_app4row", edition=30, row=30, reason=bounds.TITLE),
        ]

    def __str__(self) -> str:
        return f"{self.position}: {self.row}"


class KpiSheetStatus(models.TextChoices):
    """EDITIONS.md §2.3 KpiSheet."""

    DRAFT = "draft", _("Draft")
    SIGNED = "signed", _("Signed by the direct manager")
    RETURNED = "returned", _("Returned for correction")
    AGREED = "agreed", _("Agreed by the superior manager")
    SENT = "sent", _("Sent to the commission")


class ReturnGround(models.TextChoices):
    """The only grounds on which the superior manager sends the sheet for correction (p.22:
    "фактілердің жеткіліксіздігі немесе дәйексіздігі")."""

    INSUFFICIENT = "insufficient", _("Insufficient evidence of achievement")
    UNRELIABLE = "unreliable", _("Unreliable evidence of achievement")


_K = KpiSheetStatus
#: The App. 2 sheet (E1-E6): the direct manager fills and signs it (p.17), the superior manager
#: (the first head, p.20) agrees or returns it for insufficient or unreliable evidence (p.21-22),
#: a returned sheet is corrected and signed again (p.23), HR sends the agreed sheet to the
#: commission (p.24).
KPI_SHEET_FLOW = Workflow(
    "KPI sheet",
    {
        "fill": Step((_K.DRAFT, _K.RETURNED), None, "evaluator"),
        "sign": Step((_K.DRAFT, _K.RETURNED), _K.SIGNED, "evaluator"),
        "agree": Step((_K.SIGNED,), _K.AGREED, "approver"),
        "return": Step((_K.SIGNED,), _K.RETURNED, "approver"),
        "send": Step((_K.AGREED,), _K.SENT, "hr"),
    },
    groups={"editable": frozenset({_K.DRAFT, _K.RETURNED}), "sent": frozenset({_K.SENT})},
)


class KpiSheet(TimeStampedModel):
    """The App. 2 sheet of one evaluation, its rows copied from the servant's approved work plan;
    dates of each step are the days they happened (back-dated entry is allowed, G-1)."""

    evaluation = models.OneToOneField(
        Evaluation, on_delete=models.PROTECT, related_name="typical_kpi_sheet"
    )
    approver = models.ForeignKey(
        Servant,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("superior manager"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=KpiSheetStatus.choices, default=KpiSheetStatus.DRAFT
    )
    signed_on = models.DateField(_("signed by the direct manager"), null=True, blank=True)
    returned_on = models.DateField(_("returned"), null=True, blank=True)
    return_ground = models.CharField(
        _("ground for return"), max_length=20, choices=ReturnGround.choices, blank=True
    )
    return_reason = models.TextField(
        _("reason for return"), blank=True, max_length=bounds.LONG_TEXT
    )
    agreed_on = models.DateField(_("agreed by the superior manager"), null=True, blank=True)
    sent_on = models.DateField(_("sent to the commission"), null=True, blank=True)
    achieved = models.PositiveSmallIntegerField(_("KPIs achieved"), null=True, blank=True)
    rating = models.CharField(_("rating"), max_length=20, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("KPI evaluation sheet")
        verbose_name_plural = _("KPI evaluation sheets")
        constraints = [
            *bounds.length_checks("typical_kpisheet", rating=20, return_reason=bounds.LONG_TEXT),
        ]

    def __str__(self) -> str:
        return f"{self.evaluation} — App. 2"


class KpiSheetRow(models.Model):
    """One KPI of the App. 2 sheet: name, unit and planned value from the plan (cols. 2-4), the
    actual value and whether it was fully achieved (cols. 5-6, p.18)."""

    sheet = models.ForeignKey(KpiSheet, on_delete=models.CASCADE, related_name="rows")
    number = models.PositiveSmallIntegerField(_("No."))
    name = models.TextField(_("KPI"), max_length=bounds.LONG_TEXT)
    unit = models.CharField(_("unit of measure"), max_length=60)
    planned = models.CharField(_("planned value"), max_length=100)
    actual = models.CharField(_("actual value"), max_length=100, blank=True)
    achieved = models.BooleanField(_("achieved"), null=True, blank=True)

    class Meta:
        verbose_name = _("KPI of the sheet")
        verbose_name_plural = _("KPIs of the sheet")
        ordering = ["sheet", "number"]
        constraints = [
            models.UniqueConstraint(fields=["sheet", "number"], name="one_sheet_row_a_number"),
            *bounds.length_checks(
                "typical_kpisheetrow", name=bounds.LONG_TEXT, unit=60, planned=100, actual=100
            ),
        ]

    def __str__(self) -> str:
        return f"{self.sheet}: {self.number}"


class CompetencySheetStatus(models.TextChoices):
    """EDITIONS.md §2.3 CompetencySheet."""

    DRAFT = "draft", _("Draft")
    SIGNED = "signed", _("Signed by the direct manager")
    SENT = "sent", _("Sent to the commission")


_C = CompetencySheetStatus
#: The App. 3 sheet (F1-F3): the direct manager ticks the observed indicators and signs (p.25-27);
#: nobody reviews it (p.28); HR sends it to the commission.
COMPETENCY_SHEET_FLOW = Workflow(
    "competency sheet",
    {
        "fill": Step((_C.DRAFT,), None, "evaluator"),
        "sign": Step((_C.DRAFT,), _C.SIGNED, "evaluator"),
        "send": Step((_C.SIGNED,), _C.SENT, "hr"),
    },
    groups={"editable": frozenset({_C.DRAFT}), "sent": frozenset({_C.SENT})},
)


class CompetencySheet(TimeStampedModel):
    """The App. 3 sheet of one evaluation: the App. 4 row (tier) of the servant's position, the
    effective indicators observed per competency (``{code: [1-based numbers]}``) and, once
    signed, the result per competency (``{code: {"result", "missing"}}``)."""

    evaluation = models.OneToOneField(
        Evaluation, on_delete=models.PROTECT, related_name="typical_competency_sheet"
    )
    tier = models.CharField(_("App. 4 row"), max_length=30)
    provides_services = models.BooleanField(_("provides public services"))
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=CompetencySheetStatus.choices,
        default=CompetencySheetStatus.DRAFT,
    )
    observed = models.JSONField(_("indicators observed"), default=dict)
    results = models.JSONField(_("results"), default=dict)
    signed_on = models.DateField(_("signed by the direct manager"), null=True, blank=True)
    sent_on = models.DateField(_("sent to the commission"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("competency evaluation sheet")
        verbose_name_plural = _("competency evaluation sheets")
        constraints = [*bounds.length_checks("typical_competencysheet", tier=30)]

    def __str__(self) -> str:
        return f"{self.evaluation} — App. 3"
