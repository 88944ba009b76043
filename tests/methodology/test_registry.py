"""Which edition governs an organisation on a date (SPEC §1)."""

import datetime as dt

import pytest

from bagalau.methodology import (
    DEFAULT_EDITION,
    MethodologyError,
    edition_for_body,
    edition_in_force,
    get_edition,
    moj2017_rules,
)


@pytest.mark.parametrize(
    ("body", "day", "code"),
    [
        ("sjc", dt.date(2018, 4, 3), "sjc-2018"),
        ("sjc", dt.date(2023, 3, 13), "sjc-2018"),
        ("sjc", dt.date(2023, 3, 14), "sjc-2023"),
        ("sjc", dt.date(2026, 11, 24), "sjc-2023"),
        ("almaty_maslikhat", dt.date(2020, 1, 1), "almaty-2018"),
        ("kyzylorda_maslikhat", dt.date(2022, 1, 1), "kyzylorda-2018"),
        ("justice", dt.date(2017, 12, 31), "moj-2017"),
    ],
)
def test_edition_for_a_body_by_the_acts_dates(body, day, code):
    assert edition_for_body(body, day).code == code


@pytest.mark.parametrize(
    ("body", "day"),
    [
        ("justice", dt.date(2019, 1, 1)),
        ("sjc", dt.date(2018, 1, 1)),
        ("almaty_maslikhat", dt.date(2023, 1, 1)),
    ],
)
def test_no_edition_outside_the_acts_dates(body, day):
    with pytest.raises(MethodologyError, match="no edition governed"):
        edition_for_body(body, day)


def test_an_organisation_recomputes_a_past_period_under_the_edition_of_that_time():
    history = [(dt.date(2018, 4, 3), "sjc-2018"), (dt.date(2023, 4, 1), "sjc-2023")]
    assert edition_in_force(history, dt.date(2022, 12, 31)).code == "sjc-2018"
    assert edition_in_force(history, dt.date(2023, 4, 1)).code == "sjc-2023"
    with pytest.raises(MethodologyError, match="no edition in force"):
        edition_in_force(history, dt.date(2017, 1, 1))


def test_default_and_unknown_editions():
    assert get_edition(DEFAULT_EDITION).code == "sjc-2023"
    with pytest.raises(MethodologyError) as caught:
        get_edition("sjc-2030")
    assert caught.value.field == "edition"


def test_rules_of_the_wrong_model_are_refused():
    with pytest.raises(MethodologyError, match="uses the sjc2023 model"):
        moj2017_rules(get_edition("sjc-2023"))
