"""The `bagalau` command: calc (no database), serve, demo, and Django's management commands."""

from __future__ import annotations

import argparse
import json
import os
import sys
import textwrap
from collections.abc import Sequence
from typing import NoReturn

from bagalau.methodology import DEFAULT_EDITION, get_edition
from bagalau.methodology.calc import calculate, run
from bagalau.methodology.calc.fields import parse_request
from bagalau.methodology.calc.methods import BY_MODEL, COMMON
from bagalau.methodology.editions import edition_codes
from bagalau.serve import serve

CALC_DESCRIPTION = """\
Compute any number of the methodologies without a database, exactly as the system does:
the HR "what-if" calculator, also for batch checks and tests (SPEC §10).

    bagalau calc EDITION METHOD < request.json > result.json

One JSON object on stdin, one on stdout. Numbers may be JSON numbers or numeric strings; decimal
results are strings with the decimals the methodology fixes ("4.85"), whole points are integers.
Exit 0 on success; exit 2 on invalid input with
    {"error": {"field": "<JSON path, e.g. kpis[2].actual>", "message": "<the rule broken>"}}

With --explain the answer is {"edition", "method", "language", "result": <the answer above>,
"steps": [{"step", "code", "field", "text", "source", "cites", "values"}]}: every step from the
inputs through each rule to the number, citing the paragraph of the seed, in --lang kk, ru or en.
"""


class _CalcParser(argparse.ArgumentParser):
    """Argument errors follow the calculator's error contract: JSON on stdout, exit 2."""

    def error(self, message: str) -> NoReturn:
        field = (
            "method"
            if "METHOD" in message
            else "edition"
            if "EDITION" in message
            else "lang"
            if "--lang" in message
            else "$"
        )
        sys.stdout.write(
            json.dumps({"error": {"field": field, "message": f"bagalau calc: {message}"}}) + "\n"
        )
        self.print_usage(sys.stderr)
        raise SystemExit(2)


def calc_epilog() -> str:
    """Every edition's methods with a worked example, computed live so the help never lies."""
    lines = ["editions and methods:"]
    editions_by_model: dict[str, list[str]] = {}
    for code in edition_codes():
        editions_by_model.setdefault(get_edition(code).model, []).append(code)
    groups = [(editions_by_model[m], methods) for m, methods in BY_MODEL.items()]
    groups.append((["any edition"], COMMON))
    for editions, methods in groups:
        lines.append("")
        lines.append(f"  {', '.join(editions)}")
        sample_edition = editions[0] if editions[0] != "any edition" else DEFAULT_EDITION
        for method in methods.values():
            lines.append(f"    {method.name}")
            lines.extend(
                textwrap.wrap(method.summary, 92, initial_indent=" " * 6, subsequent_indent=" " * 6)
            )
            request = json.dumps(method.example, ensure_ascii=False)
            result = calculate(sample_edition, method.name, parse_request(request))
            answer = json.dumps(result, ensure_ascii=False)
            lines.append(f"      $ echo '{method.shown or request}' \\")
            lines.append(f"          | bagalau calc {sample_edition} {method.name}")
            lines.extend(
                textwrap.wrap(answer, 92, initial_indent=" " * 6, subsequent_indent=" " * 8)
            )
    return "\n".join(lines)


def _calc(argv: Sequence[str]) -> int:
    wants_help = any(arg in ("-h", "--help") for arg in argv)
    parser = _CalcParser(
        prog="bagalau calc",
        description=CALC_DESCRIPTION,
        epilog=calc_epilog() if wants_help else None,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "edition",
        metavar="EDITION",
        help="sjc-2023, sjc-2018, almaty-2018, kyzylorda-2018 or moj-2017",
    )
    parser.add_argument("method", metavar="METHOD", help="see the list below")
    parser.add_argument(
        "--explain",
        action="store_true",
        help="add the steps from the inputs through each rule to the number, citing the seed",
    )
    parser.add_argument(
        "--lang",
        default="en",
        choices=("kk", "ru", "en"),
        help="the language of the explanation (default en)",
    )
    args = parser.parse_args(argv)
    try:
        text = sys.stdin.buffer.read().decode("utf-8")
    except UnicodeDecodeError as error:
        message = f"the request is not UTF-8 text (byte {error.start})"
        sys.stdout.write(json.dumps({"error": {"field": "$", "message": message}}) + "\n")
        return 2
    try:
        code, output = run(
            args.edition, args.method, text, explain_in=args.lang if args.explain else None
        )
    except Exception as error:  # a defect of ours: still answer in the contract, never a traceback
        message = f"internal error ({type(error).__name__}); please report it with the request"
        sys.stdout.write(json.dumps({"error": {"field": "$", "message": message}}) + "\n")
        return 1
    sys.stdout.write(output + "\n")
    return code


def _django(argv: Sequence[str]) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["bagalau", *argv])
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `bagalau` console script."""
    args = list(sys.argv[1:] if argv is None else argv)
    commands = {
        "calc": ("compute a methodology number from JSON on stdin (no database)", _calc),
        "serve": (
            "run the production server: gunicorn, the task worker and the periodic jobs "
            "(--dev: Django's development server)",
            serve,
        ),
        "demo": (
            "load the demo organisation into the database",
            lambda rest: _django(["demo", *rest]),
        ),
        "manage": ("any Django management command, e.g. bagalau manage migrate", _django),
    }
    if not args or args[0] in ("-h", "--help") or args[0] not in commands:
        width = max(len(name) for name in commands)
        listing = "\n".join(
            f"  {name:<{width}}  {summary}" for name, (summary, _) in commands.items()
        )
        stream = sys.stdout if args and args[0] in ("-h", "--help") else sys.stderr
        stream.write(
            f"usage: bagalau COMMAND ...\n\ncommands:\n{listing}\n\n"
            "bagalau calc --help explains every method with an example.\n"
        )
        return 0 if stream is sys.stdout else 2
    try:
        return commands[args[0]][1](args[1:])
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    raise SystemExit(main())
