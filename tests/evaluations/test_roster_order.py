"""The quarter roster ordered and cut into pages in the database (issue 12 item 3): the same rows
in the same order as the rule in Python (unit tree, the unit's head first, position order,
surname, first name, id), the same servants chosen (`chosen_queryset`), an evaluator's rows
found around them, and a page's queries the same at two sizes for HR and an evaluator, with
each filter, before the quarter opens, once it is open, and with newcomers not opened yet."""

import datetime as dt

import pytest

from bagalau.evaluations.models import Evaluation, EvaluationStatus
from bagalau.evaluations.selectors.quarter_roster import chosen_assignments, period_roster
from bagalau.evaluations.services.schedule import period_open
from bagalau.methodology import sjc2023 as engine
from bagalau.org.models import Assignment
from bagalau.org.selectors import StructureIndex, unit_tree
from tests.deep_tree import build_deep, post
from tests.evaluations.test_pagination_roster import PAGE, client_of, grow, queries, roster_url
from tests.evaluations.test_schedule_support import approved, quarter
from tests.factories import AssignmentFactory, PositionFactory, ServantFactory, UnitFactory


@pytest.fixture(autouse=True)
def _small_pages(monkeypatch):
    monkeypatch.setattr("bagalau.core.paging.PAGE_SIZE", PAGE)


@pytest.fixture
def deep(world):
    return build_deep(world)


@pytest.fixture
def period(world):
    return quarter(approved(world), 1)


def the_rule(world, period, assignments):
    """The roster order in Python, over `unit_tree` (servant ids)."""
    order = {unit.pk: n for n, (unit, _depth) in enumerate(unit_tree(world.org))}
    return [
        a.servant_id
        for a in sorted(
            assignments,
            key=lambda a: (
                order.get(a.position.unit_id, len(order)),
                not a.position.heads_unit,
                a.position.order,
                a.servant.last_name,
                a.servant.first_name,
                a.servant_id,
            ),
        )
    ]


def every_page(user, period, **filters):
    """The servant ids of every page of the roster, in order, and the count."""
    client = client_of(user)
    response = client.get(roster_url(period, **filters))
    assert response.status_code == 200
    paginator = response.context["page"].paginator
    ids = []
    for number in paginator.page_range:
        page = client.get(roster_url(period, **filters, page=number))
        ids += [row.servant.pk for row in page.context["rows"]]
    return ids, paginator.count


def rows_of(world, period, evaluator=None):
    """(the rule's order of) the stored rows and the rows not opened yet the page lists: for an
    evaluator, the evaluations naming them and those the whole index says they manage."""
    start, end = engine.quarter_bounds(2026, 1)
    stored = Evaluation.objects.filter(period=period).select_related(
        "servant", "assignment__position"
    )
    pending = chosen_assignments(world.org, start, end, not_in=period)
    if evaluator is not None:
        stored = stored.filter(evaluator=evaluator)
        index = StructureIndex(world.org, end)
        pending = [a for a in pending if index.direct_manager(a.servant) == evaluator]
    return [e.assignment for e in stored] + pending


@pytest.fixture(params=[64, 1], ids=["units-64", "units-1"])
def first_units(request, monkeypatch):
    """How many units a page's search counts first: the default, and one at a time (each
    page's units then found over many doubling steps)."""
    monkeypatch.setattr("bagalau.evaluations.selectors.roster_order.FIRST_UNITS", request.param)


@pytest.mark.parametrize("opened", [False, True])
def test_the_pages_keep_the_rules_order(world, deep, period, clock, opened, first_units):
    clock(dt.date(2026, 4, 3))
    post(world, world.unit_a, "Абаев", order=3)
    post(world, world.unit_a, "Абаев", order=3)  # the same name: by id
    post(world, world.unit_a, "Әбенов", order=3)
    post(world, world.unit_a, "Ыбыраев", order=2)
    if opened:
        period_open(actor=world.hr_staff_user, period_id=period.pk)
        post(world, deep.s_b3, "Жаңа")  # a newcomer, not opened yet, among the stored rows
        post(world, world.unit_a, "Жаңа", order=3)
    ids, count = every_page(world.hr_staff_user, period)
    expected = the_rule(world, period, rows_of(world, period))
    assert ids == expected
    assert count == len(expected)
    assert [row.servant.pk for row in period_roster(period)] == expected


@pytest.mark.parametrize("opened", [False, True])
def test_an_evaluators_pages_hold_the_rows_the_whole_structure_gives_them(
    world, deep, period, clock, opened, first_units
):
    clock(dt.date(2026, 4, 3))
    if opened:
        period_open(actor=world.hr_staff_user, period_id=period.pk)
        post(world, deep.s_vacant, "Жаңа")
    for evaluator in (deep.director, world.a_head, deep.b2_head):
        ids, count = every_page(evaluator.user, period)
        listed = the_rule(world, period, rows_of(world, period, evaluator))
        assert count == len(listed), evaluator
        assert ids == [pk for pk in listed if pk in ids], evaluator
        assert set(ids) <= set(listed), evaluator
        assert {row.evaluator for row in period_roster(period, evaluator=evaluator)} <= {evaluator}


def test_the_chosen_post_is_the_one_covering_the_quarters_end_else_the_last(world, period):
    start, end = engine.quarter_bounds(2026, 1)
    unit = UnitFactory(organisation=world.org, parent=world.root)
    moved = ServantFactory(organisation=world.org)
    for first, last, category in [
        (dt.date(2024, 1, 1), dt.date(2026, 2, 10), "B-4"),
        (dt.date(2026, 2, 11), None, "B-3"),  # covers 31 March: chosen
        (dt.date(2026, 3, 1), dt.date(2026, 3, 20), "B-5"),  # later but over
    ]:
        AssignmentFactory(
            servant=moved,
            position=PositionFactory(unit=unit, category=category),
            start=first,
            end=last,
        )
    gone = ServantFactory(organisation=world.org)
    for first, last in [(dt.date(2024, 1, 1), dt.date(2026, 1, 31)), (dt.date(2026, 2, 1), None)]:
        AssignmentFactory(
            servant=gone,
            position=PositionFactory(unit=unit),
            start=first,
            end=last if last else dt.date(2026, 3, 15),
        )
    twice = ServantFactory(organisation=world.org)
    for _ in range(2):  # the same start: the latest created
        AssignmentFactory(servant=twice, position=PositionFactory(unit=unit), start=start)
    outside = ServantFactory(organisation=world.org)
    AssignmentFactory(
        servant=outside, position=PositionFactory(unit=unit, category=""), start=start
    )  # chosen, but not evaluated: left out
    AssignmentFactory(
        servant=outside, position=PositionFactory(unit=unit), start=dt.date(2024, 1, 1)
    )
    everyone = Assignment.objects.filter(servant__organisation=world.org).order_by(
        "servant_id", "-start", "-pk"
    )
    expected = {}
    for assignment in everyone:
        if assignment.start > end or (assignment.end is not None and assignment.end < start):
            continue
        best = expected.get(assignment.servant_id)
        if best is None or (assignment.covers(end) and not best.covers(end)):
            expected[assignment.servant_id] = assignment
    kept = [a.pk for a in expected.values() if a.position.category]
    assert [a.pk for a in chosen_assignments(world.org, start, end)] == kept
    assert outside.pk not in {a.servant_id for a in chosen_assignments(world.org, start, end)}
    one = chosen_assignments(world.org, start, end, servant_id=moved.pk)
    assert [a.position.category for a in one] == ["B-3"]


STATES = ["before", "open", "newcomers"]
FILTERS = ["none", "unit", "status", "name", "not_opened"]


def filters_of(world, which):
    return {
        "none": {},
        "unit": {"unit": world.unit_a.pk},
        "status": {"status": EvaluationStatus.PENDING},
        "name": {"q": "кейін"},
        "not_opened": {"status": "not_opened"},
    }[which]


def reach(world, period, state, count):
    """`count` more staff of the legal department, the quarter in `state`."""
    if state == "open":
        grow(world, count, name="Кейінгі")
        period_open(actor=world.hr_staff_user, period_id=period.pk)
    elif state == "newcomers":
        if not Evaluation.objects.filter(period=period).exists():
            period_open(actor=world.hr_staff_user, period_id=period.pk)
        grow(world, count, name="Кейінгі")
    else:
        grow(world, count, name="Кейінгі")


@pytest.mark.parametrize("which", FILTERS)
@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("who", ["hr_staff", "a_head"])
def test_a_pages_queries_do_not_grow_with_the_apparatus(world, period, clock, who, state, which):
    clock(dt.date(2026, 4, 3))
    user = getattr(world, f"{who}_user")
    url = roster_url(period, **filters_of(world, which))
    reach(world, period, state, 2)
    small, first = queries(user, url)
    reach(world, period, state, 12)
    large, second = queries(user, url)
    assert large == small
    grew = second.context["page"].paginator.count - first.context["page"].paginator.count
    pending = state == "before" or (state == "newcomers")
    if which in ("none", "unit", "name"):
        assert grew == 12
    elif which == "not_opened":
        assert grew == (12 if pending else 0)
    else:
        assert grew == (0 if state == "before" else 12 if state == "open" else 0)


def test_an_evaluator_who_evaluates_nobody_is_refused_before_the_quarter_opens(
    world, period, clock
):
    clock(dt.date(2026, 4, 3))
    assert client_of(world.a_staff1_user).get(roster_url(period)).status_code == 403
    assert client_of(world.a_head_user).get(roster_url(period)).status_code == 200
