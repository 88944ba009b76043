"""The rules an evaluation is held under: the sjc-2023 rules of its edition (seed 002; SPEC §4)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bagalau.core.errors import DomainError
from bagalau.methodology import MethodologyError, get_edition, sjc2023_rules

if TYPE_CHECKING:
    from bagalau.evaluations.models import Evaluation
    from bagalau.methodology.sjc2023 import Sjc2023Rules


def rules_for_edition(code: str) -> Sjc2023Rules:
    """The sjc-2023 rules of an edition code (a DomainError for an edition of another model)."""
    try:
        return sjc2023_rules(get_edition(code))
    except MethodologyError as error:
        raise DomainError.from_methodology(error) from error


def rules_for(evaluation: Evaluation) -> Sjc2023Rules:
    """The rules of the edition the evaluation is held under."""
    return rules_for_edition(evaluation.edition)
