"""The synthetic apparatus of bench/scale.py, built through bulk paths (issue 12 item 1).

An apparatus of `servants` people: the head of the apparatus (corps A, not evaluated) and a
deputy (B-1) in the root unit; departments of 10 sectors; a sector of SECTOR posts (66 by default:
the issue's ~1,500 units at 100,000 servants; its head B-2, the others B-3 to B-5) and one vacant
post; each department's head (B-1, KPI) sits in the department
itself. Every servant has a login and holds one post from 1 January of the year before; every
tenth is on annual leave in July. HR, the head of HR and the head of the apparatus are roles.

The evaluation year then happens through the services where one call does the whole
organisation (schedule, plans, opening each quarter, the 360 campaign) and through bulk
updates where the services work one servant at a time (KPIs, scores, answers): the bench measures
the whole-organisation operations, not the replay of a year.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db.models import Count, F

from bagalau.demo.clock import clock_at, moment_of
from bagalau.evaluations.models import (
    Evaluation,
    EvaluationStatus,
    Method,
    Period,
    PeriodKind,
    PeriodStatus,
)
from bagalau.evaluations.services.schedule import (
    period_close,
    period_open,
    schedule_approve,
    schedule_draft,
    schedule_submit,
)
from bagalau.methodology import get_edition, sjc2023_rules
from bagalau.methodology.sjc2023 import rate
from bagalau.org.models import (
    Absence,
    AbsenceKind,
    Assignment,
    Organisation,
    Position,
    Role,
    RoleAssignment,
    Servant,
    Unit,
)
from bagalau.org.selectors import StructureIndex
from bagalau.plans.models import Direction, Kpi, PlanStatus, WorkPlan
from bagalau.plans.services import plans_initiate
from bagalau.surveys import ballots
from bagalau.surveys.models import Campaign, Invitation, Relation, RunningTally, Target
from bagalau.surveys.selectors import form_for, survey_form, survey_period

SECTOR = 66
SECTORS_A_DEPARTMENT = 10
PASSWORD = make_password("bench")


@dataclass
class World:
    """What the bench needs to find again."""

    organisation: Organisation
    year: int
    hr: object
    hr_head: object
    head: object
    evaluator: object
    servants: int
    units: int
    positions: int
    timings: dict[str, float] = field(default_factory=dict)


def _people(organisation: Organisation, count: int, prefix: str) -> list[Servant]:
    User = get_user_model()
    users = User.objects.bulk_create(
        User(username=f"{prefix}{n}", password=PASSWORD) for n in range(count)
    )
    return Servant.objects.bulk_create(
        Servant(
            organisation=organisation,
            user=user,
            last_name=f"Тегі{n:06d}",
            first_name=f"Аты{n % 97}",
            personnel_number=f"{n:06d}",
        )
        for n, user in enumerate(users)
    )


def build_structure(servants: int, year: int, prefix: str = "") -> World:
    """Units, positions of every category, servants, assignments and absences (bulk_create);
    another organisation of the same run takes its own login `prefix`."""
    organisation = Organisation.objects.create(
        name_kk=f"Бенчмарк аппараты {prefix}".strip(),
        name_ru=f"Аппарат бенчмарка {prefix}".strip(),
        name_en=f"Benchmark apparatus {prefix}".strip(),
    )
    root = Unit.objects.create(organisation=organisation, name_kk="Аппарат")
    sectors_needed = max(1, (servants - 2) // SECTOR)
    departments_needed = max(1, -(-sectors_needed // SECTORS_A_DEPARTMENT))
    departments = Unit.objects.bulk_create(
        Unit(organisation=organisation, parent=root, name_kk=f"{d}-департамент", order=d)
        for d in range(departments_needed)
    )
    sectors = Unit.objects.bulk_create(
        Unit(
            organisation=organisation,
            parent=departments[s // SECTORS_A_DEPARTMENT],
            name_kk=f"{s}-бөлім",
            order=s,
        )
        for s in range(sectors_needed)
    )
    posts: list[Position] = [
        Position(unit=root, name_kk="Аппарат басшысы", category="", heads_unit=True, order=0),
        Position(unit=root, name_kk="Орынбасар", category="B-1", order=1),
    ]
    posts += [
        Position(unit=d, name_kk="Департамент директоры", category="B-1", heads_unit=True)
        for d in departments
    ]
    for sector in sectors:
        posts.append(
            Position(unit=sector, name_kk="Бөлім басшысы", category="B-2", heads_unit=True)
        )
        posts += [
            Position(unit=sector, name_kk="Маман", category=f"B-{3 + n % 3}", order=n)
            for n in range(1, SECTOR)
        ]
        posts.append(Position(unit=sector, name_kk="Бос лауазым", category="B-5", order=SECTOR))
    posts = Position.objects.bulk_create(posts)
    vacant = {p.pk for p in posts if p.name_kk == "Бос лауазым"}
    filled = [p for p in posts if p.pk not in vacant][:servants]
    people = _people(organisation, len(filled), f"{prefix}s")
    start = dt.date(year - 1, 1, 1)
    Assignment.objects.bulk_create(
        Assignment(servant=s, position=p, start=start) for s, p in zip(people, filled, strict=True)
    )
    Absence.objects.bulk_create(
        Absence(
            servant=s,
            kind=AbsenceKind.choices[0][0],
            start=dt.date(year, 7, 1),
            end=dt.date(year, 7, 14),
        )
        for s in people[::10]
    )
    hr_staff = _people(organisation, 2, f"{prefix}hr")
    head_user = people[0].user
    RoleAssignment.objects.bulk_create(
        [
            RoleAssignment(user=hr_staff[0].user, organisation=organisation, role=Role.HR),
            RoleAssignment(user=hr_staff[1].user, organisation=organisation, role=Role.HR_HEAD),
            RoleAssignment(user=head_user, organisation=organisation, role=Role.APPARATUS_HEAD),
        ]
    )
    sector_head = next(s for s, p in zip(people, filled, strict=True) if p.category == "B-2")
    return World(
        organisation=organisation,
        year=year,
        hr=hr_staff[0].user,
        hr_head=hr_staff[1].user,
        head=head_user,
        evaluator=sector_head.user,
        servants=len(people),
        units=1 + len(departments) + len(sectors),
        positions=len(posts),
    )


def approve_schedule(world: World) -> None:
    """The year's schedule drafted, submitted and approved (the services: one call each)."""
    with clock_at(moment_of(dt.date(world.year, 1, 10))):
        schedule = schedule_draft(actor=world.hr, organisation=world.organisation, year=world.year)
        schedule_submit(actor=world.hr, schedule_id=schedule.pk)
        schedule_approve(actor=world.head, schedule_id=schedule.pk)


def approve_plans(world: World) -> int:
    """Every manager's work plan initiated (the service), three KPIs each and approved (bulk)."""
    with clock_at(moment_of(dt.date(world.year, 1, 12))):
        plans_initiate(actor=world.hr, organisation=world.organisation, year=world.year)
    plans = list(WorkPlan.objects.filter(organisation=world.organisation, year=world.year))
    Kpi.objects.bulk_create(
        Kpi(
            plan=plan,
            number=n,
            name=f"НМИ {n}",
            source="Есеп",
            unit="%",
            direction=Direction.choices[0][0],
            plan_q1=Decimal(90),
            plan_q2=Decimal(90),
            plan_q3=Decimal(90),
            plan_q4=Decimal(90),
            deadline=dt.date(world.year, 12, 31),
            key_result="Нәтиже",
        )
        for plan in plans
        for n in (1, 2, 3)
    )
    WorkPlan.objects.filter(pk__in=[p.pk for p in plans]).update(status=PlanStatus.APPROVED)
    return len(plans)


def quarter_period(world: World, number: int) -> Period:
    return Period.objects.get(
        schedule__organisation=world.organisation,
        schedule__year=world.year,
        kind=PeriodKind.QUARTER,
        number=number,
    )


def open_quarter(world: World, number: int) -> object:
    """HR opens the quarter the day after it ends (the service)."""
    period = quarter_period(world, number)
    with clock_at(moment_of(period.ends + dt.timedelta(days=3))):
        return period_open(actor=world.hr, period_id=period.pk)


def close_quarter(world: World, number: int) -> object:
    """HR closes a quarter once every result in it is final (the service), as it would before
    the next one opens: the dashboards then show the open quarter only."""
    period = quarter_period(world, number)
    with clock_at(moment_of(period.ends + dt.timedelta(days=60))):
        return period_close(actor=world.hr, period_id=period.pk)


def busiest_evaluator(period: Period) -> object:
    """The login of the servant who evaluates the most people in the period."""
    top = (
        Evaluation.objects.filter(period=period, evaluator__isnull=False)
        .values("evaluator")
        .annotate(n=Count("pk"))
        .order_by("-n", "evaluator")
        .first()
    )
    assert top is not None
    return Servant.objects.get(pk=top["evaluator"]).user


def finish_quarter(world: World, number: int, rng: random.Random) -> int:
    """Every pending evaluation of the quarter scored and final (bulk update), and every one
    deferred while its servant was away (as if evaluated on return, p.5), so that HR can close
    the quarter."""
    period = quarter_period(world, number)
    waiting = (EvaluationStatus.PENDING, EvaluationStatus.DEFERRED)
    rows = list(Evaluation.objects.filter(period=period, status__in=waiting))
    for row in rows:
        score = Decimal(rng.randint(250, 500)) / 100
        rating = rate(sjc2023_rules(get_edition(row.edition)), score).code
        row.status = EvaluationStatus.FINAL
        row.score = row.final_score = score
        row.rating = row.final_rating = rating
        row.signed_at = moment_of(period.ends + dt.timedelta(days=10))
    Evaluation.objects.bulk_update(
        rows,
        ["status", "score", "final_score", "rating", "final_rating", "signed_at"],
        batch_size=2000,
    )
    return len(rows)


def annual_period(world: World) -> Period:
    return Period.objects.get(
        schedule__organisation=world.organisation,
        schedule__year=world.year,
        kind=PeriodKind.ANNUAL,
    )


def answer_campaign(campaign: Campaign, rng: random.Random) -> int:
    """Every questionnaire answered: the invitations marked, one sealed ballot each (the same
    `ballots.add` the questionnaire page calls, one target at a time, without the page)."""
    day = campaign.deadline - dt.timedelta(days=5)
    answered = 0
    for target in campaign.targets.prefetch_related("invitations").order_by("pk"):
        form = survey_form(campaign, target.form)
        count = len(target.invitations.all())
        plaintexts = [
            ballots.encode(
                form,
                {c.code: [rng.randint(2, 5) for _ in c.statements] for c in form.competencies},
                paper=False,
            )
            for _ in range(count)
        ]
        ballots.add(target, plaintexts)
        answered += count
    Invitation.objects.filter(target__campaign=campaign).update(completed=True, completed_on=day)
    RunningTally.objects.filter(target__campaign=campaign).update(answered=F("invited"))
    return answered


REASON = "Бенчмарк: тізім жаппай құрылды."
LIST_SIZE = 4


def _colleagues(organisation: Organisation) -> tuple[dict[int, list[int]], dict[int, Assignment]]:
    posts = {
        a.servant_id: a
        for a in Assignment.objects.filter(servant__organisation=organisation, end__isnull=True)
        .select_related("position")
        .order_by("start", "pk")
    }
    by_unit: dict[int, list[int]] = {}
    for servant_id, assignment in posts.items():
        by_unit.setdefault(assignment.position.unit_id, []).append(servant_id)
    return by_unit, posts


def _pick(
    by_unit: dict[int, list[int]], unit_id: int, servant_id: int, taken: set[int]
) -> list[int]:
    pool = [s for s in by_unit.get(unit_id, []) if s != servant_id and s not in taken]
    others = (s for people in by_unit.values() for s in people)
    for person in others:
        if len(pool) >= LIST_SIZE:
            break
        if person != servant_id and person not in taken and person not in pool:
            pool.append(person)
    return pool


def complete_lists(campaign: Campaign) -> int:
    """Every list the structure leaves short topped up to 4 with colleagues (bulk_create), with
    a written reason for the missing manager, as HR would (p.35); the number of lists fixed."""
    by_unit, _posts = _colleagues(campaign.organisation)
    short = []
    added = []
    for target in campaign.targets.prefetch_related("invitations"):
        taken = {i.respondent_id for i in target.invitations.all()}
        if len(taken) >= LIST_SIZE:
            continue
        short.append(target.pk)
        for person in _pick(by_unit, target.unit_id, target.servant_id, taken)[
            : LIST_SIZE - len(taken)
        ]:
            added.append(Invitation(target=target, respondent_id=person, relation=Relation.PEER))
    Invitation.objects.bulk_create(added)
    Target.objects.filter(pk__in=short).update(no_manager_reason=REASON)
    return len(short)


def bulk_campaign(world: World) -> Campaign:
    """The 360 campaign drafted in bulk (what campaign_create writes, without its per-servant
    proposal): a target per servant in a "B" post, four colleagues each, a written reason."""
    organisation = world.organisation
    period = survey_period(organisation, world.year)
    assert period is not None
    campaign = Campaign.objects.create(
        organisation=organisation,
        year=world.year,
        edition=period.schedule.edition,
        period=period,
        deadline=period.planned_date,
        created_by=world.hr,
    )
    by_unit, posts = _colleagues(organisation)
    targets = Target.objects.bulk_create(
        Target(
            campaign=campaign,
            servant_id=servant_id,
            position=a.position,
            unit_id=a.position.unit_id,
            form=form_for(a),
            no_manager_reason=REASON,
        )
        for servant_id, a in posts.items()
        if a.position.category
    )
    Invitation.objects.bulk_create(
        (
            Invitation(target=t, respondent_id=person, relation=Relation.PEER)
            for t in targets
            for person in _pick(by_unit, t.unit_id, t.servant_id, set())[:LIST_SIZE]
        ),
        batch_size=5000,
    )
    return campaign


def bulk_quarter(world: World, number: int) -> int:
    """The quarter's evaluations written in bulk (what period_open writes for the servants in
    post all quarter long, without the per-servant roster): evaluator from one structure load,
    method from the post, then opened; the number of evaluations."""
    period = quarter_period(world, number)
    edition = period.schedule.edition
    structure = get_edition(edition).structure
    index = StructureIndex(world.organisation, period.ends)
    rows = []
    for assignment in index.assignment.values():
        if not assignment.position.category:
            continue
        kpi = assignment.position.evaluated_by_kpi(structure)
        rows.append(
            Evaluation(
                period=period,
                servant=assignment.servant,
                assignment=assignment,
                method=Method.KPI if kpi else Method.DIFFERENTIATION,
                edition=edition,
                evaluator=index.direct_manager(assignment.servant),
                status=EvaluationStatus.PENDING,
                due_date=period.deadline,
            )
        )
    Evaluation.objects.bulk_create(rows, batch_size=2000)
    Period.objects.filter(pk=period.pk).update(status=PeriodStatus.OPEN)
    return len(rows)
