"""Fixtures shared by the evaluation tests."""

from __future__ import annotations

from dataclasses import replace

import pytest

from bagalau.methodology import get_edition, sjc2023_rules
from bagalau.methodology.sjc2023 import FamiliarisationRules, Sjc2023Rules


@pytest.fixture
def with_refusal_act(monkeypatch) -> Sjc2023Rules:
    """An edition whose familiarisation has the refusal act with two witnesses (the 2018 texts,
    SPEC §5): seed 002's rules with that one change, as the services, pages and API read them."""
    from bagalau.evaluations import access
    from bagalau.evaluations.selectors import sheets as selectors
    from bagalau.evaluations.services import familiarisation

    rules = replace(
        sjc2023_rules(get_edition("sjc-2023")),
        familiarisation=FamiliarisationRules(deemed_when_due=False, refusal_act=True),
    )
    monkeypatch.setattr(familiarisation, "rules_for", lambda evaluation: rules)
    monkeypatch.setattr(selectors, "rules_for", lambda evaluation: rules)
    monkeypatch.setattr(access, "rules_for", lambda evaluation: rules)
    return rules
