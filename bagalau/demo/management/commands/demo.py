"""Load the demo apparatus (idempotent: loads once, prints the logins every time)."""

import time
from typing import Any

from django.core.management.base import BaseCommand

from bagalau.demo.loader import demo_has_history, demo_loaded, load_demo
from bagalau.demo.structure import LOGINS, PASSWORD


class Command(BaseCommand):
    """`manage.py demo`."""

    help = (
        "Load a fictional apparatus and its year of evaluations (built through the services), "
        "with a login for every role."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        if demo_loaded():
            self.stdout.write("The demo apparatus is already loaded.")
            if not demo_has_history():
                self.stdout.write(
                    "It was loaded by an earlier version, without its year of evaluations: "
                    "remove var/bagalau.sqlite3 and run `make demo` again to see it."
                )
        else:
            started = time.perf_counter()
            loaded = load_demo()
            seconds = time.perf_counter() - started
            survey = ", with last year's 360 survey" if loaded.survey360 else ""
            self.stdout.write(f"Loaded the demo year {loaded.year}{survey} in {seconds:.1f} s.")
        self.stdout.write("")
        self.stdout.write(
            f"Bagalau demo: http://127.0.0.1:8000   (password for every login: {PASSWORD})"
        )
        width = max(len(role) for _username, role, _what in LOGINS)
        for username, role, what in LOGINS:
            self.stdout.write(f"  {username:<12} {role:<{width}}  {what}")
