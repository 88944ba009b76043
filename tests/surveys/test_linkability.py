"""Issue 8 item 3, tested against the database as a DBA would attack it: after submissions and
after closing, no column, row version, transaction id (xmin) or row position (ctid) of any
surveys table relates a respondent to an answer, and no URL a respondent uses carries the
invitation's id. The transactions really commit here (`transaction=True`): a test wrapped in one
transaction would give every row the same xmin and prove nothing.

On PostgreSQL the tests read every tuple of every surveys table, live AND dead (old row versions
not yet vacuumed), with the `pageinspect` extension, exactly as someone holding the data files
or a physical backup could.
"""

from __future__ import annotations

import re

import pytest
from django.apps import apps
from django.db import connection
from django.test import Client

from bagalau.surveys import ballots
from bagalau.surveys.models import AnswerTotal, Ballot, Invitation, ResponseTally
from tests.surveys.conftest import Survey, answers, questionnaire_url, sealed_ballots

pytestmark = pytest.mark.django_db(transaction=True)
postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row versions and xmin are PostgreSQL's"
)

#: Distinctive answer sets, one per respondent about a_staff1 (staff form: 8 x 3 answers).
GIVEN = {
    "a_head": answers("staff", [5, 1, 5]),
    "a_staff2": answers("staff", [2, 2, 4]),
    "b_staff1": answers("staff", [1, 3, 3]),
}


def _tables() -> list[str]:
    return [m._meta.db_table for m in apps.get_app_config("surveys").get_models()]


def _tuples(table: str) -> list[dict]:
    """Every tuple of `table`, live and dead, straight from its pages."""
    with connection.cursor() as cursor:
        cursor.execute("CREATE EXTENSION IF NOT EXISTS pageinspect")
        cursor.execute("SELECT pg_relation_size(%s) / current_setting('block_size')::int", [table])
        pages = cursor.fetchone()[0]
        rows: list[dict] = []
        for page in range(pages):
            cursor.execute(
                "SELECT lp, t_xmin::text::bigint, t_xmax::text::bigint, t_ctid::text, t_data "
                "FROM heap_page_items(get_raw_page(%s, %s)) WHERE t_data IS NOT NULL",
                [table, page],
            )
            for lp, xmin, xmax, ctid, data in cursor.fetchall():
                rows.append(
                    {"lp": lp, "xmin": xmin, "xmax": xmax, "ctid": ctid, "data": bytes(data)}
                )
    return rows


@pytest.fixture
def submitted(world, clock):
    survey = Survey(world, clock)
    survey.open()
    for respondent, given in GIVEN.items():
        survey.submit(respondent, "a_staff1", given)
    survey.submit("a_head", "a_staff2", 4)
    return survey


def test_ballot_rows_carry_nothing_but_the_target_and_sealed_bytes(submitted):
    target = submitted.target("a_staff1")
    rows = list(Ballot.objects.filter(target=target).values())
    assert len(rows) == 3
    assert {key for row in rows for key in row} == {"id", "target_id", "sealed"}
    from bagalau.surveys.selectors import survey_form

    staff = survey_form(target.campaign, "staff")
    plaintexts = [ballots.encode(staff, given, paper=False) for given in GIVEN.values()]
    ids = {str(i.pk) for i in Invitation.objects.all()} | {
        str(i.respondent_id) for i in Invitation.objects.all()
    }
    for row in rows:
        sealed = bytes(row["sealed"])
        assert len(sealed) == 1 + 12 + len(plaintexts[0]) + 16  # same length for every ballot
        assert not any(plaintext[1:] in sealed for plaintext in plaintexts)
        assert str(row["id"]) not in ids
    # What an administrator holding the key reads: three answer sets, none tied to a name.
    assert sealed_ballots(target) == sorted(GIVEN.values(), key=lambda a: sorted(a.items()))


def test_every_ballot_of_the_target_is_rewritten_with_each_new_one(submitted):
    target = submitted.target("a_staff1")
    before = {str(pk) for pk in Ballot.objects.filter(target=target).values_list("pk", flat=True)}
    sealed_before = set(
        bytes(b) for b in Ballot.objects.filter(target=target).values_list("sealed", flat=True)
    )
    # One more respondent (HR adds a_staff2's colleague while open).
    from bagalau.surveys.services import target_set_respondents

    survey = submitted
    target_set_respondents(
        actor=survey.w.hr_staff_user,
        target_id=target.pk,
        respondent_ids=[survey.servant(k).pk for k in ("a_head", "a_staff2", "b_staff1", "b_head")],
    )
    survey.submit("b_head", "a_staff1", 3)
    after = {str(pk) for pk in Ballot.objects.filter(target=target).values_list("pk", flat=True)}
    sealed_after = set(
        bytes(b) for b in Ballot.objects.filter(target=target).values_list("sealed", flat=True)
    )
    assert len(after) == 4
    assert not before & after  # new keys for all
    assert not sealed_before & sealed_after  # new nonces: no old ciphertext survives
    if connection.vendor == "postgresql":  # one transaction wrote all four
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT DISTINCT xmin::text FROM surveys_ballot WHERE target_id = %s", [target.pk]
            )
            assert len(cursor.fetchall()) == 1


@postgres_only
def test_no_row_version_shares_a_transaction_with_a_completion(submitted):
    """The attack of the issue: match the transaction id of the row versions holding answers to
    the invitation that turned "completed". Now nothing matches, live or dead, open or closed."""
    completion_xids = {row["xmin"] for row in _tuples(Invitation._meta.db_table)}
    answer_tables = [Ballot, AnswerTotal, ResponseTally]
    for model in answer_tables:
        for row in _tuples(model._meta.db_table):
            assert row["xmin"] not in completion_xids, (model.__name__, row)
    # All live ballots of a target carry ONE transaction id (the last rewrite): none is singled out.
    target = submitted.target("a_staff1")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT DISTINCT xmin::text FROM surveys_ballot WHERE target_id = %s", [target.pk]
        )
        assert len(cursor.fetchall()) == 1
    submitted.close()
    completion_xids = {row["xmin"] for row in _tuples(Invitation._meta.db_table)}
    totals = _tuples(AnswerTotal._meta.db_table) + _tuples(ResponseTally._meta.db_table)
    assert totals
    closing_xids = {row["xmin"] for row in totals}
    assert len(closing_xids) == 1  # every total written by the closing transaction
    assert not closing_xids & completion_xids
    for row in _tuples(Ballot._meta.db_table):  # deleted, and only ciphertext ever
        assert row["xmax"] != 0
        assert row["xmin"] not in completion_xids


@postgres_only
def test_no_tuple_of_any_surveys_table_holds_an_answer_set_in_clear(submitted):
    """Every byte of every tuple (live and dead) of every surveys table: a respondent's answers
    never appear as they were given, before or after closing (no server-side draft either)."""
    from bagalau.surveys.selectors import survey_form

    staff = survey_form(submitted.campaign, "staff")
    needles = [ballots.encode(staff, given, paper=False)[1:] for given in GIVEN.values()]
    for stage in ("open", "closed"):
        for table in _tables():
            for row in _tuples(table):
                for needle in needles:
                    assert needle not in row["data"], (stage, table, row["ctid"])
        if stage == "open":
            submitted.close()


def test_urls_the_respondent_uses_never_carry_the_invitation_id(submitted):
    survey = submitted
    invitation = survey.invitation("a_staff2", "a_staff1")
    client = Client()
    client.force_login(survey.user("a_staff2"))
    pages = [client.get("/surveys/").content.decode(), client.get("/").content.decode()]
    urls = [u for page in pages for u in re.findall(r'(?:href|action)="([^"]+)"', page)]
    questionnaire_urls = [u for u in urls if "/questionnaires/" in u]
    assert questionnaire_urls
    for url in questionnaire_urls:
        segments = re.split(r"[/?=&]", url)
        for invitation_id in Invitation.objects.values_list("pk", flat=True):
            assert str(invitation_id) not in segments, url
    # The reference is per session: another session of the same user gets another one, and a
    # reference does not open in someone else's session.
    other = Client()
    other.force_login(survey.user("a_staff2"))
    assert questionnaire_url(other, invitation) != questionnaire_url(client, invitation)
    assert client.get(questionnaire_url(client, invitation)).status_code == 200
    intruder = Client()
    intruder.force_login(survey.user("b_staff1"))
    intruder.session.save()
    assert intruder.get(questionnaire_url(client, invitation)).status_code == 404
    # The old address by id is gone.
    plain = f"/surveys/questionnaires/{invitation.pk}/"
    assert client.get(plain).status_code == 404
