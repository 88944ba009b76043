"""The consequences of moj-2017 results (seed 001 p.41-45; EDITIONS.md §8, §9.4 M-9, M-10,
M-11): the flags read from the approved results, the training referral and the register's
decisions on two unsatisfactory years, worked by hand on tests/consequences/moj_world.py."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from bagalau.audit.models import AuditEntry
from bagalau.consequences import moj
from bagalau.consequences.models import Decision, TrainingReferral, TrainingStatus
from bagalau.consequences.services import decision_record
from bagalau.consequences.training import training_referral_complete, training_referral_refer
from bagalau.core.errors import DomainError
from tests.consequences.moj_world import TODAY, build

pytestmark = pytest.mark.django_db


@pytest.fixture
def mw(world, clock):
    clock(TODAY)
    return build(world)


def _results(mw):
    return list(moj.approved_results(mw.org))


def test_m9_bonus_on_approved_quarters_and_years_rated_effective_or_excellent(mw):
    results = _results(mw)
    assert mw.open_q4 not in results  # no final rating: not approved
    assert moj.bonus_results(results) == [mw.q1_excellent, mw.year_effective]
    assert moj.bonus_results(results, year=2017, quarter=1) == [mw.q1_excellent]
    assert moj.bonus_results(results, year=2017, quarter=0) == [mw.year_effective]
    assert moj.bonus_results(results, year=2017, quarter=4) == []
    assert moj.bonus_results(results, year=2016) == []
    for year, quarter in [(None, None), (2017, 1), (2017, 0), (2017, 4), (2016, None)]:
        in_sql = moj.bonus_in(moj.approved_results(mw.org), year=year, quarter=quarter)
        assert list(in_sql) == moj.bonus_results(results, year=year, quarter=quarter)


def test_m11_no_mentoring_while_the_latest_approved_result_is_unsatisfactory(mw):
    banned = moj.mentor_banned(_results(mw))
    # b_head's unsatisfactory Q3 was followed by a satisfactory Q4: the ban is lifted.
    assert sorted(e.pk for e in banned) == sorted([mw.weak_2017.pk, mw.gap_2017.pk])
    assert set(moj.mentor_banned_in(moj.approved_results(mw.org))) == set(banned)
    assert list(moj.overview(mw.org).mentor_ban) == sorted(
        banned, key=lambda e: e.servant.last_name
    )
    latest = moj.latest_results(_results(mw))
    assert latest[mw.b_head.pk] == mw.head_q4
    assert latest[mw.a_staff1.pk] == mw.year_effective


def test_m11_a_later_satisfactory_quarter_lifts_the_ban(mw):
    assert mw.a_staff2.pk in {e.servant_id for e in moj.mentor_banned(_results(mw))}
    later = mw.weak_q3.__class__.objects.get(pk=mw.weak_q3.pk)
    later.pk = None
    later.period = mw.head_q4.period.schedule.periods.get(number=4)
    later.servant = mw.a_staff2
    mw.weak_q4.delete()
    later.final_rating, later.rating = "satisfactory", "satisfactory"
    later.completed_at = mw.weak_2017.completed_at + dt.timedelta(days=20)
    later.save()
    assert mw.a_staff2.pk not in {e.servant_id for e in moj.mentor_banned(_results(mw))}
    in_sql = moj.mentor_banned_in(moj.approved_results(mw.org))
    assert set(in_sql) == set(moj.mentor_banned(_results(mw)))


def test_p45_alert_on_two_consecutive_unsatisfactory_years_only(mw):
    (alert,) = moj.alerts(_results(mw))
    # a_staff2: 2016 and 2017; b_staff1: 2015 and 2017 with a satisfactory 2016: none.
    assert (alert.servant, alert.year, alert.result, alert.previous) == (
        mw.a_staff2,
        2017,
        mw.weak_2017,
        mw.weak_2016,
    )
    assert not alert.resolved
    assert moj.overview(mw.org).alerts == [alert]  # read from the narrowed results


def _decide(mw, evaluation, kind, **extra):
    values = {
        "actor": mw.hr_staff_user,
        "organisation": mw.org,
        "evaluation_id": evaluation.pk,
        "kind": kind,
        "decided_by": "Департамент басшысы",
        "order_number": "15-ж",
        "order_date": TODAY,
    }
    values.update(extra)
    return decision_record(**values)


def test_p45_hr_decision_resolves_the_alert(mw):
    decision = _decide(mw, mw.weak_2017, "no_action", order_number="", reason="Ауруы расталды")
    assert (decision.kind, decision.order_number, decision.reason) == (
        "no_action",
        "",
        "Ауруы расталды",
    )
    (alert,) = moj.alerts(_results(mw))
    assert alert.resolved
    assert alert.decision_kind == "no_action"


def test_p45_demotion_and_dismissal_need_the_run(mw):
    assert _decide(mw, mw.weak_2017, "demotion").kind == "demotion"
    with pytest.raises(DomainError) as refused:
        _decide(mw, mw.gap_2017, "demotion")  # 2016 was satisfactory
    assert refused.value.field == "evaluation"
    with pytest.raises(DomainError) as refused:
        _decide(mw, mw.weak_2016, "demotion")  # 2015 has no result: not twice unsatisfactory
    assert refused.value.field == "evaluation"
    with pytest.raises(DomainError) as refused:
        _decide(mw, mw.weak_q4, "demotion")  # a quarter's result
    assert refused.value.field == "evaluation"
    with pytest.raises(DomainError) as refused:
        _decide(mw, mw.weak_2017, "dismissal")  # no lower post vacant: said in the reason
    assert refused.value.field == "reason"
    with pytest.raises(DomainError) as refused:
        _decide(mw, mw.weak_2017, "no_action", order_number="", reason="  ")
    assert refused.value.field == "reason"
    assert list(Decision.objects.values_list("kind", flat=True)) == ["demotion"]


def test_m9_bonus_decision_on_a_quarter_and_not_on_an_open_result(mw):
    assert _decide(mw, mw.q1_excellent, "bonus").rating == "excellent"
    with pytest.raises(DomainError) as refused:
        _decide(mw, mw.open_q4, "bonus")
    assert refused.value.field == "evaluation"
    with pytest.raises(DomainError) as refused:
        _decide(mw, mw.weak_q4, "bonus")
    assert refused.value.field == "evaluation"
    assert Decision.objects.count() == 1


def test_p43_training_due_three_months_after_the_approval(mw):
    referrals = {r.result.pk: r for r in moj.referrals(_results(mw))}
    assert set(referrals) == {mw.weak_2016.pk, mw.weak_2017.pk, mw.gap_2015.pk, mw.gap_2017.pk}
    narrowed = moj.overview(mw.org).referrals
    assert [(r.result.pk, r.due) for r in narrowed] == [
        (r.result.pk, r.due) for r in moj.referrals(_results(mw))
    ]
    referral = referrals[mw.weak_2017.pk]
    assert referral.due == dt.date(2018, 3, 14)  # approved 14.12.2017
    assert referral.status == TrainingStatus.DUE
    # the year's approved quarters: (70 + 75) / 2 = 72.5 < 80 -> 2 points: suggest "quarters"
    assert moj.referral_of(mw.weak_2017, suggest=True).suggested == ("quarters",)
    assert moj.referral_of(mw.gap_2015, suggest=True).suggested == ()  # nothing known


def test_p43_refer_then_done(mw):
    row = training_referral_refer(
        actor=mw.hr_staff_user,
        evaluation_id=mw.weak_2017.pk,
        directions="Атқарушылық тәртіп, іс қағаздарын жүргізу",
        referred_on=dt.date(2018, 1, 10),
    )
    assert (row.status, row.referred_on) == (TrainingStatus.REFERRED, dt.date(2018, 1, 10))
    row = training_referral_complete(
        actor=mw.hr_head_user,
        evaluation_id=mw.weak_2017.pk,
        done_on=dt.date(2018, 1, 12),
        training="Біліктілікті арттыру курсы, 72 сағат",
    )
    assert (row.status, row.done_on, row.version) == (TrainingStatus.DONE, dt.date(2018, 1, 12), 2)
    assert AuditEntry.objects.filter(object_id=str(row.pk)).count() == 2
    with pytest.raises(DomainError) as refused:  # done is done
        training_referral_refer(
            actor=mw.hr_staff_user,
            evaluation_id=mw.weak_2017.pk,
            directions="Қайта",
            referred_on=TODAY,
        )
    assert refused.value.field == "status"


def test_p43_bad_input_writes_nothing(mw):
    with pytest.raises(DomainError) as refused:  # done before it was referred
        training_referral_complete(
            actor=mw.hr_staff_user,
            evaluation_id=mw.weak_2017.pk,
            done_on=TODAY,
            training="Курс",
        )
    assert refused.value.field == "status"
    with pytest.raises(DomainError) as refused:
        training_referral_refer(
            actor=mw.hr_staff_user,
            evaluation_id=mw.weak_2017.pk,
            directions="   ",
            referred_on=TODAY,
        )
    assert refused.value.field == "directions"
    with pytest.raises(DomainError) as refused:  # before the approval of 14.12.2017
        training_referral_refer(
            actor=mw.hr_staff_user,
            evaluation_id=mw.weak_2017.pk,
            directions="Тәртіп",
            referred_on=dt.date(2017, 12, 13),
        )
    assert refused.value.field == "referred_on"
    with pytest.raises(DomainError) as refused:  # not an unsatisfactory year
        training_referral_refer(
            actor=mw.hr_staff_user,
            evaluation_id=mw.year_effective.pk,
            directions="Тәртіп",
            referred_on=TODAY,
        )
    assert refused.value.field == "evaluation"
    assert not TrainingReferral.objects.exists()
    training_referral_refer(
        actor=mw.hr_staff_user,
        evaluation_id=mw.weak_2017.pk,
        directions="Тәртіп",
        referred_on=dt.date(2018, 1, 10),
    )
    with pytest.raises(DomainError) as refused:  # a training done before the referral's day
        training_referral_complete(
            actor=mw.hr_staff_user,
            evaluation_id=mw.weak_2017.pk,
            done_on=dt.date(2018, 1, 9),
            training="Курс",
        )
    assert refused.value.field == "done_on"
    assert TrainingReferral.objects.get().status == TrainingStatus.REFERRED


@pytest.mark.parametrize("who", ["a_head_user", "a_staff2_user", "head_user", "outsider_user"])
def test_only_the_hr_service_refers(mw, who):
    with pytest.raises(PermissionDenied):
        training_referral_refer(
            actor=getattr(mw, who),
            evaluation_id=mw.weak_2017.pk,
            directions="Тәртіп",
            referred_on=TODAY,
        )
    assert not TrainingReferral.objects.exists()
    assert not AuditEntry.objects.filter(summary__contains="training").exists()


def test_m10_the_annual_sheets_components_when_an_app_gives_them(mw):
    from decimal import Decimal

    def provider(evaluation):
        return (3, Decimal("2.50")) if evaluation.pk == mw.gap_2017.pk else (None, None)

    moj.register_components(provider)
    try:
        assert moj.referral_of(mw.gap_2017, suggest=True).suggested == ("plan",)
        # the provider knows nothing of this year: the approved quarters (70, 75) give 2 points
        assert moj.referral_of(mw.weak_2017, suggest=True).suggested == ("quarters",)
    finally:
        moj._PROVIDERS.remove(provider)
