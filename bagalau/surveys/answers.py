"""Answers of a 360 questionnaire (seed 002 App. 5-6): parsing what a respondent, the evaluatee or
HR (from paper) gives, and the checks every submission shares. Used by the respondents'
services (`answering`) and HR's paper entry (`paper`) alike, so both follow the same rules."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext_noop as N_

from bagalau.core import bounds
from bagalau.core.days import day_text
from bagalau.core.errors import DomainError
from bagalau.methodology import MethodologyError
from bagalau.methodology import sjc2023 as engine
from bagalau.surveys.models import Campaign
from bagalau.surveys.selectors import rules_for
from bagalau.surveys.workflow import CAMPAIGN_FLOW


def lock_campaign(campaign_id: int) -> Campaign:
    """The campaign row, locked until the transaction ends (serialises its writes)."""
    return Campaign.objects.select_for_update(of=("self",)).get(pk=campaign_id)


def _scale(campaign: Campaign) -> set[int]:
    return {option.value for option in rules_for(campaign).survey.answer_scale}


def _value(raw: Any, field: str, scale: set[int], *, partial: bool) -> int | None:
    """One answer: a whole number of the scale (None allowed in a draft)."""
    if raw is None or raw == "":
        if partial:
            return None
        raise DomainError(field, N_("Every statement of the form must be answered."))
    if isinstance(raw, bool):
        value = None
    elif isinstance(raw, int):
        value = raw
    elif isinstance(raw, str):
        value = bounds.ascii_int(raw.strip())  # "²" and "٤" are digits to str.isdigit()
    else:
        value = None
    if value is None or value not in scale:
        raise DomainError(
            field,
            N_("An answer is a whole number from %(min)s to %(max)s."),
            min=min(scale),
            max=max(scale),
        )
    return value


def parse_answers(
    campaign: Campaign, form: engine.SurveyForm, raw: Any, *, partial: bool
) -> dict[str, list[int | None]]:
    """Answers as ``{competency: [a, b, c]}``: every competency of the form with one value per
    statement (a draft may leave values None or competencies out)."""
    if not isinstance(raw, Mapping):
        raise DomainError("answers", N_("Answers are given per competency of the form."))
    scale = _scale(campaign)
    parsed: dict[str, list[int | None]] = {}
    for code, values in raw.items():
        field = f"answers.{code}"
        if code not in form.codes:
            raise DomainError(
                field,
                N_("This competency is not on the %(form)s form (App. %(appendix)s)."),
                form=form.code,
                appendix=form.appendix,
            )
        count = len(next(c for c in form.competencies if c.code == code).statements)
        if not isinstance(values, list | tuple) or len(values) > count:
            raise DomainError(
                field,
                N_("Each competency has %(count)s statements, so %(count)s answers."),
                count=count,
            )
        row = [
            _value(value, f"{field}[{index}]", scale, partial=partial)
            for index, value in enumerate(values)
        ]
        parsed[code] = row + [None] * (count - len(row))
    if not partial:
        for competency in form.competencies:
            given = parsed.get(competency.code)
            if given is None or any(value is None for value in given):
                missing = 0 if given is None else given.index(None)
                raise DomainError(
                    f"answers.{competency.code}[{missing}]",
                    N_("Every statement of the form must be answered."),
                )
    return parsed


def complete_answers(campaign: Campaign, form: engine.SurveyForm, raw: Any) -> dict[str, list[int]]:
    """Parse a submission and check it with the engine (every statement answered 1-5)."""
    parsed = parse_answers(campaign, form, raw, partial=False)
    answers = {code: [int(v) for v in values if v is not None] for code, values in parsed.items()}
    try:
        engine.check_answers(rules_for(campaign), form, answers, "answers")
    except MethodologyError as error:
        raise DomainError.from_methodology(error) from error
    return answers


def check_answering(campaign: Campaign, today: dt.date) -> None:
    """Refuse an answer the campaign's table does not take now (`workflow.CAMPAIGN_FLOW`), or
    one after the deadline."""
    if not CAMPAIGN_FLOW.is_open("answer", campaign.status):
        raise DomainError(
            "status",
            N_("The 360 survey for %(year)s is not open (it is %(status)s)."),
            year=campaign.year,
            status=campaign.get_status_display(),
        )
    if today > campaign.deadline:
        raise DomainError(
            "deadline",
            N_("The 360 survey ended on %(deadline)s: answers are no longer accepted."),
            deadline=day_text(campaign.deadline),
        )
