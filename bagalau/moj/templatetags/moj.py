"""`{{ code|moj_rating:evaluation }}`: a moj-2017 rating in the reader's language (seed 001
p.27 for a quarter, p.33 for the year), on every page that shows one (the App. 3 and App. 4
sheets, the commission's session and result pages)."""

from __future__ import annotations

from django import template

from bagalau.core.language import reader_language
from bagalau.evaluations.models import Evaluation
from bagalau.moj.common import rating_text

register = template.Library()


@register.filter
def moj_rating(code: str, evaluation: Evaluation) -> str:
    """The rating `code` of `evaluation` in words."""
    return rating_text(code, evaluation, reader_language())
