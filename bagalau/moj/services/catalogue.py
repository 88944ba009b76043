"""The organisation's App. 2 catalogue (seed 001 App. 2; EDITIONS.md §5.2 A4, §9.4 M-20)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.utils.translation import gettext_noop as N_

from bagalau.audit.services import audit_log
from bagalau.core.concurrency import check_version
from bagalau.core.errors import DomainError
from bagalau.core.types import account
from bagalau.moj.access import may_choose_catalogue
from bagalau.moj.common import catalogue_codes
from bagalau.moj.models import CatalogueChoice
from bagalau.org.access import is_member
from bagalau.org.models import Organisation

if TYPE_CHECKING:
    from bagalau.core.types import User


def catalogue_choose(
    *, actor: User, organisation: Organisation, catalogue: str, version: int | None = None
) -> CatalogueChoice:
    """The administrator chooses which App. 2 catalogue the organisation's quarterly sheets draw
    their encouraged activities from: the central apparatus's or the territorial bodies'. There
    is no default (M-20); a later change is audited with the old and the new catalogue.
    `version` is the choice's version as read (a stale one is refused)."""
    if not is_member(actor, organisation):
        raise Http404("No such organisation.")
    if not may_choose_catalogue(actor, organisation):
        raise PermissionDenied("Only the administrator chooses the App. 2 catalogue.")
    codes = catalogue_codes()
    if catalogue not in codes:
        raise DomainError(
            "catalogue",
            N_("Choose one of the App. 2 catalogues: %(codes)s."),
            codes=", ".join(codes),
        )
    with transaction.atomic():
        current = (
            CatalogueChoice.objects.select_for_update().filter(organisation=organisation).first()
        )
        if current is None:
            choice = CatalogueChoice.objects.create(
                organisation=organisation, catalogue=catalogue, chosen_by=account(actor)
            )
            audit_log(
                actor=actor,
                action="create",
                obj=choice,
                changes={"catalogue": (None, catalogue)},
            )
            return choice
        check_version(current, version, N_("Someone else changed the catalogue; reload it."))
        before = current.catalogue
        current.catalogue = catalogue
        current.chosen_by = account(actor)
        current.version += 1
        current.save(update_fields=["catalogue", "chosen_by", "version", "updated_at"])
        audit_log(
            actor=actor,
            action="update",
            obj=current,
            changes={"catalogue": (before, catalogue)},
        )
    return current
