"""Errors that name the field and the rule (SPEC §10), translatable by the Django layer."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any

from bagalau.methodology.labels import Label


def rendered(params: Mapping[str, Any], language: str) -> dict[str, Any]:
    """The placeholders' values with each trilingual `Label` in `language`."""
    return {k: v.get(language) if isinstance(v, Label) else v for k, v in params.items()}


def N_(message: str) -> str:
    """Mark a message for translation without translating it here (no Django in this package).

    The web layer translates the template with gettext and then fills its placeholders.
    """
    return message


class MethodologyError(ValueError):
    """Input that breaks a rule: `field` is a JSON path such as ``kpis[2].actual``."""

    def __init__(self, field: str, template: str, **params: Any) -> None:
        self.field = field
        self.template = template
        self.params = params
        super().__init__(self.message)

    @property
    def message(self) -> str:
        """The English sentence: the template with its placeholders filled (a trilingual
        label in English; the web layer fills them in the reader's language)."""
        return self.template % rendered(self.params, "en") if self.params else self.template

    def as_dict(self) -> dict[str, dict[str, str]]:
        """The JSON error object of the calculator contract."""
        return {"error": {"field": self.field, "message": self.message}}

    def prefixed(self, prefix: str) -> MethodologyError:
        """The same error under an outer field path, e.g. ``kpis[1]`` + ``.actual``."""
        inner = self.field
        if not prefix:
            path = inner
        elif not inner:
            path = prefix
        elif inner.startswith("["):
            path = prefix + inner
        else:
            path = f"{prefix}.{inner}"
        return MethodologyError(path, self.template, **self.params)


def check_choice(field: str, value: object, options: Collection[str]) -> None:
    """A MethodologyError on `field` listing the `options` unless `value` is one of them."""
    if value not in options:
        raise MethodologyError(field, N_("expected one of %(options)s"), options=", ".join(options))
