"""The register of decisions that rest on a result (seed 002 p.8)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from bagalau.core import bounds
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
    order_number = models.CharField(_("order No."), max_length=ORDER_NUMBER)
    order_date = models.DateField(_("order date"))
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
            )
        ]

    def __str__(self) -> str:
        return f"{self.servant}: {self.kind} ({self.order_date:%d.%m.%Y})"
