"""Workflow settings of the earlier editions as data (EDITIONS.md §7 table, §9, §11.4 items 6-7).

The expected values are read by hand from EDITIONS.md §7 and the seeds (000 p.5, p.41; 001 p.3,
p.25, p.31, p.35-37; 004 p.4, p.5, p.8, p.39, p.41).
"""

from __future__ import annotations

import copy
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest

from bagalau.methodology import MethodologyError, get_edition
from bagalau.methodology.editions import edition_workflow
from bagalau.methodology.loading import DataError, Node, read_yaml
from bagalau.methodology.workflow import absence_kinds, load_workflow

TYPICAL = ("almaty-2018", "sjc-2018", "kyzylorda-2018")
OLD = (*TYPICAL, "moj-2017")


def workflow(code: str):
    return edition_workflow(get_edition(code))


SETTINGS = [
    # edition, working body, authorised person, min members, approver, forms, from, retention
    ("almaty-2018", "hr", "appointing_official", 5, "authorised_person", ("written",),
     "results_approved", 3),
    ("sjc-2018", "administrative_department", "head_of_apparatus", None, "authorised_person",
     ("written",), "results_approved", 3),
    ("kyzylorda-2018", "hr", "appointing_official", None, "authorised_person", ("written",),
     "results_approved", 3),
    ("moj-2017", "hr", "appointing_official", None, "commission", ("written", "electronic"),
     "commission_session", None),
]  # fmt: skip


@pytest.mark.parametrize(
    ("code", "body", "person", "minimum", "approver", "forms", "start", "retention"),
    SETTINGS,
    ids=[row[0] for row in SETTINGS],
)
def test_settings_per_edition(code, body, person, minimum, approver, forms, start, retention):
    flow = workflow(code)
    assert flow.working_body.code == body
    assert flow.authorised_person.code == person
    assert flow.min_members.value == minimum
    assert flow.quorum.value == Fraction(2, 3)
    assert flow.results_approved_by.value == approver
    assert flow.familiarisation_forms.value == forms
    assert flow.familiarisation_from.value == start
    assert flow.retention_years.value == retention


@pytest.mark.parametrize(
    ("code", "recipients", "informed", "sheets", "kinds", "documents"),
    [
        *(
            (code, ("evaluators",), ("servant",), False, ("annual",), ("sheets", "draft_protocol"))
            for code in TYPICAL
        ),
        (
            "moj-2017",
            ("servant", "evaluators"),
            (),
            True,
            ("quarter", "annual"),
            ("sheets", "job_description", "draft_protocol"),
        ),
    ],
)
def test_notice_and_sessions(code, recipients, informed, sheets, kinds, documents):
    flow = workflow(code)
    assert (flow.notice.recipients, flow.notice.informed) == (recipients, informed)
    assert flow.notice.sends_sheets == sheets  # 001 p.14 sends the blank sheets
    assert (flow.sessions.kinds, flow.sessions.documents) == (kinds, documents)


def test_the_working_body_and_authorised_person_have_their_names():
    sjc = workflow("sjc-2018")
    assert sjc.working_body.label.kk == "Әкімшілік бөлім"
    assert "Аппарат басшысы" in sjc.authorised_person.label.kk
    assert workflow("almaty-2018").working_body.label.ru == "Служба управления персоналом"


REFUSALS = [
    # edition, kind, working body, direct manager, other servants, signatures
    ("almaty-2018", "familiarisation", True, False, 2, 3),  # 004 p.41
    ("sjc-2018", "familiarisation", True, False, 2, 3),  # 000 p.41
    ("kyzylorda-2018", "familiarisation", True, False, 2, 3),  # borrowed 004 p.41
    ("moj-2017", "familiarisation", True, False, 0, 1),  # 001 p.36: the HR servant alone
    ("moj-2017", "sheet", True, True, 0, 2),  # 001 p.25, p.31: HR servant + direct manager
    ("sjc-2023", "familiarisation", True, False, 2, 3),  # 002 p.11 names none: 004 p.41
]


@pytest.mark.parametrize(
    ("code", "kind", "body", "manager", "others", "count"),
    REFUSALS,
    ids=[f"{r[0]}-{r[1]}" for r in REFUSALS],
)
def test_refusal_act_signers(code, kind, body, manager, others, count):
    signers = get_edition(code).refusal_acts[kind]
    assert (signers.working_body, signers.direct_manager, signers.other_servants) == (
        body,
        manager,
        others,
    )
    assert signers.count == count


def test_only_moj_has_a_refusal_to_sign_a_sheet():
    assert set(get_edition("moj-2017").refusal_acts) == {"familiarisation", "sheet"}
    for code in (*TYPICAL, "sjc-2023"):
        assert set(get_edition(code).refusal_acts) == {"familiarisation"}


def test_sjc2023_signers_are_borrowed_from_the_typical_methodology_and_say_so():
    """Seed 002 p.11 names no refusal act: the act is seed 004 p.41's (HR and two servants)."""
    signers = get_edition("sjc-2023").refusal_acts["familiarisation"]
    assert signers.source.provenance == "borrowed"
    assert (signers.source.seed, signers.source.borrowed) == (("p.11",), ("p.41",))
    assert signers.source.decisions == ()
    assert signers.source.citation("002", "004") == "seed 002 p.11; seed 004 p.41"


TYPICAL_ABSENCES = {
    "annual_leave",
    "unpaid_leave",
    "sick_leave",
    "business_trip",
    "internship",
    "retraining",
    "training",
}


@pytest.mark.parametrize(
    ("code", "absences", "applies_to"),
    [
        *((code, TYPICAL_ABSENCES, ("kpi", "competencies")) for code in TYPICAL),
        ("moj-2017", {"social_leave", "sick_leave"}, ("quarterly", "annual")),
        ("sjc-2023", TYPICAL_ABSENCES - {"unpaid_leave"} | {"social_leave"}, ("kpi",)),
    ],
)
def test_absences_that_defer(code, absences, applies_to):
    deferral = get_edition(code).deferral
    assert set(deferral.absences) == absences
    assert deferral.applies_to == applies_to
    assert deferral.working_days == 5


def test_social_leave_defers_only_in_moj_and_sjc2023_and_counts_the_months_in_typical():
    for code in TYPICAL:
        rules = workflow(code).eligibility
        assert "social_leave" not in rules.deferral.absences
        assert rules.counts_from_returns
        assert rules.probation_excludes
    moj = workflow("moj-2017").eligibility
    assert not moj.counts_from_returns
    assert moj.probation_excludes


def test_every_absence_kind_has_three_names():
    kinds = absence_kinds()
    assert kinds["unpaid_leave"].kk == "Жалақы сақталмайтын демалыс"
    assert len(kinds) == 8


def test_sjc2023_has_no_commission_workflow():
    with pytest.raises(MethodologyError) as caught:
        edition_workflow(get_edition("sjc-2023"))
    assert caught.value.field == "edition"


# --- steps and their provenance (EDITIONS.md §2.2, §3, §4, §5.2) -------------------------------

TYPICAL_STEPS = (
    "A1 A2 A3 B1 B2 B3 B4 B5 C1 D1 D2 E1 E2 E3 E4 E5 E6 F1 F2 F3 G1 G2 G3 G4 H1 H2 H3 "
    "I1 I2 I3 I4 J1"
).split()
MOJ_STEPS = (
    "A1 A2 A3 A4 B1 B2 B3 B4 C1 C2 D1 D2 D3 D4 D5 D6 D7 D8 E1 E2 E3 E4 E5 E6 E7 E8 E9 F1 F2 F3 G1"
).split()
# seed 000 states p.5, 8, 15, 24, 28, 29, 34-36, 40-42: these steps rest on them alone.
SJC_2018_SEED_STEPS = {"A1", "A2", "B5", "D1", "D2", "E6", "F3", "G1", "H1", "H2", "H3", "J1"}


@pytest.mark.parametrize("code", OLD)
def test_every_step_is_listed_with_a_source(code):
    flow = workflow(code)
    expected = MOJ_STEPS if code == "moj-2017" else TYPICAL_STEPS
    assert [step.code for step in flow.steps] == expected
    for step in flow.steps:
        assert all((step.label.kk, step.label.ru, step.label.en))
        assert step.actors


def provenance(code: str) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {"seed": set(), "borrowed": set(), "decision": set()}
    for step in workflow(code).steps:
        found[step.source.provenance].add(step.code)
    return found


def test_almaty_states_every_step_itself():
    assert provenance("almaty-2018") == {
        "seed": set(TYPICAL_STEPS) - {"I3"},
        "borrowed": set(),
        "decision": {"I3"},  # T-15: the re-session after the agency's recommendation
    }


def test_sjc_2018_borrows_all_but_its_twelve_paragraphs():
    assert provenance("sjc-2018") == {
        "seed": SJC_2018_SEED_STEPS,
        "borrowed": set(TYPICAL_STEPS) - SJC_2018_SEED_STEPS - {"I3"},
        "decision": {"I3"},
    }


def test_kyzylorda_borrows_every_step():
    assert provenance("kyzylorda-2018") == {
        "seed": set(),
        "borrowed": set(TYPICAL_STEPS) - {"I3"},
        "decision": {"I3"},
    }


def test_moj_states_every_step_itself():
    assert provenance("moj-2017") == {"seed": set(MOJ_STEPS), "borrowed": set(), "decision": set()}


@pytest.mark.parametrize(
    ("code", "step", "citation"),
    [
        ("sjc-2018", "E6", "seed 000 p.24"),
        ("sjc-2018", "G2", "seed 000 p.34; seed 004 p.30, p.32, p.33; EDITIONS.md G-7"),
        ("kyzylorda-2018", "F1",
         "seed 003 App. 4; seed 004 p.25, p.26, App. 3; EDITIONS.md T-8, T-9"),
        ("almaty-2018", "G4", "seed 004 p.39; EDITIONS.md T-12"),
        ("moj-2017", "F2", "seed 001 p.39; EDITIONS.md M-12, M-13"),
    ],
)  # fmt: skip
def test_a_step_cites_its_paragraphs(code, step, citation):
    flow = workflow(code)
    assert flow.citation(flow.step(step).source) == citation


def test_settings_carry_their_provenance():
    sjc = workflow("sjc-2018")
    assert sjc.min_members.source.provenance == "seed"  # the new p.5 dropped the minimum
    assert sjc.quorum.source.provenance == "borrowed"
    kyzylorda = workflow("kyzylorda-2018")
    assert kyzylorda.min_members.source.provenance == "decision"
    assert kyzylorda.retention_years.source.decisions == ("T-21",)


def test_the_validity_dates_are_annotated():
    assert get_edition("kyzylorda-2018").validity_note.decisions == ("K-3",)
    assert get_edition("sjc-2018").validity_note.decisions == ("S-2",)
    assert "24.04.2023" in get_edition("kyzylorda-2018").validity_note.note.en
    assert get_edition("sjc-2023").validity_note is None


# --- the loader refuses broken data with the place named ----------------------------------------


def broken(code: str, change) -> dict[str, Any]:
    data = copy.deepcopy(read_yaml(f"{code}/edition.yaml"))
    change(data["workflow"])
    return data


def load_broken(monkeypatch, code: str, change) -> None:
    data = broken(code, change)
    monkeypatch.setattr(
        "bagalau.methodology.workflow.node",
        lambda relative: Node(data, relative) if relative.endswith("edition.yaml") else
        Node(read_yaml(relative), relative),
    )  # fmt: skip
    edition = get_edition(code)
    load_workflow(code, edition.model, edition.seed)


BROKEN = [
    ("almaty-2018", "borrowing-from-itself",
     lambda w: w["steps"]["A1"].update(borrowed=["p.5"]), "workflow.steps.A1", "cannot borrow"),
    ("moj-2017", "moj-borrowing", lambda w: w["steps"]["B1"].update(borrowed=["p.9"]),
     "workflow.steps.B1", "cannot borrow"),
    ("sjc-2018", "missing-step", lambda w: w["steps"].pop("G4"), "workflow.steps",
     "missing step G4"),
    ("sjc-2018", "unknown-step", lambda w: w["steps"].update(K9={"seed": ["p.1"]}),
     "workflow.steps", "unknown steps ['K9']"),
    ("kyzylorda-2018", "unknown-absence",
     lambda w: w["eligibility"]["deferral"]["absences"].append("holiday"),
     "workflow.eligibility.deferral.absences", "unknown absence kind 'holiday'"),
    ("almaty-2018", "unknown-working-body", lambda w: w["working_body"].update(code="office"),
     "workflow.working_body.code", "'office' is not one of"),
    ("almaty-2018", "quorum-above-one",
     lambda w: w["commission"]["quorum"].update(value="3/2"), "workflow.commission.quorum",
     "(0, 1]"),
    ("almaty-2018", "zero-members", lambda w: w["commission"]["min_members"].update(value=0),
     "workflow.commission.min_members.value", "at least 1"),
    ("moj-2017", "empty-source", lambda w: w["steps"].update(C1={}), "workflow.steps.C1",
     "names a paragraph"),
    ("moj-2017", "no-signer",
     lambda w: w["refusal_acts"]["sheet"].update(working_body=False, direct_manager=False),
     "workflow.refusal_acts.sheet", "at least one signer"),
    ("moj-2017", "unknown-refusal",
     lambda w: w["refusal_acts"].update(appeal=w["refusal_acts"]["sheet"]),
     "workflow.refusal_acts.appeal", "unknown refusal act"),
    ("moj-2017", "unknown-session-kind", lambda w: w["sessions"].update(kinds=["monthly"]),
     "workflow.sessions.kinds[0]", "'monthly' is not one of"),
    ("almaty-2018", "nobody-notified", lambda w: w["notice"].update(recipients=[]),
     "workflow.notice.recipients", "one or more"),
    ("moj-2017", "unknown-form",
     lambda w: w["familiarisation"]["forms"].update(value=["written", "oral"]),
     "workflow.familiarisation.forms.value[1]", "'oral' is not one of"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("code", "change", "where", "problem"),
    [pytest.param(c, ch, w, p, id=f"{c}: {case}") for c, case, ch, w, p in BROKEN],
)
def test_broken_workflow_data_is_refused_naming_the_place(
    monkeypatch, code, change, where, problem
):
    with pytest.raises(DataError) as caught:
        load_broken(monkeypatch, code, change)
    assert str(caught.value).startswith(f"{code}/edition.yaml.{where}: ")
    assert problem in str(caught.value)


# --- the admin documentation shows the same sources as the data ----------------------------------

DOC = Path(__file__).resolve().parents[2] / "docs" / "transcription" / "editions-workflow.md"


def doc_cell(flow, source) -> str:
    parts = []
    if source.seed:
        parts.append(f"{flow.seed}: " + ", ".join(source.seed))
    if source.borrowed:
        parts.append(f"{flow.borrowed_from}: " + ", ".join(source.borrowed))
    if source.decisions:
        parts.append(", ".join(source.decisions))
    return f"**{source.provenance}** " + "; ".join(parts)


def test_the_step_tables_of_the_documentation_match_the_data():
    rows = [
        [cell.strip() for cell in line.strip("|").split("|")]
        for line in DOC.read_text(encoding="utf-8").splitlines()
        if line.startswith("| ") and line[2:3] in "ABCDEFGHIJ" and line[3:4].isdigit()
    ]
    typical = [row for row in rows if len(row) == 5]
    moj = [row for row in rows if len(row) == 3]
    assert [row[0] for row in typical] == TYPICAL_STEPS
    assert [row[0] for row in moj] == MOJ_STEPS
    for row in typical:
        for code, cell in zip(TYPICAL, row[2:], strict=True):
            flow = workflow(code)
            assert cell == doc_cell(flow, flow.step(row[0]).source), (code, row[0])
    flow = workflow("moj-2017")
    for row in moj:
        assert row[2] == doc_cell(flow, flow.step(row[0]).source), row[0]
