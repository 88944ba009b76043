"""The methodology editions as data plus pure scoring functions: the single source of every number.

No Django here (tests/methodology/test_purity.py keeps it so). Each edition lives in
``data/<code>/``; its model module (sjc2023, typical2018, moj2017) holds the formulas.
"""

from bagalau.methodology.editions import (
    DEFAULT_EDITION,
    Edition,
    EvaluationModel,
    all_editions,
    edition_codes,
    edition_for_body,
    edition_in_force,
    get_edition,
    model_editions,
    moj2017_rules,
    sjc2023_rules,
    typical2018_rules,
)
from bagalau.methodology.errors import MethodologyError
from bagalau.methodology.labels import Label

__all__ = [
    "DEFAULT_EDITION",
    "Edition",
    "EvaluationModel",
    "Label",
    "MethodologyError",
    "all_editions",
    "model_editions",
    "edition_codes",
    "edition_for_body",
    "edition_in_force",
    "get_edition",
    "moj2017_rules",
    "sjc2023_rules",
    "typical2018_rules",
]
