"""A moj-2017 rating in words on the pages (`moj_rating`): the quarter's scale (seed 001 p.27)
for a quarter, the year's (p.33) for the year, in the reader's language; a code the edition
does not know is shown as it is."""

from __future__ import annotations

from django.template import Context, Template
from django.utils import translation

from bagalau.evaluations.models import Evaluation, Method
from bagalau.methodology import get_edition, moj2017_rules
from bagalau.moj.common import rating_text

RULES = moj2017_rules(get_edition("moj-2017"))


def evaluation(method: str) -> Evaluation:
    return Evaluation(edition="moj-2017", method=method)


def test_a_quarter_reads_the_quarter_scale_and_the_year_the_annual_one():
    quarter, year = evaluation(Method.MOJ_QUARTER), evaluation(Method.MOJ_ANNUAL)
    for band in RULES.quarter_rating.bands:
        assert rating_text(band.code, quarter, "kk") == band.label.get("kk")
        assert rating_text(band.code, quarter, "ru") == band.label.get("ru")
    for band in RULES.annual_rating.bands:
        assert rating_text(band.code, year, "kk") == band.label.get("kk")
    assert rating_text("satisfactory", quarter, "kk") != "satisfactory"
    assert rating_text("no-such-rating", quarter, "kk") == "no-such-rating"
    assert rating_text("", quarter, "kk") == ""


def test_the_filter_answers_in_the_active_language():
    template = Template("{% load moj %}{{ code|moj_rating:evaluation }}")
    context = Context({"code": "effective", "evaluation": evaluation(Method.MOJ_QUARTER)})
    band = RULES.quarter_rating.by_code("effective")
    for language in ("kk", "ru", "en"):
        with translation.override(language):
            assert template.render(context) == band.label.get(language)
