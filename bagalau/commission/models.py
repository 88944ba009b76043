"""The evaluation commission of the typical-2018 editions: its versions (the forming order and
each amending order), its sessions, the motions and open votes on each servant, the protocol's
signatures and the authorised person's approval (EDITIONS.md §2.2 A1-A3, G1-G4; §2.3
CommissionSession; §6.1 App. 5; §9.0 G-6, G-7; §9.1 T-12, T-13, T-22).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from bagalau.core import bounds
from bagalau.core.models import TimeStampedModel
from bagalau.core.workflow import Step, Workflow
from bagalau.evaluations.models import Evaluation
from bagalau.org.models import Organisation, Servant


class OrderKind(models.TextChoices):
    """The order forming the commission, or one amending it (seed 004 p.5, p.31)."""

    FORMING = "forming", _("Order forming the commission")
    AMENDING = "amending", _("Amending order")


class CommissionVersion(TimeStampedModel):
    """One version of the commission: the order (number, date) that formed or amended it, in
    force from the order's date until the next one (EDITIONS.md §9 G-6). Its seats name the chair,
    the members and the secretary."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="commission_versions"
    )
    kind = models.CharField(_("kind of order"), max_length=20, choices=OrderKind.choices)
    order_number = models.CharField(_("order number"), max_length=bounds.CODE)
    order_date = models.DateField(_("order date"))
    signatory = models.ForeignKey(
        Servant,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("signed by (the authorised person)"),
    )
    edition = models.CharField(_("edition"), max_length=bounds.CODE)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("commission version")
        verbose_name_plural = _("commission versions")
        ordering = ["organisation", "-order_date"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "order_date"], name="commission_one_order_a_day"
            ),
            *bounds.length_checks(
                "commission_commissionversion", order_number=bounds.CODE, edition=bounds.CODE
            ),
        ]

    def __str__(self) -> str:
        return f"№ {self.order_number} ({self.order_date:%d.%m.%Y})"


class SeatRole(models.TextChoices):
    """The chair and the members vote; the secretary, an HR servant, does not (p.5, p.34; G-6)."""

    CHAIR = "chair", _("Chair")
    MEMBER = "member", _("Member")
    SECRETARY = "secretary", _("Secretary")


#: The roles that count as members of the commission (the secretary is not one, G-6).
VOTING_ROLES = (SeatRole.CHAIR, SeatRole.MEMBER)


class CommissionSeat(models.Model):
    """A servant's place in one version of the commission."""

    version = models.ForeignKey(CommissionVersion, on_delete=models.CASCADE, related_name="seats")
    servant = models.ForeignKey(Servant, on_delete=models.PROTECT, related_name="commission_seats")
    role = models.CharField(_("role"), max_length=20, choices=SeatRole.choices)

    class Meta:
        verbose_name = _("commission seat")
        verbose_name_plural = _("commission seats")
        ordering = ["version", "role", "servant__last_name"]
        constraints = [
            models.UniqueConstraint(fields=["version", "servant"], name="commission_one_seat"),
            models.UniqueConstraint(
                fields=["version"], condition=Q(role="chair"), name="commission_one_chair"
            ),
            models.UniqueConstraint(
                fields=["version"], condition=Q(role="secretary"), name="commission_one_secretary"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.servant.short_name} — {self.get_role_display()}"

    @property
    def votes(self) -> bool:
        """Whether the seat carries a vote (the chair and the members)."""
        return self.role in VOTING_ROLES


class SessionStatus(models.TextChoices):
    """The session's life (EDITIONS.md §2.3 CommissionSession)."""

    SCHEDULED = "scheduled", _("Scheduled")
    HELD = "held", _("Held (quorate)")
    ADJOURNED = "adjourned", _("Adjourned: no quorum")
    PROTOCOL_SIGNED = "protocol_signed", _("Protocol signed")
    APPROVED = "approved", _("Approved by the authorised person")


_S = SessionStatus

#: The session's life cycle (G1-G4): HR records the attendance, which holds the session or, without
#: a quorum, adjourns it (p.30); in a held session HR puts a motion on each servant and records
#: the open vote (p.32-34, p.37-38) and writes the commission's conclusion (App. 5); the
#: secretary and the members present sign the protocol, the last signature closes it; the
#: authorised person approves it (p.39, T-12: approve only).
SESSION_FLOW = Workflow(
    "commission_session",
    {
        "attendance": Step((_S.SCHEDULED,), None, "hr"),
        "hold": Step((_S.SCHEDULED,), _S.HELD, "system"),
        "adjourn": Step((_S.SCHEDULED,), _S.ADJOURNED, "system"),
        "motion": Step((_S.HELD,), None, "hr"),
        "vote": Step((_S.HELD,), None, "hr"),
        "conclude": Step((_S.HELD,), None, "hr"),
        "sign": Step((_S.HELD,), None, "signatory"),
        "close_protocol": Step((_S.HELD,), _S.PROTOCOL_SIGNED, "system"),
        "approve": Step((_S.PROTOCOL_SIGNED,), _S.APPROVED, "authorised_person"),
    },
    groups={
        "open": frozenset({_S.SCHEDULED, _S.HELD, _S.PROTOCOL_SIGNED}),
        "closed": frozenset({_S.ADJOURNED, _S.APPROVED}),
        # Every signatory has signed the protocol (p.38-39): it prints as a draft until then.
        "signed": frozenset({_S.PROTOCOL_SIGNED, _S.APPROVED}),
    },
)


class CommissionSession(TimeStampedModel):
    """A session of the commission, sitting as the version in force on its date (G1, G-6)."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="commission_sessions"
    )
    version = models.ForeignKey(
        CommissionVersion, on_delete=models.PROTECT, related_name="sessions"
    )
    date = models.DateField(_("session date"))
    chair_agreed_on = models.DateField(_("date agreed with the chair on"))
    place = models.CharField(_("place"), max_length=bounds.TITLE, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=SessionStatus.choices, default=SessionStatus.SCHEDULED
    )
    present_count = models.PositiveSmallIntegerField(null=True, blank=True)
    quorum_needed = models.PositiveSmallIntegerField(null=True, blank=True)
    conclusion = models.TextField(
        _("conclusion of the commission"), blank=True, max_length=bounds.LONG_TEXT
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    approved_on = models.DateField(_("approved on"), null=True, blank=True)
    approval_remarks = models.TextField(
        _("remarks of the authorised person"), blank=True, max_length=bounds.LONG_TEXT
    )
    scheduled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("commission session")
        verbose_name_plural = _("commission sessions")
        ordering = ["organisation", "-date"]
        constraints = [
            *bounds.length_checks(
                "commission_commissionsession",
                place=bounds.TITLE,
                conclusion=bounds.LONG_TEXT,
                approval_remarks=bounds.LONG_TEXT,
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} — {self.date:%d.%m.%Y}"


class Attendance(models.Model):
    """Whether a seat-holder was present at the session (p.30)."""

    session = models.ForeignKey(
        CommissionSession, on_delete=models.CASCADE, related_name="attendance"
    )
    seat = models.ForeignKey(CommissionSeat, on_delete=models.PROTECT, related_name="+")
    present = models.BooleanField(_("present"))

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(fields=["session", "seat"], name="commission_attendance_once")
        ]

    def __str__(self) -> str:
        return f"{self.session}: {self.seat}"


class AgendaItem(models.Model):
    """A servant's evaluation before the session (G1), and the commission's decision on it."""

    session = models.ForeignKey(CommissionSession, on_delete=models.CASCADE, related_name="agenda")
    evaluation = models.ForeignKey(
        Evaluation, on_delete=models.PROTECT, related_name="commission_items"
    )
    number = models.PositiveSmallIntegerField(_("No."))

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["session", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "evaluation"], name="commission_item_once_a_session"
            )
        ]

    def __str__(self) -> str:
        return f"{self.session} № {self.number}"

    @property
    def decision(self) -> Motion | None:
        """The adopted motion, if any."""
        return next((m for m in self.motions.all() if m.adopted), None)


class MotionKind(models.TextChoices):
    """ "1) бағалау нәтижелерін бекіту; 2) бағалау нәтижелерін қайта қарау" (p.37)."""

    APPROVE = "approve", _("Approve the results")
    REVISE = "revise", _("Revise the results")


class Motion(models.Model):
    """A proposed decision on one agenda item, put to the open vote (p.32-38; T-13: a revision
    sets a corrected KPI count and/or competency result, with a reason)."""

    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="motions")
    kind = models.CharField(_("decision"), max_length=20, choices=MotionKind.choices)
    revised_kpi_achieved = models.PositiveSmallIntegerField(
        _("KPIs fully achieved, as corrected"), null=True, blank=True
    )
    revised_competencies = models.TextField(
        _("competency result, as corrected"), blank=True, max_length=bounds.LONG_TEXT
    )
    # moj-2017 (seed 001 p.35): the score as corrected, q or the annual score; its rating is the
    # engine's (`methodology.moj2017_commission`), the reason is the explanation.
    revised_score = models.DecimalField(
        _("score, as corrected"), max_digits=7, decimal_places=2, null=True, blank=True
    )
    reason = models.TextField(_("reason"), blank=True, max_length=bounds.LONG_TEXT)
    # "Комиссияның ұсыныстары" of the moj-2017 App. 5 (e.g. training, seed 001 p.43).
    recommendations = models.TextField(
        _("recommendations of the commission"), blank=True, max_length=bounds.LONG_TEXT
    )
    adopted = models.BooleanField(null=True, blank=True)
    votes_for = models.PositiveSmallIntegerField(null=True, blank=True)
    votes_against = models.PositiveSmallIntegerField(null=True, blank=True)
    put_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    put_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("motion")
        verbose_name_plural = _("motions")
        ordering = ["item", "put_at", "pk"]
        constraints = [
            *bounds.length_checks(
                "commission_motion",
                revised_competencies=bounds.LONG_TEXT,
                reason=bounds.LONG_TEXT,
                recommendations=bounds.LONG_TEXT,
            ),
            models.CheckConstraint(
                condition=Q(revised_kpi_achieved__isnull=True) | Q(revised_kpi_achieved__lte=5),
                name="commission_motion_kpi_0_5",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.item}: {self.get_kind_display()}"


class VoteChoice(models.TextChoices):
    """An open vote, no abstentions (G-7)."""

    FOR = "for", _("For")
    AGAINST = "against", _("Against")


class Vote(models.Model):
    """A present member's vote on a motion (p.32-33; G-7)."""

    motion = models.ForeignKey(Motion, on_delete=models.CASCADE, related_name="votes")
    seat = models.ForeignKey(CommissionSeat, on_delete=models.PROTECT, related_name="+")
    choice = models.CharField(_("vote"), max_length=10, choices=VoteChoice.choices)

    class Meta:
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        constraints = [
            models.UniqueConstraint(fields=["motion", "seat"], name="commission_one_vote")
        ]

    def __str__(self) -> str:
        return f"{self.motion}: {self.seat}"


class Signature(models.Model):
    """A signature on the session's protocol: the secretary's, the chair's or a member's (App. 5,
    EDITIONS.md §6.1)."""

    session = models.ForeignKey(
        CommissionSession, on_delete=models.CASCADE, related_name="signatures"
    )
    seat = models.ForeignKey(CommissionSeat, on_delete=models.PROTECT, related_name="+")
    signed_on = models.DateField(_("signed on"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("protocol signature")
        verbose_name_plural = _("protocol signatures")
        ordering = ["session", "seat__role"]
        constraints = [
            models.UniqueConstraint(fields=["session", "seat"], name="commission_sign_once")
        ]

    def __str__(self) -> str:
        return f"{self.session}: {self.seat}"


class IntranetDispatch(models.Model):
    """The working body sent the servant's result through the intranet portal of state bodies
    (EDITIONS.md §2.2 H3, seed 004 p.42): when, and the portal's reference of the message."""

    evaluation = models.ForeignKey(
        Evaluation, on_delete=models.CASCADE, related_name="intranet_dispatches"
    )
    sent_on = models.DateField(_("sent on"))
    reference = models.CharField(_("reference on the portal"), max_length=bounds.TITLE)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("dispatch through the intranet portal")
        verbose_name_plural = _("dispatches through the intranet portal")
        ordering = ["evaluation", "sent_on", "pk"]
        constraints = [
            *bounds.length_checks("commission_intranetdispatch", reference=bounds.TITLE),
        ]

    def __str__(self) -> str:
        return f"{self.evaluation} ({self.sent_on:%d.%m.%Y})"


class AgencyReport(models.Model):
    """The body informs the authorised civil-service agency of the decision taken on an appeal
    "екі апта ішінде" (seed 001 p.39): a task due 14 calendar days after the day HR recorded the
    agency's communication or its own decision on it (EDITIONS.md §9 M-12), done once HR records
    the information sent."""

    appeal = models.OneToOneField(
        "calibration.Appeal", on_delete=models.CASCADE, related_name="agency_report"
    )
    due = models.DateField(_("due"))
    sent_on = models.DateField(_("sent on"), null=True, blank=True)
    reference = models.CharField(_("reference of the letter"), max_length=bounds.TITLE, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("information to the agency")
        verbose_name_plural = _("information to the agency")
        ordering = ["due", "pk"]
        constraints = [
            *bounds.length_checks("commission_agencyreport", reference=bounds.TITLE),
        ]

    def __str__(self) -> str:
        return f"{self.appeal} → {self.due:%d.%m.%Y}"
