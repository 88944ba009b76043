"""Work plans with KPIs: the sjc-2023 plan of managers (seed 002 p.22-25, App. 1; SPEC §4.3) and the
typical-2018 individual work plan of every evaluated servant (seed 004 p.9-16, App. 1; EDITIONS.md
§2.2 B1-B5, C1, §2.3)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bagalau.core import bounds
from bagalau.core.models import TimeStampedModel
from bagalau.core.workflow import Step, Workflow
from bagalau.methodology import EvaluationModel, get_edition
from bagalau.org.models import Assignment, Organisation, Servant


class PlanStatus(models.TextChoices):
    """Where a work plan is in its approval (p.22); the transitions are PLAN_FLOW below.

    draft -> sent_to_hr -> hr_agreed -> submitted -> approved -> posted; HR (from sent_to_hr or
    hr_agreed) and the superior manager (from submitted) may return it: returned -> sent_to_hr.
    A change of an approved plan (p.25) reopens it: approved/posted -> changing -> sent_to_hr, and
    on through the same agreement and approval.
    """

    DRAFT = "draft", _("Draft")
    SENT_TO_HR = "sent_to_hr", _("Sent to HR for agreement")
    HR_AGREED = "hr_agreed", _("Agreed by HR")
    SUBMITTED = "submitted", _("Submitted for approval")
    RETURNED = "returned", _("Returned for correction")
    APPROVED = "approved", _("Approved")
    POSTED = "posted", _("Posted")
    CHANGING = "changing", _("Being changed (p.25)")


#: The approval workflow (p.22, p.25): action -> Step(statuses it starts from, status it leads
#: to, the part of the case that takes it). "kpis" is editing the KPIs of a draft, returned or
#: changing plan; "managers" taking the evaluator and the superior manager from the structure
#: again when they changed (any status). Who holds which part: plans.access.plan_actions.
_EDITABLE = (PlanStatus.DRAFT, PlanStatus.RETURNED, PlanStatus.CHANGING)
_LOCKED = (PlanStatus.APPROVED, PlanStatus.POSTED)
PLAN_FLOW = Workflow(
    "work plan",
    {
        "kpis": Step(_EDITABLE, None, "evaluator"),
        "change": Step(_LOCKED, PlanStatus.CHANGING, "evaluator"),
        "send_to_hr": Step(_EDITABLE, PlanStatus.SENT_TO_HR, "evaluator"),
        "submit": Step((PlanStatus.HR_AGREED,), PlanStatus.SUBMITTED, "evaluator"),
        "hr_agree": Step((PlanStatus.SENT_TO_HR,), PlanStatus.HR_AGREED, "hr"),
        "hr_return": Step((PlanStatus.SENT_TO_HR, PlanStatus.HR_AGREED), PlanStatus.RETURNED, "hr"),
        "post": Step((PlanStatus.APPROVED,), PlanStatus.POSTED, "hr"),
        "managers": Step(tuple(PlanStatus.values), None, "hr"),
        "approve": Step((PlanStatus.SUBMITTED,), PlanStatus.APPROVED, "approver"),
        "return": Step((PlanStatus.SUBMITTED,), PlanStatus.RETURNED, "approver"),
    },
    groups={"editable": frozenset(_EDITABLE), "locked": frozenset(_LOCKED)},
)

#: The typical-2018 plan (EDITIONS.md §2.3 WorkPlan; seed 004 p.9-12): the direct manager
#: ("evaluator") drafts the 5 KPIs jointly with the servant; the servant and the direct manager
#: sign; the direct manager submits it to the superior manager, or to the first head when he is
#: the first head himself (p.10-11; then "approver" is the evaluator); the approver approves it
#: or returns it with a reason (p.12), and the corrected plan is submitted again. No HR agreement
#: in this model; HR keeps the approved plan (p.15). "recommend" is the direct manager's quarterly
#: written recommendation on an approved plan (p.16). Action names differ from PLAN_FLOW's where
#: the services differ, so that no sjc-2023 service can move a typical-2018 plan.
_TYPICAL_EDITABLE = (PlanStatus.DRAFT, PlanStatus.RETURNED)
TYPICAL_PLAN_FLOW = Workflow(
    "typical-2018 work plan",
    {
        "kpis": Step(_TYPICAL_EDITABLE, None, "evaluator"),
        "sign_servant": Step(_TYPICAL_EDITABLE, None, "servant"),
        "sign_manager": Step(_TYPICAL_EDITABLE, None, "evaluator"),
        "submit_to_superior": Step(_TYPICAL_EDITABLE, PlanStatus.SUBMITTED, "evaluator"),
        "approve_typical": Step((PlanStatus.SUBMITTED,), PlanStatus.APPROVED, "approver"),
        "return_typical": Step((PlanStatus.SUBMITTED,), PlanStatus.RETURNED, "approver"),
        "recommend": Step((PlanStatus.APPROVED,), None, "evaluator"),
        "managers": Step(
            (PlanStatus.DRAFT, PlanStatus.SUBMITTED, PlanStatus.RETURNED, PlanStatus.APPROVED),
            None,
            "hr",
        ),
    },
    groups={
        "editable": frozenset(_TYPICAL_EDITABLE),
        "locked": frozenset({PlanStatus.APPROVED}),
    },
)


class WorkPlan(TimeStampedModel):
    """A manager's individual work plan for a year (App. 1): drafted by the evaluator, agreed by
    HR, approved by the superior manager, posted by HR."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="plans")
    servant = models.ForeignKey(Servant, on_delete=models.PROTECT, related_name="work_plans")
    assignment = models.ForeignKey(Assignment, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveIntegerField(_("year"))
    edition = models.CharField(
        _("edition"),
        max_length=bounds.CODE,
        help_text=_("The methodology edition in force for the organisation at the period start."),
    )
    evaluator = models.ForeignKey(
        Servant,
        on_delete=models.PROTECT,
        related_name="plans_to_draft",
        verbose_name=_("evaluator"),
    )
    approver = models.ForeignKey(
        Servant,
        on_delete=models.PROTECT,
        related_name="plans_to_approve",
        verbose_name=_("superior manager"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=PlanStatus.choices, default=PlanStatus.DRAFT
    )
    period_start = models.DateField(_("counted from"))
    draft_due = models.DateField(_("KPIs due"))
    sent_to_hr_at = models.DateTimeField(null=True, blank=True)
    hr_agreed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    hr_agreed_at = models.DateTimeField(null=True, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    return_comment = models.TextField(
        _("reason for return"), blank=True, max_length=bounds.LONG_TEXT
    )
    returned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    returned_at = models.DateTimeField(null=True, blank=True)
    posting_due = models.DateField(_("posting due"), null=True, blank=True)
    posted_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    # Typical-2018 (seed 004 p.9-12, App. 1): the dates the documents bear (back-dated entry is
    # allowed and audited, EDITIONS.md §9 G-1).
    servant_signed_on = models.DateField(_("signed by the servant"), null=True, blank=True)
    manager_signed_on = models.DateField(_("signed by the direct manager"), null=True, blank=True)
    submitted_on = models.DateField(_("submitted on"), null=True, blank=True)
    first_submitted_on = models.DateField(_("first submitted on"), null=True, blank=True)
    returned_on = models.DateField(_("returned on"), null=True, blank=True)
    resubmission_due = models.DateField(_("resubmission due"), null=True, blank=True)
    approved_on = models.DateField(_("approved on"), null=True, blank=True)

    class Meta:
        verbose_name = _("work plan")
        verbose_name_plural = _("work plans")
        ordering = ["-year", "servant"]
        constraints = [
            models.UniqueConstraint(
                fields=["servant", "year", "assignment"], name="one_plan_a_year"
            ),
            *bounds.length_checks(
                "plans_workplan", return_comment=bounds.LONG_TEXT, edition=bounds.CODE
            ),
        ]

    def __str__(self) -> str:
        return f"{self.servant} — {self.year}"

    @property
    def is_typical(self) -> bool:
        """Whether the plan follows the typical-2018 model (its edition's model)."""
        return bool(self.edition) and get_edition(self.edition).model == EvaluationModel.TYPICAL2018

    @property
    def flow(self) -> Workflow:
        """The plan's workflow table: TYPICAL_PLAN_FLOW for typical-2018, else PLAN_FLOW."""
        return TYPICAL_PLAN_FLOW if self.is_typical else PLAN_FLOW

    @property
    def is_locked(self) -> bool:
        """Approved plans change only through a PlanChange naming its ground (p.25)."""
        return self.status in self.flow.group("locked")

    @property
    def is_editable(self) -> bool:
        """The evaluator edits KPIs in a draft, a returned plan, or one being changed (p.25)."""
        return self.status in self.flow.group("editable")

    def is_draft_overdue(self, today: dt.date) -> bool:
        """The KPIs were not set (approved) within 10 working days (p.22); a change of an
        approved plan (p.25) has no such limit."""
        if self.is_locked or today <= self.draft_due:
            return False
        return not self.changes.exists()

    def is_posting_overdue(self, today: dt.date) -> bool:
        """HR did not post the approved plan within 5 working days (p.22)."""
        return (
            self.status == PlanStatus.APPROVED
            and self.posting_due is not None
            and today > self.posting_due
        )


class Direction(models.TextChoices):
    """How a KPI's achievement percent is computed (SPEC §4.4)."""

    INCREASE = "increase", _("Increase: actual / plan")
    DECREASE = "decrease", _("Decrease: plan / actual (lower is better)")
    BINARY = "binary", _("Achieved or not")


class Kpi(TimeStampedModel):
    """A KPI of a work plan with its planned value per quarter (App. 1).

    For a binary KPI the planned value is 1 in each quarter it is due.
    """

    plan = models.ForeignKey(WorkPlan, on_delete=models.CASCADE, related_name="kpis")
    number = models.PositiveSmallIntegerField(_("No."))
    name = models.TextField(_("KPI"), max_length=bounds.LONG_TEXT)
    source = models.TextField(
        _("source"),
        max_length=bounds.LONG_TEXT,
        help_text=_(
            'Which indicator of the "A" corps agreement or planning document it derives from.'
        ),
    )
    unit = models.CharField(_("unit of measure"), max_length=60)
    direction = models.CharField(_("direction"), max_length=10, choices=Direction.choices)
    plan_q1 = models.DecimalField(
        _("plan, Q1"), max_digits=18, decimal_places=4, null=True, blank=True
    )
    plan_q2 = models.DecimalField(
        _("plan, Q2"), max_digits=18, decimal_places=4, null=True, blank=True
    )
    plan_q3 = models.DecimalField(
        _("plan, Q3"), max_digits=18, decimal_places=4, null=True, blank=True
    )
    plan_q4 = models.DecimalField(
        _("plan, Q4"), max_digits=18, decimal_places=4, null=True, blank=True
    )
    deadline = models.DateField(_("deadline"))
    # App. 1 "Қол жеткізу мерзімі": the achievement date of each quarter's planned value.
    date_q1 = models.DateField(_("achievement date, Q1"), null=True, blank=True)
    date_q2 = models.DateField(_("achievement date, Q2"), null=True, blank=True)
    date_q3 = models.DateField(_("achievement date, Q3"), null=True, blank=True)
    date_q4 = models.DateField(_("achievement date, Q4"), null=True, blank=True)
    key_result = models.TextField(_("expected key result"), max_length=bounds.LONG_TEXT)

    class Meta:
        verbose_name = _("KPI")
        verbose_name_plural = _("KPIs")
        ordering = ["plan", "number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="kpi_number_unique"),
            *bounds.length_checks(
                "plans_kpi",
                name=bounds.LONG_TEXT,
                source=bounds.LONG_TEXT,
                key_result=bounds.LONG_TEXT,
                unit=60,
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.name}"

    def planned(self, quarter: int) -> Decimal | None:
        """The planned value for a quarter (None when the KPI is not due that quarter)."""
        value: Decimal | None = getattr(self, f"plan_q{quarter}")
        return value

    def achieved_by(self, quarter: int) -> dt.date | None:
        """The achievement date of a quarter's planned value (App. 1), None when not planned."""
        value: dt.date | None = getattr(self, f"date_q{quarter}")
        return value

    def planned_texts(self) -> list[str | None]:
        """The planned values of quarters 1-4 without trailing zeros (None: not due)."""
        values = (self.planned(quarter) for quarter in (1, 2, 3, 4))
        return [None if v is None else format(Decimal(v).normalize(), "f") for v in values]


#: A KPI's fields as App. 1 lists them (history and audit compare these).
KPI_FIELDS = (
    "name",
    "source",
    "unit",
    "direction",
    "plan_q1",
    "plan_q2",
    "plan_q3",
    "plan_q4",
    "deadline",
    "date_q1",
    "date_q2",
    "date_q3",
    "date_q4",
    "key_result",
)


class ChangeStatus(models.TextChoices):
    """A change of an approved plan: open until the superior manager approves the plan again."""

    OPEN = "open", _("Under agreement and approval")
    APPROVED = "approved", _("Approved")


#: A change's life cycle (p.25): it closes when the superior manager approves the changed plan.
CHANGE_FLOW = Workflow(
    "work plan change",
    {"approve": Step((ChangeStatus.OPEN,), ChangeStatus.APPROVED, "approver")},
    groups={"open": frozenset({ChangeStatus.OPEN})},
)


class PlanChange(models.Model):
    """A change of an approved plan (p.25): its ground (the apparatus's functions or structure
    changed), the order or decision that changed them, and the KPIs before the change (the version
    that was in force, kept for the record) and after its new approval."""

    plan = models.ForeignKey(WorkPlan, on_delete=models.CASCADE, related_name="changes")
    ground = models.CharField(_("ground"), max_length=20, blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    changed_at = models.DateTimeField(default=timezone.now)
    reference = models.TextField(
        _("order or decision that changed the functions or structure"),
        max_length=bounds.TITLE,
    )
    status = models.CharField(
        _("status"), max_length=20, choices=ChangeStatus.choices, default=ChangeStatus.OPEN
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    before = models.JSONField(default=dict)
    after = models.JSONField(default=dict)

    class Meta:
        verbose_name = _("work plan change")
        verbose_name_plural = _("work plan changes")
        ordering = ["plan", "-changed_at", "-id"]
        constraints = [*bounds.length_checks("plans_planchange", reference=bounds.TITLE, ground=20)]

    def __str__(self) -> str:
        return f"{self.plan}: {self.changed_at:%d.%m.%Y}"


class PlanRecommendation(TimeStampedModel):
    """The direct manager's written recommendation of a quarter on reaching the KPIs of an
    approved typical-2018 plan and the measures needed (seed 004 p.16; EDITIONS.md §2.2 C1, §9
    T-18): free text, one per quarter (rewritten in place, audited), seen by the servant and HR."""

    plan = models.ForeignKey(WorkPlan, on_delete=models.CASCADE, related_name="recommendations")
    quarter = models.PositiveSmallIntegerField(_("quarter"))
    text = models.TextField(_("recommendation"), max_length=bounds.LONG_TEXT)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    written_on = models.DateField(_("date"))

    class Meta:
        verbose_name = _("quarterly recommendation")
        verbose_name_plural = _("quarterly recommendations")
        ordering = ["plan", "quarter"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "quarter"], name="one_recommendation_a_quarter"
            ),
            models.CheckConstraint(
                condition=models.Q(quarter__gte=1, quarter__lte=4), name="recommendation_quarter"
            ),
            *bounds.length_checks("plans_planrecommendation", text=bounds.LONG_TEXT),
        ]

    def __str__(self) -> str:
        return f"{self.plan}: Q{self.quarter}"
