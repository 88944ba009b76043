"""What each methodology edition prescribes, for the administrator who puts one in force
(issue 10 item 1; EDITIONS.md §7, §9, §11.4 item 6): the act and its dates, the working body, the
authorised person, the commission (minimum members, quorum, who approves the results), the
familiarisation, the refusal acts and their signers, the deferral and the retention, and every
workflow step, each with where its rule comes from: the edition's own seed, seed 004 borrowed
(sjc-2018 and kyzylorda-2018 print only their amendments, EDITIONS.md §0), or our decision where
the texts are silent (a §9 code). Read from the engine's data (bagalau.methodology), nothing
restated here but the names of the codes.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from django.utils.translation import gettext_lazy as _

from bagalau.core.language import reader_language
from bagalau.methodology import edition_codes, get_edition
from bagalau.methodology.editions import Edition
from bagalau.methodology.workflow import TYPICAL_SEED, RefusalActSigners, Source, absence_kinds

PROVENANCE = {
    "seed": _("stated in the edition's own text"),
    "borrowed": _("borrowed from the typical methodology (seed 004)"),
    "decision": _("our decision where the texts are silent"),
}
CODES: dict[str, Any] = {
    "authorised_person": _("the authorised person"),
    "commission": _("the commission"),
    "written": _("in writing"),
    "electronic": _("electronically"),
    "results_approved": _("from the approval of the results"),
    "commission_session": _("from the commission's session"),
    "servant": _("the servant"),
    "evaluators": _("the evaluators"),
    "quarter": _("quarterly"),
    "annual": _("annual"),
    "sheets": _("the evaluation sheets"),
    "job_description": _("the job description"),
    "draft_protocol": _("the draft protocol"),
    "familiarisation": _("refusal to acknowledge the results"),
    "sheet": _("refusal to sign a sheet"),
    "kpi": _("KPI evaluation"),
    "competencies": _("competency evaluation"),
    "quarterly": _("quarterly evaluation"),
    "working_body": _("the working body"),
    "direct_manager": _("the direct manager"),
    "superior_manager": _("the superior manager"),
    "first_head": _("the first head"),
    "docflow": _("the document service"),
    "chair": _("the chair"),
    "secretary": _("the secretary"),
    "agency": _("the civil service agency"),
    "court": _("the court"),
    "system": _("the system"),
}


@dataclass(frozen=True)
class Line:
    """One setting or step: its name, its value, where it comes from and the citation."""

    code: str
    name: str
    value: str
    provenance: str
    provenance_label: str
    citation: str


@dataclass(frozen=True)
class EditionSheet:
    """An edition as the administrator reads it."""

    edition: Edition
    title: str
    act: str
    settings: list[Line]
    steps: list[Line]


def _names(codes: tuple[str, ...]) -> str:
    absences = absence_kinds()
    return ", ".join(
        str(CODES[code]) if code in CODES else absences[code].get(reader_language())
        for code in codes
    )


def _line(edition: Edition, code: str, name: Any, value: Any, source: Source) -> Line:
    workflow = edition.workflow
    citation = (
        workflow.citation(source)
        if workflow is not None
        else source.citation(edition.seed, TYPICAL_SEED)
    )
    return Line(
        code=code,
        name=str(name),
        value=str(value),
        provenance=source.provenance,
        provenance_label=str(PROVENANCE[source.provenance]),
        citation=citation,
    )


def _signers(signers: RefusalActSigners) -> str:
    parts = []
    if signers.working_body:
        parts.append(str(_("the working body")))
    if signers.direct_manager:
        parts.append(str(_("the direct manager")))
    if signers.other_servants:
        parts.append(str(_("%(n)s other servants of the body")) % {"n": signers.other_servants})
    return ", ".join(parts)


def _quorum(value: Fraction) -> str:
    return str(_("at least %(share)s of the members present")) % {"share": str(value)}


def edition_sheet(code: str) -> EditionSheet:
    """The settings and steps of the edition `code` in the reader's language (KeyError for an
    unknown code)."""
    if code not in edition_codes():
        raise KeyError(code)
    edition = get_edition(code)
    language = reader_language()
    settings: list[Line] = []
    add = settings.append
    workflow = edition.workflow
    if workflow is not None:
        add(
            _line(
                edition,
                "working_body",
                _("Working body"),
                workflow.working_body.label.get(language),
                workflow.working_body.source,
            )
        )
        add(
            _line(
                edition,
                "authorised_person",
                _("Authorised person"),
                workflow.authorised_person.label.get(language),
                workflow.authorised_person.source,
            )
        )
        minimum = workflow.min_members.value
        add(
            _line(
                edition,
                "min_members",
                _("Minimum members of the commission"),
                minimum if minimum is not None else _("not set"),
                workflow.min_members.source,
            )
        )
        add(
            _line(
                edition,
                "quorum",
                _("Quorum"),
                _quorum(workflow.quorum.value),
                workflow.quorum.source,
            )
        )
        add(
            _line(
                edition,
                "results_approved_by",
                _("Results approved by"),
                CODES[workflow.results_approved_by.value],
                workflow.results_approved_by.source,
            )
        )
        add(
            _line(
                edition,
                "familiarisation_forms",
                _("Familiarisation"),
                _names(workflow.familiarisation_forms.value),
                workflow.familiarisation_forms.source,
            )
        )
        add(
            _line(
                edition,
                "familiarisation_from",
                _("Familiarisation days counted"),
                CODES[workflow.familiarisation_from.value],
                workflow.familiarisation_from.source,
            )
        )
        add(
            _line(
                edition,
                "notice",
                _("Notice of the evaluation goes to"),
                _names(workflow.notice.recipients),
                workflow.notice.source,
            )
        )
        add(
            _line(
                edition,
                "sessions",
                _("Commission sessions"),
                _names(workflow.sessions.kinds),
                workflow.sessions.source,
            )
        )
        retention = workflow.retention_years.value
        add(
            _line(
                edition,
                "retention",
                _("Documents kept (years)"),
                retention if retention is not None else _("not set"),
                workflow.retention_years.source,
            )
        )
        eligibility = workflow.eligibility
        add(
            _line(
                edition,
                "eligibility",
                _("Months in the position before an evaluation"),
                eligibility.min_months_in_post,
                eligibility.source,
            )
        )
    for kind, signers in edition.refusal_acts.items():
        add(
            _line(
                edition,
                f"refusal.{kind}",
                str(_("Refusal act: %(kind)s")) % {"kind": CODES[kind]},
                _signers(signers),
                signers.source,
            )
        )
    deferral = edition.deferral
    add(_line(edition, "deferral", _("Deferred for"), _names(deferral.absences), deferral.source))
    add(
        _line(
            edition,
            "deferral_applies",
            _("Evaluations deferred"),
            _names(deferral.applies_to),
            deferral.source,
        )
    )
    add(
        _line(
            edition,
            "deferral_days",
            _("Deferred evaluation within (working days after the return)"),
            deferral.working_days,
            deferral.source,
        )
    )
    steps = (
        []
        if workflow is None
        else [
            Line(
                code=step.code,
                name=step.label.get(language),
                value=_names(step.actors),
                provenance=step.source.provenance,
                provenance_label=str(PROVENANCE[step.source.provenance]),
                citation=workflow.citation(step.source),
            )
            for step in workflow.steps
        ]
    )
    return EditionSheet(
        edition=edition,
        title=edition.title.get(language),
        act=edition.act.get(language),
        settings=settings,
        steps=steps,
    )
