"""Evaluation reads by stage: schedule.py (schedule, roster, progress) and sheets.py (sheets,
results, consequences). Results are read only through bagalau.evaluations.access."""
