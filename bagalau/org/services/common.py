"""What every org write shares: the optimistic-locking token (`version_of`: the org models carry no
`version` column, so forms and the API send the row's last modification time and an update refuses
with `ConflictError` when the row changed since), names, dates in messages, HR's lookup of a
servant."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.db import models
from django.http import Http404
from django.utils.translation import gettext_noop as N_

from bagalau.core.errors import ConflictError, DomainError
from bagalau.org import access
from bagalau.org.models import Servant

if TYPE_CHECKING:
    from bagalau.core.types import User


_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


def version_of(row: models.Model) -> str:
    """The optimistic-locking token of a row: its modification time in microseconds."""
    updated: dt.datetime = row.updated_at  # type: ignore[attr-defined]
    return str((updated - _EPOCH) // dt.timedelta(microseconds=1))


def _check_version(row: models.Model, version: str | None) -> None:
    if version is not None and str(version) != version_of(row):
        raise ConflictError(
            "version",
            N_("Someone else changed this record meanwhile: reload the page and try again."),
        )


def _day(value: dt.date) -> str:
    return f"{value:%d.%m.%Y}"


def _save(row: models.Model, changes: dict[str, tuple[Any, Any]]) -> None:
    for field, (_old, new) in changes.items():
        setattr(row, field, new)
    row.save(update_fields=[*changes, "updated_at"])


def _names(name_kk: str, name_ru: str, name_en: str) -> dict[str, str]:
    names = {"name_kk": name_kk.strip(), "name_ru": name_ru.strip(), "name_en": name_en.strip()}
    if not names["name_kk"]:
        raise DomainError("name_kk", N_("Enter the name in Kazakh."))
    return names


def _servant_for_hr(actor: User, servant_id: int) -> Servant:
    servant = Servant.objects.select_for_update().filter(pk=servant_id).first()
    if servant is None:
        raise Http404("No such servant.")
    access.require_hr(actor, servant.organisation)
    return servant
