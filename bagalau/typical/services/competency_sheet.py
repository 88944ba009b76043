"""The App. 3 competency sheet of a typical-2018 year (seed 004 p.25-28, App. 3-4; EDITIONS.md
§2.2 F1-F3, §2.3 CompetencySheet, §9 T-7, T-8, T-9): the App. 4 row of the servant's position
(HR's explicit row first), the effective indicators observed per competency, the result per
competency (meets when at least 3/4 are observed) with the indicators not observed; signed by
the direct manager, sent by HR; nobody reviews it (p.28)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext_noop as N_

from bagalau.audit.services import audit_log
from bagalau.core import bounds
from bagalau.core.errors import DomainError
from bagalau.evaluations.selectors.schedule import can_manage_schedule
from bagalau.methodology import MethodologyError, get_edition
from bagalau.methodology.typical2018 import (
    CompetencyEvaluation,
    Typical2018Rules,
    evaluate_competencies,
    resolve_tier,
)
from bagalau.methodology.typical2018_workflow import competency_sheet_to_commission_due
from bagalau.org.models import Position
from bagalau.org.selectors import work_calendar
from bagalau.typical.access import competency_sheet_parts
from bagalau.typical.common import MODEL, rules_for
from bagalau.typical.models import (
    COMPETENCY_SHEET_FLOW,
    App4Row,
    CompetencySheet,
)
from bagalau.typical.services.common import (
    SheetKind,
    evaluation_for_new_sheet,
    notify_hr_to_send,
    sheet_for_fill,
    sheet_for_step,
    sheet_send,
    sheet_step_record,
    step_day,
)

if TYPE_CHECKING:
    from bagalau.core.types import User

COMPETENCY_SHEET = SheetKind(
    model=CompetencySheet,
    flow=COMPETENCY_SHEET_FLOW,
    parts=competency_sheet_parts,
    stale=N_("Someone changed the competency sheet meanwhile; reload and try again."),
    closed=N_("The competency sheet is %(status)s: it can no longer be changed."),
)


def app4_row_set(*, actor: User, position_id: int, edition: str, row: str, reason: str) -> App4Row:
    """HR gives a position its App. 4 row under a typical-2018 edition, with the reason (T-8: a
    category App. 4 does not cover; T-9: a code listed in two rows whose qualifier "heads the
    unit" does not capture). The row must be one App. 4 allows for the category."""
    reason = (reason or "").strip()
    with transaction.atomic():
        position = (
            Position.objects.select_for_update()
            .select_related("unit__organisation")
            .filter(pk=position_id)
            .first()
        )
        if position is None or not can_manage_schedule(actor, position.unit.organisation):
            raise Http404("No such position.")
        try:
            found = get_edition(edition)
        except MethodologyError as error:
            raise DomainError.from_methodology(error, "edition") from error
        if found.model != MODEL:
            raise DomainError("edition", N_("Choose a typical-2018 edition."))
        rules = rules_for(edition)
        if not reason:
            raise DomainError("reason", N_("Say why the position takes this App. 4 row."))
        if len(reason) > bounds.TITLE:
            raise DomainError("reason", N_("Enter at most %(max)s characters."), max=bounds.TITLE)
        try:
            resolve_tier(rules, position.category, position.heads_unit, row)
        except MethodologyError as error:
            raise DomainError.from_methodology(error) from error
        current = App4Row.objects.filter(position=position, edition=edition).first()
        before = None if current is None else current.row
        if current is None:
            current = App4Row.objects.create(
                position=position, edition=edition, row=row, reason=reason
            )
        else:
            current.row, current.reason = row, reason
            current.version += 1
            current.save()
        audit_log(
            actor=actor,
            action="update" if before else "create",
            obj=current,
            changes={"row": (before, row), "reason": (None, reason)},
        )
    return current


def _evaluate(
    rules: Typical2018Rules, sheet: CompetencySheet, observed: Mapping[str, Sequence[int]]
) -> CompetencyEvaluation:
    position = sheet.evaluation.assignment.position
    try:
        return evaluate_competencies(
            rules,
            category=position.category,
            heads_unit=position.heads_unit,
            provides_services=sheet.provides_services,
            observed=observed,
            app4_row=sheet.tier,
        )
    except MethodologyError as error:
        raise DomainError.from_methodology(error) from error


def competency_sheet_open(*, actor: User, evaluation_id: int) -> CompetencySheet:
    """The direct manager (or HR) opens the App. 3 sheet of an evaluation still open, in the
    App. 4 row of the servant's position: HR's explicit row, else the category's (p.25-26).
    Without a row (T-8) the sheet cannot be opened until HR gives the position one; competencies
    6-7 only for a position providing public services (App. 3 footnote)."""
    with transaction.atomic():
        evaluation, existing = evaluation_for_new_sheet(actor, evaluation_id, CompetencySheet)
        if existing is not None:
            return existing
        rules = rules_for(evaluation.edition)
        position = evaluation.assignment.position
        explicit = App4Row.objects.filter(position=position, edition=evaluation.edition).first()
        try:
            tier = resolve_tier(
                rules,
                position.category,
                position.heads_unit,
                None if explicit is None else explicit.row,
            )
        except MethodologyError as error:
            raise DomainError(
                "app4_row",
                N_(
                    "%(message)s: HR gives the position its App. 4 row first (the KPI sheet is "
                    "not affected)."
                ),
                message=DomainError.from_methodology(error).message,
            ) from error
        sheet = CompetencySheet.objects.create(
            evaluation=evaluation, tier=tier.code, provides_services=position.provides_services
        )
        audit_log(
            actor=actor,
            action="create",
            obj=sheet,
            changes={
                "tier": (None, tier.code),
                "provides_services": (None, sheet.provides_services),
            },
        )
    return sheet


def competency_sheet_fill(
    *,
    actor: User,
    sheet_id: int,
    observed: Mapping[str, Sequence[int]],
    expected_version: int | None = None,
) -> CompetencySheet:
    """The direct manager ticks, per competency, the 1-based numbers of the effective indicators
    of the tier observed (p.26-27); the whole checklist is replaced. A signed sheet is refused
    naming the field; an indicator or competency the tier does not have is refused."""
    with transaction.atomic():
        first = next(iter(observed), "")
        sheet = sheet_for_fill(
            actor,
            COMPETENCY_SHEET,
            sheet_id,
            field=f"observed.{first}" if first else "observed",
            expected_version=expected_version,
        )
        clean = {code: sorted(int(n) for n in numbers) for code, numbers in observed.items()}
        _evaluate(rules_for(sheet.evaluation.edition), sheet, clean)
        before = sheet.observed
        sheet.observed = {code: numbers for code, numbers in clean.items() if numbers}
        sheet.version += 1
        sheet.save(update_fields=["observed", "version", "updated_at"])
        audit_log(
            actor=actor,
            action="update",
            obj=sheet,
            changes={"observed": (before, sheet.observed)},
        )
    return sheet


def results_of(evaluation: CompetencyEvaluation) -> dict[str, dict[str, Any]]:
    """The stored result per competency: result, counts and the indicators not observed."""
    return {
        item.code: {
            "result": item.result,
            "observed": item.observed,
            "indicators": item.indicators,
            "missing": list(item.missing),
        }
        for item in evaluation.competencies
    }


def competency_sheet_sign(
    *,
    actor: User,
    sheet_id: int,
    signed_on: dt.date | None = None,
    expected_version: int | None = None,
) -> CompetencySheet:
    """The direct manager signs the sheet (p.25-27): per competency meets when at least 3/4 of
    the tier's effective indicators were observed (T-7), the missing ones listed (App. 3
    col. 4). HR is told to send it to the commission within 2 working days (p.28)."""
    with transaction.atomic():
        sheet = sheet_for_step(
            actor, COMPETENCY_SHEET, sheet_id, "sign", expected_version=expected_version
        )
        evaluation = sheet.evaluation
        rules = rules_for(evaluation.edition)
        result = _evaluate(rules, sheet, sheet.observed)
        day = step_day("signed_on", signed_on, not_before=evaluation.period.starts)
        met = sum(1 for item in result.competencies if item.result == "meets")
        sheet_step_record(
            actor=actor,
            kind=COMPETENCY_SHEET,
            sheet=sheet,
            action="sign",
            field="signed_on",
            day=day,
            values={"results": results_of(result)},
            changes={"meets": (None, f"{met}/{len(result.competencies)}")},
        )
        due = competency_sheet_to_commission_due(rules, work_calendar(), day)
        notify_hr_to_send(
            evaluation,
            kind="typical_competency_sheet_to_send",
            due=due,
            url=reverse("typical:competency_sheet", args=[sheet.pk]),
            dedupe_key=f"typical_competency{sheet.pk}:signed",
        )
    return sheet


def competency_sheet_send(
    *, actor: User, sheet_id: int, sent_on: dt.date | None = None
) -> CompetencySheet:
    """HR sends the signed sheet to the commission (p.28); once the KPI sheet is there too, the
    year goes before the commission."""
    return sheet_send(
        actor=actor,
        kind=COMPETENCY_SHEET,
        sheet_id=sheet_id,
        sent_on=sent_on,
        after="signed_on",
    )
