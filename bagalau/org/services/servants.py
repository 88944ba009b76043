"""Writes of the servants (SPEC §2): HR registers a servant, corrects the personal data and gives a
login with an initial password."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext_noop as N_

from bagalau.audit.services import audit_log
from bagalau.core.errors import DomainError
from bagalau.org import access
from bagalau.org.models import (
    Organisation,
    Servant,
)
from bagalau.org.services.common import (
    _created,
    _log,
    _save,
    _servant_for_hr,
    _update,
    check_version,
)

if TYPE_CHECKING:
    from bagalau.core.types import User


def _person(
    organisation: Organisation,
    *,
    last_name: str,
    first_name: str,
    patronymic: str,
    personnel_number: str,
    email: str,
    servant: Servant | None = None,
) -> dict[str, str]:
    values = {
        "last_name": last_name.strip(),
        "first_name": first_name.strip(),
        "patronymic": patronymic.strip(),
        "personnel_number": personnel_number.strip(),
        "email": email.strip(),
    }
    if not values["last_name"]:
        raise DomainError("last_name", N_("Enter the surname."))
    if not values["first_name"]:
        raise DomainError("first_name", N_("Enter the first name."))
    if values["email"]:
        try:
            models.EmailField().run_validators(values["email"])
        except ValidationError as error:
            raise DomainError("email", N_("Enter a valid e-mail address.")) from error
    if values["personnel_number"]:
        taken = Servant.objects.filter(
            organisation=organisation, personnel_number=values["personnel_number"]
        )
        if servant is not None:
            taken = taken.exclude(pk=servant.pk)
        if taken.exists():
            raise DomainError(
                "personnel_number",
                N_("The personnel number %(number)s is already used in this organisation."),
                number=values["personnel_number"],
            )
    return values


def _new_login(username: str, password: str, person: dict[str, str]) -> Any:
    """A user account for a servant, with a validated initial password."""
    user_model = get_user_model()
    username = username.strip()
    if not username:
        raise DomainError("username", N_("Enter a login name."))
    if user_model.objects.filter(username__iexact=username).exists():
        raise DomainError(
            "username", N_("The login name %(username)s is taken."), username=username
        )
    if not password:
        raise DomainError("password", N_("Enter an initial password."))
    candidate = user_model(
        username=username,
        first_name=person["first_name"],
        last_name=person["last_name"],
        email=person["email"],
    )
    try:
        validate_password(password, user=candidate)
    except ValidationError as error:
        raise DomainError("password", " ".join(error.messages)) from error
    candidate.set_password(password)
    candidate.save()
    return candidate


def servant_create(
    *,
    actor: User,
    organisation: Organisation,
    last_name: str,
    first_name: str,
    patronymic: str = "",
    personnel_number: str = "",
    email: str = "",
    username: str = "",
    password: str = "",
) -> Servant:
    """Register a servant, with a login (`username` and an initial `password`) or without."""
    with transaction.atomic():
        access.require_hr(actor, organisation)
        person = _person(
            organisation,
            last_name=last_name,
            first_name=first_name,
            patronymic=patronymic,
            personnel_number=personnel_number,
            email=email,
        )
        if password and not username.strip():
            raise DomainError("username", N_("Enter a login name for the password."))
        user = _new_login(username, password, person) if username.strip() else None
        servant = Servant.objects.create(organisation=organisation, user=user, **person)
        login = user.get_username() if user is not None else None
        _log(actor, servant, "create", _created({**person, "username": login}))
        return servant


def servant_update(
    *,
    actor: User,
    servant_id: int,
    last_name: str,
    first_name: str,
    patronymic: str = "",
    personnel_number: str = "",
    email: str = "",
    version: int | None = None,
) -> Servant:
    """Correct a servant's personal data."""
    with transaction.atomic():
        servant = _servant_for_hr(actor, servant_id)
        check_version(servant, version)
        person = _person(
            servant.organisation,
            last_name=last_name,
            first_name=first_name,
            patronymic=patronymic,
            personnel_number=personnel_number,
            email=email,
            servant=servant,
        )
        _update(actor, servant, person)
        return servant


def servant_grant_login(*, actor: User, servant_id: int, username: str, password: str) -> Servant:
    """Give a servant who has none a login with an initial password."""
    with transaction.atomic():
        servant = _servant_for_hr(actor, servant_id)
        if servant.user_id is not None:
            raise DomainError("username", N_("This servant already has a login."))
        person = {
            "first_name": servant.first_name,
            "last_name": servant.last_name,
            "email": servant.email,
        }
        user = _new_login(username, password, person)
        _save(servant, {"user_id": (None, user.pk)})
        servant.user = user
        audit_log(
            actor=actor,
            action="grant_login",
            obj=servant,
            summary=servant.full_name,
            changes={"username": (None, servant.user.get_username())},
        )
        return servant
