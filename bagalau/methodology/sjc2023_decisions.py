"""sjc-2023 (seed 002): the grounds of a KPI change (p.25) and the register of the decisions a
result grounds (p.8), read from ``data/<edition>/decisions.yaml``. Kept apart from sjc2023.py,
which holds the scoring and the time limits."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from bagalau.methodology.editions import Edition, sjc2023_rules
from bagalau.methodology.errors import N_, MethodologyError
from bagalau.methodology.labels import Label
from bagalau.methodology.loading import DATA_DIR, Node, node
from bagalau.methodology.sjc2023 import Choice

FILE = "decisions.yaml"


@dataclass(frozen=True, slots=True)
class DecisionKind:
    """A decision of the p.8 register and the ratings (p.7) of the result it may rest on."""

    code: str
    label: Label
    ratings: tuple[str, ...]
    source: str


@dataclass(frozen=True, slots=True)
class DecisionRules:
    """p.25 change grounds and the p.8 register of an sjc-2023-model edition."""

    change_source: str
    change_grounds: tuple[Choice, ...]
    decisions_source: str
    bases: tuple[str, ...]
    kinds: tuple[DecisionKind, ...]

    def kind(self, code: str) -> DecisionKind | None:
        """The decision kind with this code, if the edition has it."""
        return next((kind for kind in self.kinds if kind.code == code), None)


def has_decision_rules(edition: Edition) -> bool:
    """Whether the edition keeps a p.8 register and p.25 grounds (sjc-2023 does)."""
    return (DATA_DIR / edition.code / FILE).is_file()


def decision_rules(edition: Edition) -> DecisionRules:
    """The edition's p.25 grounds and p.8 register; an error when it has none."""
    if not has_decision_rules(edition):
        raise MethodologyError(
            "edition",
            N_("edition %(code)s keeps no register of decisions"),
            code=edition.code,
        )
    ratings = frozenset(band.code for band in sjc2023_rules(edition).rating.bands)
    return _load(edition.code, ratings)


@cache
def _load(code: str, ratings: frozenset[str]) -> DecisionRules:
    root = node(f"{code}/{FILE}")
    change, decisions = root["plan_change"], root["decisions"]
    kinds = tuple(_kind(item, ratings) for item in decisions["kinds"].seq())
    return DecisionRules(
        change_source=change["source"].text(),
        change_grounds=tuple(
            Choice(item["code"].text(), item["label"].label()) for item in change["grounds"].seq()
        ),
        decisions_source=decisions["source"].text(),
        bases=tuple(item.text() for item in decisions["bases"].seq()),
        kinds=kinds,
    )


def _kind(item: Node, ratings: frozenset[str]) -> DecisionKind:
    codes = tuple(code.text() for code in item["ratings"].seq())
    unknown = set(codes) - ratings
    if unknown or not codes:
        raise item.fail(f"ratings must be among {sorted(ratings)}")
    return DecisionKind(
        code=item["code"].text(),
        label=item["label"].label(),
        ratings=codes,
        source=item["source"].text(),
    )


def check_change_ground(rules: DecisionRules, ground: str) -> Choice:
    """p.25: a KPI of an approved plan changes only because the apparatus's functions or its
    structure changed; any other ground is refused."""
    for choice in rules.change_grounds:
        if choice.code == ground:
            return choice
    raise MethodologyError(
        "ground",
        N_(
            "A KPI changes only when the apparatus's functions or structure change (p.25): "
            "choose one of %(options)s."
        ),
        options=", ".join(choice.code for choice in rules.change_grounds),
    )


def check_decision(rules: DecisionRules, kind: str, basis: str, rating: str) -> DecisionKind:
    """p.8: a decision of the register rests on a KPI or differentiation result (quarterly or
    the year's mean; 360 results ground training only, p.9) whose rating permits it."""
    decision = rules.kind(kind)
    if decision is None:
        raise MethodologyError(
            "kind",
            N_("Choose one of the decisions of p.8: %(options)s."),
            options=", ".join(k.code for k in rules.kinds),
        )
    if basis not in rules.bases:
        raise MethodologyError(
            "evaluation",
            N_(
                "A decision rests on a KPI or differentiation result, quarterly or annual (p.8); "
                "360 results ground training only (p.9)."
            ),
        )
    if rating not in decision.ratings:
        raise MethodologyError(
            "evaluation",
            N_(
                "The rating of this result does not permit this decision (p.8): "
                "it needs %(ratings)s."
            ),
            ratings=", ".join(decision.ratings),
        )
    return decision
