"""The campaign page's progress counted in one query (`unit_figures`, issue 12 item 3): the same
figures per unit as counting each of them on its own, and the same number of evaluatees short of
responses as the withheld list, while open and once closed."""

import pytest
from django.db.models import Count, Sum

from bagalau.surveys import selectors
from bagalau.surveys.models import CampaignStatus, Invitation, ResponseTally, SelfAssessment


def counted_one_by_one(campaign):
    """{unit: (evaluatees, answered, due, self-assessed)} counted a figure at a time."""

    def per_unit(rows, figure):
        return dict(
            rows.order_by()
            .values("target__unit_id")
            .annotate(value=figure)
            .values_list("target__unit_id", "value")
        )

    invitations = Invitation.objects.filter(target__campaign=campaign)
    if campaign.status == CampaignStatus.CLOSED:
        answered = per_unit(
            ResponseTally.objects.filter(target__campaign=campaign), Sum("responses")
        )
    else:
        answered = per_unit(invitations.filter(completed=True), Count("pk"))
    due = per_unit(invitations, Count("pk"))
    own = per_unit(
        SelfAssessment.objects.filter(target__campaign=campaign, submitted_on__isnull=False),
        Count("pk"),
    )
    targets = dict(
        campaign.targets.order_by()
        .values("unit_id")
        .annotate(n=Count("pk"))
        .values_list("unit_id", "n")
    )
    return {
        unit: (n, answered.get(unit) or 0, due.get(unit, 0), own.get(unit, 0))
        for unit, n in targets.items()
    }


@pytest.mark.parametrize("state", ["open", "closed"])
def test_the_figures_of_one_query_are_those_counted_one_by_one(survey, state):
    survey.open()
    survey.answer_all(skip={("b_staff1", "hr_staff"), ("a_staff2", "hr_staff")})
    survey.self_assess("a_staff1", [4, 4, 3])
    if state == "closed":
        survey.close()
    campaign = survey.campaign
    campaign.refresh_from_db()
    rows, total, short = selectors.progress_and_short(campaign)
    found = {row.unit.pk: (row.targets, row.answered, row.due, row.self_done) for row in rows}
    assert found == counted_one_by_one(campaign)
    assert total.self_done == 1
    assert short == selectors.withheld_targets(campaign).count() == 1
