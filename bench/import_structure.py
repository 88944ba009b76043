"""Import a generated 3,000-servant structure file, then import it again (issue 14 item 1):
prints the seconds and the peak Python memory (tracemalloc) of each run, and checks that the
second run changed nothing.

    DATABASE_URL= .venv/bin/python bench/import_structure.py [--servants 3000]

Runs on a throw-away test database (Django's test runner machinery), never on the demo's."""

from __future__ import annotations

import argparse
import io
import os
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")


def build_file(servants: int) -> bytes:
    """An apparatus of 30 departments of 5 sectors each; one post per servant (a head for each
    sector), an assignment each and an absence for every tenth servant."""
    from openpyxl import Workbook

    from bagalau.org_imports.columns import SHEETS

    book = Workbook()
    book.remove(book.active)
    pages = {sheet.key: book.create_sheet(sheet.key) for sheet in SHEETS}
    for sheet in SHEETS:
        pages[sheet.key].append([column.key for column in sheet.columns])
    pages["units"].append(["APP", "Аппарат", "Аппарат", "Apparatus", "", 0])
    sectors = []
    for d in range(30):
        pages["units"].append([f"D{d}", f"{d}-департамент", "", "", "APP", d])
        for s in range(5):
            code = f"D{d}S{s}"
            sectors.append(code)
            pages["units"].append([code, f"{d}.{s} бөлім", "", "", f"D{d}", s])
    for n in range(servants):
        unit = sectors[n % len(sectors)]
        head = n < len(sectors)
        pages["positions"].append(
            [
                f"P{n}",
                unit,
                f"Лауазым {n}",
                "",
                "",
                "B-1" if head else "B-4",
                "иә" if head else "жоқ",
                "",
                "",
                "",
                n,
            ]
        )
        number = f"{n:05d}"
        pages["servants"].append([number, f"Тегі{n}", f"Аты{n}", "", ""])
        pages["assignments"].append([number, f"P{n}", "01.01.2024", None, "", "", None])
        if n % 10 == 0:
            pages["absences"].append([number, "annual_leave", "01.07.2026", "14.07.2026", ""])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--servants", type=int, default=3000)
    parser.add_argument(
        "--no-trace", action="store_true", help="time without tracemalloc (which slows Python)"
    )
    args = parser.parse_args()
    import django

    django.setup()
    from django.conf import settings
    from django.test.utils import get_runner

    runner = get_runner(settings)(verbosity=0, interactive=False)
    old = runner.setup_databases()
    try:
        from django.contrib.auth import get_user_model

        from bagalau.org.models import Organisation, Role, RoleAssignment
        from bagalau.org_imports.services import structure_import

        data = build_file(args.servants)
        organisation = Organisation.objects.create(name_kk="Бенчмарк аппараты")
        user = get_user_model().objects.create_user("bench_hr")
        RoleAssignment.objects.create(user=user, organisation=organisation, role=Role.HR)
        print(f"file: {args.servants} servants, {len(data) / 1024:.0f} KiB")
        for label in ("import", "re-import"):
            if not args.no_trace:
                tracemalloc.start()
            started = time.perf_counter()
            outcome = structure_import(actor=user, organisation=organisation, data=data)
            seconds = time.perf_counter() - started
            memory = ""
            if not args.no_trace:
                _current, peak = tracemalloc.get_traced_memory()
                tracemalloc.stop()
                memory = f", peak {peak / 2**20:.0f} MiB"
            counts = ", ".join(f"{sheet} {dict(c)}" for sheet, c in outcome["counts"].items())
            print(f"{label}: {seconds:.1f} s{memory}; {counts}")
        changed = any(c.get("created") or c.get("updated") for c in outcome["counts"].values())
        print("re-import changed nothing" if not changed else "RE-IMPORT CHANGED ROWS")
        return 1 if changed else 0
    finally:
        runner.teardown_databases(old)


if __name__ == "__main__":
    raise SystemExit(main())
