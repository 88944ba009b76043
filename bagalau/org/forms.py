"""Forms of the org pages: they parse input only; the rules live in `bagalau.org.services`."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from bagalau.core import clock, forms
from bagalau.core.language import reader_language
from bagalau.core.widgets import PersonSelect
from bagalau.methodology import edition_codes, get_edition
from bagalau.org.models import (
    AbsenceKind,
    MethodOverride,
    Organisation,
    Position,
    Role,
    Servant,
)
from bagalau.org.selectors import held_position_ids, unit_tree

if TYPE_CHECKING:
    from bagalau.core.types import User


class DateInput(forms.DateInput):
    """The browser's date picker (ISO dates)."""

    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class VersionedForm(forms.DomainErrorForm):
    """A form editing a row: carries the row's version so a concurrent change is refused."""

    version = forms.VersionField(required=False)


def unit_choices(organisation: Organisation) -> list[tuple[int, str]]:
    """The organisation's units, indented as in the tree."""
    return [(unit.pk, "— " * depth + unit.name) for unit, depth in unit_tree(organisation)]


def id_field(
    label: Any, choices: list[tuple[Any, Any]], *, empty: Any = None, widget: Any = None
) -> Any:
    """A choice of rows by id (the service checks that the row belongs to the organisation);
    `widget` PersonSelect for a choice of persons."""
    if empty is not None:
        choices = [("", empty), *choices]
    return forms.TypedChoiceField(
        label=label,
        choices=choices,
        coerce=int,
        required=empty is None,
        empty_value=None,
        widget=widget or forms.Select,
    )


class UnitForm(VersionedForm):
    """Create or edit a structural unit."""

    name_kk = forms.CharField(label=_("Name (Kazakh)"), max_length=300)
    name_ru = forms.CharField(label=_("Name (Russian)"), max_length=300, required=False)
    name_en = forms.CharField(label=_("Name (English)"), max_length=300, required=False)
    order = forms.IntegerField(label=_("Order among its siblings"), min_value=0, initial=0)

    field_order = ["name_kk", "name_ru", "name_en", "parent", "order"]

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["parent"] = id_field(
            _("Part of"), unit_choices(organisation), empty=_("— top level —")
        )
        self.order_fields(self.field_order)


class PositionForm(VersionedForm):
    """Create or edit a position."""

    name_kk = forms.CharField(label=_("Name (Kazakh)"), max_length=300)
    name_ru = forms.CharField(label=_("Name (Russian)"), max_length=300, required=False)
    name_en = forms.CharField(label=_("Name (English)"), max_length=300, required=False)
    category = forms.CharField(
        label=_("Category"),
        max_length=20,
        required=False,
        help_text=_("Such as B-4 or C-O-1; leave empty for a post that is not evaluated."),
    )
    heads_unit = forms.BooleanField(label=_("Heads the unit"), required=False)
    method_override = forms.ChoiceField(
        label=_("Evaluation method"),
        choices=[("", _("— from the category —")), *MethodOverride.choices],
        required=False,
        help_text=_(
            "B-1 posts (the deputy head of the apparatus, the heads of structural units) are "
            "evaluated by KPI, the others by differentiation (seed 002 p.2, p.21, p.28). Choose "
            "a method only to override that, and say why."
        ),
    )
    method_override_reason = forms.CharField(
        label=_("Why the method is overridden"), max_length=500, required=False
    )
    provides_services = forms.BooleanField(label=_("Provides public services"), required=False)
    order = forms.IntegerField(label=_("Order in the unit"), min_value=0, initial=0)
    job_description = forms.CharField(
        label=_("Job description"),
        required=False,
        widget=forms.Textarea,
        help_text=_("Presented to the evaluation commission with the sheets (moj-2017 p.34)."),
    )

    field_order = ["name_kk", "name_ru", "name_en", "unit", "category"]

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"] = id_field(_("Unit"), unit_choices(organisation))
        self.fields["unit"].required = True
        self.order_fields(self.field_order)


class ServantForm(VersionedForm):
    """A servant's personal data."""

    last_name = forms.CharField(label=_("Surname"), max_length=100)
    first_name = forms.CharField(label=_("First name"), max_length=100)
    patronymic = forms.CharField(label=_("Patronymic"), max_length=100, required=False)
    personnel_number = forms.CharField(label=_("Personnel number"), max_length=30, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)


class NewServantForm(ServantForm):
    """A new servant, optionally with a login."""

    username = forms.CharField(
        label=_("Login name"),
        max_length=150,
        required=False,
        help_text=_("Leave empty for a servant without a login."),
    )
    password = forms.CharField(
        label=_("Initial password"),
        required=False,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )


class LoginForm(forms.DomainErrorForm):
    """A login for a servant who has none."""

    username = forms.CharField(label=_("Login name"), max_length=150)
    password = forms.CharField(
        label=_("Initial password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )


def position_choices(organisation: Organisation) -> list[tuple[int, str]]:
    """The organisation's positions, labelled with their unit and category, in tree order."""
    order = {unit.pk: index for index, (unit, _depth) in enumerate(unit_tree(organisation))}
    positions = sorted(
        Position.objects.filter(unit__organisation=organisation).select_related("unit"),
        key=lambda p: (order.get(p.unit_id, 0), not p.heads_unit, p.order, p.name_kk),
    )
    return [(p.pk, f"{p.unit.name} · {p.name} ({p.category or '—'})") for p in positions]


def appointment_choices(organisation: Organisation, day: dt.date) -> list[tuple[Any, Any]]:
    """The positions for an appointment or transfer: first the posts vacant on `day` (no active
    assignment), each labelled so, then the held ones (issue 13 item 8)."""
    held = held_position_ids(organisation, day)
    vacant: list[tuple[int, str]] = []
    taken: list[tuple[int, str]] = []
    for pk, label in position_choices(organisation):
        if pk in held:
            taken.append((pk, label))
        else:
            vacant.append((pk, f"{label} — {_('vacant')}"))
    groups: list[tuple[Any, Any]] = []
    if vacant:
        groups.append((_("Vacant posts"), vacant))
    if taken:
        groups.append((_("Held posts"), taken))
    return groups


def servant_choices(organisation: Organisation) -> list[tuple[int, str]]:
    """The organisation's servants by full name."""
    return [(s.pk, s.full_name) for s in Servant.objects.filter(organisation=organisation)]


class AppointForm(forms.DomainErrorForm):
    """Appoint a servant to a position (or transfer them to one)."""

    start = forms.DateField(label=_("From"), widget=DateInput())
    probation_until = forms.DateField(
        label=_("Probation until"), required=False, widget=DateInput()
    )

    def __init__(
        self, *args: Any, organisation: Organisation, day: dt.date | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        choices = appointment_choices(organisation, day or clock.today())
        self.fields["position"] = id_field(_("Position"), choices)
        self.fields["position"].required = True
        self.order_fields(["position", "start", "probation_until"])


class DismissForm(forms.DomainErrorForm):
    """Dismiss a servant."""

    end = forms.DateField(label=_("Last day in the post"), widget=DateInput())


class ManagersForm(VersionedForm):
    """Override (or clear) the managers derived from the structure."""

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        servants = servant_choices(organisation)
        self.fields["direct_manager"] = id_field(
            _("Direct manager"), servants, empty=_("— from the structure —"), widget=PersonSelect
        )
        self.fields["superior_manager"] = id_field(
            _("Superior manager"), servants, empty=_("— from the structure —"), widget=PersonSelect
        )
        self.fields["reason"] = forms.CharField(
            label=_("Why the structure's managers are overridden"),
            max_length=500,
            required=False,
            help_text=_(
                "For example the order that distributes the duties. The manager must head the "
                "servant's unit or a unit above it, be a deputy head of the apparatus or the head "
                "of the apparatus."
            ),
        )
        self.order_fields(["direct_manager", "superior_manager", "reason"])


class AbsenceForm(VersionedForm):
    """An absence of a servant."""

    kind = forms.ChoiceField(label=_("Kind"), choices=AbsenceKind.choices)
    start = forms.DateField(label=_("From"), widget=DateInput())
    end = forms.DateField(label=_("To"), widget=DateInput())
    note = forms.CharField(label=_("Note"), max_length=300, required=False)


class RoleGrantForm(forms.DomainErrorForm):
    """Grant a role to a user of the organisation."""

    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        users = (
            get_user_model()
            .objects.filter(
                Q(servant__organisation=organisation) | Q(roles__organisation=organisation)
            )
            .select_related("servant")
            .distinct()
            .order_by("username")
        )
        choices = [(user.pk, _user_label(user)) for user in users]
        self.fields["user"] = id_field(_("User"), choices, widget=PersonSelect)
        self.fields["user"].required = True
        self.order_fields(["user", "role"])


def _user_label(user: User) -> str:
    servant = getattr(user, "servant", None)
    return f"{user.get_username()} — {servant.full_name}" if servant else user.get_username()


class CalendarTransferForm(forms.DomainErrorForm):
    """A transferred day off."""

    working_day = forms.DateField(label=_("Worked weekend day"), required=False, widget=DateInput())
    day_off = forms.DateField(label=_("Weekday off"), required=False, widget=DateInput())
    note = forms.CharField(label=_("Decree"), max_length=300, required=False)


class EditionForm(forms.DomainErrorForm):
    """An edition in force from a date."""

    edition = forms.ChoiceField(label=_("Edition"))
    valid_from = forms.DateField(label=_("In force from"), widget=DateInput())

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        language = reader_language()
        self.fields["edition"].choices = [  # type: ignore[attr-defined]
            (code, f"{code} — {get_edition(code).title.get(language)}") for code in edition_codes()
        ]
