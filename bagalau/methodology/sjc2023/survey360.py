"""The sjc-2023 360 survey (p.33-36, App. 5-8): forms, answers, totals and the report."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from bagalau.methodology.errors import N_, MethodologyError
from bagalau.methodology.explain import note
from bagalau.methodology.numbers import exact_mean, round_half_up
from bagalau.methodology.sjc2023.rules import Sjc2023Rules, SurveyForm


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


def _exact_means(
    rules: Sjc2023Rules, form: SurveyForm, totals: Mapping[str, CompetencyTotal], respondents: int
) -> dict[str, Fraction]:
    """Each competency's exact mean from its totals, checked against the number of respondents
    (p.35: from 3) and the answer scale."""
    survey = rules.survey
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
    return exact


def _lowest(
    rules: Sjc2023Rules, form: SurveyForm, exact: Mapping[str, Fraction]
) -> tuple[str, ...]:
    """The lowest competencies by exact mean (p.36), ties in the form's order."""
    codes = form.codes
    ranked = sorted(codes, key=lambda code: (exact[code], codes.index(code)))
    return tuple(ranked[: rules.survey.lowest_count])


def survey360_lowest(
    rules: Sjc2023Rules,
    form_code: str,
    *,
    totals: Mapping[str, CompetencyTotal],
    respondents: int,
) -> tuple[str, ...]:
    """The report's lowest competencies (p.36: the input for training) from its totals, as
    `survey360_report` finds them, without the rest of the report (the closing of a campaign
    stores them for every released report)."""
    form = survey_form(rules, form_code)
    return _lowest(rules, form, _exact_means(rules, form, totals, respondents))


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
    exact = _exact_means(rules, form, totals, respondents)
    note("survey.respondents", respondents=respondents, form=form.result_title)
    note(
        "survey.groups",
        respondents=respondents,
        groups=[role.label for role in survey.roles if role.code != "self"],
    )
    note(
        "survey.threshold",
        respondents=respondents,
        min=survey.min_respondents,
        max=survey.max_respondents,
    )
    note("survey.rounding", places=survey.places)
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
    lowest = _lowest(rules, form, exact)
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
    else:
        note("survey.no_self")
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
