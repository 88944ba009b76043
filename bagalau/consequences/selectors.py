"""Reads of the register of decisions (seed 002 p.8): the results a decision may cite, the kinds
of decision, and the register's rows as each reader may see them."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from bagalau.consequences.access import decisions_visible_to, sees_rating
from bagalau.consequences.models import Decision
from bagalau.consequences.moj import approved_filter
from bagalau.core import clock
from bagalau.core.collation import with_name
from bagalau.core.language import reader_language
from bagalau.evaluations.models import Evaluation, EvaluationStatus, Method
from bagalau.methodology import MethodologyError, get_edition
from bagalau.methodology.decisions import DecisionRules, decision_rules, rating_scale
from bagalau.methodology.explain import cites
from bagalau.org.models import Organisation
from bagalau.org.selectors import organisation_edition

if TYPE_CHECKING:
    from bagalau.core.types import User

#: The results a decision may rest on (seed 002 p.8: KPI and differentiation results, quarterly
#: or the year's; seed 004 p.7: a typical-2018 year's KPI result as the commission decided it);
#: each edition's `bases` narrows them.
BASES = (Method.KPI, Method.DIFFERENTIATION, Method.ANNUAL, Method.KPI_COMPETENCY)


def rules_of(edition: str) -> DecisionRules | None:
    """The register's rules under an edition code (None when it keeps none)."""
    try:
        return decision_rules(get_edition(edition))
    except MethodologyError:
        return None


def organisation_rules(organisation: Organisation) -> DecisionRules | None:
    """The register's rules of the edition governing the organisation today."""
    try:
        return decision_rules(organisation_edition(organisation, clock.today()))
    except MethodologyError:
        return None


#: A paragraph of the seed in a decision's citation ("p.8"), written as the reader's language
#: writes it ("8-тармақ", "п. 8").
_PARAGRAPH = re.compile(r"\bp\.\d+")


def permitted_kinds(organisation: Organisation) -> list[dict[str, Any]]:
    """Which results permit which decision under the edition governing the organisation today
    (seed 002 p.7-8; seed 004 p.7, p.18; seed 001 p.33), as the reader reads it: each decision
    and the words of the ratings it may rest on, with the paragraphs the reading comes from."""
    try:
        edition = organisation_edition(organisation, clock.today())
        rules = decision_rules(edition)
    except MethodologyError:
        return []
    scale = rating_scale(edition)
    language = reader_language()
    return [
        {
            "label": kind.label.get(language),
            "ratings": [scale.by_code(code).label.get(language) for code in kind.ratings],
            "source": _PARAGRAPH.sub(lambda m: cites([m.group(0)], language), kind.source),
        }
        for kind in rules.kinds
    ]


def kind_choices(organisation: Organisation) -> list[tuple[str, str]]:
    """The decisions of p.8 (code, label in the current language)."""
    rules = organisation_rules(organisation)
    language = reader_language()
    return [] if rules is None else [(k.code, k.label.get(language)) for k in rules.kinds]


def citable_results(organisation: Organisation) -> QuerySet[Evaluation]:
    """The final KPI, differentiation and annual results of the organisation's servants, and its
    approved moj-2017 quarterly and annual results (seed 001 p.35): what a decision may rest on.
    (HR staff choose among them by servant and period; the scores are not shown in the choice.)"""
    return (
        Evaluation.objects.filter(
            Q(status=EvaluationStatus.FINAL, method__in=BASES) | approved_filter(),
            period__schedule__organisation=organisation,
        )
        .select_related("servant", "period__schedule")
        .order_by("servant__last_name", "servant__first_name", "period__starts", "pk")
    )


def basis_text(evaluation: Evaluation) -> str:
    """How an entry names its result: the period and the method ("Q1 2026 — KPI"); for a
    typical-2018 year, its KPI result (p.7: never the competency result)."""
    if evaluation.method == Method.KPI_COMPETENCY:
        return f"{evaluation.period} — {_('KPI result (App. 2)')}"
    return f"{evaluation.period} — {evaluation.get_method_display()}"


def decisions_filtered(user: User, *, kind: str = "", query: str = "") -> QuerySet[Decision]:
    """The entries `user` may read, newest order first, narrowed in the database to a kind of
    decision and to servants with every word of `query` in a name (core.collation search)."""
    entries = decisions_visible_to(user).select_related("servant", "organisation")
    entries = entries.order_by("-order_date", "-id")
    if kind:
        entries = entries.filter(kind=kind)
    return with_name(entries, "servant__", query)


def rows_of(user: User, entries: Iterable[Decision]) -> list[dict[str, Any]]:
    """The register's lines for `entries`: the kind in words, the rating where p.20 allows."""
    language = reader_language()
    rows = []
    others: dict[int, bool] = {}  # organisation -> whether others' ratings show (one query each)
    for decision in entries:
        rules = rules_of(decision.edition)
        kind = rules.kind(decision.kind) if rules else None
        if user.is_authenticated and decision.servant.user_id == user.pk:
            shown = True
        else:
            if decision.organisation_id not in others:
                others[decision.organisation_id] = sees_rating(user, decision)
            shown = others[decision.organisation_id]
        rows.append(
            {
                "decision": decision,
                "kind": kind.label.get(language) if kind else decision.kind,
                "rating": rating_words(decision.edition, decision.rating, language)
                if shown
                else "",
                "show_rating": shown,
            }
        )
    return rows


def rating_words(edition: str, code: str, language: str) -> str:
    """A rating code as the edition words it (seed 002 p.7; seed 004 p.18), else the code."""
    try:
        return rating_scale(get_edition(edition)).by_code(code).label.get(language)
    except (MethodologyError, KeyError):
        return code


def decisions_of(user: User) -> QuerySet[Decision]:
    """The entries `user` may read (API)."""
    return decisions_visible_to(user).order_by("-order_date", "-id")
