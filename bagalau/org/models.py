"""Organisation structure (SPEC §2): who holds which position, who manages whom, who is absent."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from bagalau.core import bounds, clock
from bagalau.core.models import TimeStampedModel, TrilingualName
from bagalau.core.roles import Role as Role  # re-exported: org.models.Role stays valid
from bagalau.methodology import (
    DEFAULT_EDITION,
    Edition,
    MethodologyError,
    edition_codes,
    edition_in_force,
    get_edition,
)
from bagalau.methodology.categories import valid_categories
from bagalau.methodology.structure import StructureRules


class Organisation(TrilingualName, TimeStampedModel):
    """A state body (its apparatus) that evaluates its "B" corps servants under one edition."""

    short_name = models.CharField(_("short name"), max_length=60, blank=True)
    body = models.CharField(
        _("kind of body"),
        max_length=40,
        default="sjc",
        help_text=_("Which family of methodologies applies (sjc, justice, …)."),
    )

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        constraints = [
            *bounds.length_checks(
                "org_organisation",
                name_kk=bounds.TITLE,
                name_ru=bounds.TITLE,
                name_en=bounds.TITLE,
                short_name=60,
            )
        ]

    def edition_on(self, day: dt.date) -> Edition:
        """The edition the organisation evaluates under on `day` (sjc-2023 when none is set)."""
        assignments = [(a.valid_from, a.edition) for a in self.editions.all()]
        if not assignments:
            return get_edition(DEFAULT_EDITION)
        return edition_in_force(assignments, day)

    def structure_on(self, day: dt.date) -> StructureRules:
        """Who is evaluated how and by whom under the edition in force on `day` (before its
        first edition: the first one)."""
        try:
            return self.edition_on(day).structure
        except MethodologyError:
            first = self.editions.order_by("valid_from").first()
            return get_edition(first.edition if first else DEFAULT_EDITION).structure


class EditionAssignment(models.Model):
    """From this date on, the organisation evaluates under this edition (SPEC §1)."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="editions"
    )
    edition = models.CharField(
        _("edition"),
        max_length=30,
        choices=[(code, code) for code in edition_codes()],
        default=DEFAULT_EDITION,
    )
    valid_from = models.DateField(_("in force from"))

    class Meta:
        verbose_name = _("edition in force")
        verbose_name_plural = _("editions in force")
        ordering = ["organisation", "valid_from"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "valid_from"], name="one_edition_a_day")
        ]

    def __str__(self) -> str:
        return f"{self.edition} ({self.valid_from:%d.%m.%Y})"


class RoleAssignment(TimeStampedModel):
    """A user's role in an organisation; a person may hold several."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="roles"
    )
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="roles")
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)

    class Meta:
        verbose_name = _("role")
        verbose_name_plural = _("roles")
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation", "role"], name="unique_role")
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()}"


class CalendarTransfer(TimeStampedModel):
    """A day off moved by government decree, entered by an administrator (SPEC §3).

    The weekend day becomes a working day and the weekday a day off; either may be left empty.
    """

    working_day = models.DateField(_("worked weekend day"), null=True, blank=True, unique=True)
    day_off = models.DateField(_("weekday off"), null=True, blank=True, unique=True)
    note = models.CharField(_("decree"), max_length=bounds.TITLE, blank=True)

    class Meta:
        verbose_name = _("transferred day off")
        verbose_name_plural = _("transferred days off")
        ordering = ["-working_day", "-day_off"]
        constraints = [
            models.CheckConstraint(
                condition=Q(working_day__isnull=False) | Q(day_off__isnull=False),
                name="transfer_names_a_day",
            ),
            *bounds.length_checks("org_calendartransfer", note=bounds.TITLE),
        ]

    def __str__(self) -> str:
        return f"{self.working_day or '—'} → {self.day_off or '—'}"


class Unit(TrilingualName, TimeStampedModel):
    """A structural unit; units form a tree under the organisation's apparatus."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="units")
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children"
    )
    order = models.PositiveIntegerField(_("order"), default=0)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("structural unit")
        verbose_name_plural = _("structural units")
        ordering = ["order", "name_kk"]
        constraints = [
            *bounds.length_checks(
                "org_unit", name_kk=bounds.TITLE, name_ru=bounds.TITLE, name_en=bounds.TITLE
            )
        ]


category_validator = RegexValidator(
    r"^(" + "|".join(valid_categories()) + r")$",
    _("Use a category code such as B-1, C-O-2 or D-4."),
)


class MethodOverride(models.TextChoices):
    """How HR overrides the method a post's category gives (with a justification)."""

    KPI = "kpi", _("By KPI")
    DIFFERENTIATION = "differentiation", _("By differentiation")


class Position(TrilingualName, TimeStampedModel):
    """A post in a unit. Posts without a "B" corps category (e.g. the head of the apparatus) are
    never evaluated. Whether a post is evaluated by KPI follows from its category under the
    edition's rules (sjc-2023: B-1, seed 002 p.2(4), p.21), unless HR overrides it with a reason."""

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="positions")
    category = models.CharField(
        _("category"), max_length=10, blank=True, validators=[category_validator]
    )
    heads_unit = models.BooleanField(_("heads the unit"), default=False)
    method_override = models.CharField(
        _("evaluation method (override)"),
        max_length=20,
        choices=MethodOverride.choices,
        blank=True,
        help_text=_(
            "Leave empty to take it from the category: B-1 posts (the deputy head of the "
            "apparatus, the heads of structural units) are evaluated by KPI, the others by "
            "differentiation (seed 002 p.2, p.21, p.28)."
        ),
    )
    method_override_reason = models.CharField(
        _("why the method is overridden"), max_length=500, blank=True
    )
    provides_services = models.BooleanField(_("provides public services"), default=False)
    # The post's job description (лауазымдық нұсқаулық), presented to the commission with the
    # sheets (seed 001 p.34).
    job_description = models.TextField(
        _("job description"), blank=True, max_length=bounds.LONG_TEXT
    )
    order = models.PositiveIntegerField(_("order"), default=0)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("position")
        verbose_name_plural = _("positions")
        ordering = ["unit", "-heads_unit", "order", "name_kk"]
        constraints = [
            *bounds.length_checks(
                "org_position",
                name_kk=bounds.TITLE,
                name_ru=bounds.TITLE,
                name_en=bounds.TITLE,
                category=10,
                method_override_reason=500,
                job_description=bounds.LONG_TEXT,
            )
        ]

    @property
    def is_evaluated(self) -> bool:
        """Only "B" corps administrative posts (with a category) are evaluated."""
        return bool(self.category)

    def evaluated_by_kpi(self, rules: StructureRules) -> bool:
        """Evaluated by KPI under `rules` (the edition's): HR's override, else the category."""
        if not self.category:
            return False
        if self.method_override:
            return self.method_override == MethodOverride.KPI
        return rules.evaluated_by_kpi(self.category, self.heads_unit)

    @property
    def is_manager(self) -> bool:
        """Evaluated by KPI under the edition the organisation evaluates under today."""
        return self.evaluated_by_kpi(self.unit.organisation.structure_on(clock.today()))


class Servant(TimeStampedModel):
    """A person in the organisation, with or without a login."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="servants"
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="servant",
    )
    last_name = models.CharField(_("surname"), max_length=bounds.PERSON_NAME)
    first_name = models.CharField(_("first name"), max_length=bounds.PERSON_NAME)
    patronymic = models.CharField(_("patronymic"), max_length=bounds.PERSON_NAME, blank=True)
    personnel_number = models.CharField(_("personnel number"), max_length=bounds.CODE, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("servant")
        verbose_name_plural = _("servants")
        ordering = ["last_name", "first_name"]
        constraints = [
            *bounds.length_checks(
                "org_servant",
                last_name=bounds.PERSON_NAME,
                first_name=bounds.PERSON_NAME,
                patronymic=bounds.PERSON_NAME,
                personnel_number=bounds.CODE,
                email=254,
            )
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        """Surname, first name, patronymic."""
        return " ".join(p for p in (self.last_name, self.first_name, self.patronymic) if p)

    @property
    def short_name(self) -> str:
        """Surname and initials, as the forms sign ("тегі, бас әріптер")."""
        initials = "".join(f"{p[0]}." for p in (self.first_name, self.patronymic) if p)
        return f"{self.last_name} {initials}".strip()


class AssignmentKind(models.TextChoices):
    """How the servant came to the position."""

    APPOINTMENT = "appointment", _("Appointment")
    TRANSFER = "transfer", _("Transfer")


class EndReason(models.TextChoices):
    """How the assignment ended."""

    TRANSFER = "transfer", _("Transferred")
    DISMISSAL = "dismissal", _("Dismissed")


class Assignment(TimeStampedModel):
    """A servant holds a position from `start` to `end` (inclusive; open when empty)."""

    servant = models.ForeignKey(Servant, on_delete=models.CASCADE, related_name="assignments")
    position = models.ForeignKey(Position, on_delete=models.PROTECT, related_name="assignments")
    start = models.DateField(_("from"))
    end = models.DateField(_("to"), null=True, blank=True)
    kind = models.CharField(
        _("kind"), max_length=20, choices=AssignmentKind.choices, default=AssignmentKind.APPOINTMENT
    )
    end_reason = models.CharField(
        _("end reason"), max_length=20, choices=EndReason.choices, blank=True
    )
    probation_until = models.DateField(_("probation until"), null=True, blank=True)
    direct_manager = models.ForeignKey(
        Servant,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("direct manager (override)"),
        help_text=_("Leave empty to take the head of the unit from the structure."),
    )
    superior_manager = models.ForeignKey(
        Servant,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("superior manager (override)"),
        help_text=_("Leave empty to take the direct manager's own direct manager."),
    )
    managers_reason = models.CharField(
        _("why the managers are overridden"),
        max_length=500,
        blank=True,
        help_text=_("For example the order that distributes the duties."),
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        ordering = ["servant", "-start"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=models.F("start")),
                name="assignment_ends_after_start",
            ),
            *bounds.length_checks("org_assignment", managers_reason=500),
        ]

    def __str__(self) -> str:
        return f"{self.servant} — {self.position}"

    def covers(self, day: dt.date) -> bool:
        """Whether the servant held the position on `day`."""
        return self.start <= day and (self.end is None or day <= self.end)


class AbsenceKind(models.TextChoices):
    """Absences that defer the KPI evaluation (seed 002 p.5)."""

    ANNUAL_LEAVE = "annual_leave", _("Annual leave")
    SOCIAL_LEAVE = "social_leave", _("Social leave")
    SICK_LEAVE = "sick_leave", _("Sick leave")
    BUSINESS_TRIP = "business_trip", _("Business trip")
    INTERNSHIP = "internship", _("Internship")
    RETRAINING = "retraining", _("Retraining")
    TRAINING = "training", _("Training")


class Absence(TimeStampedModel):
    """A period the servant is away from work (inclusive dates)."""

    servant = models.ForeignKey(Servant, on_delete=models.CASCADE, related_name="absences")
    kind = models.CharField(_("kind"), max_length=20, choices=AbsenceKind.choices)
    start = models.DateField(_("from"))
    end = models.DateField(_("to"))
    note = models.CharField(_("note"), max_length=bounds.TITLE, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("absence")
        verbose_name_plural = _("absences")
        ordering = ["servant", "-start"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gte=models.F("start")), name="absence_ends_after_start"
            ),
            *bounds.length_checks("org_absence", note=bounds.TITLE),
        ]

    def __str__(self) -> str:
        return (
            f"{self.servant}: {self.get_kind_display()} {self.start:%d.%m.%Y}–{self.end:%d.%m.%Y}"
        )
