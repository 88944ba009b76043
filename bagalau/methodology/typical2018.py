"""The typical-2018 model (seeds 004, 000, 003; SPEC §5): KPI count and behavioural indicators."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from bagalau.methodology.bands import Band, BandScale
from bagalau.methodology.categories import normalize_category
from bagalau.methodology.errors import N_, MethodologyError
from bagalau.methodology.explain import note
from bagalau.methodology.labels import Label
from bagalau.methodology.loading import Node, node
from bagalau.methodology.timing import month_day_of


@dataclass(frozen=True, slots=True)
class Competency:
    """A competency of App. 3; `services_only` ones apply to positions providing public services."""

    code: str
    label: Label
    services_only: bool


@dataclass(frozen=True, slots=True)
class TierCategory:
    """A category code listed in a tier row; `heads_unit` None means either way."""

    code: str
    heads_unit: bool | None

    def matches(self, category: str, heads_unit: bool) -> bool:
        """Whether a position of `category` (heading a unit or not) falls under this entry."""
        return self.code == category and self.heads_unit in (None, heads_unit)


@dataclass(frozen=True, slots=True)
class Tier:
    """A row group of App. 4: which categories it covers, upper rows first."""

    code: str
    label: Label
    categories_kk: str
    categories: tuple[TierCategory, ...]


@dataclass(frozen=True, slots=True)
class IndicatorSet:
    """Effective and ineffective behavioural indicators of one competency for one tier."""

    effective: tuple[Label, ...]
    ineffective: tuple[Label, ...]


@dataclass(frozen=True, slots=True)
class Typical2018Deadlines:
    """Time limits of the typical-2018 model (working days unless the name says otherwise).

    `retention_years` comes from the edition's workflow settings (p.8; T-21 for kyzylorda-2018).
    """

    kpi_setting: int
    plan_resubmission: int
    sheet_resubmission: int
    to_commission: int
    notice_before: int
    familiarisation: int
    appeal: int
    plan_after_appointment: int
    min_months_left_for_plan: int
    reminder_after: int
    retention_years: int


@dataclass(frozen=True, slots=True)
class ConsequenceKind:
    """A decision that may follow a result, and the results it may rest on (p.7)."""

    code: str
    bases: tuple[str, ...]
    label: Label


@dataclass(frozen=True, slots=True)
class Typical2018Rules:
    """Everything one typical-2018 edition needs: common data plus its tiers and App. 4."""

    kpi_count: int
    kpi_rating: BandScale
    competencies: tuple[Competency, ...]
    threshold: Fraction
    max_indicators: int
    results: Mapping[str, Label]
    #: The wording App. 3 prints in its column 3 ("күтілетін"), for the printed sheet.
    printed_results: Mapping[str, Label]
    tiers: tuple[Tier, ...]
    indicators: Mapping[tuple[str, str], IndicatorSet]
    competency_names_kk: Mapping[str, str]
    deadlines: Typical2018Deadlines
    #: T-1: (month, day) of the evaluated year and (month, day) of the next year.
    evaluation_window: tuple[tuple[int, int], tuple[int, int]]
    consequences: tuple[ConsequenceKind, ...]

    def competency(self, code: str) -> Competency:
        """The competency with this code."""
        for item in self.competencies:
            if item.code == code:
                return item
        raise KeyError(code)


def load_rules(directory: str) -> Typical2018Rules:
    """Read ``typical-2018.yaml`` with the edition's ``edition.yaml`` and ``indicators.yaml``."""
    common = node("typical-2018.yaml")
    edition = node(f"{directory}/edition.yaml")
    app4 = node(f"{directory}/indicators.yaml")
    tier_labels = {code: label.label() for code, label in common["tier_labels"].items()}
    tiers = tuple(
        Tier(
            code=tier["code"].text(),
            label=tier_labels[tier["code"].text()],
            categories_kk=tier["categories_kk"].text(),
            categories=tuple(
                TierCategory(
                    normalize_category(entry["code"].text(), entry.where),
                    entry["heads_unit"].flag() if entry.has("heads_unit") else None,
                )
                for entry in tier["categories"].seq()
            ),
        )
        for tier in app4["tiers"].seq()
    )
    competencies = tuple(
        Competency(
            item["code"].text(),
            item["label"].label(),
            item["services_only"].flag() if item.has("services_only") else False,
        )
        for item in common["competencies"].seq()
    )
    rule = common["competency_rule"]
    indicators: dict[tuple[str, str], IndicatorSet] = {}
    names: dict[str, str] = {}
    for item in app4["competencies"].seq():
        code = item["code"].text()
        names[code] = item["name_kk"].text()
        for tier_code, lists in item["tiers"].items():
            indicators[(code, tier_code)] = IndicatorSet(
                effective=_labels(lists["effective"]), ineffective=_labels(lists["ineffective"])
            )
    retention = edition["workflow"]["retention_years"]["value"]
    window = common["evaluation_window"]
    rules = Typical2018Rules(
        kpi_count=common["kpi"]["count"].integer(),
        kpi_rating=common["kpi"]["rating"].scale("typical-2018 KPI rating"),
        competencies=competencies,
        threshold=rule["threshold"].fraction(),
        max_indicators=rule["max_indicators"].integer(),
        results={r["code"].text(): r["label"].label() for r in rule["results"].seq()},
        printed_results={r["code"].text(): r["printed"].label() for r in rule["results"].seq()},
        tiers=tiers,
        indicators=indicators,
        competency_names_kk=names,
        deadlines=Typical2018Deadlines(
            **{key: value.integer() for key, value in common["deadlines"].items()},
            retention_years=retention.integer(),
        ),
        evaluation_window=(month_day_of(window["from"]), month_day_of(window["to"])),
        consequences=tuple(
            ConsequenceKind(
                code=item["code"].text(),
                bases=tuple(b.text() for b in item["bases"].seq()),
                label=item["label"].label(),
            )
            for item in common["consequences"].seq()
        ),
    )
    _check_complete(rules, app4)
    return rules


def _labels(items: Node) -> tuple[Label, ...]:
    return tuple(Label.from_mapping(item.value, item.where) for item in items.seq())


def _check_complete(rules: Typical2018Rules, app4: Node) -> None:
    for competency in rules.competencies:
        for tier in rules.tiers:
            found = rules.indicators.get((competency.code, tier.code))
            if found is None or not found.effective:
                raise app4.fail(f"no effective indicators for {competency.code} / {tier.code}")
            if len(found.effective) > rules.max_indicators:
                raise app4.fail(f"more than {rules.max_indicators} indicators: {competency.code}")


# --- KPI (p.14-18) ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class KpiResult:
    """How many of the work plan's KPIs were fully achieved, and the annual rating."""

    achieved: int
    rating: Band


def kpi_result(rules: Typical2018Rules, achieved: Sequence[bool]) -> KpiResult:
    """The rating from the count of fully achieved KPIs out of 5 (p.18)."""
    if len(achieved) != rules.kpi_count:
        raise MethodologyError(
            "achieved",
            N_("a work plan has exactly %(count)s KPIs (p.14), so %(count)s answers"),
            count=rules.kpi_count,
        )
    count = sum(1 for item in achieved if item)
    for index, item in enumerate(achieved):
        note(
            "kpi.achieved." + ("yes" if item else "no"),
            f"achieved[{index}]",
            achieved=item,
            cite="E1",
        )
    band = rules.kpi_rating.band_for(Decimal(count))
    note(
        "kpi.rating",
        achieved=count,
        total=len(achieved),
        rating=band.code,
        interval=band.interval,
        label=band.label,
        cite="E2",
    )
    return KpiResult(achieved=count, rating=band)


# --- competencies (p.25-27, App. 3-4) -----------------------------------------------------------


def rows_listing(rules: Typical2018Rules, category: str) -> tuple[Tier, ...]:
    """The App. 4 rows that list a category code, upper first (two for the codes with a
    qualifier in brackets, none for a code the edition does not cover)."""
    code = normalize_category(category)
    return tuple(t for t in rules.tiers if any(e.code == code for e in t.categories))


def needs_row_confirmation(rules: Typical2018Rules, category: str) -> bool:
    """Whether HR must confirm the position's "App. 4 row": a code App. 4 lists in two rows,
    whose qualifier a "heads a unit" flag may not capture (kyzylorda-2018 C-2 and C-3 name
    deputies, T-9), or a code it does not list at all (T-8)."""
    return len(rows_listing(rules, category)) != 1


def resolve_tier(
    rules: Typical2018Rules, category: str, heads_unit: bool, app4_row: str | None = None
) -> Tier:
    """The App. 4 row group of a position.

    Without `app4_row`, as the tables read: a code in two rows goes up when it heads a unit, and
    a code the edition does not cover is an error. With `app4_row`, HR's explicit "App. 4 row" of
    the position (EDITIONS.md §9 T-8, T-9, §11.4 items 1-2): one of the rows listing the code
    (so a kyzylorda-2018 C-2 deputy director can be put in the middle row although he heads no
    unit), or any row for a code the edition does not cover (sjc-2018 B-3, almaty-2018 D-2).
    """
    code = normalize_category(category)
    if app4_row is not None:
        return _explicit_row(rules, code, app4_row)
    matches = [
        tier for tier in rules.tiers if any(e.matches(code, heads_unit) for e in tier.categories)
    ]
    if not matches:
        raise MethodologyError(
            "category",
            N_(
                "App. 4 of this edition has no behavioural indicators for %(category)s "
                "heading a unit"
            )
            if heads_unit
            else N_(
                "App. 4 of this edition has no behavioural indicators for %(category)s not "
                "heading a unit"
            ),
            category=code,
        )
    return matches[0]


def _explicit_row(rules: Typical2018Rules, code: str, app4_row: str) -> Tier:
    tiers = {tier.code: tier for tier in rules.tiers}
    if app4_row not in tiers:
        raise MethodologyError(
            "app4_row",
            N_("App. 4 of this edition has the rows %(rows)s"),
            rows=", ".join(tiers),
        )
    listing = rows_listing(rules, code)
    if listing and tiers[app4_row] not in listing:
        raise MethodologyError(
            "app4_row",
            N_("App. 4 of this edition lists %(category)s only in the rows %(rows)s"),
            category=code,
            rows=", ".join(t.code for t in listing),
        )
    return tiers[app4_row]


def applicable_competencies(
    rules: Typical2018Rules, provides_services: bool
) -> tuple[Competency, ...]:
    """The competencies evaluated for a position (6 and 7 only with public services, App. 3)."""
    return tuple(c for c in rules.competencies if provides_services or not c.services_only)


def meets(rules: Typical2018Rules, indicators: int, observed: int) -> bool:
    """The 3/4 rule of p.27: observed/indicators >= 3/4."""
    return Fraction(observed, indicators) >= rules.threshold


@dataclass(frozen=True, slots=True)
class CompetencyResult:
    """One competency on the App. 3 sheet: counts, result and the indicators not observed."""

    code: str
    indicators: int
    observed: int
    result: str
    missing: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class CompetencyEvaluation:
    """The App. 3 sheet of one servant."""

    tier: Tier
    competencies: tuple[CompetencyResult, ...]


def evaluate_competencies(
    rules: Typical2018Rules,
    *,
    category: str,
    heads_unit: bool,
    provides_services: bool,
    observed: Mapping[str, Sequence[int]],
    app4_row: str | None = None,
) -> CompetencyEvaluation:
    """Evaluate every applicable competency from the 1-based numbers of the effective indicators
    observed; a competency absent from `observed` had none observed. `app4_row` is the position's
    explicit App. 4 row, when HR has set one (see resolve_tier)."""
    tier = resolve_tier(rules, category, heads_unit, app4_row)
    note(
        "competency.tier" if app4_row is None else "competency.tier.explicit",
        "category",
        category=normalize_category(category),
        heads_unit=heads_unit,
        tier=tier.code,
        label=tier.label,
        categories=tier.categories_kk,
        cite="F1",
    )
    applicable = applicable_competencies(rules, provides_services)
    note(
        "competency.applicable." + ("services" if provides_services else "no_services"),
        "provides_services",
        provides_services=provides_services,
        count=len(applicable),
        cite="F1",
    )
    codes = [c.code for c in applicable]
    for code in observed:
        if code in codes:
            continue
        known = any(c.code == code for c in rules.competencies)
        raise MethodologyError(
            f"observed.{code}",
            N_("this competency applies only to positions that provide public services")
            if known
            else N_("unknown competency; the competencies are %(codes)s"),
            codes=", ".join(codes),
        )
    results = []
    for competency in applicable:
        total = len(rules.indicators[(competency.code, tier.code)].effective)
        seen: set[int] = set()
        for index, number in enumerate(observed.get(competency.code, ())):
            where = f"observed.{competency.code}[{index}]"
            if not 1 <= number <= total:
                raise MethodologyError(
                    where,
                    N_(
                        "this competency has %(total)s effective indicators for the tier "
                        "%(tier)s: numbers 1-%(total)s"
                    ),
                    total=total,
                    tier=tier.code,
                )
            if number in seen:
                raise MethodologyError(
                    where, N_("indicator %(number)s is listed twice"), number=number
                )
            seen.add(number)
        item = CompetencyResult(
            code=competency.code,
            indicators=total,
            observed=len(seen),
            result="meets" if meets(rules, total, len(seen)) else "does_not_meet",
            missing=tuple(n for n in range(1, total + 1) if n not in seen),
        )
        note(
            f"competency.{item.result}",
            f"observed.{competency.code}",
            label=competency.label,
            observed=item.observed,
            indicators=total,
            threshold=str(rules.threshold),
            share=f"{item.observed}/{total}",
            result=item.result,
            result_label=rules.results[item.result],
            missing=list(item.missing) or "—",
            cite="F2",
        )
        results.append(item)
    return CompetencyEvaluation(tier=tier, competencies=tuple(results))
