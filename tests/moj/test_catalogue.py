"""The organisation's App. 2 catalogue (EDITIONS.md §5.2 A4, §9.4 M-20): no default, only the
administrator chooses, every change audited; refusals change nothing."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from bagalau.audit.models import AuditEntry
from bagalau.core.errors import ConflictError, DomainError
from bagalau.moj.models import CatalogueChoice
from bagalau.moj.selectors import organisation_catalogue
from bagalau.moj.services.catalogue import catalogue_choose

pytestmark = pytest.mark.django_db


def test_there_is_no_default_catalogue(mw):
    assert organisation_catalogue(mw.org) is None


def test_the_administrator_chooses_and_changes_it_audited(mw):
    choice = catalogue_choose(actor=mw.admin_user, organisation=mw.org, catalogue="territorial")
    assert (choice.catalogue, choice.version) == ("territorial", 1)
    changed = catalogue_choose(
        actor=mw.admin_user, organisation=mw.org, catalogue="central", version=1
    )
    assert (changed.catalogue, changed.version) == ("central", 2)
    entries = AuditEntry.objects.filter(object_type="moj.cataloguechoice").order_by("pk")
    assert [(e.action, e.changes["catalogue"]) for e in entries] == [
        ("create", [None, "territorial"]),
        ("update", ["territorial", "central"]),
    ]
    assert all(e.organisation_id == mw.org.pk for e in entries)


def test_an_unknown_catalogue_is_refused_naming_the_field(mw):
    with pytest.raises(DomainError) as error:
        catalogue_choose(actor=mw.admin_user, organisation=mw.org, catalogue="committee")
    assert error.value.field == "catalogue"
    assert not CatalogueChoice.objects.exists()


def test_a_stale_version_is_refused(mw):
    catalogue_choose(actor=mw.admin_user, organisation=mw.org, catalogue="territorial")
    catalogue_choose(actor=mw.admin_user, organisation=mw.org, catalogue="central", version=1)
    with pytest.raises(ConflictError):
        catalogue_choose(
            actor=mw.admin_user, organisation=mw.org, catalogue="territorial", version=1
        )
    assert CatalogueChoice.objects.get().catalogue == "central"


@pytest.mark.parametrize("who", ["hr_staff", "hr_head", "head", "b_head", "b_staff1"])
def test_members_who_are_not_the_administrator_may_not_choose(mw, who):
    with pytest.raises(PermissionDenied):
        catalogue_choose(actor=getattr(mw, f"{who}_user"), organisation=mw.org, catalogue="central")
    assert not CatalogueChoice.objects.exists()
    assert not AuditEntry.objects.filter(object_type="moj.cataloguechoice").exists()


def test_an_outsider_does_not_see_the_organisation(mw):
    with pytest.raises(Http404):
        catalogue_choose(actor=mw.outsider_user, organisation=mw.org, catalogue="central")
    assert not CatalogueChoice.objects.exists()
