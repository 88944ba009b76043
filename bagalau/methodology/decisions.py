"""The register of the decisions a result grounds, and (sjc-2023) the grounds of a KPI change,
read from ``data/<edition>/decisions.yaml``: sjc-2023 (seed 002 p.8, p.25), the typical-2018
editions (seed 004 p.7: the KPI result grounds bonuses, encouragement, rotation, demotion and
dismissal; the competency result grounds development only and never these, EDITIONS.md §8) and
moj-2017 (seed 001 p.42: a bonus on an effective or excellent result; p.45: demotion, or
dismissal when no lower post is vacant, on two consecutive unsatisfactory years).
Kept apart from the scoring and the time limits."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from functools import cache

from bagalau.methodology.bands import BandScale
from bagalau.methodology.editions import (
    Edition,
    EvaluationModel,
    moj2017_rules,
    sjc2023_rules,
    typical2018_rules,
)
from bagalau.methodology.errors import N_, MethodologyError
from bagalau.methodology.labels import Label
from bagalau.methodology.loading import DATA_DIR, Node, node
from bagalau.methodology.sjc2023 import Choice

FILE = "decisions.yaml"


@dataclass(frozen=True, slots=True)
class DecisionKind:
    """A decision of the p.8 register and the ratings (p.7) of the result it may rest on.

    `bases` narrows the register's bases for this kind (empty: all of them). `consecutive_years`
    > 1 asks for that many consecutive calendar years' results of the rating, the cited one the
    last (seed 001 p.45). `order` says whether an order's number is required; `reason` whether
    the decision states its reason (moj-2017: dismissal, no action)."""

    code: str
    label: Label
    ratings: tuple[str, ...]
    source: str
    bases: tuple[str, ...] = ()
    consecutive_years: int = 1
    order: bool = True
    reason: bool = False


@dataclass(frozen=True, slots=True)
class DecisionRules:
    """The register of an edition (sjc-2023 p.8; typical-2018 p.7) and, for sjc-2023, the p.25
    change grounds (none for an edition without them)."""

    change_source: str
    change_grounds: tuple[Choice, ...]
    decisions_source: str
    #: The paragraph of the register ("p.8" in seed 002, "p.7" in seed 004).
    paragraph: str
    bases: tuple[str, ...]
    kinds: tuple[DecisionKind, ...]

    def kind(self, code: str) -> DecisionKind | None:
        """The decision kind with this code, if the edition has it."""
        return next((kind for kind in self.kinds if kind.code == code), None)


def has_decision_rules(edition: Edition) -> bool:
    """Whether the edition keeps a register of decisions (sjc-2023, the typical-2018 editions)."""
    return (DATA_DIR / edition.code / FILE).is_file()


def decision_rules(edition: Edition) -> DecisionRules:
    """The edition's p.25 grounds and p.8 register; an error when it has none."""
    if not has_decision_rules(edition):
        raise MethodologyError(
            "edition",
            N_("edition %(code)s keeps no register of decisions"),
            code=edition.code,
        )
    return _load(edition.code, frozenset(band.code for band in rating_scale(edition).bands))


def rating_scale(edition: Edition) -> BandScale:
    """The ratings a decision may require: the sjc-2023 bands (seed 002 p.7), the typical-2018
    KPI bands (seed 004 p.18), the competency result never grounding a decision (p.7), or the
    moj-2017 annual bands (seed 001 p.33; the quarter's bands of p.27 carry the same codes)."""
    if edition.model == EvaluationModel.TYPICAL2018:
        return typical2018_rules(edition).kpi_rating
    if edition.model == EvaluationModel.MOJ2017:
        return moj2017_rules(edition).annual_rating
    return sjc2023_rules(edition).rating


@cache
def _load(code: str, ratings: frozenset[str]) -> DecisionRules:
    root = node(f"{code}/{FILE}")
    decisions = root["decisions"]
    kinds = tuple(_kind(item, ratings) for item in decisions["kinds"].seq())
    change = root["plan_change"] if root.has("plan_change") else None
    return DecisionRules(
        change_source="" if change is None else change["source"].text(),
        change_grounds=()
        if change is None
        else tuple(
            Choice(item["code"].text(), item["label"].label()) for item in change["grounds"].seq()
        ),
        decisions_source=decisions["source"].text(),
        paragraph=decisions["paragraph"].text(),
        bases=tuple(item.text() for item in decisions["bases"].seq()),
        kinds=kinds,
    )


def _kind(item: Node, ratings: frozenset[str]) -> DecisionKind:
    codes = tuple(code.text() for code in item["ratings"].seq())
    unknown = set(codes) - ratings
    if unknown or not codes:
        raise item.fail(f"ratings must be among {sorted(ratings)}")
    years = item["consecutive_years"].integer() if item.has("consecutive_years") else 1
    if years < 1:
        raise item.fail("consecutive_years is at least 1")
    return DecisionKind(
        code=item["code"].text(),
        label=item["label"].label(),
        ratings=codes,
        source=item["source"].text(),
        bases=tuple(b.text() for b in item["bases"].seq()) if item.has("bases") else (),
        consecutive_years=years,
        order=item["order"].flag() if item.has("order") else True,
        reason=item["reason"].flag() if item.has("reason") else False,
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


#: Why a result outside the register's bases grounds no decision, by the register's paragraph:
#: seed 004 p.7 (the competency result) and seed 002 p.8-9 (the 360 results).
_OTHER_BASES = {
    "p.7": N_(
        "A decision rests on the year's KPI result (p.7); the competency result grounds "
        "development only."
    ),
    "p.8": N_(
        "A decision rests on a KPI or differentiation result, quarterly or annual (p.8); "
        "360 results ground training only (p.9)."
    ),
}


def check_decision(rules: DecisionRules, kind: str, basis: str, rating: str) -> DecisionKind:
    """A decision of the register rests on a result of its bases whose rating permits it:
    sjc-2023 p.8, a KPI or differentiation result (quarterly or the year's mean; 360 results
    ground training only, p.9); typical-2018 p.7, the year's KPI result (the competency result
    grounds development only); moj-2017 p.42, a bonus on an approved quarter's or year's result
    (M-9), p.45, the decisions of two unsatisfactory years on the later year's result (the run
    itself: `consecutive_run`)."""
    decision = rules.kind(kind)
    if decision is None:
        raise MethodologyError(
            "kind",
            N_("Choose one of the decisions of %(paragraph)s: %(options)s."),
            paragraph=rules.paragraph,
            options=", ".join(k.code for k in rules.kinds),
        )
    if basis not in rules.bases and rules.paragraph in _OTHER_BASES:
        raise MethodologyError("evaluation", _OTHER_BASES[rules.paragraph])
    if basis not in (decision.bases or rules.bases):
        raise MethodologyError(
            "evaluation",
            N_("This decision rests on an annual result (%(paragraph)s), not a quarter's."),
            paragraph=rules.paragraph,
        )
    if rating not in decision.ratings:
        raise MethodologyError(
            "evaluation",
            N_(
                "The rating of this result does not permit this decision (%(paragraph)s): "
                "it needs %(ratings)s."
            ),
            paragraph=rules.paragraph,
            ratings=", ".join(decision.ratings),
        )
    return decision


def consecutive_run(
    annual: Mapping[int, str], year: int, ratings: Collection[str], years: int
) -> bool:
    """Whether the results of `year` and of the `years` - 1 calendar years before it all carry
    one of `ratings` ("қатарынан екі жыл", seed 001 p.45). The years are calendar years: a year
    without a result (not evaluated, or none approved) breaks the run, as a year with another
    rating does."""
    return all(annual.get(year - back) in ratings for back in range(years))


def check_run(decision: DecisionKind, annual: Mapping[int, str], year: int) -> None:
    """A decision asking for consecutive years (p.45) rests on the last year of such a run."""
    if decision.consecutive_years > 1 and not consecutive_run(
        annual, year, decision.ratings, decision.consecutive_years
    ):
        raise MethodologyError(
            "evaluation",
            N_(
                "This decision needs %(years)s consecutive years' annual results rated "
                "%(ratings)s, this one the last (p.45); the servant's results are not such a run."
            ),
            years=decision.consecutive_years,
            ratings=", ".join(decision.ratings),
        )
