"""Load the demo apparatus (idempotent: does nothing when it is already there)."""

from typing import Any

from django.core.management.base import BaseCommand

from bagalau.core import clock
from bagalau.demo.structure import LOGINS, ORG_NAME, PASSWORD, build_structure
from bagalau.org.models import Organisation


class Command(BaseCommand):
    """`manage.py demo`."""

    help = "Load a fictional apparatus with logins for every role."

    def handle(self, *args: Any, **options: Any) -> None:
        if Organisation.objects.filter(name_kk=ORG_NAME).exists():
            self.stdout.write("The demo apparatus is already loaded.")
        else:
            today = clock.today()
            build_structure(start=today.replace(year=today.year - 2, month=1, day=9))
        self.stdout.write("")
        self.stdout.write(
            f"Bagalau demo: http://127.0.0.1:8000   (password for every login: {PASSWORD})"
        )
        for username, role, what in LOGINS:
            self.stdout.write(f"  {username:<10} {role:<52} {what}")
