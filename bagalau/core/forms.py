"""Django's forms with Bagalau's input bounds (`bagalau.core.bounds`): import this module as
``forms`` instead of ``django.forms``. It also holds the web plumbing every app shares: the form
base that shows a service's `DomainError` on its field, the version field, and `form_submit`, which
hands a form to a service.

Every text field is bounded (``bounds.LONG_TEXT`` unless it says less), every number, date and
row id is typed with the digits 0–9 only, and every date lies in ``DATE_MIN``–``DATE_MAX``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from django import forms as django_forms
from django.core.exceptions import ValidationError
from django.db.models import Model
from django.forms import *  # noqa: F403  (the rest of django.forms, unchanged)
from django.forms.utils import ErrorDict

from bagalau.core import bounds
from bagalau.core.errors import DomainError

_M = TypeVar("_M", bound=Model)
_T = TypeVar("_T")


class CharField(bounds.BoundedText, django_forms.CharField):  # type: ignore[no-redef]
    """Text of at most ``bounds.LONG_TEXT`` characters unless `max_length` says less."""


class IntegerField(bounds.BoundedInteger, django_forms.IntegerField):  # type: ignore[no-redef]
    """A whole number in the digits 0–9 that a database integer column holds."""

    def to_python(self, value: Any) -> int | None:
        bounds.validate_ascii_digits(value)
        return super().to_python(value)


class DecimalField(django_forms.DecimalField):  # type: ignore[no-redef]
    """A decimal number in the digits 0–9."""

    def to_python(self, value: Any) -> Any:
        bounds.validate_ascii_digits(value)
        return super().to_python(value)


class DateField(django_forms.DateField):  # type: ignore[no-redef]
    """A date in the digits 0–9, between ``bounds.DATE_MIN`` and ``bounds.DATE_MAX``."""

    default_validators = [bounds.validate_date_range]

    def to_python(self, value: Any) -> Any:
        bounds.validate_ascii_digits(value)
        return super().to_python(value)


class DateTimeField(django_forms.DateTimeField):  # type: ignore[no-redef]
    """A date and time in the digits 0–9, on a day between the date bounds."""

    default_validators = [bounds.validate_date_range]

    def to_python(self, value: Any) -> Any:
        bounds.validate_ascii_digits(value)
        return super().to_python(value)


class ModelChoiceField(django_forms.ModelChoiceField[_M]):  # type: ignore[no-redef]
    """A row chosen by its id, written in the digits 0–9 (the database would read "٤" as 4)."""

    def to_python(self, value: Any) -> Any:
        bounds.validate_ascii_digits(value)
        return super().to_python(value)


class ModelMultipleChoiceField(django_forms.ModelMultipleChoiceField[_M]):  # type: ignore[no-redef]
    """Rows chosen by their ids, each written in the digits 0–9 and no longer than an id can be
    (Django looks them up with ``IN``, which SQLite refuses past 64 bits instead of finding
    nothing)."""

    def clean(self, value: Any) -> Any:
        for item in value if isinstance(value, list | tuple) else [value]:
            bounds.validate_ascii_digits(item)
            text = str(item).strip()
            if text.isdigit() and bounds.ascii_id(text) is None:
                raise ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": text},
                )
        return super().clean(value)


# --- forms that talk to services ---------------------------------------------------------------


#: The button of a person picker's search (`core.widgets`): its value names the picker. A form
#: sent back with it is a search, never the action.
FIND = "_find"


class DomainErrorForm(django_forms.Form):
    """The base of every form whose data goes to a service: a service's `DomainError` shows next
    to the field it names; one naming a hidden field (the version) or no field of the form shows
    above the form. Sent back by a person picker's "Find" (`FIND`), it is not valid and shows no
    error: the page comes back as it was filled, each picker listing the matches of what was
    typed in its search box (issue 12 item 3)."""

    def __getitem__(self, name: str) -> Any:
        field = self.fields.get(name)
        if field is not None and hasattr(field.widget, "query"):
            typed = self.data.get(f"{self.add_prefix(name)}-find", "")
            field.widget.query = typed if isinstance(typed, str) else ""
        return super().__getitem__(name)

    @property
    def searching(self) -> bool:
        """Sent back by a picker's "Find": the page comes back as it was filled (200)."""
        return self.is_bound and FIND in self.data

    def is_valid(self) -> bool:
        if self.searching:
            self._errors = ErrorDict()
            self.cleaned_data = {}
            return False
        return super().is_valid()

    def field_for(self, path: str) -> str | None:
        """The form field of a service's field path; forms whose fields are named otherwise than
        the service's (a sheet's rows, a binary KPI's dates) override it."""
        return path

    def add_domain_error(self, error: DomainError) -> None:
        """Attach the service's error to its field, else to the form."""
        name = self.field_for(error.field)
        field = self.fields.get(name) if name else None
        visible = field is not None and not field.widget.is_hidden
        self.add_error(name if visible else None, error.message)


class VersionField(IntegerField):
    """The version of the row the user read, sent back hidden; the service refuses with a
    `ConflictError` when the row changed meanwhile (optimistic locking,
    `bagalau.core.concurrency`)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(widget=django_forms.HiddenInput, **kwargs)


@dataclass
class Submission(Generic[_T]):
    """What `form_submit` did: `done` with the service's `result`, or not (the form is invalid, or
    the service refused with `error`, which the form now shows)."""

    done: bool
    result: _T | None = None
    error: DomainError | None = None


def form_submit(form: DomainErrorForm, call: Callable[[dict[str, Any]], _T]) -> Submission[_T]:
    """Validate `form` and hand its cleaned data to the service `call`; a `DomainError` (a
    `ConflictError` too) lands on the form's field and nothing is written (the service's
    transaction rolled back)."""
    if not form.is_valid():
        return Submission(done=False)
    try:
        result = call(form.cleaned_data)
    except DomainError as error:
        form.add_domain_error(error)
        return Submission(done=False, error=error)
    return Submission(done=True, result=result)
