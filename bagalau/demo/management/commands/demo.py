"""Load the demo apparatus (idempotent: loads once, prints the logins every time)."""

import time
from typing import Any

from django.core.management.base import BaseCommand

from bagalau.demo.almaty import ALMATY_YEAR, load_almaty
from bagalau.demo.almaty_structure import ALMATY_LOGINS, almaty_loaded
from bagalau.demo.justice import YEARS as JUSTICE_YEARS
from bagalau.demo.justice import load_justice
from bagalau.demo.justice_structure import JUSTICE_LOGINS, justice_loaded
from bagalau.demo.loader import demo_has_history, demo_loaded, load_demo
from bagalau.demo.sjc_past import PAST_YEAR, SJC_PAST_LOGINS, sjc_past_loaded
from bagalau.demo.structure import LOGINS, PASSWORD
from bagalau.evaluations.models import Evaluation
from bagalau.evaluations.selectors.sheets import sheets_to_fill


def other_logins_with_work() -> list[tuple[str, str, str]]:
    """Logins outside LOGINS with a sheet to fill and sign today (issue 13 item 11: nobody with
    work to do is left out of the list), each with what to try as that person."""
    named = LOGINS + SJC_PAST_LOGINS + ALMATY_LOGINS + JUSTICE_LOGINS
    listed = {username for username, _role, _what in named}
    found: dict[str, list[Evaluation]] = {}
    evaluators = Evaluation.objects.filter(evaluator__user__isnull=False).exclude(
        evaluator__user__username__in=listed
    )
    for evaluation in evaluators.select_related("evaluator__user").order_by("pk"):
        user = evaluation.evaluator.user if evaluation.evaluator else None
        if user is not None and user.username not in found:
            found[user.username] = list(sheets_to_fill(user))
    return [
        (
            username,
            f"Evaluator: {sheets[0].evaluator.full_name}" if sheets[0].evaluator else "",
            f"{len(sheets)} sheet(s) to fill and sign, first {sheets[0].servant.short_name} "
            f"({sheets[0].period}) by {sheets[0].due_date:%d.%m.%Y}: Evaluations",
        )
        for username, sheets in sorted(found.items())
        if sheets
    ]


#: The justice department in the summary lines.
JUSTICE_TEXT = "the justice department's {} and {} (moj-2017)".format(*JUSTICE_YEARS)


class Command(BaseCommand):
    """`manage.py demo`."""

    help = (
        "Load a fictional apparatus and its year of evaluations (built through the services), "
        "with a login for every role, and its 2022 under sjc-2018; and an Almaty maslikhat "
        "apparatus with its evaluated 2019 under almaty-2018; and a territorial justice "
        "department with its 2017 and 2018 under moj-2017."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        if demo_loaded():
            self.stdout.write("The demo apparatus is already loaded.")
            if not demo_has_history():
                self.stdout.write(
                    "It was loaded by an earlier version, without its year of evaluations: "
                    "remove var/bagalau.sqlite3 and run `make demo` again to see it."
                )
            elif not sjc_past_loaded():
                self.stdout.write(
                    f"It was loaded by an earlier version, without its {PAST_YEAR} under "
                    "sjc-2018: remove var/bagalau.sqlite3 and run `make demo` again to see it."
                )
        else:
            started = time.perf_counter()
            loaded = load_demo()
            seconds = time.perf_counter() - started
            survey = ", with last year's 360 survey" if loaded.survey360 else ""
            self.stdout.write(
                f"Loaded the demo year {loaded.year}{survey}, the SJC apparatus's "
                f"{loaded.past_year} (sjc-2018), the Almaty maslikhat's "
                f"{loaded.almaty_year} (almaty-2018) and {JUSTICE_TEXT} in {seconds:.1f} s."
            )
        if not almaty_loaded():  # loaded by an earlier version: add the Almaty apparatus
            started = time.perf_counter()
            load_almaty()
            seconds = time.perf_counter() - started
            self.stdout.write(
                f"Added the Almaty maslikhat's {ALMATY_YEAR} (almaty-2018) in {seconds:.1f} s."
            )
        if not justice_loaded():  # loaded by an earlier version: add the justice department
            started = time.perf_counter()
            load_justice()
            seconds = time.perf_counter() - started
            self.stdout.write(f"Added {JUSTICE_TEXT} in {seconds:.1f} s.")
        self.stdout.write("")
        self.stdout.write(
            f"Bagalau demo: http://127.0.0.1:8000   (password for every login: {PASSWORD})"
        )
        logins = LOGINS + other_logins_with_work() + SJC_PAST_LOGINS + ALMATY_LOGINS
        logins += JUSTICE_LOGINS
        names = max(len(username) for username, _role, _what in logins)
        width = max(len(role) for _username, role, _what in logins)
        for username, role, what in logins:
            self.stdout.write(f"  {username:<{names}} {role:<{width}}  {what}")
