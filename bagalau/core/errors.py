"""Domain errors: a broken rule names the field and says why, in the user's language."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext

from bagalau.core.language import reader_language
from bagalau.methodology import MethodologyError
from bagalau.methodology.errors import rendered


class DomainError(Exception):
    """A request that breaks a rule. Services raise it; views, the API and the CLI show it.

    `template` is an English msgid with named placeholders; it is translated when shown.
    """

    def __init__(self, field: str, template: str, **params: Any) -> None:
        self.field = field
        self.template = str(template)
        self.params = params
        super().__init__(self.template % rendered(params, "en") if params else self.template)

    @property
    def message(self) -> str:
        """The message in the active language."""
        text = gettext(self.template)
        return text % rendered(self.params, reader_language()) if self.params else text

    def as_dict(self) -> dict[str, dict[str, str]]:
        """The JSON error body shared with the calculator: ``{"error": {field, message}}``."""
        return {"error": {"field": self.field, "message": self.message}}

    @classmethod
    def from_methodology(cls, error: MethodologyError, prefix: str = "") -> DomainError:
        """Wrap an engine error, optionally under a form prefix (``kpis[2].score`` -> field)."""
        field = f"{prefix}.{error.field}" if prefix and error.field else prefix or error.field
        return cls(field, error.template, **error.params)


class ConflictError(DomainError):
    """Someone else changed the record since it was read (optimistic locking)."""
