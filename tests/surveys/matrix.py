"""The permission matrices' cast and stages (shared by the page and API tests).

The focal evaluatee is a_staff1 (evaluator a_head); b_staff1 answers about her; b_head manages
another unit and takes no part in her case; the admin holds the admin role (no servant record);
the head of the apparatus answers about the managers only.
"""

from __future__ import annotations

import datetime as dt

from tests.surveys.conftest import AFTER, LISTS, TODAY, Survey

#: The smallest PNG: a signature and an empty IHDR is enough for the type check.
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32

PERSONAS = (
    "anonymous",
    "outsider",
    "evaluatee",
    "evaluator",
    "respondent",
    "other_manager",
    "hr_staff",
    "hr_head",
    "admin",
    "apparatus_head",
)
LOGGED_IN = set(PERSONAS) - {"anonymous"}
HR = {"hr_staff", "hr_head"}
READERS = {"evaluatee", "evaluator", "hr_head"}


def user_of(world, persona: str):
    """The user playing `persona` (None for anonymous)."""
    return {
        "anonymous": None,
        "outsider": world.outsider_user,
        "evaluatee": world.a_staff1_user,
        "evaluator": world.a_head_user,
        "respondent": world.b_staff1_user,
        "other_manager": world.b_head_user,
        "hr_staff": world.hr_staff_user,
        "hr_head": world.hr_head_user,
        "admin": world.admin_user,
        "apparatus_head": world.head_user,
    }[persona]


def build(world, clock, stage: str) -> Survey:
    """A campaign brought to `stage`: none (no campaign yet), draft (lists complete), open, due
    (open, deadline passed), paper (open, a batch of two paper questionnaires about hr_staff
    entered with a scan), closed (a_staff1's report released)."""
    survey = Survey(world, clock)
    if stage == "none":
        clock(TODAY)
        return survey
    survey.draft()
    survey.fix_lists()
    if stage == "draft":
        return survey
    survey.open()
    if stage == "open":
        return survey
    for respondent in LISTS["a_staff1"]:
        survey.submit(respondent, "a_staff1", 4)
    if stage == "due":
        clock(AFTER)
        return survey
    if stage == "paper_marked":  # one envelope about hr_staff returned, not typed yet
        from bagalau.surveys.paper import target_mark_paper_returns

        target_mark_paper_returns(
            actor=world.hr_staff_user,
            target_id=survey.target("hr_staff").pk,
            respondent_ids=[survey.servant("b_staff1").pk],
        )
        return survey
    if stage == "paper":  # two envelopes about hr_staff returned, typed, with a scan
        from bagalau.surveys.paper import target_enter_paper, target_mark_paper_returns
        from tests.surveys.conftest import answers

        target = survey.target("hr_staff")
        target_mark_paper_returns(
            actor=world.hr_staff_user,
            target_id=target.pk,
            respondent_ids=[survey.servant("b_staff1").pk, survey.servant("a_staff2").pk],
        )
        target_enter_paper(
            actor=world.hr_staff_user,
            target_id=target.pk,
            questionnaires=[answers("staff", 4), answers("staff", 2)],
            scan=PNG,
        )
        return survey
    survey.close()
    clock(AFTER + dt.timedelta(days=3))
    return survey


def expected(persona: str, allowed: set[str], visible: set[str], ok: int, anonymous: int) -> int:
    """The status code a persona gets: `ok` when allowed, 403 when it may see but not act, 404
    when it may not even see, `anonymous` when not logged in."""
    if persona == "anonymous":
        return anonymous
    if persona in allowed:
        return ok
    return 403 if persona in visible else 404
