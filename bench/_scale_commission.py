"""The commission of a bench organisation (bench/_scale_cycles.py): formed by HR's order, then a
session on every evaluation before it, each step through the commission's own service as HR, the
members and the authorised person run it (EDITIONS.md §2.2 A1, G1-G4)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from _scale_world import World
from django.test import Client
from django.urls import reverse

from bagalau.commission import services
from bagalau.commission.access import signatories
from bagalau.commission.models import CommissionSession, MotionKind
from bagalau.commission.selectors import agenda_candidates
from bagalau.demo.clock import clock_at, moment_of
from bagalau.evaluations.models import Evaluation
from bagalau.org.models import Servant

Measure = Callable[[str, Callable[[], Any]], Any]
Page = Callable[[Any, Any, str, str], None]
MEMBERS = 5


def form_commission(world: World, order_date: dt.date) -> list[Servant]:
    """HR records the forming order: the head of the apparatus signs it, five servants sit (the
    first the chair), an HR servant is the secretary. The seats' servants, chair first."""
    head = Servant.objects.get(user=world.head)
    secretary = Servant.objects.get(user=world.hr)
    seated = list(
        Servant.objects.filter(organisation=world.organisation, assignments__isnull=False)
        .exclude(pk=head.pk)
        .order_by("pk")[:MEMBERS]
    )
    seats = [(seated[0].pk, "chair")] + [(s.pk, "member") for s in seated[1:]]
    seats.append((secretary.pk, "secretary"))
    with clock_at(moment_of(order_date + dt.timedelta(days=1))):
        services.commission_form(
            actor=world.hr,
            organisation_id=world.organisation.pk,
            order_number="1",
            order_date=order_date,
            signatory_id=head.pk,
            seats=seats,
        )
    return [*seated, secretary]


def hold_session(  # noqa: PLR0913 - the parts of one session
    world: World,
    label: str,
    day: dt.date,
    evaluations: list[Evaluation],
    measure: Measure,
    page: Page,
    *,
    approve: bool,
) -> CommissionSession:
    """The session on `day` with `evaluations` on its agenda: scheduled, attended by all,
    a motion to approve and its vote on each servant, signed by every signatory and, where the
    edition has one, approved by the authorised person; each step timed, then the HR pages."""
    with clock_at(moment_of(day, 10)):
        session, _s = measure(
            f"{label} session_schedule (HR puts every servant on the agenda)",
            lambda: services.session_schedule(
                actor=world.hr,
                organisation_id=world.organisation.pk,
                date=day,
                chair_agreed_on=day - dt.timedelta(days=7),
                place="Мәжіліс залы",
                evaluation_ids=[e.pk for e in evaluations],
            ),
        )
        seats = list(session.version.seats.values_list("servant_id", "role"))
        present = [servant for servant, _role in seats]
        measure(
            f"{label} session_record_attendance",
            lambda: services.session_record_attendance(
                actor=world.hr, session_id=session.pk, present_servant_ids=present
            ),
        )
        voters = [servant for servant, role in seats if role != "secretary"]
        items = list(session.agenda.order_by("number").values_list("evaluation_id", flat=True))

        def decide_all() -> None:
            for evaluation_id in items:
                motion = services.motion_put(
                    actor=world.hr,
                    session_id=session.pk,
                    evaluation_id=evaluation_id,
                    kind=MotionKind.APPROVE,
                )
                services.motion_vote(
                    actor=world.hr, motion_id=motion.pk, votes=dict.fromkeys(voters, "for")
                )

        measure(f"{label} motion_put + motion_vote, every servant (one call each)", decide_all)
        measure(
            f"{label} session_conclude",
            lambda: services.session_conclude(
                actor=world.hr, session_id=session.pk, conclusion="Нәтижелер бекітілсін."
            ),
        )
        signers = [seat.servant.user for seat in signatories(session)]
        for number, user in enumerate(signers, start=1):
            measure(
                f"{label} protocol_sign ({number} of {len(signers)})",
                lambda user=user: services.protocol_sign(
                    actor=user, session_id=session.pk, signed_on=day
                ),
            )
        if approve:
            measure(
                f"{label} session_approve (the authorised person)",
                lambda: services.session_approve(
                    actor=world.head, session_id=session.pk, approved_on=day
                ),
            )
    with clock_at(moment_of(day + dt.timedelta(days=1), 10)):
        client = Client()
        page(client, world.hr, f"{label} commission index page (HR)", reverse("commission:index"))
        page(
            client,
            world.hr,
            f"{label} protocol page (HR)",
            reverse("commission:session", args=[session.pk]),
        )
        session_url = reverse("commission:session", args=[session.pk])
        page(client, world.hr, f"{label} protocol page, page 200 (HR)", f"{session_url}?page=200")
        page(client, world.hr, f"{label} protocol page, a name searched", f"{session_url}?q=000123")
        page(
            client,
            world.hr,
            f"{label} result page, one servant (HR)",
            reverse("commission:result", args=[items[0]]),
        )
        page(
            client,
            world.hr,
            f"{label} commission XLSX export",
            reverse("exports:commission", args=[session.pk]),
        )
    return session


def before_commission(world: World) -> list[Evaluation]:
    """The organisation's evaluations before the commission, in the agenda's order."""
    return list(agenda_candidates(world.organisation))
