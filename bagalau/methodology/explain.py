"""Explain a score (issue 14 item 5): the steps from the inputs through each rule to the number.

The scoring functions themselves record what they do with :func:`note` while a :func:`tracing`
block is open (outside one, a note costs a lookup and records nothing), so an explanation is the
trace of the very call that produced the result and cannot drift from it. The wording of each step
(kk/ru/en) and the paragraph it cites are data: ``data/explain.yaml``. A step may instead cite a
workflow step of the edition (``cite``: "E2"), whose source the edition's ``edition.yaml``
records with the seed/borrowed distinction (EDITIONS.md §7).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from functools import cache
from typing import Any

from bagalau.methodology.bands import Band, BandScale
from bagalau.methodology.labels import LANGUAGES, Label
from bagalau.methodology.loading import DataError, Node, node
from bagalau.methodology.numbers import Exact, round_half_up

#: Shown for an exact value with more decimals than this (a mean of 3 values: 4.333333…).
EXACT_PLACES = 6

Value = str | Label | tuple["Value", ...]


@dataclass(frozen=True, slots=True)
class Step:
    """One recorded step: its template code, the input it concerns (a JSON path of the request,
    e.g. ``kpis[1]``), the values it used and produced, and optionally a workflow step to cite."""

    code: str
    field: str
    values: Mapping[str, Value]
    cite: str | None = None


_ACTIVE: ContextVar[list[Step] | None] = ContextVar("bagalau_explain_trace", default=None)


def exact_text(value: Fraction | Decimal | int) -> str:
    """An exact value as decimals: whole, terminating, or cut at 6 decimals with "…"."""
    fraction = Fraction(value)
    if fraction.denominator == 1:
        return str(fraction.numerator)
    scaled = fraction * 10**EXACT_PLACES
    if scaled.denominator == 1:
        return format(Decimal(scaled.numerator).scaleb(-EXACT_PLACES).normalize(), "f")
    digits = int(abs(scaled))
    sign = "-" if fraction < 0 else ""
    whole, rest = divmod(digits, 10**EXACT_PLACES)
    return f"{sign}{whole}.{rest:0{EXACT_PLACES}d}…"


def plain(value: Decimal | None) -> str:
    """An input number as written, without the zeros a stored column adds (40.0000 -> 40)."""
    if value is None:
        return "null"
    return format(value.normalize(), "f") if value else "0"


def _value(value: Any) -> Value:
    if isinstance(value, Label | str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Fraction):
        return exact_text(value)
    if isinstance(value, Decimal | int):
        return str(value)
    if isinstance(value, list | tuple):
        return tuple(_value(item) for item in value)
    if value is None:
        return "null"
    return str(value)


def note(code: str, field: str = "", *, cite: str | None = None, **values: Any) -> None:
    """Record a step of the computation under way, when one is being explained."""
    steps = _ACTIVE.get()
    if steps is not None:
        steps.append(
            Step(code, field, {key: _value(item) for key, item in values.items()}, cite=cite)
        )


def noted_round(exact: Exact, places: int) -> Decimal:
    """`exact` rounded half-up to `places` decimals once (SPEC §9), recorded as the "round" step."""
    score = round_half_up(exact, places)
    note("round", exact=exact, places=places, score=score)
    return score


def noted_band(code: str, scale: BandScale, score: Decimal, *, cite: str | None = None) -> Band:
    """The band of `scale` that holds `score`, recorded as the step `code` with the score, the
    band's code, interval and label."""
    band = scale.band_for(score)
    note(code, score=score, rating=band.code, interval=band.interval, label=band.label, cite=cite)
    return band


def tracing_active() -> bool:
    """Whether a computation is being explained (to skip work only an explanation needs)."""
    return _ACTIVE.get() is not None


@contextmanager
def tracing() -> Iterator[list[Step]]:
    """Collect the steps recorded inside the block (nested blocks collect their own)."""
    steps: list[Step] = []
    token = _ACTIVE.set(steps)
    try:
        yield steps
    finally:
        _ACTIVE.reset(token)


# --- wording and sources ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Template:
    """How a step is worded (kk/ru/en, ``%(name)s`` placeholders) and what it cites: paragraphs of
    the edition's seed, SPEC sections, EDITIONS.md decisions, or a workflow step of the edition
    whose source its ``edition.yaml`` records (typical-2018, moj-2017)."""

    text: Label
    seed: tuple[str, ...]
    spec: tuple[str, ...]
    decisions: tuple[str, ...]
    step: str | None = None


def _texts(source: Node | None, key: str) -> tuple[str, ...]:
    if source is None or not source.has(key):
        return ()
    return tuple(entry.text() for entry in source[key].seq())


@cache
def templates() -> Mapping[str, Mapping[str, Template]]:
    """Model (or "common") -> step code -> template, from ``data/explain.yaml``. A model's entry
    without a text takes the common wording and gives its own source."""
    root = node("explain.yaml")
    result: dict[str, dict[str, Template]] = {}
    common: dict[str, Template] = {}
    for model, steps in root.items():
        if model == "notation":
            continue
        result[model] = common if model == "common" else {}
        for code, item in steps.items():
            source = item["source"] if item.has("source") else None
            if item.has("text"):
                text = item["text"].label()
            elif code in common:
                text = common[code].text
            else:
                raise item.fail("a step needs a text, or a common one to take")
            result[model][code] = Template(
                text=text,
                seed=_texts(source, "seed"),
                spec=_texts(source, "spec"),
                decisions=_texts(source, "decisions"),
                step=source["step"].text() if source is not None and source.has("step") else None,
            )
            _check_placeholders(result[model][code], item.where)
    return result


_PLACEHOLDER = re.compile(r"%\((\w+)\)s")


def _check_placeholders(template: Template, where: str) -> None:
    names = [set(_PLACEHOLDER.findall(template.text.get(lang))) for lang in LANGUAGES]
    if any(found != names[0] for found in names):
        raise DataError(f"{where}: the kk, ru and en texts use different placeholders")


def template_for(model: str, code: str) -> Template:
    """The template of a step of `model`, else the common one."""
    found = templates().get(model, {}).get(code) or templates()["common"].get(code)
    if found is None:
        raise DataError(f"explain.yaml: no template {code!r} for the {model} model")
    return found


def _citation(template: Template, seed: str) -> str:
    parts = []
    if template.seed:
        parts.append(f"seed {seed} " + ", ".join(template.seed))
    if template.spec:
        parts.append("SPEC " + ", ".join(template.spec))
    if template.decisions:
        parts.append("EDITIONS.md " + ", ".join(template.decisions))
    return "; ".join(parts)


@cache
def _notation() -> Mapping[str, Label]:
    return {key: item.label() for key, item in node("explain.yaml")["notation"].items()}


_REFERENCE = re.compile(r"^(p|App)\.\s*(\S+)$")


def cites(paragraphs: Sequence[str], language: str) -> str:
    """Paragraph references of a seed ("p.27", "App. 3") as the reader's language writes them."""
    shown = []
    for reference in paragraphs:
        match = _REFERENCE.match(reference)
        if match is None:
            shown.append(reference)
            continue
        kind = "paragraph" if match.group(1) == "p" else "appendix"
        shown.append(_notation()[kind].get(language) % {"number": match.group(2)})
    return ", ".join(shown)


def _shown(value: Value, language: str) -> str:
    if isinstance(value, Label):
        return value.get(language)
    if isinstance(value, tuple):
        return ", ".join(_shown(item, language) for item in value)
    return value


def _number(field: str) -> str | None:
    match = re.search(r"\[(\d+)\]", field)
    return None if match is None else str(int(match.group(1)) + 1)


def render(edition: Any, steps: Sequence[Step], language: str) -> list[dict[str, Any]]:
    """The steps as JSON-ready objects in `language`: number, code, field, the sentence, the
    source (``seed 002 p.27, App. 2; SPEC §4.4``), the seed paragraphs as the language writes
    them (``cites``: "27-тармақ, 2-қосымша"; empty when only SPEC or a decision says it) and the
    values (labels in that language).

    `edition` is a :class:`bagalau.methodology.editions.Edition`; a step's ``%(n)s`` is the
    1-based position of the item its field names (``kpis[1]`` -> 2).
    """
    rendered = []
    for index, step in enumerate(steps, start=1):
        template = template_for(edition.model, step.code)
        values = {key: _shown(value, language) for key, value in step.values.items()}
        params = dict(values)
        params.setdefault("n", _number(step.field) or "1")
        cite = step.cite or template.step
        if cite is not None and edition.workflow is not None:
            workflow_step = edition.workflow.step(cite)
            source = edition.workflow.citation(workflow_step.source)
            params.setdefault("step", workflow_step.label.get(language))
            paragraphs = (*workflow_step.source.seed, *workflow_step.source.borrowed)
        else:
            source = _citation(template, edition.seed)
            paragraphs = template.seed
        rendered.append(
            {
                "step": index,
                "code": step.code,
                "field": step.field,
                "text": template.text.get(language) % params,
                "source": source,
                "cites": cites(paragraphs, language),
                "values": values,
            }
        )
    return rendered


@dataclass(frozen=True, slots=True)
class Explained:
    """A result explained in one language: the rendered steps (`render`) and the result they end
    at, in words ("4 / 5 · effective", "107 · effective")."""

    language: str
    result: str
    steps: list[dict[str, Any]]
