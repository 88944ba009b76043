"""REST endpoints of the org app (mounted at /api/v1/org/).

Reads follow `bagalau.org.access` (everyone in the organisation sees the structure; a servant's
personal data only HR, the administrator, the servant and their managers); writes call the same
services as the pages, which check who may. Rows that can be edited carry an integer `version`:
send it back with a PATCH to be refused (409) when someone changed the row meanwhile.

By concern: org_structure.py (units, positions), org_servants.py (servants, assignments,
managers, absences), org_administration.py (roles, transferred days off, editions), with
org_serializers.py (the shapes) and org_common.py (the organisation of a request and the generic
`RowList` / `RowDetail` endpoints every kind of row is served by, with their schema).
"""

from bagalau.api import org_administration, org_servants, org_structure

urlpatterns = org_structure.urlpatterns + org_servants.urlpatterns + org_administration.urlpatterns
