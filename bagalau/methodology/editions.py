"""The five editions and which one governs an organisation on a date (SPEC §1)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from typing import TypeVar

from bagalau.methodology import moj2017, sjc2023, typical2018
from bagalau.methodology.errors import N_, MethodologyError
from bagalau.methodology.labels import Label
from bagalau.methodology.loading import DATA_DIR, DataError, Node, node
from bagalau.methodology.structure import StructureRules, load_structure_rules
from bagalau.methodology.workflow import (
    DEFAULT_REFUSAL_ACTS,
    Deferral,
    EditionWorkflow,
    RefusalActSigners,
    default_deferral,
    load_workflow,
)

Rules = sjc2023.Sjc2023Rules | typical2018.Typical2018Rules | moj2017.Moj2017Rules


class EvaluationModel(StrEnum):
    """The three evaluation models the five editions follow, named here once (SPEC §1):
    sjc-2023's (seed 002), the typical 2018 one of almaty-2018, sjc-2018 and kyzylorda-2018
    (seeds 003-005) and the Ministry of Justice's (seed 001). An edition names its model in
    ``edition.yaml``; the web application compares with these, never with the words."""

    SJC2023 = "sjc2023"
    TYPICAL2018 = "typical2018"
    MOJ2017 = "moj2017"


#: How each evaluation model reads its rules.
MODEL_LOADERS: Mapping[EvaluationModel, Callable[[str], Rules]] = {
    EvaluationModel.SJC2023: sjc2023.load_rules,
    EvaluationModel.TYPICAL2018: typical2018.load_rules,
    EvaluationModel.MOJ2017: moj2017.load_rules,
}

#: The edition a new organisation starts with (SPEC §1).
DEFAULT_EDITION = "sjc-2023"

R = TypeVar("R")


@dataclass(frozen=True, slots=True)
class ValidityNote:
    """Why the edition's dates are what they are, when the seed does not give them (EDITIONS.md
    §11.4 items 3-4): the §9 decisions and a kk/ru/en note for the admin pages."""

    decisions: tuple[str, ...]
    note: Label


@dataclass(frozen=True, slots=True)
class Edition:
    """A methodology edition: its legal act, validity, model, rules, workflow settings, and who
    is evaluated how and by whom (`structure`).

    `workflow` is None for sjc-2023, whose workflow lives in the web application; `refusal_acts`
    and `deferral` are given for every edition (sjc-2023: what the application does today).
    """

    code: str
    model: EvaluationModel
    seed: str
    body: str
    title: Label
    act: Label
    valid_from: dt.date
    valid_to: dt.date | None
    rules: Rules
    workflow: EditionWorkflow | None
    refusal_acts: Mapping[str, RefusalActSigners]
    deferral: Deferral
    validity_note: ValidityNote | None
    structure: StructureRules

    def in_force_on(self, day: dt.date) -> bool:
        """Whether the act governed evaluations on `day` (inclusive bounds)."""
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)


def edition_codes() -> tuple[str, ...]:
    """Every edition code, newest body first as the data directory lists them."""
    return tuple(
        sorted(
            (path.parent.name for path in DATA_DIR.glob("*/edition.yaml")),
            key=lambda code: (code != DEFAULT_EDITION, code),
        )
    )


@cache
def get_edition(code: str) -> Edition:
    """The edition with this code, its data loaded on first use."""
    if code not in edition_codes():
        raise MethodologyError(
            "edition",
            N_("unknown edition %(code)s; the editions are %(codes)s"),
            code=repr(code),
            codes=", ".join(edition_codes()),
        )
    root = node(f"{code}/edition.yaml")
    model = _model(root["model"])
    seed = root["seed"].text()
    rules = MODEL_LOADERS[model](code)
    workflow = load_workflow(code, model, seed) if root.has("workflow") else None
    if workflow is not None:
        refusal_acts, deferral = workflow.refusal_acts, workflow.eligibility.deferral
    elif isinstance(rules, sjc2023.Sjc2023Rules):
        refusal_acts = DEFAULT_REFUSAL_ACTS
        deferral = default_deferral(rules.deadlines.absent_return)
    else:
        raise DataError(f"{code}/edition.yaml: the {model} model needs a workflow section")
    validity = root["validity"] if root.has("validity") else None
    return Edition(
        code=root["code"].text(),
        model=model,
        seed=seed,
        body=root["body"].text(),
        title=root["title"].label(),
        act=root["act"].label(),
        valid_from=root["valid_from"].date(),
        valid_to=root["valid_to"].date() if root.has("valid_to") else None,
        rules=rules,
        workflow=workflow,
        refusal_acts=refusal_acts,
        deferral=deferral,
        validity_note=None
        if validity is None
        else ValidityNote(
            decisions=tuple(d.text() for d in validity["decisions"].seq())
            if validity.has("decisions")
            else (),
            note=validity["note"].label(),
        ),
        structure=load_structure_rules(code),
    )


def all_editions() -> tuple[Edition, ...]:
    """Every edition, loaded."""
    return tuple(get_edition(code) for code in edition_codes())


def model_editions(model: EvaluationModel) -> tuple[str, ...]:
    """The codes of the editions that follow `model`."""
    return tuple(edition.code for edition in all_editions() if edition.model == model)


def edition_for_body(body: str, on: dt.date) -> Edition:
    """The edition that governed `body` ("sjc", "justice"…) on a date, by the acts' own dates."""
    for edition in all_editions():
        if edition.body == body and edition.in_force_on(on):
            return edition
    raise MethodologyError(
        "date",
        N_("no edition governed %(body)s on %(date)s"),
        body=body,
        date=on.isoformat(),
    )


def edition_in_force(assignments: Iterable[tuple[dt.date, str]], on: dt.date) -> Edition:
    """The edition an organisation evaluates under on a date, from its own (from-date, code) list:
    the latest assignment that started on or before the date."""
    started = [item for item in assignments if item[0] <= on]
    if not started:
        raise MethodologyError(
            "date", N_("the organisation had no edition in force on %(date)s"), date=on.isoformat()
        )
    return get_edition(max(started)[1])


def sjc2023_rules(edition: Edition) -> sjc2023.Sjc2023Rules:
    """The rules of an sjc-2023-model edition (an error for other models)."""
    return _rules_of(edition, sjc2023.Sjc2023Rules, EvaluationModel.SJC2023)


def typical2018_rules(edition: Edition) -> typical2018.Typical2018Rules:
    """The rules of a typical-2018-model edition (an error for other models)."""
    return _rules_of(edition, typical2018.Typical2018Rules, EvaluationModel.TYPICAL2018)


def moj2017_rules(edition: Edition) -> moj2017.Moj2017Rules:
    """The rules of a moj-2017-model edition (an error for other models)."""
    return _rules_of(edition, moj2017.Moj2017Rules, EvaluationModel.MOJ2017)


def edition_workflow(edition: Edition) -> EditionWorkflow:
    """The workflow settings of a commission edition (almaty-2018, sjc-2018, kyzylorda-2018,
    moj-2017); an error for sjc-2023, whose workflow lives in the web application."""
    if edition.workflow is None:
        raise MethodologyError(
            "edition",
            N_("edition %(code)s has no commission workflow in the rules engine"),
            code=edition.code,
        )
    return edition.workflow


def _model(value: Node) -> EvaluationModel:
    """The model an ``edition.yaml`` names: one of the three, else a DataError at its place."""
    text = value.text()
    if text not in set(EvaluationModel):
        raise value.fail(f"unknown model {text!r}; the models are {', '.join(EvaluationModel)}")
    return EvaluationModel(text)


def _rules_of(edition: Edition, kind: type[R], model: EvaluationModel) -> R:
    """The edition's rules when they are of `kind`, else an error naming `model`."""
    if not isinstance(edition.rules, kind):
        raise MethodologyError(
            "edition",
            N_("edition %(code)s uses the %(actual)s model, not %(model)s"),
            code=edition.code,
            actual=edition.model,
            model=model,
        )
    return edition.rules
