"""The workflow table (bagalau.core.workflow): which actions a part of the case may take in a
status, where each leads, and the refusal of an action the table does not open."""

import pytest

from bagalau.core.errors import DomainError
from bagalau.core.workflow import Step, Workflow

FLOW = Workflow(
    name="example",
    steps={
        "edit": Step(("draft", "returned"), None, "author"),
        "send": Step(("draft", "returned"), "sent", "author"),
        "return": Step(("sent",), "returned", "checker"),
        "accept": Step(("sent",), "accepted", "checker"),
    },
    groups={"open": frozenset({"draft", "sent", "returned"}), "final": frozenset({"accepted"})},
)


def test_actions_follow_the_status_and_the_parts_held():
    assert FLOW.actions(status="draft", parts={"author"}) == {"edit", "send"}
    assert FLOW.actions(status="draft", parts={"checker"}) == frozenset()
    assert FLOW.actions(status="sent", parts={"author", "checker"}) == {"return", "accept"}
    assert FLOW.actions(status="accepted", parts={"author", "checker"}) == frozenset()


def test_target_keeps_the_status_for_a_step_without_one():
    assert FLOW.target("edit", "returned") == "returned"
    assert FLOW.target("send", "returned") == "sent"


def test_statuses_are_every_source_and_target_the_table_names():
    assert FLOW.statuses == {"draft", "returned", "sent", "accepted"}


def test_groups_are_named_once():
    assert FLOW.group("final") == {"accepted"}
    with pytest.raises(KeyError):
        FLOW.group("closed")


def test_require_refuses_an_action_the_table_does_not_open():
    FLOW.require("accept", "sent", label="Sent")
    with pytest.raises(DomainError) as refused:
        FLOW.require("accept", "draft", label="Draft")
    assert refused.value.field == "status"
    assert "Draft" in refused.value.message
