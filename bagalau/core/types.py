"""The user type of services, selectors and access functions.

AUTH_USER_MODEL is Django's own `auth.User` (`Account`). What a request carries, and what the
views hand to services and access functions, is that or `AnonymousUser`: `User` names both (the
access functions answer anonymous callers too). Where a service records who acted, `account()`
gives the stored account."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeAlias, overload

from django.core.exceptions import PermissionDenied

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser
    from django.contrib.auth.models import User as Account

User: TypeAlias = "Account | AnonymousUser"


@overload
def account(user: User) -> Account: ...


@overload
def account(user: User | None) -> Account | None: ...


def account(user: User | None) -> Account | None:
    """The signed-in user's account (None for the system, in periodic jobs); PermissionDenied for
    an anonymous caller (whom the access checks before any write have refused already)."""
    if user is None:
        return None
    if not user.is_authenticated:
        raise PermissionDenied("Sign in first.")
    return user


__all__ = ["Account", "User", "account"]
