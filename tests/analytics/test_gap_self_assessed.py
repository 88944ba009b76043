"""The 360 gap reads the answers of the self-assessed servants only (issue 12 item 3): a servant
with a released report and no submitted self-assessment still counts among the group's released
reports, and the gaps are those of every servant's figures added up one by one."""

from __future__ import annotations

import random
from collections import defaultdict

import pytest

from bagalau.analytics.selectors import analytics_read
from bagalau.methodology.analytics import TargetAnswers, analytics_rules, self_others_gap
from bagalau.surveys.models import AnswerTotal, SelfAssessment, Target
from tests.analytics.test_scale import rated, year  # noqa: F401  (the fixture)

pytestmark = pytest.mark.django_db


def gaps_one_by_one(campaign, codes):
    """{unit name or None for the organisation: (gaps, released reports)} from every row."""
    others: dict[int, dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    for target_id, code, total, count in AnswerTotal.objects.values_list(
        "target_id", "competency", "total", "answers"
    ):
        others[target_id][code][0] += total
        others[target_id][code][1] += count
    own = {
        target_id: {code: (sum(values), len(values)) for code, values in answers.items()}
        for target_id, answers in SelfAssessment.objects.filter(
            submitted_on__isnull=False
        ).values_list("target_id", "answers")
    }
    rules = analytics_rules()
    by_unit: dict[str, list[TargetAnswers]] = defaultdict(list)
    for target in Target.objects.filter(campaign=campaign, pk__in=list(others)):
        answers = TargetAnswers(
            own.get(target.pk, {}), {c: tuple(p) for c, p in others[target.pk].items()}
        )
        by_unit[target.unit.name].append(answers)
        by_unit[None].append(answers)
    return {
        name: (self_others_gap(members, codes, rules), len(members))
        for name, members in by_unit.items()
    }


def test_servants_without_a_self_assessment_count_but_add_nothing(world, year):  # noqa: F811
    periods, campaign = year
    rated(world, periods, campaign, 14, random.Random(8), "Өзіндік")
    SelfAssessment.objects.filter(target__servant__last_name__endswith="3").delete()
    SelfAssessment.objects.filter(target__servant__last_name__endswith="5").update(
        submitted_on=None
    )
    analytics = analytics_read(user=world.hr_head_user, organisation=world.org, year=2026)
    codes = list(analytics.competencies)
    expected = gaps_one_by_one(campaign, codes)
    found = {
        (None if n == 0 else group.label): (group.gaps, group.targets)
        for n, group in enumerate(analytics.gap_groups)
    }
    assert found == expected
    assert found[None][1] == 14
    assert found[None][0] is not None
