"""Counting the 360 ballots when the campaign closes (issue 8 item 3; SPEC §4.6).

The only moment individual answers are in clear on the server: inside the closing transaction,
in memory. The sealed ballots of every target are opened and added up per statement; targets
with at least the responses a report needs (p.35: 3) get `AnswerTotal` rows, every target gets
its `ResponseTally` (how many responses, how many entered from paper), and the ballots are
deleted. All of it is written in the one closing transaction, so every total carries the same
transaction id, and a target whose report is withheld keeps a count and nothing else (two
responses' sums would let each of the two respondents read the other's answers). The released
reports' lowest competencies (p.36) are stored with them (`LowestCompetency`): the training
needs then count rows instead of computing every report on every view.

A campaign opened before the sealed ballots existed kept running totals; they are added to its
ballots here, so such a campaign closes with every answer counted.
"""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Count

from bagalau.core.bulk import insert_values
from bagalau.methodology import sjc2023 as engine
from bagalau.surveys import ballots
from bagalau.surveys.models import (
    AnswerTotal,
    Ballot,
    Campaign,
    Invitation,
    LowestCompetency,
    ResponseTally,
    Target,
)
from bagalau.surveys.reports import compute_lowest
from bagalau.surveys.selectors import rules_for, survey_form

#: Evaluatees counted at a time: their ballots are opened, added up and their totals written
#: before the next ones are read, so closing holds one chunk in memory whatever the size of the
#: campaign (issue 12: 700,000 ballots at 100,000 evaluatees took 4 GiB in one piece).
CHUNK = 500


def campaign_count_ballots(campaign: Campaign) -> dict[int, int]:
    """Open, add up and delete the campaign's ballots (inside the closing transaction, the
    campaign locked), `CHUNK` evaluatees at a time. Returns the responses per target."""
    needed = rules_for(campaign).survey.min_respondents
    ids = list(campaign.targets.order_by("pk").values_list("pk", flat=True))
    codes = set(campaign.targets.order_by().values_list("form", flat=True).distinct())
    forms = {code: survey_form(campaign, code) for code in codes}
    counts: dict[int, int] = {}
    stored = _stored_before(campaign)
    for start in range(0, len(ids), CHUNK):
        chunk = list(Target.objects.filter(pk__in=ids[start : start + CHUNK]).order_by("pk"))
        counts.update(_count_chunk(campaign, chunk, forms, needed, stored=stored))
    return counts


def _stored_before(campaign: Campaign) -> bool:
    """Whether the campaign has counts, totals or lowest competencies stored before its ballots
    are counted (a campaign that kept running totals): only then are they read and replaced
    evaluatee by evaluatee; otherwise the tables this closing fills are not searched at all
    (at 100,000 evaluatees, searching them as they grow took two fifths of the closing)."""
    of_campaign = {"target__campaign": campaign}
    return (
        AnswerTotal.objects.filter(**of_campaign).exists()
        or ResponseTally.objects.filter(**of_campaign).exists()
        or LowestCompetency.objects.filter(**of_campaign).exists()
    )


def _count_chunk(
    campaign: Campaign,
    targets: list[Target],
    forms: dict[str, engine.SurveyForm],
    needed: int,
    *,
    stored: bool,
) -> dict[int, int]:
    """`campaign_count_ballots` for some of its evaluatees: their ballots opened, their counts,
    totals and lowest competencies replaced (`stored`: some were there before), their ballots
    deleted."""
    lots = ballots.opened(targets, forms)
    running: dict[tuple[int, str, int], list[int]] = defaultdict(lambda: [0, 0])
    earlier: dict[int, int] = {}
    if stored:
        for target_id, code, statement, total, answers in AnswerTotal.objects.filter(
            target__in=targets
        ).values_list("target_id", "competency", "statement", "total", "answers"):
            running[(target_id, code, statement)] = [total, answers]
        earlier = dict(
            ResponseTally.objects.filter(target__in=targets).values_list("target_id", "responses")
        )
        AnswerTotal.objects.filter(target__in=targets).delete()
        ResponseTally.objects.filter(target__in=targets).delete()
        LowestCompetency.objects.filter(target__in=targets).delete()
    invited = dict(
        Invitation.objects.filter(target__in=targets)
        .order_by()
        .values("target")
        .annotate(n=Count("pk"))
        .values_list("target", "n")
    )
    counts: dict[int, int] = {}
    tallies: list[tuple[int, int, int, int]] = []
    totals: list[tuple[int, str, int, int, int]] = []
    lowest: list[tuple[int, int, str]] = []
    for target in targets:
        lot = lots[target.pk]
        responses = earlier.get(target.pk, 0) + len(lot)
        counts[target.pk] = responses
        tallies.append((target.pk, responses, sum(b.paper for b in lot), invited.get(target.pk, 0)))
        if responses < needed:
            continue
        sums: dict[str, engine.CompetencyTotal] = {}
        for competency in forms[target.form].competencies:
            code, summed, count = competency.code, 0, 0
            for index in range(len(competency.statements)):
                total, answers = running[(target.pk, code, index)]
                total += sum(b.answers[code][index] for b in lot)
                answers += len(lot)
                totals.append((target.pk, code, index, total, answers))
                summed, count = summed + total, count + answers
            if competency.statements:
                sums[code] = engine.CompetencyTotal(summed, count)
        lowest += [
            (target.pk, rank, code)
            for rank, code in enumerate(
                compute_lowest(campaign, target, totals=sums, responses=responses), start=1
            )
        ]
    insert_values(ResponseTally, ("target_id", "responses", "paper", "invited"), tallies)
    insert_values(AnswerTotal, ("target_id", "competency", "statement", "total", "answers"), totals)
    insert_values(LowestCompetency, ("target_id", "rank", "competency"), lowest)
    Ballot.objects.filter(target__in=targets).delete()
    return counts
