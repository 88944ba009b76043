"""Run the periodic jobs once (cron: every hour; the demo runs it at start-up)."""

from typing import Any

from django.core.management.base import BaseCommand

from bagalau.core.jobs import JOBS


class Command(BaseCommand):
    """`manage.py tick`."""

    help = "Run every periodic job once: finalise expired windows, send reminders."

    def handle(self, *args: Any, **options: Any) -> None:
        for job in sorted(JOBS.values(), key=lambda j: j.order):
            self.stdout.write(f"{job.key}: {job.run()}")
