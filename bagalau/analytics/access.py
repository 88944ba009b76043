"""Who may read the rating analytics: the head of the HR service of the organisation (seed 002
p.20 lets the head of HR know every result; the analytics add results up, so they are no wider).
HR staff see workflow status, never scores (403, as for the training needs); anyone else is not
told the page exists for that organisation (404)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.http import Http404

from bagalau.org.models import Organisation, Role
from bagalau.org.selectors import has_role

if TYPE_CHECKING:
    from bagalau.core.types import User


def may_read(user: User, organisation: Organisation) -> bool:
    """Whether `user` heads the HR service of `organisation`."""
    return bool(user.is_authenticated and has_role(user, organisation, Role.HR_HEAD))


def require_reader(user: User, organisation: Organisation | None) -> Organisation:
    """The organisation whose analytics `user` may read; PermissionDenied for HR staff, Http404
    for anyone else."""
    if organisation is None or not user.is_authenticated:
        raise Http404("No analytics here.")
    if may_read(user, organisation):
        return organisation
    if has_role(user, organisation, Role.HR):
        raise PermissionDenied("The analytics add up results: the head of HR only (p.20).")
    raise Http404("No analytics here.")
