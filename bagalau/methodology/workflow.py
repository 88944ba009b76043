"""Workflow settings of the earlier editions as data (EDITIONS.md §7, §9, §11.4 items 6-7).

Each commission edition (almaty-2018, sjc-2018, kyzylorda-2018, moj-2017) carries a ``workflow``
section in its ``edition.yaml``: the working body, the authorised person, the commission, who
approves the results, familiarisation, the refusal acts, retention, eligibility and deferral, and
for every step of EDITIONS.md §2.2 / §5.2 where its rule comes from. The step names are in
``data/workflow-steps.yaml``, the absence kinds in ``data/absences.yaml``.

Every setting carries its :class:`Source`: the paragraphs of the edition's own seed ("seed"), the
paragraphs borrowed from the typical text of seed 004 ("borrowed"; sjc-2018 and kyzylorda-2018,
EDITIONS.md §0), and the EDITIONS.md §9 decisions that fill a gap.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from functools import cache
from typing import Generic, Literal, TypeVar

from bagalau.methodology.labels import Label
from bagalau.methodology.loading import DataError, Node, node

T = TypeVar("T")

Provenance = Literal["seed", "borrowed", "decision"]
WORKING_BODIES = ("hr", "administrative_department")
AUTHORISED_PERSONS = ("appointing_official", "head_of_apparatus")
#: Who approves the results: the authorised person (004 p.39) or the commission itself (001 p.35).
APPROVERS = ("authorised_person", "commission")
FAMILIARISATION_FORMS = ("written", "electronic")
#: From when the familiarisation days count: the approval of the results (T-11) or the session
#: (M-17).
FAMILIARISATION_STARTS = ("results_approved", "commission_session")
#: Who the notice of the evaluation goes to (004 p.29: the evaluators; 001 p.14: the servant too).
NOTICE_RECIPIENTS = ("servant", "evaluators")
#: Commission sessions: the annual one (typical-2018), also one per quarter (moj-2017, 001 p.35).
SESSION_KINDS = ("quarter", "annual")
#: What the working body puts before a session (004 p.36; 001 p.34 adds the job description).
SESSION_DOCUMENTS = ("sheets", "job_description", "draft_protocol")
#: Refusal acts: of familiarisation (004 p.41, 001 p.36) and of signing a sheet (001 p.25, p.31).
REFUSAL_KINDS = ("familiarisation", "sheet")
ACTORS = (
    "servant",
    "direct_manager",
    "superior_manager",
    "first_head",
    "working_body",
    "docflow",
    "commission",
    "chair",
    "secretary",
    "authorised_person",
    "agency",
    "court",
    "system",
)


@dataclass(frozen=True, slots=True)
class Source:
    """Where a setting or a step comes from (EDITIONS.md §7 legend S/T, §9)."""

    seed: tuple[str, ...]
    borrowed: tuple[str, ...]
    decisions: tuple[str, ...]

    @property
    def provenance(self) -> Provenance:
        """ "borrowed" when any paragraph comes from seed 004 in an edition without it, else
        "seed" when the edition's own seed states it, else "decision" (ours, EDITIONS.md §9)."""
        if self.borrowed:
            return "borrowed"
        return "seed" if self.seed else "decision"

    def citation(self, own_seed: str, borrowed_from: str | None) -> str:
        """E.g. "seed 000 p.34; seed 004 p.30, p.32; EDITIONS.md T-22"."""
        parts = []
        if self.seed:
            parts.append(f"seed {own_seed} " + ", ".join(self.seed))
        if self.borrowed:
            parts.append(f"seed {borrowed_from} " + ", ".join(self.borrowed))
        if self.decisions:
            parts.append("EDITIONS.md " + ", ".join(self.decisions))
        return "; ".join(parts)


@dataclass(frozen=True, slots=True)
class Setting(Generic[T]):
    """One workflow setting and its source."""

    value: T
    source: Source


@dataclass(frozen=True, slots=True)
class Role:
    """A body or an official the edition names: a code and its kk/ru/en name or description."""

    code: str
    label: Label
    source: Source


@dataclass(frozen=True, slots=True)
class RefusalActSigners:
    """Who signs a free-form refusal act: the working body's servant, the direct manager, and how
    many other servants of the body (004 p.41: HR + 2; 001 p.36: HR alone; p.25, p.31: HR and the
    direct manager)."""

    working_body: bool
    direct_manager: bool
    other_servants: int
    source: Source

    @property
    def count(self) -> int:
        """How many signatures the act carries."""
        return int(self.working_body) + int(self.direct_manager) + self.other_servants


@dataclass(frozen=True, slots=True)
class Notice:
    """The notice of the evaluation (004 p.29; 001 p.14): who must be told, who is told for
    information (T-6), and whether the blank sheets go with it."""

    recipients: tuple[str, ...]
    informed: tuple[str, ...]
    sends_sheets: bool
    source: Source


@dataclass(frozen=True, slots=True)
class Sessions:
    """The commission's sessions: their kinds (annual; moj-2017 also quarterly) and the documents
    before them (004 p.35-36; 001 p.34-35)."""

    kinds: tuple[str, ...]
    documents: tuple[str, ...]
    source: Source


@dataclass(frozen=True, slots=True)
class Deferral:
    """Absences on the evaluation date that defer it to within `working_days` after the return
    (004 p.4, 001 p.3, 002 p.5), and which evaluations they defer."""

    absences: tuple[str, ...]
    working_days: int
    applies_to: tuple[str, ...]
    source: Source


@dataclass(frozen=True, slots=True)
class EligibilityRules:
    """Who is evaluated (004 p.4, 001 p.3; EDITIONS.md §9 G-2, G-3, G-4)."""

    min_months_in_post: int
    #: typical-2018 counts the months also from the return from social leave or the end of studies.
    counts_from_returns: bool
    probation_excludes: bool
    #: Absences that exclude the servant when they cover the evaluation date (typical-2018: social
    #: leave, whose return restarts the 3 months; decision EW-1).
    excluding_absences: tuple[str, ...]
    deferral: Deferral
    source: Source


@dataclass(frozen=True, slots=True)
class WorkflowStep:
    """One step of EDITIONS.md §2.2 or §5.2 with the actors and the source of its rule."""

    code: str
    label: Label
    actors: tuple[str, ...]
    source: Source


@dataclass(frozen=True, slots=True)
class EditionWorkflow:
    """The workflow settings of one commission edition (EDITIONS.md §11.4 item 6)."""

    seed: str
    borrowed_from: str | None
    working_body: Role
    authorised_person: Role
    min_members: Setting[int | None]
    quorum: Setting[Fraction]
    results_approved_by: Setting[str]
    familiarisation_forms: Setting[tuple[str, ...]]
    familiarisation_from: Setting[str]
    notice: Notice
    sessions: Sessions
    refusal_acts: Mapping[str, RefusalActSigners]
    retention_years: Setting[int | None]
    eligibility: EligibilityRules
    steps: tuple[WorkflowStep, ...]

    def step(self, code: str) -> WorkflowStep:
        """The step with this code (KeyError when the model has none)."""
        for item in self.steps:
            if item.code == code:
                return item
        raise KeyError(code)

    def citation(self, source: Source) -> str:
        """A source as text, with this edition's seed numbers."""
        return source.citation(self.seed, self.borrowed_from)


# --- reading ------------------------------------------------------------------------------------


@cache
def absence_kinds() -> Mapping[str, Label]:
    """The absence kinds the editions name, code -> kk/ru/en name (``data/absences.yaml``)."""
    kinds: dict[str, Label] = {}
    for item in node("absences.yaml")["kinds"].seq():
        code = item["code"].text()
        if code in kinds:
            raise item.fail(f"absence kind {code!r} listed twice")
        kinds[code] = item["label"].label()
    return kinds


@dataclass(frozen=True, slots=True)
class _StepName:
    code: str
    label: Label
    actors: tuple[str, ...]


@cache
def _model_steps(model: str) -> tuple[str | None, tuple[_StepName, ...]]:
    root = node("workflow-steps.yaml")["models"][model]
    borrowed_from = root["borrowed_from"].text() if root.has("borrowed_from") else None
    names = []
    for item in root["steps"].seq():
        actors = _texts(item["actors"])
        for actor in actors:
            if actor not in ACTORS:
                raise item["actors"].fail(f"unknown actor {actor!r}; the actors are {ACTORS}")
        names.append(_StepName(item["code"].text(), item["label"].label(), actors))
    if len({n.code for n in names}) != len(names):
        raise root["steps"].fail("a step code is listed twice")
    return borrowed_from, tuple(names)


def _texts(items: Node) -> tuple[str, ...]:
    return tuple(item.text() for item in items.seq())


def _source(value: Node, seed: str, borrowed_from: str | None) -> Source:
    allowed = {"seed", "borrowed", "decisions"}
    if not isinstance(value.value, dict) or not set(value.value) <= allowed:
        raise value.fail(f"a source is a mapping with some of {sorted(allowed)}")
    source = Source(
        seed=_texts(value["seed"]) if value.has("seed") else (),
        borrowed=_texts(value["borrowed"]) if value.has("borrowed") else (),
        decisions=_texts(value["decisions"]) if value.has("decisions") else (),
    )
    if not (source.seed or source.borrowed or source.decisions):
        raise value.fail("a source names a paragraph of the seed, a borrowed one or a decision")
    if source.borrowed and (borrowed_from is None or borrowed_from == seed):
        raise value.fail(
            f"seed {seed} cannot borrow: only the typical-2018 editions without the full text "
            "borrow from seed 004"
        )
    return source


def _choice(value: Node, options: tuple[str, ...]) -> str:
    text = value.text()
    if text not in options:
        raise value.fail(f"{text!r} is not one of {options}")
    return text


def _role(value: Node, options: tuple[str, ...], seed: str, borrowed: str | None) -> Role:
    return Role(
        code=_choice(value["code"], options),
        label=value["label"].label(),
        source=_source(value["source"], seed, borrowed),
    )


def _optional_positive(value: Node) -> int | None:
    if value.value is None:
        return None
    number = value.integer()
    if number < 1:
        raise value.fail("expected a whole number of at least 1, or null")
    return number


def _codes(value: Node, options: tuple[str, ...], empty: bool = False) -> tuple[str, ...]:
    codes = tuple(_choice(item, options) for item in value.seq())
    if (not codes and not empty) or len(set(codes)) != len(codes):
        raise value.fail("expected one or more different codes")
    return codes


def _forms(value: Node) -> tuple[str, ...]:
    forms = tuple(_choice(item, FAMILIARISATION_FORMS) for item in value.seq())
    if not forms or len(set(forms)) != len(forms):
        raise value.fail("expected one or more different forms")
    return forms


def _signers(value: Node, seed: str, borrowed: str | None) -> RefusalActSigners:
    signers = RefusalActSigners(
        working_body=value["working_body"].flag(),
        direct_manager=value["direct_manager"].flag(),
        other_servants=value["other_servants"].integer(),
        source=_source(value["source"], seed, borrowed),
    )
    if signers.other_servants < 0 or signers.count == 0:
        raise value.fail("a refusal act has at least one signer and no negative count")
    return signers


def _absence_codes(value: Node) -> tuple[str, ...]:
    codes = _texts(value)
    for code in codes:
        if code not in absence_kinds():
            raise value.fail(f"unknown absence kind {code!r}; see absences.yaml")
    return codes


def _deferral(value: Node, seed: str, borrowed: str | None) -> Deferral:
    absences = _absence_codes(value["absences"])
    days = value["working_days"].integer()
    if days < 1:
        raise value["working_days"].fail("expected at least 1 working day")
    return Deferral(
        absences=absences,
        working_days=days,
        applies_to=_texts(value["applies_to"]),
        source=_source(value["source"], seed, borrowed),
    )


def load_workflow(code: str, model: str, seed: str) -> EditionWorkflow:
    """Read and check the ``workflow`` section of ``data/<code>/edition.yaml``.

    A DataError names the file and key of any setting that breaks its shape: an unknown code, a
    step missing or unknown, a paragraph "borrowed" by the edition that is seed 004 itself.
    """
    borrowed, names = _model_steps(model)
    root = node(f"{code}/edition.yaml")["workflow"]
    commission = root["commission"]
    familiarisation = root["familiarisation"]
    eligibility = root["eligibility"]

    def source(value: Node) -> Source:
        return _source(value["source"], seed, borrowed)

    quorum = commission["quorum"]["value"].fraction()
    if not 0 < quorum <= 1:
        raise commission["quorum"].fail("a quorum is a fraction of the members in (0, 1]")
    acts = {}
    for kind, value in root["refusal_acts"].items():
        if kind not in REFUSAL_KINDS:
            raise value.fail(f"unknown refusal act {kind!r}; the kinds are {REFUSAL_KINDS}")
        acts[kind] = _signers(value, seed, borrowed)
    months = eligibility["min_months_in_post"].integer()
    if months < 0:
        raise eligibility["min_months_in_post"].fail("expected a whole number of months")
    steps_node = root["steps"]
    given = dict(steps_node.items())
    steps = []
    for name in names:
        if name.code not in given:
            raise steps_node.fail(f"missing step {name.code}")
        steps.append(
            WorkflowStep(
                name.code, name.label, name.actors, _source(given.pop(name.code), seed, borrowed)
            )
        )
    if given:
        raise steps_node.fail(f"unknown steps {sorted(given)} for the {model} model")
    return EditionWorkflow(
        seed=seed,
        borrowed_from=borrowed,
        working_body=_role(root["working_body"], WORKING_BODIES, seed, borrowed),
        authorised_person=_role(root["authorised_person"], AUTHORISED_PERSONS, seed, borrowed),
        min_members=Setting(
            _optional_positive(commission["min_members"]["value"]),
            source(commission["min_members"]),
        ),
        quorum=Setting(quorum, source(commission["quorum"])),
        results_approved_by=Setting(
            _choice(commission["results_approved_by"]["value"], APPROVERS),
            source(commission["results_approved_by"]),
        ),
        familiarisation_forms=Setting(
            _forms(familiarisation["forms"]["value"]), source(familiarisation["forms"])
        ),
        familiarisation_from=Setting(
            _choice(familiarisation["counted_from"]["value"], FAMILIARISATION_STARTS),
            source(familiarisation["counted_from"]),
        ),
        notice=Notice(
            recipients=_codes(root["notice"]["recipients"], NOTICE_RECIPIENTS),
            informed=_codes(root["notice"]["informed"], NOTICE_RECIPIENTS, empty=True),
            sends_sheets=root["notice"]["sends_sheets"].flag(),
            source=source(root["notice"]),
        ),
        sessions=Sessions(
            kinds=_codes(root["sessions"]["kinds"], SESSION_KINDS),
            documents=_codes(root["sessions"]["documents"], SESSION_DOCUMENTS),
            source=source(root["sessions"]),
        ),
        refusal_acts=acts,
        retention_years=Setting(
            _optional_positive(root["retention_years"]["value"]), source(root["retention_years"])
        ),
        eligibility=EligibilityRules(
            min_months_in_post=months,
            counts_from_returns=eligibility["counts_from_returns"].flag(),
            probation_excludes=eligibility["probation_excludes"].flag(),
            excluding_absences=_absence_codes(eligibility["excluding_absences"]),
            deferral=_deferral(eligibility["deferral"], seed, borrowed),
            source=source(eligibility),
        ),
        steps=tuple(steps),
    )


# --- editions without a workflow section (sjc-2023) ---------------------------------------------

#: The typical methodology (seed 004), from which an edition that prints no rule of its own
#: borrows one.
TYPICAL_SEED = "004"

#: sjc-2023 keeps its own workflow in the web application; seed 002 p.11 familiarises through the
#: information system and names no refusal act, so the act is the typical methodology's: HR and
#: two other servants of the body sign it (seed 004 p.41; issue 9 item 6).
DEFAULT_REFUSAL_ACTS: Mapping[str, RefusalActSigners] = {
    "familiarisation": RefusalActSigners(
        working_body=True,
        direct_manager=False,
        other_servants=2,
        source=Source(seed=("p.11",), borrowed=("p.41",), decisions=()),
    ),
}

#: seed 002 p.5: annual or social leave, sick leave, business trip, internship, retraining or
#: professional development defer the KPI evaluation to within 5 working days after the return;
#: differentiation and 360 go ahead without the servant. These are every org.AbsenceKind, as the
#: application applies them today (methodology.sjc2023.quarter_eligibility).
SJC2023_DEFERRING_ABSENCES = (
    "annual_leave",
    "social_leave",
    "sick_leave",
    "business_trip",
    "internship",
    "retraining",
    "training",
)


def default_deferral(working_days: int) -> Deferral:
    """The deferral of an edition without a workflow section: sjc-2023's p.5, KPI only."""
    for code in SJC2023_DEFERRING_ABSENCES:
        if code not in absence_kinds():
            raise DataError(f"absences.yaml: missing the absence kind {code!r}")
    return Deferral(
        absences=SJC2023_DEFERRING_ABSENCES,
        working_days=working_days,
        applies_to=("kpi",),
        source=Source(seed=("p.5",), borrowed=(), decisions=()),
    )
