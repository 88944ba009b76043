"""The rows only the moj-2017 model has (seed 001; EDITIONS.md §5.2 A4, D1; §9.4 M-20, M-22):
the organisation's App. 2 catalogue and the dated records of discipline breaches."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from bagalau.core import bounds
from bagalau.core.models import TimeStampedModel
from bagalau.core.workflow import Step, Workflow
from bagalau.evaluations.models import (
    ChairConsentRecord,
    Evaluation,
    Period,
    Schedule,
    ScheduleStatus,
)
from bagalau.org.models import Organisation, Servant


class CatalogueChoice(TimeStampedModel):
    """Which App. 2 catalogue of encouraged activities the organisation uses: the Ministry's
    central apparatus or its territorial bodies (EDITIONS.md §5.2 A4). There is no default: until
    the administrator chooses, no row exists (M-20). `catalogue` is a code of the engine's
    ``bonus_catalogue.yaml``."""

    organisation = models.OneToOneField(
        Organisation, on_delete=models.CASCADE, related_name="moj_catalogue"
    )
    catalogue = models.CharField(_("App. 2 catalogue"), max_length=30)
    chosen_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("App. 2 catalogue of the organisation")
        verbose_name_plural = _("App. 2 catalogues of organisations")
        constraints = [*bounds.length_checks("moj_cataloguechoice", catalogue=30)]

    def __str__(self) -> str:
        return f"{self.organisation}: {self.catalogue}"


class BreachSource(models.TextChoices):
    """Where a breach comes from: executive discipline from the document-flow service or the
    direct manager's documented information (p.20); labour discipline from HR or the direct
    manager (p.21)."""

    DOCUMENT_FLOW = "document_flow", _("Document-flow service")
    HR = "hr", _("HR service")
    DIRECT_MANAGER = "direct_manager", _("Direct manager")


#: The sources each kind of breach (the engine's ``quarter.breaches`` codes) may come from
#: (seed 001 p.20, p.21).
SOURCES_OF_KIND: dict[str, tuple[str, ...]] = {
    "executive": (BreachSource.DOCUMENT_FLOW, BreachSource.DIRECT_MANAGER),
    "labour": (BreachSource.HR, BreachSource.DIRECT_MANAGER),
}


class DisciplineRecord(TimeStampedModel):
    """One breach of executive or labour discipline: one dated fact with its source and its
    evidence (p.20-22; M-22: each late arrival and each missed deadline is one record, so the
    same fact never counts in two quarters). `kind` is a code of the engine's
    ``quarter.breaches``."""

    servant = models.ForeignKey(Servant, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("kind of breach"), max_length=20)
    source = models.CharField(_("source"), max_length=20, choices=BreachSource.choices)
    day = models.DateField(_("date of the breach"))
    evidence = models.TextField(_("evidence"), max_length=bounds.LONG_TEXT)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("discipline breach")
        verbose_name_plural = _("discipline breaches")
        ordering = ["servant", "day", "pk"]
        constraints = [
            *bounds.length_checks("moj_disciplinerecord", kind=20, evidence=bounds.LONG_TEXT)
        ]

    def __str__(self) -> str:
        return f"{self.servant}: {self.kind} {self.day:%d.%m.%Y}"


class RefusalAct(models.Model):
    """The free-form act on the servant's refusal to sign the App. 3 sheet (p.25) or confirm the
    App. 4 sheet (p.31): the day, its text, the HR servant who drew it up and the direct manager
    who co-signs it (the edition's ``refusal_to_sign`` act; `services.refusal`). Abstract: both
    sheets carry it (issue 9: they had a copy each)."""

    refused_on = models.DateField(_("refusal act drawn up"), null=True, blank=True)
    refusal_note = models.TextField(_("refusal act"), blank=True, max_length=bounds.LONG_TEXT)
    refusal_drawn_up_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("act drawn up by"),
    )
    refusal_manager = models.ForeignKey(
        Servant,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("direct manager signing the act"),
    )

    class Meta:
        abstract = True


class QuarterSheetStatus(models.TextChoices):
    """EDITIONS.md §5.3 QuarterSheet, up to the commission."""

    DRAFT = "draft", _("Sent to the servant")
    SELF_ASSESSED = "self_assessed", _("Self-assessed")
    AGREED = "agreed", _("Agreed by the direct manager")
    SIGNED = "signed", _("Signed by the servant")
    REFUSED = "refused", _("Signature refused (act drawn up)")


_Q = QuarterSheetStatus
#: The App. 3 sheet (D2-D6): the servant self-assesses (p.23); the direct manager corrects against
#: the records and agrees, also without a self-assessment (p.24, M-16); the servant signs, or HR
#: and the direct manager draw up the refusal act (p.25): the HR servant records it, the direct
#: manager co-signs (the edition's ``acts.yaml`` ``refusal_to_sign``).
QUARTER_SHEET_FLOW = Workflow(
    "quarter sheet",
    {
        "self_assess": Step((_Q.DRAFT, _Q.SELF_ASSESSED), _Q.SELF_ASSESSED, "servant"),
        "agree": Step((_Q.DRAFT, _Q.SELF_ASSESSED), _Q.AGREED, "evaluator"),
        "sign": Step((_Q.AGREED,), _Q.SIGNED, "servant"),
        "record_refusal": Step((_Q.AGREED,), _Q.REFUSED, "hr"),
    },
    groups={"closed": frozenset({_Q.SIGNED, _Q.REFUSED})},
)


class QuarterSheet(TimeStampedModel, RefusalAct):
    """The App. 3 sheet of one quarterly evaluation. Columns hold App. 2 item codes with the
    day and evidence of each documented instance (M-7) and breaches; points are never stored
    from input: the engine's `quarter_sheet` gives them from the catalogue (M-8). The agreed
    breaches are discipline records (M-22). `catalogue` is the organisation's choice when the
    sheet was opened (M-20)."""

    evaluation = models.OneToOneField(
        Evaluation, on_delete=models.PROTECT, related_name="moj_quarter_sheet"
    )
    catalogue = models.CharField(_("App. 2 catalogue"), max_length=30)
    status = models.CharField(
        _("status"), max_length=20, choices=QuarterSheetStatus.choices, default=_Q.DRAFT
    )
    self_items = models.JSONField(_("encouraged activities (self-assessment)"), default=list)
    self_breaches = models.JSONField(_("breaches (self-assessment)"), default=list)
    agreed_items = models.JSONField(_("encouraged activities (agreed)"), default=list)
    agreed_breaches = models.ManyToManyField(DisciplineRecord, related_name="+", blank=True)
    no_self_assessment = models.BooleanField(_("no self-assessment"), default=False)
    bonus_points = models.IntegerField(_("bonus points"), null=True, blank=True)
    breaches = models.PositiveSmallIntegerField(_("breaches"), null=True, blank=True)
    score = models.IntegerField(_("score"), null=True, blank=True)
    rating = models.CharField(_("rating"), max_length=20, blank=True)
    self_assessed_on = models.DateField(_("self-assessed"), null=True, blank=True)
    agreed_on = models.DateField(_("agreed by the direct manager"), null=True, blank=True)
    signed_on = models.DateField(_("signed by the servant"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("quarterly evaluation sheet")
        verbose_name_plural = _("quarterly evaluation sheets")
        constraints = [
            *bounds.length_checks(
                "moj_quartersheet", catalogue=30, rating=20, refusal_note=bounds.LONG_TEXT
            )
        ]

    def __str__(self) -> str:
        return f"{self.evaluation} — App. 3"


#: The moj-2017 schedule (seed 001 p.14, EDITIONS.md §5.2 C1): HR draws it up "Бағалау жөніндегі
#: комиссия төрағасының келісімі бойынша" (with the commission chair's consent); HR records the
#: consent, which puts it in force, and no quarter opens before that.
MOJ_SCHEDULE_FLOW = Workflow(
    "moj schedule",
    {"record_consent": Step((ScheduleStatus.DRAFT,), ScheduleStatus.APPROVED, "hr")},
    groups={"in_force": frozenset({ScheduleStatus.APPROVED})},
)


class ScheduleConsent(ChairConsentRecord):
    """The commission chair's consent to a moj-2017 year's schedule (p.14, C1), as HR records
    it (`ChairConsentRecord`)."""

    schedule = models.OneToOneField(Schedule, on_delete=models.CASCADE, related_name="moj_consent")

    class Meta:
        verbose_name = _("chair's consent to the moj-2017 schedule")
        verbose_name_plural = _("chair's consents to the moj-2017 schedule")
        constraints = [
            *bounds.length_checks(
                "moj_scheduleconsent", chair_name=bounds.TITLE, reference=bounds.TITLE
            )
        ]


class PeriodNotice(models.Model):
    """HR's notice of a period's evaluation to the evaluatees and the evaluators with the blank
    sheets (p.14, C2): when it was first sent, the day it was due (10 calendar days before the
    evaluation) and how many calendar days late it went out (0: in time). Sending again tells
    only those not told yet and keeps this row."""

    period = models.OneToOneField(Period, on_delete=models.CASCADE, related_name="moj_notice")
    due = models.DateField(_("notice due"))
    sent_on = models.DateField(_("notice sent"))
    late_by = models.PositiveIntegerField(_("calendar days late"), default=0)
    recipients = models.PositiveIntegerField(_("notifications sent"), default=0)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("notice of the evaluation")
        verbose_name_plural = _("notices of the evaluation")

    def __str__(self) -> str:
        return f"{self.period}: {self.sent_on:%d.%m.%Y}"


class WorkPlanStatus(models.TextChoices):
    """EDITIONS.md §5.3 WorkPlan (moj): drafted, signed by the servant, then by the direct
    manager, which files it (the HR copy and the unit head's copy, p.13; no approval step)."""

    DRAFT = "draft", _("Draft")
    SERVANT_SIGNED = "servant_signed", _("Signed by the servant")
    FILED = "filed", _("Signed by both and filed")


_W = WorkPlanStatus
#: The App. 1 work plan (B1-B4, M-15): the servant drafts it, the direct manager may edit it
#: jointly (an edit takes back a signature given); the servant signs, the direct manager signs
#: and so files it; on a filed plan either starts an amendment, a new version signed again.
WORK_PLAN_FLOW = Workflow(
    "work plan",
    {
        "edit": Step((_W.DRAFT, _W.SERVANT_SIGNED), _W.DRAFT, "drafter"),
        "sign_servant": Step((_W.DRAFT,), _W.SERVANT_SIGNED, "servant"),
        "sign_manager": Step((_W.SERVANT_SIGNED,), _W.FILED, "manager"),
        "amend": Step((_W.FILED,), _W.DRAFT, "drafter"),
    },
    groups={"filed": frozenset({_W.FILED})},
)


class WorkPlan(TimeStampedModel):
    """The individual work plan App. 1 of one servant for one year (seed 001 p.10-13). Its
    content lives in its versions (`WorkPlanRevision`): the first, and one per amendment
    (M-15); `revision` is the number of the current one."""

    servant = models.ForeignKey(Servant, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveIntegerField(_("year"))
    edition = models.CharField(_("edition"), max_length=30)
    status = models.CharField(
        _("status"), max_length=20, choices=WorkPlanStatus.choices, default=_W.DRAFT
    )
    revision = models.PositiveIntegerField(_("version of the plan"), default=1)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("individual work plan")
        verbose_name_plural = _("individual work plans")
        constraints = [
            models.UniqueConstraint(fields=["servant", "year"], name="one_moj_work_plan_a_year"),
            *bounds.length_checks("moj_workplan", edition=30),
        ]

    def __str__(self) -> str:
        return f"{self.servant} — {self.year} App. 1"


class WorkPlanRevision(models.Model):
    """One version of the plan: up to 4 target indicators {name, expected_result, measurable}
    as the engine's `check_plan` accepts them (p.12, M-3), who drafted it, the reason of an
    amendment (M-15), the two signatures and the day it was filed."""

    plan = models.ForeignKey(WorkPlan, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField(_("version of the plan"))
    indicators = models.JSONField(_("target indicators"), default=list)
    reason = models.TextField(_("reason of the amendment"), blank=True, max_length=bounds.LONG_TEXT)
    drafted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    servant_signed_on = models.DateField(_("signed by the servant"), null=True, blank=True)
    manager = models.ForeignKey(
        Servant,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("direct manager"),
    )
    manager_signed_on = models.DateField(_("signed by the direct manager"), null=True, blank=True)
    filed_on = models.DateField(_("filed"), null=True, blank=True)

    class Meta:
        verbose_name = _("version of a work plan")
        verbose_name_plural = _("versions of work plans")
        ordering = ["plan", "number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="one_moj_plan_revision"),
            *bounds.length_checks("moj_workplanrevision", reason=bounds.LONG_TEXT),
        ]

    def __str__(self) -> str:
        return f"{self.plan} v{self.number}"


class AnnualSheetStatus(models.TextChoices):
    """EDITIONS.md §5.3 AnnualSheet, up to the commission."""

    DRAFT = "draft", _("Sent to the servant")
    SELF_ASSESSED = "self_assessed", _("Self-assessed")
    AGREED = "agreed", _("Agreed by the direct manager")
    CONFIRMED = "confirmed", _("Confirmed by the servant")
    REFUSED = "refused", _("Confirmation refused (act drawn up)")
    COMPUTED = "computed", _("Annual score computed")


_A = AnnualSheetStatus
#: The App. 4 sheet (E1-E4): the servant self-assesses each indicator (p.28); the direct manager
#: corrects and agrees, also without a self-assessment (p.29-30; M-16 read for the year too); the
#: servant confirms, or HR records the refusal act the direct manager co-signs (p.31); HR
#: computes the annual score (p.32), again when a quarter is approved later, until the commission
#: decides (M-14).
ANNUAL_SHEET_FLOW = Workflow(
    "annual sheet",
    {
        "self_assess": Step((_A.DRAFT, _A.SELF_ASSESSED), _A.SELF_ASSESSED, "servant"),
        "agree": Step((_A.DRAFT, _A.SELF_ASSESSED), _A.AGREED, "evaluator"),
        "confirm": Step((_A.AGREED,), _A.CONFIRMED, "servant"),
        "record_refusal": Step((_A.AGREED,), _A.REFUSED, "hr"),
        "compute": Step((_A.CONFIRMED, _A.REFUSED, _A.COMPUTED), _A.COMPUTED, "hr"),
    },
    groups={"closed": frozenset({_A.CONFIRMED, _A.REFUSED, _A.COMPUTED})},
)


class AnnualSheet(TimeStampedModel, RefusalAct):
    """The App. 4 sheet of one annual evaluation: one row per indicator of the servant's filed
    plan {name, expected_result, self, self_note, manager, manager_note} (points 2-5, p.30), the
    plan score (mean of the manager's column, M-6), and HR's computation (p.32; M-1, M-2,
    M-14): the approved quarter scores, their mean and its points, the weights used."""

    evaluation = models.OneToOneField(
        Evaluation, on_delete=models.PROTECT, related_name="moj_annual_sheet"
    )
    plan_revision = models.ForeignKey(WorkPlanRevision, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(
        _("status"), max_length=20, choices=AnnualSheetStatus.choices, default=_A.DRAFT
    )
    rows = models.JSONField(_("indicators"), default=list)
    no_self_assessment = models.BooleanField(_("no self-assessment"), default=False)
    plan_score = models.DecimalField(
        _("plan score"), max_digits=4, decimal_places=2, null=True, blank=True
    )
    self_assessed_on = models.DateField(_("self-assessed"), null=True, blank=True)
    agreed_on = models.DateField(_("agreed by the direct manager"), null=True, blank=True)
    confirmed_on = models.DateField(_("confirmed by the servant"), null=True, blank=True)
    quarter_scores = models.JSONField(_("approved quarter scores"), default=list)
    quarter_mean = models.DecimalField(
        _("mean of the quarters"), max_digits=7, decimal_places=2, null=True, blank=True
    )
    quarter_points = models.PositiveSmallIntegerField(
        _("points of the mean"), null=True, blank=True
    )
    weight_quarters = models.DecimalField(
        _("weight of the quarters"), max_digits=4, decimal_places=3, null=True, blank=True
    )
    weight_plan = models.DecimalField(
        _("weight of the plan"), max_digits=4, decimal_places=3, null=True, blank=True
    )
    computed_on = models.DateField(_("annual score computed"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("annual evaluation sheet")
        verbose_name_plural = _("annual evaluation sheets")
        constraints = [*bounds.length_checks("moj_annualsheet", refusal_note=bounds.LONG_TEXT)]

    def __str__(self) -> str:
        return f"{self.evaluation} — App. 4"
