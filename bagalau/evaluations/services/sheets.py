"""Quarterly sheets (seed 002 p.7, p.22-32, App. 2-4); the annual result is in annual.py.

- the HR service pre-fills the actual KPI values (p.22) — and sees no score doing it;
- the evaluator scores each KPI inside its App. 3 range, or the four App. 4 parameters;
- signing computes the score and the rating with the engine and opens the familiarisation.

Every number comes from bagalau.methodology.sjc2023. Sheets edited by forms carry
`Evaluation.version`: a change first claims the version it was read at (an UPDATE … WHERE
version = read, which also locks the row), so a stale form gets a ConflictError and writes nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext_noop as N_

from bagalau.audit.services import audit_log
from bagalau.core import bounds, clock
from bagalau.core.concurrency import update_versioned
from bagalau.core.errors import DomainError
from bagalau.core.types import account
from bagalau.evaluations.access import is_evaluator
from bagalau.evaluations.models import (
    Evaluation,
    EvaluationStatus,
    KpiResult,
    Method,
    ParameterScore,
)
from bagalau.evaluations.selectors.sheets import (
    deny,
    evaluation_load,
    is_hr_of,
    kpi_actual,
    kpi_input,
    kpi_rows,
    organisation_of,
    parse_score,
    rules_for,
)
from bagalau.evaluations.services.common import evaluation_finalize, kpi_results_sync
from bagalau.evaluations.workflow import EVALUATION_FLOW
from bagalau.methodology import MethodologyError
from bagalau.methodology.sjc2023 import (
    Sjc2023Rules,
    differentiation_score,
    evaluate_kpi,
    evaluate_kpi_sheet,
    familiarisation_due,
)
from bagalau.notifications.services import notify
from bagalau.org.selectors import work_calendar
from bagalau.plans.models import Direction

if TYPE_CHECKING:
    from bagalau.core.types import Account, User


ACTUAL_PLACES = 4
ACTUAL_INTEGER_DIGITS = 14  # KpiResult.actual_value: 18 digits, 4 of them decimals
MISSING_ACTUAL = N_("The HR service has not entered the actual value of this KPI yet.")
SIGNED_SHEET = N_("This sheet is signed and can no longer be changed.")


# --- shared steps --------------------------------------------------------------------------------


def require_editable(evaluation: Evaluation, action: str = "edit") -> None:
    """Only a sheet not yet signed can change: `action` must be open in the evaluation's status
    (EVALUATION_FLOW)."""
    if EVALUATION_FLOW.is_open(action, evaluation.status):
        return
    if evaluation.status == EvaluationStatus.NOT_EVALUATED:
        raise DomainError(
            "status",
            N_("This servant is not evaluated for the period (under 3 months in post, p.5)."),
        )
    raise DomainError("status", SIGNED_SHEET)


def require_method(evaluation: Evaluation, method: str) -> None:
    """The sheet is of the expected kind (KPI or differentiation)."""
    if evaluation.method != method:
        raise DomainError(
            "method",
            N_("This is not a %(method)s sheet."),
            method=Method(method).label,
        )


def parse_version(version: object) -> int:
    """The version the form or request was read at."""
    if isinstance(version, bool):
        version = None
    try:
        if bounds.has_foreign_digits(str(version)):
            raise ValueError(version)
        return int(str(version))
    except (TypeError, ValueError):
        raise DomainError(
            "version", N_("The sheet's version is missing: reload the sheet and try again.")
        ) from None


def claim(evaluation: Evaluation, version: object) -> int:
    """Take the sheet for a change made on the `version` the user read: bump the version only if
    nobody changed it since (this also locks the row until the transaction ends), else raise
    ConflictError. Returns the new version; `evaluation` is reloaded."""
    expected = parse_version(version)
    update_versioned(
        Evaluation.objects.all(),
        evaluation.pk,
        expected,
        N_(
            "Someone else changed this sheet after you opened it. Reload it to see their "
            "changes, then try again."
        ),
        values={"updated_at": clock.now()},
    )
    evaluation.refresh_from_db()
    return expected + 1


def _decimal_shape(number: Decimal) -> tuple[int, int]:
    """(integer digits, decimal places) of a finite Decimal, ignoring padding zeros."""
    sign, digits, exponent = number.as_tuple()
    assert isinstance(exponent, int)
    figures = list(digits)
    while exponent < 0 and len(figures) > 1 and figures[-1] == 0:
        figures.pop()
        exponent += 1
    return max(0, len(figures) + exponent), max(0, -exponent)


def parse_actual(value: object, *, binary: bool, where: str) -> tuple[Decimal | None, bool | None]:
    """An actual value as HR typed or sent it: (number, achieved); empty clears it."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None, None
    if binary:
        if isinstance(value, bool):
            return None, value
        text = str(value).strip().lower()
        if text in ("true", "yes", "1", "achieved"):
            return None, True
        if text in ("false", "no", "0", "not_achieved"):
            return None, False
        raise DomainError(where, N_("Say whether this KPI was achieved: yes or no."))
    if isinstance(value, bool):
        raise DomainError(where, N_("Enter the actual value as a number."))
    try:
        number = (
            value
            if isinstance(value, Decimal)
            else bounds.ascii_decimal(str(value).strip().replace(",", "."))
        )
    except InvalidOperation:
        raise DomainError(where, N_("Enter the actual value as a number.")) from None
    if not number.is_finite():
        raise DomainError(where, N_("Enter the actual value as a number."))
    if number < 0:
        raise DomainError(where, N_("The actual value cannot be negative."))
    integer_digits, places = _decimal_shape(number)
    if places > ACTUAL_PLACES:
        raise DomainError(
            where,
            N_("Enter the actual value with at most %(places)s decimal places."),
            places=ACTUAL_PLACES,
        )
    if integer_digits > ACTUAL_INTEGER_DIGITS:
        raise DomainError(where, N_("The actual value is too large."))
    return number.quantize(Decimal(1).scaleb(-ACTUAL_PLACES)), None


def parse_points(value: object, *, rules: Sjc2023Rules, where: str) -> int | None:
    """A differentiation score: whole points 0-5 (p.31); empty means not scored yet."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    low, high = rules.differentiation.min_score, rules.differentiation.max_score
    error = DomainError(
        where,
        N_("a parameter is scored in whole points from %(min)s to %(max)s (p.31)"),
        min=low,
        max=high,
    )
    if isinstance(value, bool):
        raise error
    if isinstance(value, int):
        number = Decimal(value)
    else:
        try:
            number = bounds.ascii_decimal(str(value).strip().replace(",", "."))
        except InvalidOperation:
            raise error from None
    if not number.is_finite() or number != number.to_integral_value() or not low <= number <= high:
        raise error
    return int(number)


def sheet_kpi_rows(evaluation: Evaluation) -> list[KpiResult]:
    """The KPI rows of a sheet to sign, following the work plan (p.22); refused when the approved
    plan plans none for the quarter."""
    kpi_results_sync(evaluation=evaluation)
    rows = kpi_rows(evaluation)
    if not rows:
        raise DomainError(
            "kpis",
            N_(
                "This sheet has no KPI: the servant's approved work plan plans none for this "
                "quarter."
            ),
        )
    return rows


def require_kpi_rows(keys: Iterable[int], rows: Iterable[KpiResult]) -> None:
    """Every KpiResult id in `keys` is one of the sheet's `rows`."""
    known = {row.pk for row in rows}
    for key in keys:
        if key not in known:
            raise DomainError("kpis", N_("The sheet has no KPI row %(id)s."), id=key)


def require_parameters(
    codes: Sequence[str], scores: Mapping[str, object], justifications: Mapping[str, str]
) -> None:
    """The scores and justifications name only the edition's differentiation parameters
    (App. 4)."""
    for name, given in (("scores", scores), ("justifications", justifications)):
        for code in given:
            if code not in codes:
                raise DomainError(
                    f"{name}.{code}",
                    N_("unknown parameter; the parameters are %(codes)s"),
                    codes=", ".join(codes),
                )


def sheet_signed(
    evaluation: Evaluation,
    rules: Sjc2023Rules,
    *,
    score: Decimal,
    rating: str,
    signed_by: Account | None,
    signed_at: dt.datetime,
) -> dict[str, tuple[Any, Any]]:
    """Store the signed result: score, rating, who signed and when, and the familiarisation due
    within 2 working days (p.11; none in absentia, p.6). Returns the changes for the audit."""
    before = {
        "status": evaluation.status,
        "score": evaluation.score,
        "rating": evaluation.rating,
        "familiarisation_due": evaluation.familiarisation_due,
    }
    evaluation.score, evaluation.rating = score, rating
    evaluation.status = EvaluationStatus.SIGNED
    evaluation.signed_by, evaluation.signed_at = signed_by, signed_at
    evaluation.familiarisation_due = (
        None
        if evaluation.in_absentia
        else familiarisation_due(rules, work_calendar(), clock.today())
    )
    evaluation.save()
    return {key: (old, getattr(evaluation, key)) for key, old in before.items()}


def after_signing(actor: User | None, evaluation: Evaluation) -> None:
    """A servant evaluated in absentia (p.6) has the result final at once, without
    familiarisation; anyone else is asked to acknowledge it."""
    if evaluation.in_absentia:
        evaluation_finalize(actor=actor, evaluation=evaluation)
    else:
        _notify_result(evaluation)


def _notify_result(evaluation: Evaluation) -> None:
    """Tell the servant the result is there to acknowledge by the familiarisation date (p.11)."""
    if evaluation.familiarisation_due is None:
        return
    notify(
        recipient=evaluation.servant,
        kind="result_to_acknowledge",
        params={
            "period": evaluation.period,
            "due": evaluation.familiarisation_due.strftime("%d.%m.%Y"),
        },
        url=reverse("evaluations:sheet", args=[evaluation.pk]),
        dedupe_key=f"result_to_acknowledge:{evaluation.pk}:{evaluation.version}",
    )


def _refresh_row(rules: Sjc2023Rules, row: KpiResult, quarter: int) -> Decimal | None:
    """Recompute a row after its actual value changed: percent, range and proposal; the chosen
    score is kept when it is still inside the new range, else cleared. Returns the score."""
    row.percent = row.allowed_min = row.allowed_max = row.proposed = None
    if kpi_actual(row) is None:
        row.score = None
        return None
    try:
        outcome = evaluate_kpi(rules, kpi_input(row, quarter, None))
    except MethodologyError:
        # A flaw of the plan (e.g. plan 0): the evaluator's sheet names it.
        row.score = None
        return None
    row.percent, row.proposed = outcome.percent, outcome.proposed
    row.allowed_min, row.allowed_max = outcome.allowed
    if row.score is not None and not outcome.allowed[0] <= row.score <= outcome.allowed[1]:
        row.score = None
    return row.score


# --- the HR service's actual values (p.22) ------------------------------------------------------


def kpi_actuals_save(
    *, actor: User, evaluation_id: int, version: object, values: Mapping[int, object]
) -> int:
    """The HR service enters the actual KPI values of a sheet (by KpiResult id: a number, or
    achieved yes/no for a binary KPI; empty clears). Returns the sheet's new version — and
    nothing about scores, which HR staff may not see (p.20)."""
    with transaction.atomic():
        evaluation = evaluation_load(evaluation_id)
        if not is_hr_of(actor, organisation_of(evaluation)):
            deny(actor, evaluation)
        require_method(evaluation, Method.KPI)
        require_editable(evaluation, "enter_actuals")
        new_version = claim(evaluation, version)
        rules = rules_for(evaluation)
        quarter = evaluation.period.number or 1
        kpi_results_sync(evaluation=evaluation)
        rows = {row.pk: (index, row) for index, row in enumerate(kpi_rows(evaluation))}
        require_kpi_rows(values, (row for _index, row in rows.values()))
        now = clock.now()
        changes: dict[str, tuple[Any, Any]] = {"version": (new_version - 1, new_version)}
        for key, value in values.items():
            index, row = rows[key]
            where = f"kpis[{index}].actual"
            binary = row.kpi.direction == Direction.BINARY
            number, achieved = parse_actual(value, binary=binary, where=where)
            if (row.actual_value, row.actual_achieved) == (number, achieved):
                continue
            changes[where] = (kpi_actual(row), achieved if binary else number)
            old_score = row.score
            row.actual_value, row.actual_achieved = number, achieved
            row.prefilled_by, row.prefilled_at = account(actor), now
            if _refresh_row(rules, row, quarter) != old_score:
                changes[f"kpis[{index}].score"] = (old_score, None)
            row.save()
        audit_log(
            actor=actor,
            action="actuals",
            obj=evaluation,
            summary=f"{evaluation}: actual KPI values",
            changes=changes,
        )
    return new_version


def _evaluator_claim(
    actor: User, evaluation_id: int, method: str, version: object
) -> tuple[Evaluation, int]:
    """The evaluation whose sheet (`method`) its evaluator saves, while it may still be edited,
    and its next version (`claim`); refused to anyone else (`deny`)."""
    evaluation = evaluation_load(evaluation_id)
    if not is_evaluator(actor, evaluation):
        deny(actor, evaluation)
    require_method(evaluation, method)
    require_editable(evaluation)
    return evaluation, claim(evaluation, version)


def _text_save(
    evaluation: Evaluation, name: str, text: str, changes: dict[str, tuple[Any, Any]]
) -> None:
    """Store the sheet's text `name` (the feedback, the justification) when it changed, and
    say so in `changes`."""
    old = getattr(evaluation, name)
    if text != old:
        changes[name] = (old, text)
        Evaluation.objects.filter(pk=evaluation.pk).update(**{name: text})


# --- the evaluator's KPI sheet (App. 2-3) --------------------------------------------------------


def kpi_sheet_save(
    *,
    actor: User,
    evaluation_id: int,
    version: object,
    scores: Mapping[int, object],
    feedback: str | None = None,
) -> Evaluation:
    """The evaluator's scores per KPI row (by KpiResult id; empty = the proposal) and, when
    given, the constructive feedback to the servant (p.17(3), required to sign). Each row is
    recomputed by the engine (percent, allowed range, proposal); a score outside the App. 3
    range, or a row without its actual value, refuses the whole save."""
    with transaction.atomic():
        evaluation, new_version = _evaluator_claim(actor, evaluation_id, Method.KPI, version)
        rules = rules_for(evaluation)
        quarter = evaluation.period.number or 1
        kpi_results_sync(evaluation=evaluation)
        rows = kpi_rows(evaluation)
        require_kpi_rows(scores, rows)
        changes: dict[str, tuple[Any, Any]] = {"version": (new_version - 1, new_version)}
        for index, row in enumerate(rows):
            where = f"kpis[{index}]"
            chosen = (
                parse_score(scores[row.pk], f"{where}.score") if row.pk in scores else row.score
            )
            if kpi_actual(row) is None:
                raise DomainError(f"{where}.actual", MISSING_ACTUAL)
            try:
                outcome = evaluate_kpi(rules, kpi_input(row, quarter, chosen), where)
            except MethodologyError as error:
                raise DomainError.from_methodology(error) from error
            if row.score != outcome.score:
                changes[f"{where}.score"] = (row.score, outcome.score)
            row.percent, row.proposed, row.score = outcome.percent, outcome.proposed, outcome.score
            row.allowed_min, row.allowed_max = outcome.allowed
            row.save()
        if feedback is not None:
            text = str(feedback).strip()
            if len(text) > bounds.LONG_TEXT:
                raise DomainError(
                    "feedback", N_("At most %(max)s characters."), max=bounds.LONG_TEXT
                )
            _text_save(evaluation, "feedback", text, changes)
        audit_log(
            actor=actor,
            action="update",
            obj=evaluation,
            summary=f"{evaluation}: KPI scores",
            changes=changes,
        )
    evaluation.refresh_from_db()
    return evaluation


# --- the differentiation sheet (App. 4) ----------------------------------------------------------


def differentiation_save(
    *,
    actor: User,
    evaluation_id: int,
    version: object,
    scores: Mapping[str, object],
    justifications: Mapping[str, str],
    justification: str,
) -> Evaluation:
    """The head of the unit scores the four parameters in whole points 0-5 (p.31), with the
    reasons for each and for the result. A parameter left out keeps what it had; an empty score
    clears it. The overall justification is required when signing."""
    with transaction.atomic():
        evaluation, new_version = _evaluator_claim(
            actor, evaluation_id, Method.DIFFERENTIATION, version
        )
        rules = rules_for(evaluation)
        codes = [p.code for p in rules.differentiation.parameters]
        require_parameters(codes, scores, justifications)
        stored = {p.parameter: p for p in evaluation.parameter_scores.all()}
        changes: dict[str, tuple[Any, Any]] = {"version": (new_version - 1, new_version)}
        for code in codes:
            if code not in scores and code not in justifications:
                continue
            item = stored.get(code)
            old_score = item.score if item else None
            old_text = item.justification if item else ""
            score = (
                parse_points(scores[code], rules=rules, where=f"scores.{code}")
                if code in scores
                else old_score
            )
            text = str(justifications.get(code, old_text) or "").strip()
            if score is None and text:
                raise DomainError(
                    f"scores.{code}", N_("Score this parameter to keep its justification.")
                )
            if score != old_score:
                changes[f"scores.{code}"] = (old_score, score)
            if text != old_text:
                changes[f"justifications.{code}"] = (old_text, text)
            if score is None:
                ParameterScore.objects.filter(evaluation=evaluation, parameter=code).delete()
            else:
                ParameterScore.objects.update_or_create(
                    evaluation=evaluation,
                    parameter=code,
                    defaults={"score": score, "justification": text},
                )
        _text_save(evaluation, "justification", str(justification or "").strip(), changes)
        audit_log(
            actor=actor,
            action="update",
            obj=evaluation,
            summary=f"{evaluation}: differentiation scores",
            changes=changes,
        )
    evaluation.refresh_from_db()
    return evaluation


# --- signing -------------------------------------------------------------------------------------


def _sign_kpi(rules: Sjc2023Rules, evaluation: Evaluation) -> tuple[Decimal, str]:
    """The quarter score of the KPI sheet (App. 2): mean of the row scores, with its rating."""
    quarter = evaluation.period.number or 1
    rows = sheet_kpi_rows(evaluation)
    inputs = []
    for index, row in enumerate(rows):
        if kpi_actual(row) is None:
            raise DomainError(f"kpis[{index}].actual", MISSING_ACTUAL)
        inputs.append(kpi_input(row, quarter, row.score))
    if not evaluation.feedback.strip():
        raise DomainError(
            "feedback",
            N_(
                "Give the servant your constructive feedback before signing: the evaluator "
                "gives the final assessment and constructive feedback (p.17(3))."
            ),
        )
    try:
        result = evaluate_kpi_sheet(rules, inputs)
    except MethodologyError as error:
        raise DomainError.from_methodology(error) from error
    for row, outcome in zip(rows, result.kpis, strict=True):
        row.percent, row.proposed, row.score = outcome.percent, outcome.proposed, outcome.score
        row.allowed_min, row.allowed_max = outcome.allowed
        row.save()
    return result.score, result.rating.code


def _sign_differentiation(rules: Sjc2023Rules, evaluation: Evaluation) -> tuple[Decimal, str]:
    """The mean of the four parameters (App. 4), with its rating; the reasons are required."""
    scores = {p.parameter: p.score for p in evaluation.parameter_scores.all()}
    try:
        result = differentiation_score(rules, scores)
    except MethodologyError as error:
        raise DomainError.from_methodology(error) from error
    if not evaluation.justification.strip():
        raise DomainError(
            "justification", N_("Give the justification of the score before signing (App. 4).")
        )
    return result.score, result.rating.code


def evaluation_sign(*, actor: User, evaluation_id: int, version: object) -> Evaluation:
    """The evaluator signs the sheet: the engine computes the score and the rating, the servant
    is asked to acknowledge it within 2 working days (p.11). A servant dismissed before the
    deadline is evaluated in absentia (p.6): the result is final at once, without
    familiarisation."""
    with transaction.atomic():
        evaluation = evaluation_load(evaluation_id)
        if not is_evaluator(actor, evaluation):
            deny(actor, evaluation)
        if evaluation.method not in (Method.KPI, Method.DIFFERENTIATION):
            raise DomainError("method", N_("Only a quarterly sheet is signed by its evaluator."))
        require_editable(evaluation, "sign")
        if clock.today() <= evaluation.period.ends:  # prepared before its end (p.22 ¶6)
            raise DomainError(
                "status",
                N_("The quarter ends on %(ends)s: its sheet is signed once it has ended."),
                ends=evaluation.period.ends.strftime("%d.%m.%Y"),
            )
        new_version = claim(evaluation, version)
        rules = rules_for(evaluation)
        if evaluation.method == Method.KPI:
            score, rating = _sign_kpi(rules, evaluation)
        else:
            score, rating = _sign_differentiation(rules, evaluation)
        changes = sheet_signed(
            evaluation,
            rules,
            score=score,
            rating=rating,
            signed_by=account(actor),
            signed_at=clock.now(),
        )
        changes["version"] = (new_version - 1, new_version)
        audit_log(actor=actor, action="sign", obj=evaluation, changes=changes)
        after_signing(actor, evaluation)
    evaluation.refresh_from_db()
    return evaluation
