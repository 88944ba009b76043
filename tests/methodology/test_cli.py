"""The installed `bagalau` console script (SPEC §10): `bagalau calc EDITION METHOD < request.json`.

One JSON object in on stdin, one out on stdout; exit 0 on success, exit 2 with
``{"error": {"field", "message"}}`` on invalid input, never a traceback.
Each call starts a process (~0.3 s), so the cases here are few and small.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

_SCRIPT = shutil.which("bagalau", path=str(Path(sys.executable).parent))
COMMAND = [_SCRIPT] if _SCRIPT else [sys.executable, "-m", "bagalau.cli"]
# Pinned so that the handling of stdin bytes does not depend on the machine's locale.
ENV = {**os.environ, "LC_ALL": "C.UTF-8"}

EDITIONS = ("sjc-2023", "sjc-2018", "almaty-2018", "kyzylorda-2018", "moj-2017")
METHODS = tuple(
    "kpi differentiation annual survey360 competency quarterly plan working_days commission "
    "deadlines consequences".split()
)
STAFF_FORM = tuple(
    "effective_communication ethics change_management result_orientation "
    "independence_and_decisions cooperation responsiveness self_development".split()
)
TYPICAL_COMPETENCIES = tuple(  # App. 3 order, without the two public-service competencies
    "activity_management cooperation decision_making responsiveness self_development "
    "integrity responsibility initiative stress_resistance".split()
)


def bagalau(
    *args: str, stdin: bytes = b"", timeout: float = 60
) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [*COMMAND, *args], input=stdin, capture_output=True, timeout=timeout, env=ENV, check=False
    )


def calc(edition: str, method: str, request: Any) -> tuple[int, Any]:
    done = bagalau("calc", edition, method, stdin=json.dumps(request).encode())
    assert b"Traceback" not in done.stderr
    return done.returncode, json.loads(done.stdout.decode("utf-8"))


def answers(value: int, **changes: list[int]) -> dict[str, list[int]]:
    return {code: [value, value, value] for code in STAFF_FORM} | changes


# (edition, method, request, expected stdout), worked by hand from SPEC §4-§6.
VALID = [
    pytest.param(
        "sjc-2023",
        "kpi",
        {
            "kpis": [
                {"direction": "increase", "plan": 40, "actual": "38.8"},
                {"direction": "decrease", "plan": "5", "actual": "4"},
                {"direction": "binary", "actual": False, "score": "0.10"},
            ]
        },
        # 38.8/40 = 97.00 % -> 4.75-4.99, proposal 97/20 = 4.85; 5/4 = 125.00 % -> 5.00;
        # not achieved -> 0.00 %, 0.00-0.24, given 0.10; (4.85 + 5.00 + 0.10) / 3 = 3.3166 -> 3.32
        {
            "kpis": [
                {"percent": "97.00", "allowed": ["4.75", "4.99"], "score": "4.85"},
                {"percent": "125.00", "allowed": ["5.00", "5.00"], "score": "5.00"},
                {"percent": "0.00", "allowed": ["0.00", "0.24"], "score": "0.10"},
            ],
            "score": "3.32",
            "rating": "proper",
        },
        id="sjc-2023-kpi",
    ),
    pytest.param(
        "sjc-2023",
        "differentiation",
        {"scores": {"quality": 3, "timeliness": 4, "initiative": 2, "discipline": 5}},
        {"score": "3.50", "rating": "proper"},  # 14 / 4
        id="sjc-2023-differentiation",
    ),
    pytest.param(
        "sjc-2023",
        "annual",
        {"quarters": ["4.25", None, "3.90"]},
        {"score": "4.08", "rating": "effective"},  # (4.25 + 3.90) / 2 = 4.075, half-up
        id="sjc-2023-annual",
    ),
    pytest.param(
        "sjc-2023",
        "survey360",
        {
            "form": "staff",
            "responses": [
                {"role": "manager", "answers": answers(4)},
                {"role": "peer", "answers": answers(4)},
                {"role": "subordinate", "answers": answers(3, cooperation=[1, 1, 1])},
                {"role": "self", "answers": answers(5)},
            ],
        },
        # (4*3 + 4*3 + 3*3) / 9 = 3.67; cooperation (12 + 12 + 3) / 9 = 3.00;
        # overall (7 * 11/3 + 3) / 8 = 3.583 -> 3.58; ties among the rest keep the form order
        {
            "competencies": {
                code: "3.00" if code == "cooperation" else "3.67" for code in STAFF_FORM
            },
            "self": dict.fromkeys(STAFF_FORM, "5.00"),
            "overall": "3.58",
            "lowest": ["cooperation", "effective_communication", "ethics"],
            "respondents": 3,
        },
        id="sjc-2023-survey360",
    ),
    pytest.param(
        "sjc-2018",
        "kpi",
        {"achieved": [True, False, True, True, False]},
        {"achieved": 3, "rating": "satisfactory"},
        id="sjc-2018-kpi",
    ),
    pytest.param(
        "moj-2017",
        "quarterly",
        {"bonus": [5, 3, "2"], "violations": 4},
        {"score": 102, "rating": "satisfactory"},  # 100 + 10 - 2 * 4
        id="moj-2017-quarterly",
    ),
    pytest.param(
        "moj-2017",
        "plan",
        {"indicators": ["met", "exceeded", "not_met"]},
        {"score": "3.67"},  # (4 + 5 + 2) / 3
        id="moj-2017-plan",
    ),
    pytest.param(
        "moj-2017",
        "annual",
        {"quarters": [104, 112, 98, 121], "plan_score": "4.33"},
        # mean 108.75 -> 4 points; 0.5 * 4 + 0.5 * 4.33 = 4.165 -> 4.2 (half-up, 1 decimal)
        {"quarter_mean": "108.75", "quarter_points": 4, "score": "4.2", "rating": "effective"},
        id="moj-2017-annual",
    ),
    pytest.param(
        "kyzylorda-2018",
        "working_days",
        {"start": "2025-03-20", "days": 3},
        # 21-25 March 2025 are Nauryz days off (21 Fri; 22-23 weekend, observed 24-25),
        # so the 3rd working day after Thursday 20 March is Friday 28 March
        {"date": "2025-03-28"},
        id="kyzylorda-2018-working-days",
    ),
    pytest.param(
        "almaty-2018",
        "commission",
        {"members": 7, "present": 5, "for": 2, "against": 3, "chair_vote": "for"},
        # 3 x 5 = 15 >= 14 = 2 x 7: quorate; 2 for, 3 against: rejected, the chair outvoted
        {"quorate": True, "adopted": False},
        id="almaty-2018-commission",
    ),
    pytest.param(
        "moj-2017",
        "commission",
        {"members": 6, "present": 4, "for": 2, "against": 2, "chair_vote": None},
        # 12 >= 12: quorate; a tie without the chair fails
        {"quorate": True, "adopted": False},
        id="moj-2017-commission-tie-without-chair",
    ),
    pytest.param(
        "sjc-2018",
        "deadlines",
        {
            "period_start": "2018-01-01",
            "returned": "2018-03-20",
            "superior_signed": "2018-12-14",
            "direct_signed": "2018-12-12",
            "evaluation": "2018-12-21",
            "ended": "2018-12-26",
            "decision": "2018-12-21",
        },
        # plan: 10 WD after 1 Jan (2 Jan off): 3-5, 8-12, 15, 16; resubmit: Nauryz 21-23 March,
        # so 26, 27; KPI sheet: 17, 18 December off, so 19, 20; competency sheet: 13, 14;
        # notice: back 20, 19, (18, 17 off), 14, 13, 12, 11, 10; familiarisation: 27, 28;
        # appeal: 24-28, Saturday 29 (worked), (31 Dec, 1, 2 Jan off) 3, 4, (7 off) 8, 9
        {
            "plan_due": "2018-01-16",
            "resubmit_due": "2018-03-27",
            "kpi_sheet_to_commission_due": "2018-12-20",
            "competency_sheet_to_commission_due": "2018-12-14",
            "notice_due": "2018-12-10",
            "familiarisation_due": "2018-12-28",
            "appeal_due": "2019-01-09",
        },
        id="sjc-2018-deadlines",
    ),
    pytest.param(
        "moj-2017",
        "deadlines",
        {
            "year": 2017,
            "quarter": 4,
            "evaluation": "2017-12-08",
            "session": "2017-12-22",
            "ended": "2017-12-22",
            "decision": "2017-12-22",
        },
        # computation: 5 WD before Friday 22 Dec: 21, 20, (19, 18 off) 15, 14, 13;
        # familiarisation: 25, 26; appeal: 25-29, (1, 2 Jan off) 3, 4, 5, 8, 9
        {
            "plan_due": "2017-01-10",
            "annual_due": "2017-12-25",
            "quarter_due": "2017-12-10",
            "notice_due": "2017-11-28",
            "annual_computation_due": "2017-12-13",
            "familiarisation_due": "2017-12-26",
            "appeal_due": "2018-01-09",
        },
        id="moj-2017-deadlines",
    ),
    pytest.param(
        "moj-2017",
        "consequences",
        {"annual": ["unsatisfactory", "effective", "unsatisfactory"]},
        # the last year is unsatisfactory, but not two in a row
        {"bonus": False, "mentor_allowed": False, "training": True, "demotion_grounds": False},
        id="moj-2017-consequences",
    ),
]


@pytest.mark.parametrize(("edition", "method", "request_", "expected"), VALID)
def test_valid_request_exits_0_with_the_result(
    edition: str, method: str, request_: Any, expected: Any
) -> None:
    assert calc(edition, method, request_) == (0, expected)


def test_competency_sheet_follows_the_three_quarters_rule() -> None:
    # sjc-2018: B-2 heading a unit is the top tier; without public services the two service
    # competencies are left out (App. 3); meets when 4 * observed >= 3 * indicators (p.27).
    code, answer = calc(
        "sjc-2018",
        "competency",
        {
            "category": "B-2",
            "heads_unit": True,
            "provides_services": False,
            "observed": {"activity_management": [1, 2, 3], "responsibility": [1]},
        },
    )
    assert (code, answer["tier"]) == (0, "top")
    assert tuple(answer["competencies"]) == TYPICAL_COMPETENCIES
    management = answer["competencies"]["activity_management"]
    total = management["indicators"]
    assert management == {
        "indicators": total,
        "observed": 3,
        "result": "meets" if 4 * 3 >= 3 * total else "does_not_meet",
        "missing": list(range(4, total + 1)),
    }
    cooperation = answer["competencies"]["cooperation"]
    assert cooperation["observed"] == 0
    assert cooperation["result"] == "does_not_meet"
    assert cooperation["missing"] == list(range(1, cooperation["indicators"] + 1))


@pytest.mark.parametrize(
    ("args", "field"),
    [
        (["calc", "sjc-2023"], "method"),
        (["calc", "sjc-2099", "kpi"], "edition"),
        (["calc", "moj-2017", "kpi"], "method"),
    ],
    ids=["missing-method", "unknown-edition", "method-of-another-edition"],
)
def test_bad_arguments_answer_a_json_error(args: list[str], field: str) -> None:
    done = bagalau(*args, stdin=b"{}")
    answer = json.loads(done.stdout)
    assert done.returncode == 2
    assert answer == {"error": {"field": field, "message": answer["error"]["message"]}}
    assert answer["error"]["message"]
    assert b"Traceback" not in done.stderr


def test_calc_help_lists_every_edition_and_method_with_examples() -> None:
    done = bagalau("calc", "--help")
    text = done.stdout.decode("utf-8")
    assert done.returncode == 0
    for name in (*EDITIONS, *METHODS):
        assert name in text
    for example in (
        "bagalau calc EDITION METHOD < request.json > result.json",
        "| bagalau calc sjc-2023 kpi",
        "| bagalau calc sjc-2023 differentiation",
        "| bagalau calc sjc-2023 annual",
        "| bagalau calc sjc-2023 survey360",
        "| bagalau calc almaty-2018 kpi",
        "| bagalau calc almaty-2018 competency",
        "| bagalau calc moj-2017 quarterly",
        "| bagalau calc moj-2017 plan",
        "| bagalau calc moj-2017 annual",
        "| bagalau calc almaty-2018 commission",
        "| bagalau calc almaty-2018 deadlines",
        "| bagalau calc moj-2017 commission",
        "| bagalau calc moj-2017 deadlines",
        "| bagalau calc moj-2017 consequences",
        "| bagalau calc sjc-2023 working_days",
        # the worked example of working_days, computed live: Nauryz 2025 is skipped
        '{"date": "2025-03-28"}',
    ):
        assert example in text


@pytest.mark.parametrize(
    ("edition", "method", "request_", "field"),
    [
        ("almaty-2018", "commission", {"members": 4, "present": 3, "for": 3, "against": 0,
                                       "chair_vote": None}, "members"),
        ("kyzylorda-2018", "deadlines", {"evaluation": "2018-12-32"}, "evaluation"),
        ("moj-2017", "deadlines", {"year": 2017, "quarter": 5}, "quarter"),
        ("moj-2017", "consequences", {"annual": ["effective", "good"]}, "annual[1]"),
    ],
    ids=["commission-members", "deadlines-date", "moj-deadlines-quarter", "consequences-rating"],
)  # fmt: skip
def test_workflow_methods_refuse_with_the_field_and_exit_2(
    edition: str, method: str, request_: Any, field: str
) -> None:
    done = bagalau("calc", edition, method, stdin=json.dumps(request_).encode())
    answer = json.loads(done.stdout.decode("utf-8"))
    assert done.returncode == 2
    assert answer == {"error": {"field": field, "message": answer["error"]["message"]}}
    assert done.stderr == b""


@pytest.mark.parametrize(
    "raw", [b"\xff\xfe{}", b'{"kpis": [\xc3\x28]}'], ids=["bom-like-bytes", "broken-sequence"]
)
def test_non_utf8_stdin_is_a_json_error(raw: bytes) -> None:
    done = bagalau("calc", "sjc-2023", "kpi", stdin=raw)
    answer = json.loads(done.stdout.decode("utf-8"))
    assert done.returncode == 2
    assert answer == {"error": {"field": "$", "message": answer["error"]["message"]}}
    assert b"Traceback" not in done.stderr


def test_non_utf8_byte_in_a_key_is_refused_as_not_utf8() -> None:
    done = bagalau("calc", "sjc-2023", "kpi", stdin=b'{"kpi\xff": []}')
    answer = json.loads(done.stdout.decode("utf-8"))
    assert done.returncode == 2
    assert answer["error"]["field"] == "$"
    assert "UTF-8" in answer["error"]["message"]


def test_lone_surrogate_escape_is_a_json_error() -> None:
    done = bagalau("calc", "sjc-2023", "kpi", stdin=b'{"\\ud800": []}')
    assert b"Traceback" not in done.stderr
    assert done.returncode == 2
    assert set(json.loads(done.stdout)["error"]) == {"field", "message"}


def test_tiny_exponent_is_answered_promptly() -> None:
    request = b'{"kpis": [{"direction": "increase", "plan": 1e-999999999999, "actual": 1}]}'
    done = bagalau("calc", "sjc-2023", "kpi", stdin=request, timeout=5)
    assert done.returncode == 2


def test_no_command_prints_usage_on_stderr_and_exits_2() -> None:
    done = bagalau()
    assert done.returncode == 2
    assert done.stdout == b""
    assert done.stderr.decode().startswith("usage: bagalau COMMAND")
    assert "calc" in done.stderr.decode()


def test_help_prints_usage_on_stdout_and_exits_0() -> None:
    done = bagalau("--help")
    assert done.returncode == 0
    assert done.stdout.decode().startswith("usage: bagalau COMMAND")
    assert "bagalau calc --help" in done.stdout.decode()
