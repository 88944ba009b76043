"""Evaluation pages by stage: schedule.py (schedule, roster, opening periods, cycle overview) and
sheets.py (KPI and differentiation sheets, results, familiarisation, annual, consequences)."""
