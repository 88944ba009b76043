"""The 360 survey's reports and pages at scale (issue 12 items 3-4): the lowest competencies
stored when the campaign closes are the reports' own, the reports of many evaluatees are read in
bulk with the same result as one by one, and the campaign page (closed), the training needs and
`reports_for` make the same number of queries whatever the number of evaluatees and units."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bagalau.surveys import reports, selectors, training
from bagalau.surveys.closed_figures import closed_figures_write
from bagalau.surveys.models import (
    AnswerTotal,
    Invitation,
    LowestCompetency,
    ResponseTally,
    Target,
)
from tests.factories import AssignmentFactory, PositionFactory, ServantFactory, UnitFactory

PAGE = 3


@pytest.fixture(autouse=True)
def _small_pages(monkeypatch):
    monkeypatch.setattr("bagalau.core.paging.PAGE_SIZE", PAGE)


def stored_lowest(campaign):
    found: dict[int, list[str]] = {}
    for target_id, code in (
        LowestCompetency.objects.filter(target__campaign=campaign)
        .order_by("target_id", "rank")
        .values_list("target_id", "competency")
    ):
        found.setdefault(target_id, []).append(code)
    return found


def computed_lowest(campaign):
    """Each released report's lowest competencies, computed one report at a time."""
    return {
        target.pk: list(report.result.lowest)
        for target in campaign.targets.all()
        if (report := reports.report_for(target)).result is not None
    }


def test_the_stored_lowest_competencies_are_each_reports_own(closed):
    stored = stored_lowest(closed.campaign)
    assert stored == computed_lowest(closed.campaign)
    assert len(stored) == 7  # hr_staff's report is withheld: nothing stored
    assert closed.survey.target("hr_staff").pk not in stored
    assert all(len(codes) == 3 for codes in stored.values())


def test_ties_keep_the_forms_order_in_the_stored_lowest(survey):
    survey.open()
    for respondent in ("a_head", "a_staff2", "b_staff1"):
        survey.submit(respondent, "a_staff1", 3)
    campaign = survey.close()
    stored = stored_lowest(campaign)
    target = survey.target("a_staff1")
    assert stored == computed_lowest(campaign)
    assert stored[target.pk] == list(selectors.survey_form(campaign, target.form).codes[:3])


def invitations_per_target(campaign):
    counted: dict[int, int] = {target.pk: 0 for target in campaign.targets.all()}
    for target_id in Invitation.objects.filter(target__campaign=campaign).values_list(
        "target_id", flat=True
    ):
        counted[target_id] += 1
    return counted


def stored_invited(campaign):
    return dict(
        ResponseTally.objects.filter(target__campaign=campaign).values_list("target_id", "invited")
    )


def test_closing_stores_the_questionnaires_due_and_the_page_reads_them(closed):
    """The closed campaign's figures read the counters, not the invitations: each evaluatee's
    counter holds its list's length, and the progress (per unit and in all) adds them up."""
    campaign = closed.campaign
    due = invitations_per_target(campaign)
    assert stored_invited(campaign) == due
    rows, total = selectors.progress(campaign)
    assert total.due == sum(due.values()) > 0
    assert selectors.progress_total(campaign).due == total.due
    per_unit: dict[int, int] = {}
    for target in campaign.targets.all():
        per_unit[target.unit_id] = per_unit.get(target.unit_id, 0) + due[target.pk]
    assert {row.unit.pk: row.due for row in rows} == per_unit


@pytest.mark.parametrize("state", ["open", "closed"])
def test_reports_in_bulk_are_the_reports_one_by_one(survey, state):
    survey.open()
    survey.answer_all(skip={("b_staff1", "hr_staff"), ("a_staff2", "hr_staff")})
    survey.self_assess("a_staff1", [4, 4, 3])
    if state == "closed":
        survey.close()
    targets = list(survey.campaign.targets.all())
    one_by_one = [reports.report_for(t, language="ru") for t in targets]
    assert reports.reports_for(targets, language="ru") == one_by_one
    assert {r.released for r in one_by_one} == ({True, False} if state == "closed" else {False})


def test_training_needs_count_the_reports_lowest(closed):
    needs = training.training_needs(closed.campaign)
    expected: dict[tuple[str, int], int] = {}
    for target in closed.campaign.targets.all():
        for code in computed_lowest(closed.campaign).get(target.pk, []):
            expected[(code, target.unit_id)] = expected.get((code, target.unit_id), 0) + 1
    for row in needs.rows:
        assert row.counts == [expected.get((row.code, unit.pk), 0) for unit in needs.units]
    assert (needs.released, needs.withheld) == (7, 1)


# --- the same queries at two sizes ---------------------------------------------------------------


def more_evaluatees(closed, count, *, name, withheld=1):
    """`count` more released reports and `withheld` more withheld, each in a unit of its own,
    with the rows the closing writes (copied from a_staff1's and hr_staff's)."""
    world = closed.w
    sources = (closed.survey.target("a_staff1"), closed.survey.target("hr_staff"))
    for n in range(count + withheld):
        source = sources[n >= count]
        unit = UnitFactory(organisation=world.org, parent=world.root, order=10 + n)
        servant = ServantFactory(organisation=world.org, last_name=f"{name}{n:03d}")
        position = PositionFactory(unit=unit, category="B-4")
        AssignmentFactory(servant=servant, position=position)
        target = Target.objects.create(
            campaign=closed.campaign,
            servant=servant,
            position=position,
            unit=unit,
            form=source.form,
            evaluator=source.evaluator,
        )
        Invitation.objects.bulk_create(
            Invitation(target=target, respondent_id=i.respondent_id, relation=i.relation)
            for i in source.invitations.all()
        )
        tally = ResponseTally.objects.get(target=source)
        ResponseTally.objects.create(target=target, responses=tally.responses, paper=0)
        AnswerTotal.objects.bulk_create(
            AnswerTotal(
                target=target,
                competency=t.competency,
                statement=t.statement,
                total=t.total,
                answers=t.answers,
            )
            for t in AnswerTotal.objects.filter(target=source)
        )
        LowestCompetency.objects.bulk_create(
            LowestCompetency(target=target, rank=item.rank, competency=item.competency)
            for item in LowestCompetency.objects.filter(target=source)
        )
    closed_figures_write(closed.campaign)  # the figures per unit the closing freezes


def counted(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured), response


def client_of(user):
    client = Client()
    client.cookies["bagalau_language"] = "en"
    client.force_login(user)
    return client


def test_the_closed_campaign_page_makes_the_same_queries_at_two_sizes(closed):
    client = client_of(closed.w.hr_head_user)
    url = reverse("surveys:campaign", args=[closed.campaign.pk])
    more_evaluatees(closed, 2, name="Алғашқы")
    small, response = counted(client, url)
    units = response.context["progress_rows"].paginator.count
    more_evaluatees(closed, 12, name="Кейінгі")
    large, response = counted(client, f"{url}?page=2&units_page=2&withheld_page=2")
    assert response.context["progress_rows"].paginator.count == units + 13
    assert len(response.context["progress_rows"]) == PAGE
    assert response.context["withheld"].paginator.count == 3
    assert large == small


def test_the_training_page_makes_the_same_queries_at_two_sizes(closed):
    client = client_of(closed.w.hr_head_user)
    url = reverse("surveys:training", args=[closed.campaign.pk])
    more_evaluatees(closed, 2, name="Алғашқы")
    small, response = counted(client, url)
    more_evaluatees(closed, 12, name="Кейінгі")
    large, response = counted(client, f"{url}?page=2")
    assert response.context["needs"].released == 7 + 14
    assert large == small


def test_reports_in_bulk_make_the_same_queries_at_two_sizes(closed):
    def queries():
        targets = list(closed.campaign.targets.all())
        with CaptureQueriesContext(connection) as captured:
            found = reports.reports_for(targets)
        assert found == [reports.report_for(t) for t in targets]
        return len(captured)

    more_evaluatees(closed, 2, name="Алғашқы")
    small = queries()
    more_evaluatees(closed, 12, name="Кейінгі")
    assert queries() == small


def test_the_withheld_list_and_the_progress_page_apart(closed):
    """Each list of the campaign page keeps its own page in the links of the other."""
    more_evaluatees(closed, 4, name="Тағы", withheld=4)
    client = client_of(closed.w.hr_head_user)
    url = reverse("surveys:campaign", args=[closed.campaign.pk])
    first = client.get(url)
    withheld = [item.target.servant for item in first.context["withheld"]]
    second = client.get(f"{url}?withheld_page=2&units_page=2")
    later = [item.target.servant for item in second.context["withheld"]]
    whole = [item.target.servant for item in selectors.withheld(closed.campaign)]
    assert withheld + later == whole
    assert len(whole) == 5
    assert len(withheld) == PAGE
    html = second.content.decode()
    assert "units_page=2&amp;withheld_page=1" in html
    assert "withheld_page=2&amp;units_page=1" in html
