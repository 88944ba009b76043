"""What the org app tells the apps above it, which connect receivers in their ready()."""

from django.dispatch import Signal

#: A servant's absences changed (sent with `actor` and `servant_id`, inside the transaction):
#: the evaluations app moves the due dates of their open evaluations (seed 002 p.5).
absence_changed = Signal()

#: The organisation's structure changed: units, posts, who holds them, the managers named on an
#: assignment, the edition or the apparatus's heads (sent with `organisation_id`, inside the
#: transaction): the apps that remember answers worked out from the structure work them out
#: again (surveys: the 360 draft's check, issue 12 item 3).
structure_changed = Signal()
