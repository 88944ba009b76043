"""What the org app tells the apps above it, which connect receivers in their ready()."""

from django.dispatch import Signal

#: A servant's absences changed (sent with `actor` and `servant_id`, inside the transaction):
#: the evaluations app moves the due dates of their open evaluations (seed 002 p.5).
absence_changed = Signal()
