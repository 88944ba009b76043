"""A quarterly sheet held on paper (seed 002 p.3, p.29: "техникалық мүмкіндік болмаған жағдайда
бағалау қағаз тасымалдағышта жүргізіледі"), entered afterwards by the head of the HR service.

The evaluator scores and signs the printed App. 2 or App. 4 form (bagalau.documents.blank); the
head of the HR service types in the scores as written, the date the evaluator signed the paper
and the scan. The entry goes through the engine's rules as an electronic sheet does (App. 3 range
per KPI, whole points 0-5 per parameter, the justification of the result) and through the same
transition: the sheet becomes signed, the servant is asked to acknowledge it within 2 working
days of the entry (p.11), a servant dismissed before the deadline is final at once (p.6).

Our decisions where the text is silent (docs/transcription/sjc-2023.md, "the paper fallback"):
- only the head of the HR service enters a paper result: the scores are results, and p.20 lets no
  other HR servant know them; never the evaluator or the evaluatee of that sheet;
- only a sheet not yet signed; the evaluator's electronic draft (scores, reasons) is discarded
  and replaced by the paper's values, and the audit row keeps what it held;
- every KPI and every parameter needs the score written on paper (no proposal stands in for a
  missing one); the actual KPI values are the HR service's own (p.22), entered beforehand;
- the familiarisation period runs from the day of the entry, not from the paper's date: the
  servant cannot acknowledge a result the system does not hold yet.

Nothing is written when anything is refused: every check runs before the first write, and the
scan is stored last, removed again if anything after it fails.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any, NoReturn

from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.http import Http404
from django.utils.translation import gettext_noop as N_

from bagalau.audit.services import audit_log
from bagalau.core import clock
from bagalau.core.errors import DomainError
from bagalau.core.storage import private_storage
from bagalau.core.types import account
from bagalau.evaluations.access import can_view, is_evaluatee, is_evaluator
from bagalau.evaluations.models import (
    Evaluation,
    KpiResult,
    Method,
    PaperEntry,
    ParameterScore,
)
from bagalau.evaluations.scans import ScanCheck, check_scan, scan_name
from bagalau.evaluations.selectors.sheets import (
    evaluation_load,
    is_hr_head_of,
    is_hr_of,
    kpi_actual,
    kpi_input,
    organisation_of,
    parse_score,
    rules_for,
)
from bagalau.evaluations.services.sheets import (
    MISSING_ACTUAL,
    after_signing,
    claim,
    parse_points,
    require_editable,
    require_kpi_rows,
    require_parameters,
    sheet_kpi_rows,
    sheet_signed,
)
from bagalau.methodology import MethodologyError
from bagalau.methodology.sjc2023 import (
    Sjc2023Rules,
    differentiation_score,
    evaluate_kpi,
    evaluate_kpi_sheet,
)

if TYPE_CHECKING:
    from bagalau.core.types import User


NOT_YOURS = "The evaluator signs the sheet himself; a paper result is entered by the HR service."


def may_enter_paper(user: User, evaluation: Evaluation) -> bool:
    """The head of the HR service of the organisation, unless the sheet is about or by them."""
    return bool(
        user.is_authenticated
        and is_hr_head_of(user, organisation_of(evaluation))
        and not is_evaluator(user, evaluation)
        and not is_evaluatee(user, evaluation)
    )


def deny_paper_entry(user: User, evaluation: Evaluation) -> NoReturn:
    """403 to whoever knows the evaluation exists (its HR service, those who may see the
    result), 404 to everyone else."""
    if is_evaluator(user, evaluation):
        raise PermissionDenied(NOT_YOURS)
    if (user.is_authenticated and is_hr_of(user, organisation_of(evaluation))) or can_view(
        user, evaluation
    ):
        raise PermissionDenied("Only the head of the HR service enters a paper result.")
    raise Http404("No such evaluation.")


def parse_signed_on(value: object, evaluation: Evaluation) -> dt.date:
    """The date the evaluator signed the paper sheet: not in the future, not before the evaluated
    period began."""
    day: dt.date | None
    if isinstance(value, dt.datetime):
        day = value.date()
    elif isinstance(value, dt.date):
        day = value
    else:
        try:
            day = dt.date.fromisoformat(str(value or "").strip())
        except ValueError:
            day = None
    if day is None:
        raise DomainError(
            "signed_on", N_("Enter the date on which the evaluator signed the paper sheet.")
        )
    if day > clock.today():
        raise DomainError(
            "signed_on",
            N_("The date the evaluator signed the paper sheet cannot be in the future."),
        )
    if day < evaluation.period.starts:
        raise DomainError(
            "signed_on",
            N_(
                "The paper sheet cannot have been signed before the evaluated period began "
                "(%(start)s)."
            ),
            start=evaluation.period.starts.strftime("%d.%m.%Y"),
        )
    return day


# --- the sheets as written on paper --------------------------------------------------------------


def _kpi_paper(
    rules: Sjc2023Rules, evaluation: Evaluation, scores: Mapping[int, object]
) -> tuple[list[tuple[KpiResult, Any]], Decimal, str]:
    """Every KPI row with the paper's score inside its App. 3 range; the quarter score."""
    quarter = evaluation.period.number or 1
    rows = sheet_kpi_rows(evaluation)
    require_kpi_rows(scores, rows)
    outcomes = []
    for index, row in enumerate(rows):
        where = f"kpis[{index}]"
        if kpi_actual(row) is None:
            raise DomainError(f"{where}.actual", MISSING_ACTUAL)
        score = parse_score(scores.get(row.pk), f"{where}.score")
        if score is None:
            raise DomainError(
                f"{where}.score", N_("Enter the score written on the paper sheet for this KPI.")
            )
        try:
            outcome = evaluate_kpi(rules, kpi_input(row, quarter, score), where)
        except MethodologyError as error:
            raise DomainError.from_methodology(error) from error
        outcomes.append((row, outcome))
    try:
        sheet = evaluate_kpi_sheet(
            rules, [kpi_input(row, quarter, outcome.score) for row, outcome in outcomes]
        )
    except MethodologyError as error:
        raise DomainError.from_methodology(error) from error
    return outcomes, sheet.score, sheet.rating.code


def _differentiation_paper(
    rules: Sjc2023Rules,
    scores: Mapping[str, object],
    justifications: Mapping[str, str],
    justification: str,
) -> tuple[dict[str, int], dict[str, str], Decimal, str]:
    """The four parameters in whole points 0-5 (p.31) with their reasons, and the reasons for the
    result (App. 4), required as when signing in the system."""
    codes = [p.code for p in rules.differentiation.parameters]
    require_parameters(codes, scores, justifications)
    points: dict[str, int] = {}
    for code in codes:
        value = parse_points(scores.get(code), rules=rules, where=f"scores.{code}")
        if value is None:
            raise DomainError(
                f"scores.{code}",
                N_("Enter the score written on the paper sheet for this parameter."),
            )
        points[code] = value
    try:
        result = differentiation_score(rules, points)
    except MethodologyError as error:
        raise DomainError.from_methodology(error) from error
    if not justification.strip():
        raise DomainError(
            "justification",
            N_("Enter the justification of the score written on the paper sheet (App. 4)."),
        )
    reasons = {code: str(justifications.get(code) or "").strip() for code in codes}
    return points, reasons, result.score, result.rating.code


# --- the entry -----------------------------------------------------------------------------------


def _write_kpi(
    evaluation: Evaluation, outcomes: list[tuple[KpiResult, Any]], changes: dict[str, Any]
) -> dict[str, Any]:
    """Replace the rows' scores by the paper's; returns the evaluator's discarded draft."""
    draft: dict[str, Any] = {}
    for index, (row, outcome) in enumerate(outcomes):
        where = f"kpis[{index}].score"
        if row.score is not None:
            draft[where] = row.score
        if row.score != outcome.score:
            changes[where] = (row.score, outcome.score)
        row.percent, row.proposed, row.score = outcome.percent, outcome.proposed, outcome.score
        row.allowed_min, row.allowed_max = outcome.allowed
        row.save()
    return draft


def _write_differentiation(
    evaluation: Evaluation,
    points: dict[str, int],
    reasons: dict[str, str],
    justification: str,
    changes: dict[str, Any],
) -> dict[str, Any]:
    """Replace the parameters and reasons by the paper's; returns the discarded draft."""
    draft: dict[str, Any] = {}
    stored = {p.parameter: p for p in evaluation.parameter_scores.all()}
    for code, item in stored.items():
        draft[f"scores.{code}"] = item.score
        if item.justification:
            draft[f"justifications.{code}"] = item.justification
    if evaluation.justification:
        draft["justification"] = evaluation.justification
    for code, score in points.items():
        old = stored.get(code)
        old_score, old_text = (old.score, old.justification) if old else (None, "")
        if old_score != score:
            changes[f"scores.{code}"] = (old_score, score)
        if old_text != reasons[code]:
            changes[f"justifications.{code}"] = (old_text, reasons[code])
    ParameterScore.objects.filter(evaluation=evaluation).delete()
    ParameterScore.objects.bulk_create(
        ParameterScore(
            evaluation=evaluation, parameter=code, score=score, justification=reasons[code]
        )
        for code, score in points.items()
    )
    if evaluation.justification != justification:
        changes["justification"] = (evaluation.justification, justification)
    evaluation.justification = justification
    return draft


def _store_scan(evaluation: Evaluation, upload: UploadedFile, check: ScanCheck) -> str:
    """Write the scan to the private storage; returns its name there."""
    upload.seek(0)
    name: str = private_storage.save(
        scan_name(evaluation.period.schedule.year, check.extension), upload
    )
    return name


def paper_result_enter(
    *,
    actor: User,
    evaluation_id: int,
    version: object,
    signed_on: object,
    scan: UploadedFile | None,
    kpi_scores: Mapping[int, object] | None = None,
    scores: Mapping[str, object] | None = None,
    justifications: Mapping[str, str] | None = None,
    justification: str = "",
) -> Evaluation:
    """The head of the HR service enters the result of a sheet the evaluator signed on paper:
    the KPI scores (by KpiResult id) or the four parameters with their reasons and the reasons
    for the result, the date of the evaluator's signature and the scan of the signed sheet.

    The sheet is then signed as if the evaluator had signed it in the system (score and rating
    by the engine, familiarisation within 2 working days, p.11) and marked "entered from paper".
    """
    with transaction.atomic():
        evaluation = evaluation_load(evaluation_id)
        if not may_enter_paper(actor, evaluation):
            deny_paper_entry(actor, evaluation)
        if evaluation.method not in (Method.KPI, Method.DIFFERENTIATION):
            raise DomainError("method", N_("Only a quarterly sheet is held on paper."))
        require_editable(evaluation, "enter_paper")
        new_version = claim(evaluation, version)
        rules = rules_for(evaluation)
        day = parse_signed_on(signed_on, evaluation)
        text = str(justification or "").strip()
        if evaluation.method == Method.KPI:
            outcomes, score, rating = _kpi_paper(rules, evaluation, kpi_scores or {})
        else:
            points, reasons, score, rating = _differentiation_paper(
                rules, scores or {}, justifications or {}, text
            )
        check = check_scan(scan)
        assert scan is not None

        # Every rule held: write.
        changes: dict[str, tuple[Any, Any]] = {}
        if evaluation.method == Method.KPI:
            draft = _write_kpi(evaluation, outcomes, changes)
        else:
            draft = _write_differentiation(evaluation, points, reasons, text, changes)
        now = clock.now()
        # The evaluator signed (on paper); who entered it is the PaperEntry's.
        evaluator = evaluation.evaluator
        changes.update(
            sheet_signed(
                evaluation,
                rules,
                score=score,
                rating=rating,
                signed_by=evaluator.user if evaluator is not None else None,
                signed_at=now,
            )
        )
        changes["version"] = (new_version - 1, new_version)
        if draft:
            changes["evaluator_draft"] = (draft, "discarded")

        stored = _store_scan(evaluation, scan, check)
        try:
            entry = PaperEntry.objects.create(
                evaluation=evaluation,
                signed_on=day,
                entered_by=account(actor),
                entered_at=now,
                scan=stored,
                scan_type=check.content_type,
                scan_size=check.size,
                scan_sha256=check.sha256,
                scan_filename=os.path.basename(str(scan.name or ""))[:200],
            )
            changes["paper_signed_on"] = (None, day)
            changes["paper_scan"] = (
                None,
                {
                    "file": stored,
                    "type": check.content_type,
                    "size": check.size,
                    "sha256": check.sha256,
                },
            )
            audit_log(
                actor=actor,
                action="paper_entry",
                obj=evaluation,
                summary=(
                    f"{evaluation}: entered from paper signed on {day:%d.%m.%Y}"
                    + ("; the evaluator's electronic draft was discarded" if draft else "")
                ),
                changes=changes,
            )
            after_signing(actor, evaluation)
        except BaseException:
            private_storage.delete(stored)
            raise
    evaluation.refresh_from_db()
    assert entry.pk is not None
    return evaluation
