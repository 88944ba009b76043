"""The campaign page's figures per unit of the evaluatees in one query (issue 12 item 3): how
many evaluatees, questionnaires answered (while open the completed ones, once closed the
counters written at closing), questionnaires due, self-assessments submitted, and evaluatees
short of the responses a report needs (seed 002 p.35: 3), the `withheld` list's length.

While open, each evaluatee's questionnaires are counted in an inner GROUP BY (one pass over the
campaign's invitations instead of one per figure and another for the withheld count); once
closed, its counter written at closing (`ResponseTally`: due and answered) is read instead, one
row an evaluatee. Its self-assessment is joined one to one and everything added up per unit.
Plain SQL because the ORM cannot group an aggregate of aggregates; CASE rather than FILTER, for
SQLite too.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import connection

from bagalau.surveys.models import (
    Campaign,
    CampaignStatus,
    Invitation,
    ResponseTally,
    SelfAssessment,
    Target,
)


@dataclass(frozen=True)
class UnitFigures:
    """The figures of one unit's evaluatees."""

    targets: int
    answered: int
    due: int
    self_done: int
    short: int


def _sql(closed: bool) -> str:
    target = Target._meta.db_table
    invitation = Invitation._meta.db_table
    tally = ResponseTally._meta.db_table
    own = SelfAssessment._meta.db_table
    if closed:
        per_target = f"""
            SELECT t.id, t.unit_id, COALESCE(r.invited, 0) AS due,
                   COALESCE(r.responses, 0) AS answered
            FROM {target} t
            LEFT JOIN {tally} r ON r.target_id = t.id
            WHERE t.campaign_id = %s"""
    else:
        per_target = f"""
            SELECT t.id, t.unit_id, COUNT(i.target_id) AS due,
                   SUM(CASE WHEN i.completed THEN 1 ELSE 0 END) AS answered
            FROM {target} t
            LEFT JOIN {invitation} i ON i.target_id = t.id
            WHERE t.campaign_id = %s
            GROUP BY t.id, t.unit_id"""
    return f"""
        SELECT p.unit_id, COUNT(*), SUM(p.answered), SUM(p.due),
               SUM(CASE WHEN s.submitted_on IS NOT NULL THEN 1 ELSE 0 END),
               SUM(CASE WHEN p.answered < %s THEN 1 ELSE 0 END)
        FROM ({per_target}
        ) p
        LEFT JOIN {own} s ON s.target_id = p.id
        GROUP BY p.unit_id
    """


def unit_figures(campaign: Campaign, needed: int) -> dict[int, UnitFigures]:
    """{unit id: its evaluatees' figures} of the units with evaluatees; `short` counts those
    with fewer than `needed` responses."""
    with connection.cursor() as cursor:
        cursor.execute(_sql(campaign.status == CampaignStatus.CLOSED), [needed, campaign.pk])
        return {
            unit_id: UnitFigures(*(int(value or 0) for value in values))
            for unit_id, *values in cursor.fetchall()
        }
