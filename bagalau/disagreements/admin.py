"""No admin for disagreements: they are read and answered on their pages, where access is
checked (seed 002 p.16)."""
