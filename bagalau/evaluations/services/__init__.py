"""Evaluation services, by stage: schedule.py (schedule, roster, opening a period), sheets.py
(KPI and differentiation sheets, signing, annual results), familiarisation.py (acknowledge,
refusal act), common.py (finalisation into the service record; KPI rows)."""
