"""The sjc-2023 model (seed 002, SPEC §4): KPI table, differentiation, annual mean, 360 survey."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Literal

from bagalau.methodology.bands import Band, BandScale, parse_interval
from bagalau.methodology.errors import N_, MethodologyError
from bagalau.methodology.explain import note, plain
from bagalau.methodology.labels import Label
from bagalau.methodology.loading import Node, node
from bagalau.methodology.numbers import Exact, exact_mean, round_half_up, to_fraction, truncate
from bagalau.methodology.tenure import Counted, months_after, months_held
from bagalau.workcalendar import WorkCalendar

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


# --- rating -------------------------------------------------------------------------------------


def rate(rules: Sjc2023Rules, score: Decimal) -> Band:
    """The p.7 rating of a score already rounded to 2 decimals."""
    band = rules.rating.band_for(score)
    note("rating", score=score, rating=band.code, interval=band.interval, label=band.label)
    return band


# --- KPI (p.22-27, App. 2-3) ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class KpiInput:
    """One KPI of a quarter: its direction, planned and actual values, and the chosen score."""

    direction: Direction
    plan: Decimal | None
    actual: Decimal | bool
    score: Decimal | None = None


@dataclass(frozen=True, slots=True)
class KpiOutcome:
    """A KPI's achievement percent, its allowed score range, the proposal and the score."""

    percent: Decimal
    allowed: tuple[Decimal, Decimal]
    proposed: Decimal
    score: Decimal


@dataclass(frozen=True, slots=True)
class ScoreResult:
    """A score rounded as SPEC §4.2 says, with its rating band."""

    score: Decimal
    rating: Band


@dataclass(frozen=True, slots=True)
class KpiSheetResult:
    """A quarter's KPI sheet (App. 2): each KPI and the quarter score."""

    kpis: tuple[KpiOutcome, ...]
    score: Decimal
    rating: Band


def kpi_percent(rules: Sjc2023Rules, kpi: KpiInput, field: str = "") -> Decimal:
    """Achievement percent, half-up to 2 decimals (SPEC §4.4).

    increase: actual/plan x 100; decrease: plan/actual x 100 (actual 0 counts as 100);
    binary: 100 or 0.
    """
    where = f"{field}." if field else ""
    if kpi.direction == "binary":
        if not isinstance(kpi.actual, bool):
            raise MethodologyError(
                f"{where}actual", N_("a binary KPI's actual value is true or false")
            )
        if kpi.plan is not None:
            raise MethodologyError(f"{where}plan", N_("a binary KPI has no planned value"))
        binary = round_half_up(HUNDRED if kpi.actual else 0, rules.kpi.percent_places)
        note(
            "kpi.percent.binary." + ("yes" if kpi.actual else "no"),
            field,
            achieved=kpi.actual,
            percent=binary,
        )
        return binary
    if isinstance(kpi.actual, bool):
        raise MethodologyError(f"{where}actual", N_("the actual value must be a number"))
    if kpi.plan is None:
        raise MethodologyError(f"{where}plan", N_("the planned value is required"))
    if kpi.plan < 0 or kpi.actual < 0:
        name = "plan" if kpi.plan < 0 else "actual"
        raise MethodologyError(f"{where}{name}", N_("KPI values cannot be negative"))
    plan, actual = to_fraction(kpi.plan), to_fraction(kpi.actual)
    if kpi.direction == "increase":
        if plan == 0:
            raise MethodologyError(
                f"{where}plan",
                N_("the planned value of an increasing KPI must be greater than 0"),
            )
        percent = actual / plan * HUNDRED
    else:
        percent = HUNDRED if actual == 0 else plan / actual * HUNDRED
    rounded = round_half_up(percent, rules.kpi.percent_places)
    code = "kpi.percent.zero" if kpi.direction == "decrease" and actual == 0 else "kpi.percent"
    note(
        f"{code}.{kpi.direction}",
        field,
        plan=plain(kpi.plan),
        actual=plain(kpi.actual),
        exact=percent,
        places=rules.kpi.percent_places,
        percent=rounded,
    )
    return rounded


def allowed_range(rules: Sjc2023Rules, percent: Decimal) -> tuple[Decimal, Decimal]:
    """The App. 3 score range for an achievement percent."""
    row = rules.kpi.row_for(percent)
    return row.score_min, row.score_max


def propose_score(rules: Sjc2023Rules, percent: Decimal, field: str = "") -> Decimal:
    """The score the system proposes: percent/20 cut to 2 decimals, 5.00 from 100% (SPEC §4.4)."""
    low, high = allowed_range(rules, percent)
    if low == high:
        note("kpi.proposal.fixed", field, percent=percent, proposed=low)
        return low
    exact = to_fraction(percent) / 20
    proposed = truncate(exact, rules.kpi.score_places)
    note(
        "kpi.proposal",
        field,
        percent=percent,
        exact=exact,
        places=rules.kpi.score_places,
        proposed=proposed,
    )
    return proposed


def evaluate_kpi(rules: Sjc2023Rules, kpi: KpiInput, field: str = "") -> KpiOutcome:
    """Percent, allowed range, proposal and score of a KPI; refuses a score outside the range."""
    percent = kpi_percent(rules, kpi, field)
    row = rules.kpi.row_for(percent)
    low, high = allowed_range(rules, percent)
    note(
        "kpi.row",
        field,
        percent=percent,
        row_low=row.low,
        row_high=row.high or "+∞",
        low=low,
        high=high,
    )
    proposed = propose_score(rules, percent, field)
    score = proposed if kpi.score is None else kpi.score
    if kpi.score is not None:
        where = f"{field}.score" if field else "score"
        _check_places(kpi.score, rules.kpi.score_places, where)
        if not low <= kpi.score <= high:
            raise MethodologyError(
                where,
                N_(
                    "the score %(score)s is outside the range %(low)s-%(high)s allowed for "
                    "%(percent)s%% achievement (App. 3)"
                ),
                score=kpi.score,
                low=low,
                high=high,
                percent=percent,
            )
        score = kpi.score.quantize(low)
    note(
        "kpi.score.given" if kpi.score is not None else "kpi.score.proposed",
        field,
        score=score,
        low=low,
        high=high,
    )
    return KpiOutcome(percent=percent, allowed=(low, high), proposed=proposed, score=score)


def evaluate_kpi_sheet(rules: Sjc2023Rules, kpis: Sequence[KpiInput]) -> KpiSheetResult:
    """A quarter's KPI sheet: the mean of the KPI scores, half-up to 2 decimals, and its rating.

    Only KPIs with a planned value in the quarter are passed in, so 1 to 5 of them (p.23, p.27).
    """
    if not 1 <= len(kpis) <= rules.kpi.max_count:
        raise MethodologyError(
            "kpis", N_("a quarter has from 1 to %(max)s KPIs"), max=rules.kpi.max_count
        )
    outcomes = tuple(evaluate_kpi(rules, kpi, f"kpis[{i}]") for i, kpi in enumerate(kpis))
    score = _mean_rounded("kpi.mean", [o.score for o in outcomes], rules.rating_places)
    return KpiSheetResult(kpis=outcomes, score=score, rating=rate(rules, score))


def _mean_rounded(code: str, values: Sequence[Exact], places: int) -> Decimal:
    """The mean of `values`, half-up to `places` decimals once (SPEC §9), noted step by step."""
    exact = exact_mean(values)
    note(code, values=list(values), count=len(values), total=sum(values), exact=exact)
    score = round_half_up(exact, places)
    note("round", exact=exact, places=places, score=score)
    return score


def check_kpi_count(rules: Sjc2023Rules, count: int, field: str = "kpis") -> None:
    """A work plan sets 3 to 5 KPIs (p.23)."""
    if not rules.kpi.min_count <= count <= rules.kpi.max_count:
        raise MethodologyError(
            field,
            N_("a work plan has from %(min)s to %(max)s KPIs (p.23), not %(count)s"),
            min=rules.kpi.min_count,
            max=rules.kpi.max_count,
            count=count,
        )


# --- differentiation (p.28-32, App. 4) ----------------------------------------------------------


def differentiation_score(rules: Sjc2023Rules, scores: Mapping[str, int]) -> ScoreResult:
    """The mean of the four parameter scores (whole points 0-5), half-up to 2 decimals."""
    parameters = rules.differentiation
    codes = [p.code for p in parameters.parameters]
    for code in scores:
        if code not in codes:
            raise MethodologyError(
                f"scores.{code}",
                N_("unknown parameter; the parameters are %(codes)s"),
                codes=", ".join(codes),
            )
    for code in codes:
        if code not in scores:
            raise MethodologyError(f"scores.{code}", N_("every parameter must be scored"))
        value = scores[code]
        if not parameters.min_score <= value <= parameters.max_score:
            raise MethodologyError(
                f"scores.{code}",
                N_("a parameter is scored in whole points from %(min)s to %(max)s (p.31)"),
                min=parameters.min_score,
                max=parameters.max_score,
            )
    for parameter in parameters.parameters:
        note(
            "differentiation.parameter",
            f"scores.{parameter.code}",
            label=parameter.label,
            score=scores[parameter.code],
        )
    score = _mean_rounded("differentiation.mean", [scores[c] for c in codes], parameters.places)
    return ScoreResult(score=score, rating=rate(rules, score))


# --- annual result (p.4) ------------------------------------------------------------------------


def annual_score(rules: Sjc2023Rules, quarters: Sequence[Decimal | None]) -> ScoreResult:
    """The year's result: the mean of the evaluated quarters, half-up to 2 decimals (p.4)."""
    if not 1 <= len(quarters) <= 4:
        raise MethodologyError("quarters", N_("a year has from 1 to 4 quarters"))
    present = []
    for index, value in enumerate(quarters):
        if value is None:
            note("annual.skipped", f"quarters[{index}]")
            continue
        _check_score(rules, value, f"quarters[{index}]")
        note("annual.quarter", f"quarters[{index}]", score=value)
        present.append(value)
    if not present:
        raise MethodologyError("quarters", N_("at least one quarter must have a score"))
    score = _mean_rounded("annual.mean", present, rules.rating_places)
    return ScoreResult(score=score, rating=rate(rules, score))


def _check_score(rules: Sjc2023Rules, value: Decimal, field: str) -> None:
    _check_places(value, rules.rating_places, field)
    low, high = rules.rating.minimum, rules.rating.maximum
    assert low is not None
    assert high is not None
    if not low <= value <= high:
        raise MethodologyError(
            field, N_("a score lies between %(low)s and %(high)s"), low=low, high=high
        )


def _check_places(value: Decimal, places: int, field: str) -> None:
    if value != value.quantize(Decimal(1).scaleb(-places)):
        raise MethodologyError(
            field, N_("a score has at most %(places)s decimal places"), places=places
        )


# --- 360 survey (p.33-36, App. 5-8) --------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SurveyResponse:
    """One respondent's answers: three per competency of the form."""

    role: str
    answers: Mapping[str, Sequence[int]]


@dataclass(frozen=True, slots=True)
class Survey360Result:
    """The App. 7/8 report: competency means of others, self-assessment beside, the lowest three."""

    form: str
    competencies: Mapping[str, Decimal]
    self_assessment: Mapping[str, Decimal] | None
    overall: Decimal
    lowest: tuple[str, ...]
    respondents: int


def survey_form(rules: Sjc2023Rules, form: str, field: str = "form") -> SurveyForm:
    """App. 5 ("manager") or App. 6 ("staff")."""
    try:
        return rules.survey.forms[form]
    except KeyError:
        raise MethodologyError(
            field, N_("the form is one of %(forms)s"), forms=", ".join(rules.survey.forms)
        ) from None


def check_answers(
    rules: Sjc2023Rules, form: SurveyForm, answers: Mapping[str, Sequence[int]], field: str
) -> None:
    """Every competency of the form answered with three values of the answer scale."""
    values = {option.value for option in rules.survey.answer_scale}
    for code in answers:
        if code not in form.codes:
            raise MethodologyError(
                f"{field}.{code}",
                N_("this competency is not on the %(form)s form (App. %(appendix)s)"),
                form=form.code,
                appendix=form.appendix,
            )
    for competency in form.competencies:
        given = answers.get(competency.code)
        where = f"{field}.{competency.code}"
        if given is None:
            raise MethodologyError(where, N_("every competency of the form must be answered"))
        if len(given) != len(competency.statements):
            raise MethodologyError(
                where,
                N_("each competency has %(count)s statements, so %(count)s answers"),
                count=len(competency.statements),
            )
        for index, value in enumerate(given):
            if value not in values:
                raise MethodologyError(
                    f"{where}[{index}]",
                    N_("an answer is a whole number from %(min)s to %(max)s"),
                    min=min(values),
                    max=max(values),
                )


@dataclass(frozen=True, slots=True)
class CompetencyTotal:
    """The sum of the non-self answers to a competency's statements and how many answers."""

    total: int
    answers: int


def survey360_totals(
    form: SurveyForm, responses: Sequence[SurveyResponse]
) -> dict[str, CompetencyTotal]:
    """Per competency, the sum and count of the answers of `responses` (already checked)."""
    return {
        code: CompetencyTotal(
            total=sum(sum(response.answers[code]) for response in responses),
            answers=sum(len(response.answers[code]) for response in responses),
        )
        for code in form.codes
    }


def survey360_report(
    rules: Sjc2023Rules,
    form_code: str,
    *,
    totals: Mapping[str, CompetencyTotal],
    respondents: int,
    self_answers: Mapping[str, Sequence[int]] | None = None,
) -> Survey360Result:
    """The App. 7/8 report from totals: means per competency (2 decimals), their overall mean and
    the lowest competencies from exact values (nothing rounded twice, SPEC §9; ties keep the form's
    order), the self-assessment beside, never counted (p.35).

    The survey app stores only these totals, so no answer can be linked to a respondent.
    """
    survey = rules.survey
    form = survey_form(rules, form_code)
    if not survey.min_respondents <= respondents <= survey.max_respondents:
        raise MethodologyError(
            "responses",
            N_(
                "a report needs from %(min)s to %(max)s respondents besides the self-assessment "
                "(p.35), not %(count)s"
            ),
            min=survey.min_respondents,
            max=survey.max_respondents,
            count=respondents,
        )
    values = [option.value for option in survey.answer_scale]
    exact: dict[str, Fraction] = {}
    for competency in form.competencies:
        item = totals.get(competency.code)
        expected = respondents * len(competency.statements)
        if (
            item is None
            or item.answers != expected
            or not (min(values) * expected <= item.total <= max(values) * expected)
        ):
            raise MethodologyError(
                f"totals.{competency.code}",
                N_("the totals do not match %(count)s complete answers"),
                count=expected,
            )
        exact[competency.code] = Fraction(item.total, item.answers)
    note("survey.respondents", respondents=respondents, form=form.result_title)
    competencies = {code: round_half_up(exact[code], survey.places) for code in form.codes}
    for competency in form.competencies:
        code = competency.code
        note(
            "survey.competency",
            f"competencies.{code}",
            label=competency.name,
            total=totals[code].total,
            answers=totals[code].answers,
            exact=exact[code],
            score=competencies[code],
        )
    overall_exact = exact_mean(exact.values())
    overall = round_half_up(overall_exact, survey.places)
    note("survey.overall", count=len(exact), exact=overall_exact, overall=overall)
    ranked = sorted(form.codes, key=lambda code: (exact[code], form.codes.index(code)))
    lowest = tuple(ranked[: survey.lowest_count])
    names = {item.code: item.name for item in form.competencies}
    note("survey.lowest", count=len(lowest), lowest=list(lowest), names=[names[c] for c in lowest])
    self_scores = None
    if self_answers is not None:
        check_answers(rules, form, self_answers, "self")
        self_scores = {
            code: round_half_up(exact_mean(self_answers[code]), survey.places)
            for code in form.codes
        }
        for code, value in self_scores.items():
            note("survey.self", f"self.{code}", label=names[code], score=value)
    return Survey360Result(
        form=form.code,
        competencies=competencies,
        self_assessment=self_scores,
        overall=overall,
        lowest=lowest,
        respondents=respondents,
    )


def survey360_result(
    rules: Sjc2023Rules, form_code: str, responses: Sequence[SurveyResponse]
) -> Survey360Result:
    """The App. 7/8 report from individual responses (the calculator): checked, totalled, and
    computed by `survey360_report` exactly as the survey app does from its stored totals."""
    survey = rules.survey
    form = survey_form(rules, form_code)
    role_codes = [role.code for role in survey.roles]
    others: list[SurveyResponse] = []
    own: SurveyResponse | None = None
    for index, response in enumerate(responses):
        if response.role not in role_codes:
            raise MethodologyError(
                f"responses[{index}].role",
                N_("the role is one of %(roles)s"),
                roles=", ".join(role_codes),
            )
        check_answers(rules, form, response.answers, f"responses[{index}].answers")
        if response.role == "self":
            if own is not None:
                raise MethodologyError(
                    f"responses[{index}].role", N_("there is at most one self-assessment")
                )
            own = response
        else:
            others.append(response)
    return survey360_report(
        rules,
        form.code,
        totals=survey360_totals(form, others),
        respondents=len(others),
        self_answers=None if own is None else own.answers,
    )


# --- schedule, deadlines and who is evaluated how (p.4-6, p.11-12, p.22, p.26, p.30, p.38-41) ----

Method = Literal["kpi", "differentiation"]


def _day_of_next_month(year: int, month: int, day: int) -> dt.date:
    """`day` (calendar) of the month after `month` of `year`."""
    return dt.date(year + month // 12, month % 12 + 1, day)


def quarter_bounds(year: int, quarter: int) -> tuple[dt.date, dt.date]:
    """First and last day of a quarter."""
    if not 1 <= quarter <= 4:
        raise MethodologyError("quarter", N_("a quarter is numbered 1 to 4"))
    first = dt.date(year, 3 * quarter - 2, 1)
    return first, _day_of_next_month(year, 3 * quarter, 1) - dt.timedelta(days=1)


def quarter_deadline(rules: Sjc2023Rules, year: int, quarter: int) -> dt.date:
    """KPI and differentiation evaluation by the 10th of the month after the quarter (p.4)."""
    quarter_bounds(year, quarter)
    return _day_of_next_month(year, 3 * quarter, rules.deadlines.quarter_evaluation_day)


def survey360_deadline(rules: Sjc2023Rules, year: int) -> dt.date:
    """The 360 survey by the 10th of the month after the reporting year (p.4)."""
    return _day_of_next_month(year, 12, rules.deadlines.survey360_day)


def notification_date(rules: Sjc2023Rules, year: int, quarter: int, method: Method) -> dt.date:
    """Managers are told of their KPI evaluation by the 5th (p.26), staff by the 10th (p.30)."""
    day = (
        rules.deadlines.notify_managers_day if method == "kpi" else rules.deadlines.notify_staff_day
    )
    return _day_of_next_month(year, 3 * quarter, day)


# Every time limit in working days below is counted one way: "within N working days after" an
# event is the N-th working day after the day of the event, that day not counted
# (`calendar.add_working_days(event, n)`: signed on Monday, 2 working days -> Wednesday).


def kpi_setting_due(rules: Sjc2023Rules, calendar: WorkCalendar, start: dt.date) -> dt.date:
    """KPIs set within 10 working days after the period starts or after the appointment (p.22):
    the day of the appointment is not counted, like the day of every other event (appointed on
    Monday 2 March 2026 -> due Tuesday 17 March, 9 March being a day off)."""
    return calendar.add_working_days(start, rules.deadlines.kpi_setting)


def plan_posting_due(rules: Sjc2023Rules, calendar: WorkCalendar, approved: dt.date) -> dt.date:
    """HR posts the approved work plan within 5 working days (p.22)."""
    return calendar.add_working_days(approved, rules.deadlines.plan_posting)


def actuals_due(rules: Sjc2023Rules, calendar: WorkCalendar, deadline: dt.date) -> dt.date:
    """HR sends the actual values at least 5 working days before the evaluation deadline (p.22)."""
    return calendar.add_working_days(deadline, -rules.deadlines.actuals_prefill_before)


def familiarisation_due(rules: Sjc2023Rules, calendar: WorkCalendar, ended: dt.date) -> dt.date:
    """The servant is shown the result within 2 working days after the evaluation ends (p.11)."""
    return calendar.add_working_days(ended, rules.deadlines.familiarisation)


def calibration_application_due(
    rules: Sjc2023Rules, calendar: WorkCalendar, familiarised: dt.date
) -> dt.date:
    """The last day to apply for a calibration session: 5 working days after familiarisation
    (p.12)."""
    return calendar.add_working_days(familiarised, rules.deadlines.calibration_application)


def calibration_decision_due(
    rules: Sjc2023Rules, calendar: WorkCalendar, applied: dt.date
) -> dt.date:
    """The head of the apparatus decides within 3 working days of the application (p.38)."""
    return calendar.add_working_days(applied, rules.deadlines.calibration_decision)


def calibration_session_due(
    rules: Sjc2023Rules, calendar: WorkCalendar, applied: dt.date
) -> dt.date:
    """The session is held within 10 working days of the application (p.39)."""
    return calendar.add_working_days(applied, rules.deadlines.calibration_session)


def protocol_posting_due(rules: Sjc2023Rules, calendar: WorkCalendar, signed: dt.date) -> dt.date:
    """HR posts the signed protocol within 3 working days (p.41)."""
    return calendar.add_working_days(signed, rules.deadlines.protocol_posting)


def return_from_absence_due(
    rules: Sjc2023Rules, calendar: WorkCalendar, absence_end: dt.date
) -> dt.date:
    """A deferred KPI evaluation is due within 5 working days after the servant is back (p.5):
    counted after the last day of the absence, so the first working day back is day one."""
    return calendar.add_working_days(absence_end, rules.deadlines.absent_return)


def long_enough_in_position(
    rules: Sjc2023Rules, start: dt.date, end: dt.date | None, first: dt.date, last: dt.date
) -> bool:
    """Whether a position held from `start` to `end` (None: still held) was held at least
    3 months in the period [first, last], counted as the edition says (p.5; see tenure)."""
    held = months_held(rules.eligibility.months_counted, start, end, first, last)
    return held >= rules.deadlines.min_months_in_post


def kpis_required(rules: Sjc2023Rules, appointed: dt.date, period_end: dt.date) -> bool:
    """No KPIs are set when less than 3 months remain until the end of the period (p.22)."""
    return months_after(appointed, rules.deadlines.min_months_in_post) <= period_end + dt.timedelta(
        days=1
    )


@dataclass(frozen=True, slots=True)
class PostHeld:
    """The servant's position over the period: dates, manager track, and how it ended."""

    start: dt.date
    end: dt.date | None
    is_manager: bool
    dismissed: bool = False


@dataclass(frozen=True, slots=True)
class Eligibility:
    """Whether and how a servant is evaluated for a quarter, and by when.

    `reason` is a code: ``evaluated``, ``absent`` (KPI deferred until after return),
    ``in_absentia`` (dismissed before the deadline, p.6) or ``too_short`` (under 3 months, p.5).
    """

    evaluated: bool
    method: Method
    reason: str
    due: dt.date


def quarter_eligibility(
    rules: Sjc2023Rules,
    calendar: WorkCalendar,
    *,
    year: int,
    quarter: int,
    post: PostHeld,
    absences: Sequence[tuple[dt.date, dt.date]] = (),
) -> Eligibility:
    """Who is evaluated how for a quarter (p.4-6, p.21, p.28).

    - managers by KPI, other servants by differentiation;
    - not evaluated when the position was held for less than 3 months within the quarter (p.5:
      appointed, transferred or dismissed inside it);
    - a servant who left after the quarter ended and before the deadline is evaluated in
      absentia by the deadline (p.6);
    - a manager away when the evaluation is due has the KPI evaluation within 5 working days of
      returning; differentiation goes ahead without the servant.
    """
    start, end = quarter_bounds(year, quarter)
    deadline = quarter_deadline(rules, year, quarter)
    method: Method = "kpi" if post.is_manager else "differentiation"
    if not long_enough_in_position(rules, post.start, post.end, start, end):
        return Eligibility(False, method, "too_short", deadline)
    if post.dismissed and post.end is not None and post.end <= deadline:
        return Eligibility(True, method, "in_absentia", deadline)
    if method == "kpi":
        window_end = deadline
        for absence_start, absence_end in sorted(absences):
            if absence_start <= window_end and absence_end >= end + dt.timedelta(days=1):
                due = return_from_absence_due(rules, calendar, absence_end)
                return Eligibility(True, method, "absent", max(due, deadline))
    return Eligibility(True, method, "evaluated", deadline)


# --- calibration session (p.41; SPEC §4.7) ------------------------------------------------------


def adopted_score(scores: Sequence[Decimal]) -> Decimal | None:
    """The final score a round adopts: the one with more than half of the votes cast (a vote to
    keep counts for the evaluator's score); None when no score has a majority and the session
    votes again."""
    if not scores:
        return None
    counts: dict[Decimal, int] = {}
    for score in scores:
        counts[score] = counts.get(score, 0) + 1
    best = max(counts, key=lambda score: counts[score])
    return best if counts[best] * 2 > len(scores) else None


def round_quorum(participants: int) -> int:
    """How many votes a round needs before the head of HR may close it without the participants
    who have not voted (absent from the session): more than half of the approved participants.
    The seed says only that the majority of the participants adopts the score (p.41); this
    quorum is our decision (SPEC §4.7), so that an absent member cannot stall the session."""
    if participants < 1:
        raise ValueError("A session has at least one participant.")
    return participants // 2 + 1
