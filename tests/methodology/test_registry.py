"""Which edition governs an organisation on a date (SPEC §1)."""

import datetime as dt

import pytest

from bagalau.methodology import (
    DEFAULT_EDITION,
    EvaluationModel,
    MethodologyError,
    edition_for_body,
    edition_in_force,
    get_edition,
    model_editions,
    moj2017_rules,
)
from bagalau.methodology import editions as editions_module
from bagalau.methodology.loading import DataError, Node, read_yaml


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


def test_the_editions_follow_the_three_models():
    assert model_editions(EvaluationModel.SJC2023) == ("sjc-2023",)
    assert set(model_editions(EvaluationModel.TYPICAL2018)) == {
        "almaty-2018",
        "sjc-2018",
        "kyzylorda-2018",
    }
    assert model_editions(EvaluationModel.MOJ2017) == ("moj-2017",)
    # The words edition.yaml writes, which rows and registries keyed by the model compare with.
    assert get_edition("kyzylorda-2018").model == "typical2018"
    assert isinstance(get_edition("moj-2017").model, EvaluationModel)


def test_an_unknown_model_in_edition_yaml_is_refused_naming_the_place(monkeypatch):
    data = {**read_yaml("sjc-2018/edition.yaml"), "model": "typical2019"}

    def node(relative):
        if relative == "sjc-2018/edition.yaml":
            return Node(data, relative)
        return Node(read_yaml(relative), relative)

    monkeypatch.setattr(editions_module, "node", node)
    with pytest.raises(DataError) as caught:
        get_edition.__wrapped__("sjc-2018")
    assert str(caught.value) == (
        "sjc-2018/edition.yaml.model: unknown model 'typical2019'; "
        "the models are sjc2023, typical2018, moj2017"
    )
