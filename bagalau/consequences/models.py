"""The register of decisions that rest on a result (seed 002 p.8; seed 001 p.42, p.45), and the
moj-2017 training referrals of an unsatisfactory year (seed 001 p.43)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from bagalau.core import bounds
from bagalau.core.workflow import Step, Workflow
from bagalau.evaluations.models import Evaluation
from bagalau.org.models import Organisation, Servant

#: An order's number ("№ 1-9/13").
ORDER_NUMBER = 50


class Decision(models.Model):
    """A decision on a servant (encouragement, rotation, demotion, dismissal; the kinds and the
    ratings that permit each are edition data, ``decisions.yaml``) with the final result it rests
    on, who decided and the order. `basis` and `rating` keep what the result was when the
    documents of the evaluation are disposed of (p.14) and `evaluation` becomes empty."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="decisions"
    )
    servant = models.ForeignKey(Servant, on_delete=models.PROTECT, related_name="decisions")
    evaluation = models.ForeignKey(
        Evaluation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="decisions",
        verbose_name=_("result it rests on"),
    )
    basis = models.CharField(_("result it rests on"), max_length=bounds.TITLE)
    rating = models.CharField(_("rating"), max_length=20)
    edition = models.CharField(_("edition"), max_length=bounds.CODE)
    kind = models.CharField(_("decision"), max_length=20)
    decided_by = models.CharField(_("decided by"), max_length=bounds.TITLE)
    order_number = models.CharField(_("order No."), max_length=ORDER_NUMBER, blank=True)
    order_date = models.DateField(_("order date"))
    reason = models.TextField(_("reason"), blank=True, max_length=bounds.LONG_TEXT)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded"))

    class Meta:
        verbose_name = _("decision on a result")
        verbose_name_plural = _("decisions on results")
        ordering = ["organisation", "-order_date", "-id"]
        constraints = [
            *bounds.length_checks(
                "consequences_decision",
                basis=bounds.TITLE,
                decided_by=bounds.TITLE,
                order_number=ORDER_NUMBER,
                rating=20,
                edition=bounds.CODE,
                kind=20,
                reason=bounds.LONG_TEXT,
            )
        ]

    def __str__(self) -> str:
        return f"{self.servant}: {self.kind} ({self.order_date:%d.%m.%Y})"


class TrainingStatus(models.TextChoices):
    """A training referral of an unsatisfactory year (seed 001 p.43): due until HR records the
    direction (no row yet), referred, done."""

    DUE = "due", _("To refer")
    REFERRED = "referred", _("Referred to training")
    DONE = "done", _("Training done")


_T = TrainingStatus
#: p.43 (M-10): HR records the direction(s) of training (and may correct them while the servant
#: is referred), then records the training done. The referral of an approved unsatisfactory annual
#: result is `due` before its row exists: the first `refer` creates it.
TRAINING_REFERRAL_FLOW = Workflow(
    "training referral",
    {
        "refer": Step((_T.DUE, _T.REFERRED), _T.REFERRED, "hr"),
        "complete": Step((_T.REFERRED,), _T.DONE, "hr"),
    },
    groups={"open": frozenset({_T.DUE, _T.REFERRED})},
)


class TrainingReferral(models.Model):
    """The HR service's referral of a servant to training "қанағаттанарлықсыз болып танылған
    қызмет бағыты бойынша" within 3 months after the commission approves the annual results
    (seed 001 p.43; M-10): the approved unsatisfactory annual result it follows, the direction(s)
    HR recorded, and the training done. The due date is not stored: it is the engine's
    `training_due` of the result's approval date, so it cannot drift from it."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="training_referrals"
    )
    servant = models.ForeignKey(Servant, on_delete=models.PROTECT, related_name="+")
    evaluation = models.OneToOneField(
        Evaluation,
        on_delete=models.PROTECT,
        related_name="training_referral",
        verbose_name=_("annual result"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=TrainingStatus.choices, default=_T.REFERRED
    )
    directions = models.TextField(_("direction of training"), max_length=bounds.LONG_TEXT)
    referred_on = models.DateField(_("referred on"))
    referred_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    done_on = models.DateField(_("training done on"), null=True, blank=True)
    training = models.TextField(_("training attended"), blank=True, max_length=bounds.LONG_TEXT)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("training referral")
        verbose_name_plural = _("training referrals")
        ordering = ["organisation", "referred_on", "pk"]
        constraints = [
            *bounds.length_checks(
                "consequences_trainingreferral",
                directions=bounds.LONG_TEXT,
                training=bounds.LONG_TEXT,
            )
        ]

    def __str__(self) -> str:
        return f"{self.servant}: {self.evaluation.period} — {self.get_status_display()}"
