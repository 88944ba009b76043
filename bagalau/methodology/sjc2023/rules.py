"""The sjc-2023 rules as data (seed 002, SPEC §4): the KPI table (App. 3), the differentiation
parameters (App. 4), the 360 forms (App. 5-8), the time limits and the rating (p.7), read from
``data/<edition>/``."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Literal

from bagalau.methodology.bands import BandScale, parse_interval
from bagalau.methodology.labels import Label
from bagalau.methodology.loading import Node, node
from bagalau.methodology.tenure import Counted

Direction = Literal["increase", "decrease", "binary"]
DIRECTIONS: tuple[Direction, ...] = ("increase", "decrease", "binary")
HUNDRED = Fraction(100)


@dataclass(frozen=True, slots=True)
class Choice:
    """A coded option with its label (a KPI direction, a respondent role…)."""

    code: str
    label: Label


@dataclass(frozen=True, slots=True)
class KpiRow:
    """One row of App. 3: percents in [low, high) allow scores in [score_min, score_max]."""

    low: Decimal
    high: Decimal | None
    score_min: Decimal
    score_max: Decimal

    def contains(self, percent: Decimal) -> bool:
        """Whether `percent` falls in this row."""
        return percent >= self.low and (self.high is None or percent < self.high)


@dataclass(frozen=True, slots=True)
class KpiRules:
    """KPI rules (p.22-27, App. 3)."""

    min_count: int
    max_count: int
    percent_places: int
    score_places: int
    directions: tuple[Choice, ...]
    table: tuple[KpiRow, ...]

    def row_for(self, percent: Decimal) -> KpiRow:
        """The App. 3 row for a (rounded) achievement percent."""
        for row in self.table:
            if row.contains(percent):
                return row
        raise ValueError(f"no App. 3 row for {percent}%")


@dataclass(frozen=True, slots=True)
class Parameter:
    """A differentiation parameter with its criteria (App. 4)."""

    code: str
    label: Label
    criteria: Label


@dataclass(frozen=True, slots=True)
class DifferentiationRules:
    """Differentiation (p.28-32): whole points per parameter, mean to 2 decimals."""

    min_score: int
    max_score: int
    places: int
    parameters: tuple[Parameter, ...]


@dataclass(frozen=True, slots=True)
class AnswerOption:
    """One of the five answers of the 360 questionnaire and its points."""

    value: int
    label: Label


@dataclass(frozen=True, slots=True)
class FormCompetency:
    """A competency as one 360 form asks it: its printed name and three statements."""

    code: str
    name: Label
    statements: tuple[Label, ...]


@dataclass(frozen=True, slots=True)
class SurveyForm:
    """App. 5 (managers) or App. 6 (staff), with the title of its report (App. 7 / App. 8)."""

    code: str
    appendix: int
    title: Label
    instructions: Label
    result_title: Label
    competencies: tuple[FormCompetency, ...]

    @property
    def codes(self) -> tuple[str, ...]:
        """Competency codes in the form's order."""
        return tuple(item.code for item in self.competencies)


@dataclass(frozen=True, slots=True)
class SurveyRules:
    """The 360 survey (p.33-36, App. 5-8)."""

    min_respondents: int
    max_respondents: int
    places: int
    lowest_count: int
    competencies: tuple[Choice, ...]
    answer_scale: tuple[AnswerOption, ...]
    roles: tuple[Choice, ...]
    forms: Mapping[str, SurveyForm]

    def competency_label(self, code: str) -> Label:
        """The canonical (p.34) name of a competency."""
        for item in self.competencies:
            if item.code == code:
                return item.label
        raise KeyError(code)


@dataclass(frozen=True, slots=True)
class Sjc2023Deadlines:
    """Time limits of seed 002 (working days unless named ``_day``)."""

    quarter_evaluation_day: int
    survey360_day: int
    notify_managers_day: int
    notify_staff_day: int
    kpi_setting: int
    plan_posting: int
    actuals_prefill_before: int
    absent_return: int
    familiarisation: int
    calibration_application: int
    calibration_decision: int
    calibration_session: int
    protocol_posting: int
    min_months_in_post: int
    retention_years: int


@dataclass(frozen=True, slots=True)
class FamiliarisationRules:
    """p.11: whether a result not acknowledged within the window counts as made known through
    the information system on its last day, and whether a refusal act exists at all."""

    deemed_when_due: bool
    refusal_act: bool


@dataclass(frozen=True, slots=True)
class EligibilityRules:
    """How p.5 counts the 3 months (``deadlines.min_months_in_post``; see tenure.Counted)."""

    months_counted: Counted


@dataclass(frozen=True, slots=True)
class Sjc2023Rules:
    """Everything the sjc-2023 model needs, read from ``data/sjc-2023``."""

    rating: BandScale
    rating_places: int
    kpi: KpiRules
    differentiation: DifferentiationRules
    survey: SurveyRules
    deadlines: Sjc2023Deadlines
    eligibility: EligibilityRules
    familiarisation: FamiliarisationRules
    consequences: Mapping[str, tuple[str, ...]]
    calibration_min_participants: int

    def consequences_of(self, rating: str) -> tuple[str, ...]:
        """Which p.8 lists a rating puts a servant on ("bonus", "training", "unsatisfactory")."""
        return tuple(name for name, ratings in self.consequences.items() if rating in ratings)


def load_rules(directory: str) -> Sjc2023Rules:
    """Read ``edition.yaml`` and ``survey360.yaml`` of an sjc-2023-model edition."""
    root = node(f"{directory}/edition.yaml")
    kpi = root["kpi"]
    table = []
    for row in kpi["percent_table"].seq():
        low, low_in, high, high_in = parse_interval(row["percent"].text())
        score_min, _, score_max, _ = parse_interval(row["score"].text())
        if low is None or not low_in or high_in or score_min is None or score_max is None:
            raise row.fail("a percent row is [low, high) with a closed score range")
        table.append(KpiRow(low, high, score_min, score_max))
    table.sort(key=lambda row: row.low)
    for lower, upper in zip(table, table[1:], strict=False):
        if lower.high != upper.low:
            raise kpi.fail(f"App. 3 rows leave a gap or overlap at {lower.high}%")
    if table[0].low != 0 or table[-1].high is not None:
        raise kpi.fail("App. 3 rows must cover 0% upwards")

    diff = root["differentiation"]
    survey = root["survey360"]
    forms_root = node(f"{directory}/survey360.yaml")
    deadlines = root["deadlines"]
    return Sjc2023Rules(
        rating=root["rating"].scale("sjc-2023 rating"),
        rating_places=root["rating"]["places"].integer(),
        kpi=KpiRules(
            min_count=kpi["count"]["min"].integer(),
            max_count=kpi["count"]["max"].integer(),
            percent_places=kpi["percent_places"].integer(),
            score_places=kpi["score_places"].integer(),
            directions=_choices(kpi["directions"]),
            table=tuple(table),
        ),
        differentiation=DifferentiationRules(
            min_score=diff["score"]["min"].integer(),
            max_score=diff["score"]["max"].integer(),
            places=diff["places"].integer(),
            parameters=tuple(
                Parameter(p["code"].text(), p["label"].label(), p["criteria"].label())
                for p in diff["parameters"].seq()
            ),
        ),
        survey=SurveyRules(
            min_respondents=survey["respondents"]["min"].integer(),
            max_respondents=survey["respondents"]["max"].integer(),
            places=survey["places"].integer(),
            lowest_count=survey["lowest_count"].integer(),
            competencies=_choices(forms_root["competencies"]),
            answer_scale=tuple(
                AnswerOption(
                    option["value"].integer(),
                    Label.from_mapping(option.value, option.where),
                )
                for option in forms_root["answer_scale"].seq()
            ),
            roles=_choices(survey["respondent_roles"]),
            forms={code: _form(code, form) for code, form in forms_root["forms"].items()},
        ),
        deadlines=Sjc2023Deadlines(**{key: value.integer() for key, value in deadlines.items()}),
        eligibility=EligibilityRules(counted(root["eligibility"]["months_counted"])),
        familiarisation=FamiliarisationRules(
            deemed_when_due=root["familiarisation"]["deemed_when_due"].flag(),
            refusal_act=root["familiarisation"]["refusal_act"].flag(),
        ),
        consequences={
            name: tuple(code.text() for code in codes.seq())
            for name, codes in root["consequences"].items()
        },
        calibration_min_participants=root["calibration"]["min_participants"].integer(),
    )


def counted(item: Node) -> Counted:
    """How an edition counts the months of p.5."""
    value = item.text()
    if value not in ("within_period", "in_post"):
        raise item.fail("months are counted 'within_period' or 'in_post'")
    return "within_period" if value == "within_period" else "in_post"


def _choices(items: Node) -> tuple[Choice, ...]:
    return tuple(Choice(item["code"].text(), item["label"].label()) for item in items.seq())


def _form(code: str, form: Node) -> SurveyForm:
    competencies = []
    for item in form["competencies"].seq():
        statements = tuple(s.label() for s in item["statements"].seq())
        if len(statements) != 3:
            raise item.fail("a competency has exactly three statements")
        competencies.append(
            FormCompetency(item["code"].text(), item["name_on_form"].label(), statements)
        )
    return SurveyForm(
        code=code,
        appendix=form["appendix"].integer(),
        title=form["title"].label(),
        instructions=form["instructions"].label(),
        result_title=form["result_title"].label(),
        competencies=tuple(competencies),
    )
