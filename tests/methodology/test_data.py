"""The editions' data as transcribed: counts pinned so a slip in a data file shows."""

import pytest

from bagalau.methodology import (
    Label,
    all_editions,
    edition_codes,
    get_edition,
    sjc2023_rules,
    typical2018_rules,
)
from bagalau.methodology.categories import normalize_category, valid_categories

ORDER = [
    "activity_management",
    "cooperation",
    "decision_making",
    "responsiveness",
    "self_development",
    "service_orientation",
    "service_informing",
    "integrity",
    "responsibility",
    "initiative",
    "stress_resistance",
]

# effective/ineffective indicators per competency and tier, after removing exact duplicates
# (docs/transcription/<edition>.md explains each count that is uneven).
ALMATY = {  # tiers: top (D-1), unit_head (D-3 heading a unit), staff (D-4)
    "activity_management": [(3, 3), (4, 4), (4, 4)],
    "cooperation": [(3, 3), (4, 4), (3, 3)],
    "decision_making": [(5, 5), (5, 5), (3, 3)],
    "responsiveness": [(4, 4), (3, 3), (4, 4)],
    "self_development": [(4, 4), (3, 3), (3, 3)],
    "service_orientation": [(4, 4), (3, 3), (3, 3)],
    "service_informing": [(2, 2), (3, 3), (3, 3)],
    "integrity": [(6, 6), (6, 5), (3, 3)],
    "responsibility": [(1, 1), (1, 1), (1, 1)],
    "initiative": [(1, 1), (1, 1), (1, 1)],
    "stress_resistance": [(1, 1), (1, 1), (1, 1)],
}
KYZYLORDA = {  # tiers: the three rows of its App. 4
    **ALMATY,
    "responsiveness": [(4, 4), (3, 3), (4, 4)],
}
SJC_2018 = {  # tiers: top (B-1, B-2 heading a unit), staff (B-4, B-5)
    "activity_management": [(3, 3), (4, 4)],
    "cooperation": [(3, 3), (3, 3)],
    "decision_making": [(5, 5), (3, 3)],
    "responsiveness": [(4, 4), (4, 4)],
    "self_development": [(4, 4), (3, 3)],
    "service_orientation": [(4, 4), (3, 3)],
    "service_informing": [(2, 2), (3, 3)],
    "integrity": [(6, 6), (3, 3)],
    "responsibility": [(1, 1), (1, 1)],
    "initiative": [(1, 1), (1, 1)],
    "stress_resistance": [(1, 1), (1, 1)],
}
PINNED = {"almaty-2018": ALMATY, "kyzylorda-2018": KYZYLORDA, "sjc-2018": SJC_2018}


@pytest.mark.parametrize("edition", PINNED)
def test_indicator_counts_per_tier_and_competency(edition):
    rules = typical2018_rules(get_edition(edition))
    counts = {
        competency: [
            (
                len(rules.indicators[(competency, tier.code)].effective),
                len(rules.indicators[(competency, tier.code)].ineffective),
            )
            for tier in rules.tiers
        ]
        for competency in ORDER
    }
    assert counts == PINNED[edition]


@pytest.mark.parametrize("edition", PINNED)
def test_no_list_of_indicators_repeats_an_item_or_exceeds_ten(edition):
    rules = typical2018_rules(get_edition(edition))
    for (competency, tier), found in rules.indicators.items():
        for column in (found.effective, found.ineffective):
            texts = [label.kk for label in column]
            assert len(texts) == len(set(texts)), (competency, tier)
            assert len(texts) <= rules.max_indicators


def test_tier_rows_as_the_appendices_print_them():
    tiers = {
        code: [
            (t.code, [(c.code, c.heads_unit) for c in t.categories])
            for t in typical2018_rules(get_edition(code)).tiers
        ]
        for code in PINNED
    }
    assert tiers["almaty-2018"] == [
        ("top", [("D-1", None)]),
        ("unit_head", [("D-3", True)]),
        ("staff", [("D-4", None)]),
    ]
    assert tiers["sjc-2018"] == [
        ("top", [("B-1", None), ("B-2", True)]),
        ("staff", [("B-4", None), ("B-5", None)]),
    ]
    kyzylorda = dict(tiers["kyzylorda-2018"])
    assert [len(kyzylorda[t]) for t in ("top", "unit_head", "staff")] == [
        8,
        21,
        27,
    ]  # 8 + 21 + 27 - 9 listed twice = 47 codes
    twice = sorted(c for c, heads in kyzylorda["staff"] if heads is False)
    assert twice == ["B-3", "B-4", "C-2", "C-3", "C-O-4", "D-3", "E-3", "E-G-2"]
    assert ("B-2", True) in kyzylorda["top"]
    assert ("B-2", False) in kyzylorda["unit_head"]


def test_every_kyzylorda_category_code_is_covered_once_either_way():
    rules = typical2018_rules(get_edition("kyzylorda-2018"))
    listed = {c.code for t in rules.tiers for c in t.categories}
    assert listed == set(valid_categories())


def test_the_first_indicator_reads_as_the_seed():
    rules = typical2018_rules(get_edition("almaty-2018"))
    first = rules.indicators[("activity_management", "top")].effective[0]
    assert (
        first.kk == "Стратегиялық бағыттарға сәйкес нақты міндеттер қояды және тапсырмалар береді"
    )
    assert first.ru
    assert first.en


def test_sjc2023_forms_differ_where_the_seed_differs():
    forms = sjc2023_rules(get_edition("sjc-2023")).survey.forms
    manager = {c.code: c for c in forms["manager"].competencies}
    staff = {c.code: c for c in forms["staff"].competencies}
    assert (
        manager["responsiveness"].statements[0].kk == "Ұжымға жаңа басымдықтарды уақтылы жеткізеді"
    )
    assert staff["responsiveness"].statements[0].kk == "Жұмысты жақсарту бойынша ұсыныстар енгізеді"
    assert manager["ethics"].statements[0] == staff["ethics"].statements[0]
    differing = sum(
        a.kk != b.kk
        for code in staff
        for a, b in zip(manager[code].statements, staff[code].statements, strict=True)
    )
    assert differing == 9


def test_answer_scale_is_one_to_five_with_the_seed_labels():
    scale = sjc2023_rules(get_edition("sjc-2023")).survey.answer_scale
    assert [o.value for o in scale] == [1, 2, 3, 4, 5]
    assert scale[0].label.kk == "Құзырет көрінбейді"
    assert scale[4].label.kk == "Құзырет әрқашан көрінеді"


def _labels(value, seen):
    if id(value) in seen:
        return
    seen.add(id(value))
    if isinstance(value, Label):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _labels(item, seen)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _labels(item, seen)
    elif hasattr(value, "__dataclass_fields__"):
        for name in value.__dataclass_fields__:
            yield from _labels(getattr(value, name), seen)


@pytest.mark.parametrize("code", edition_codes())
def test_every_label_has_kazakh_russian_and_english(code):
    labels = list(_labels(get_edition(code), set()))
    assert len(labels) > 20
    for label in labels:
        assert label.kk
        assert label.ru
        assert label.en
        assert label.ru != label.kk or label.kk.isascii()


def test_the_five_editions_and_their_models():
    assert {e.code: e.model for e in all_editions()} == {
        "sjc-2023": "sjc2023",
        "sjc-2018": "typical2018",
        "almaty-2018": "typical2018",
        "kyzylorda-2018": "typical2018",
        "moj-2017": "moj2017",
    }


@pytest.mark.parametrize(
    ("text", "code"),
    [("D-4", "D-4"), ("с-о-1", "C-O-1"), ("C-0-1", "C-O-1"), ("е–г–4", "E-G-4"), ("Д-1", "D-1")],
)
def test_category_input_is_normalised(text, code):
    assert normalize_category(text) == code
