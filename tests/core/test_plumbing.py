"""The web plumbing every app shares (core.forms, core.concurrency) and the registries through
which the lower layers learn about the apps above them (docs/architecture.md)."""

from __future__ import annotations

import pytest

from bagalau.core import forms
from bagalau.core.concurrency import check_version, update_versioned
from bagalau.core.context import viewer_source
from bagalau.core.errors import ConflictError, DomainError
from bagalau.notifications.due import KINDS
from bagalau.plans.models import WorkPlan
from tests.factories import WorkPlanFactory


class _Form(forms.DomainErrorForm):
    name = forms.CharField()
    version = forms.VersionField()


class _Renamed(_Form):
    def field_for(self, path: str) -> str | None:
        return "name" if path == "title" else path


def _bound(form_class: type[_Form] = _Form) -> _Form:
    form = form_class({"name": "x", "version": "3"})
    assert form.is_valid()
    return form


def test_a_domain_error_shows_on_the_field_it_names():
    form = _bound()
    form.add_domain_error(DomainError("name", "bad name"))
    assert form.errors == {"name": ["bad name"]}


@pytest.mark.parametrize("field", ["version", "nowhere"])
def test_an_error_on_a_hidden_or_unknown_field_shows_above_the_form(field):
    form = _bound()
    form.add_domain_error(DomainError(field, "changed meanwhile"))
    assert form.non_field_errors() == ["changed meanwhile"]
    assert "version" not in form.errors


def test_field_for_maps_a_service_path_to_a_form_field():
    form = _bound(_Renamed)
    form.add_domain_error(DomainError("title", "bad title"))
    assert form.errors == {"name": ["bad title"]}


def test_the_version_field_is_hidden_and_takes_ascii_digits_only():
    assert forms.VersionField().widget.is_hidden
    assert not _Form({"name": "x", "version": "٣"}).is_valid()


def test_form_submit_hands_clean_data_to_the_service_or_shows_its_refusal():
    calls: list[dict] = []

    def service(data: dict) -> str:
        calls.append(data)
        if data["name"] == "no":
            raise DomainError("name", "refused")
        return "done"

    invalid = forms.form_submit(_Form({"name": ""}), service)
    assert (invalid.done, calls) == (False, [])
    refused = _Form({"name": "no", "version": "1"})
    submission = forms.form_submit(refused, service)
    assert not submission.done
    assert submission.error is not None
    assert refused.errors == {"name": ["refused"]}
    accepted = forms.form_submit(_Form({"name": "yes", "version": "1"}), service)
    assert (accepted.done, accepted.result) == (True, "done")


@pytest.mark.django_db
def test_update_versioned_writes_on_the_version_read_and_refuses_a_stale_one():
    plan = WorkPlanFactory()
    read = plan.version
    update_versioned(WorkPlan.objects.all(), plan.pk, read, "changed", values={"year": 2031})
    plan.refresh_from_db()
    assert (plan.version, plan.year) == (read + 1, 2031)
    with pytest.raises(ConflictError) as error:
        update_versioned(WorkPlan.objects.all(), plan.pk, read, "changed", values={"year": 2032})
    assert error.value.field == "version"
    plan.refresh_from_db()
    assert (plan.version, plan.year) == (read + 1, 2031)  # nothing changed
    with pytest.raises(ConflictError):
        check_version(plan, read, "changed")
    check_version(plan, plan.version, "changed")
    check_version(plan, None, "changed")


def test_the_apps_fill_the_registries_of_the_layers_below():
    """core learns who is looking from org; notifications its kinds of task from plans,
    evaluations and calibration, in board order."""
    assert viewer_source().build is not None
    assert list(KINDS)[:4] == ["plan_draft", "plan_agree", "plan_approve", "plan_post"]
    assert {"quarter_prepare", "sheet", "decision", "feedback"} <= set(KINDS)
