"""Concurrent submissions never lose an answer (F() increments under the target's lock), and a
double-clicked submission is counted once. Real threads and transactions: PostgreSQL only (SQLite
serialises writers by locking the whole file, and its shared in-memory test database refuses
concurrent writers outright)."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections

from bagalau.core.errors import DomainError
from bagalau.surveys.models import AnswerTotal, ResponseTally
from bagalau.surveys.services import invitation_submit
from tests.surveys.conftest import LISTS, answers, sealed_ballots

pytestmark = [
    pytest.mark.django_db(transaction=True),
]


def _race(jobs):
    """Run the callables at the same moment; return (results, errors)."""
    barrier = threading.Barrier(len(jobs))
    results, errors = [], []

    def run(job):
        try:
            barrier.wait()
            results.append(job())
        except Exception as error:  # noqa: BLE001 - the test inspects them
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(job,)) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    return results, errors


@pytest.fixture
def postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL for concurrent transactions")


def test_concurrent_submissions_about_one_servant_all_count(postgres_only, survey):
    survey.open()
    people = LISTS["a_head"]  # five respondents
    target = survey.target("a_head")
    given = {key: answers("manager", seed=index) for index, key in enumerate(people)}
    jobs = [(lambda key=key: survey.submit(key, "a_head", given[key])) for key in people]
    results, errors = _race(jobs)
    assert errors == []
    assert len(results) == 5
    assert sealed_ballots(target) == sorted(given.values(), key=lambda a: sorted(a.items()))
    survey.close()
    target = survey.target("a_head")
    assert ResponseTally.objects.get(target=target).responses == 5
    for total in AnswerTotal.objects.filter(target=target):
        expected = sum(given[key][total.competency][total.statement] for key in people)
        assert (total.total, total.answers) == (expected, 5)


def test_a_double_submission_counts_once(postgres_only, survey):
    survey.open()
    invitation = survey.invitation("b_staff1", "a_staff1")
    user = survey.user("b_staff1")
    jobs = [
        (
            lambda v=v: invitation_submit(
                actor=user, invitation_id=invitation.pk, answers=answers("staff", v)
            )
        )
        for v in (2, 5)
    ]
    results, errors = _race(jobs)
    assert len(results) == 1
    assert len(errors) == 1
    assert isinstance(errors[0], DomainError)
    target = survey.target("a_staff1")
    assert sealed_ballots(target) in ([answers("staff", 2)], [answers("staff", 5)])
