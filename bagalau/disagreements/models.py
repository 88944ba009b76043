"""A disagreement about the evaluation procedure and the HR service's answer (seed 002 p.16:
"Бағалау рәсіміне байланысты келіспеушіліктерді барлық мүдделі адамдар мен тараптардың
жәрдемдесуімен Сектор қарастырады")."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from bagalau.core import bounds
from bagalau.core.models import TimeStampedModel
from bagalau.core.workflow import Step, Workflow
from bagalau.evaluations.models import Evaluation
from bagalau.org.models import Organisation, Servant


class DisagreementStatus(models.TextChoices):
    """Open until the HR service records its consideration and answer."""

    OPEN = "open", _("Being considered")
    ANSWERED = "answered", _("Answered")


#: The HR service considers and answers an open disagreement, once (p.16).
DISAGREEMENT_FLOW = Workflow(
    "disagreement",
    {"answer": Step((DisagreementStatus.OPEN,), DisagreementStatus.ANSWERED, "hr")},
    groups={"open": frozenset({DisagreementStatus.OPEN})},
)


class Disagreement(TimeStampedModel):
    """A servant's disagreement about the procedure (not a result: that is p.12's calibration),
    the HR service's consideration with the persons concerned, and its answer."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="disagreements"
    )
    servant = models.ForeignKey(Servant, on_delete=models.PROTECT, related_name="disagreements")
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    raised_on = models.DateField(_("raised on"))
    evaluation = models.ForeignKey(
        Evaluation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("evaluation concerned"),
    )
    text = models.TextField(_("disagreement"), max_length=bounds.LONG_TEXT)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=DisagreementStatus.choices,
        default=DisagreementStatus.OPEN,
    )
    consideration = models.TextField(
        _("how it was considered"), blank=True, max_length=bounds.LONG_TEXT
    )
    answer = models.TextField(_("answer"), blank=True, max_length=bounds.LONG_TEXT)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("disagreement about the procedure")
        verbose_name_plural = _("disagreements about the procedure")
        ordering = ["-raised_on", "-pk"]
        constraints = [
            *bounds.length_checks(
                "disagreements_disagreement",
                text=bounds.LONG_TEXT,
                consideration=bounds.LONG_TEXT,
                answer=bounds.LONG_TEXT,
            )
        ]

    def __str__(self) -> str:
        return f"{self.servant} ({self.raised_on:%d.%m.%Y})"
