"""The command line: ``rothwizard [PLAN]``, ``rothwizard compute PLAN``, ``rothwizard export PLAN -o OUT``
(OUT.pdf, or OUT.json for the action plan as JSON).

Bad input exits 2 with one line on standard error naming the field; an output that cannot be written
exits 1 with one line and leaves no partial file. Nothing heavy is imported before it is needed.
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import NoReturn

from rothwizard import __version__

EXIT_OK, EXIT_WRITE, EXIT_INPUT = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        line = message.replace("\r", "\\r").replace("\n", "\\n")
        self.exit(EXIT_INPUT, f"rothwizard: {line} (see rothwizard --help)\n")


def _fail(code: int, message: str) -> int:
    """One line on standard error: newlines in file names or keys are shown as \\n."""
    line = str(message).replace("\r", "\\r").replace("\n", "\\n")
    print(f"rothwizard: {line}", file=sys.stderr)
    return code


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="rothwizard",
        description="Plan a Backdoor Roth IRA and a Mega Backdoor Roth. Not tax advice.",
        epilog="With no command, opens the wizard (with PLAN, opens that saved plan).",
    )
    parser.add_argument("--version", action="version", version=f"rothwizard {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="{compute,export}")
    c = sub.add_parser("compute", help="print the report for a plan file as JSON")
    c.add_argument("plan", metavar="PLAN")
    e = sub.add_parser("export", help="write the action plan for a plan file: PDF, or JSON for OUT.json")
    e.add_argument("plan", metavar="PLAN")
    e.add_argument("-o", "--output", required=True, metavar="OUT.pdf|OUT.json")
    e.add_argument("--paper", choices=["letter", "a4"], default=None,
                   help="paper size (default: from the locale)")
    return parser


def _load(path: str):
    from rothwizard.core import InvalidInput, RothWizardError
    from rothwizard.core.ledger import compute_any, load_any

    try:
        plan = load_any(path)
    except InvalidInput as exc:
        message = str(exc)
        if exc.kind == "missing":
            message += " (the plan is not finished: fill it in with the wizard)"
        raise _InputFault(message) from exc
    except RothWizardError as exc:
        raise _InputFault(str(exc)) from exc
    try:
        return plan, compute_any(plan)
    except RothWizardError as exc:
        raise _InputFault(str(exc)) from exc
    except Exception as exc:  # a fault in RothWizard, not in the plan: one line, never a traceback
        raise _InternalFault(f"could not compute this plan ({exc.__class__.__name__}); please report it "
                             "with the plan file") from exc


class _InputFault(Exception):
    pass


class _InternalFault(Exception):
    pass


def cmd_compute(args: argparse.Namespace) -> int:
    try:
        _plan, report = _load(args.plan)
    except _InputFault as exc:
        return _fail(EXIT_INPUT, str(exc))
    except _InternalFault as exc:
        return _fail(EXIT_WRITE, str(exc))
    _print_utf8(report.model_dump_json(indent=2) + "\n")
    return EXIT_OK


def _print_utf8(text: str) -> None:
    """JSON goes out as UTF-8 whatever the locale: on Windows a pipe or a file would otherwise get the ANSI
    code page (cp1252: "÷" as one byte, "≥" not at all). A windowed program has no stdout: nothing to do."""
    out = sys.stdout
    if out is None:
        return
    buffer = getattr(out, "buffer", None)
    if buffer is None:
        out.write(text)
        return
    out.flush()
    buffer.write(text.encode("utf-8"))
    buffer.flush()


def cmd_export(args: argparse.Namespace) -> int:
    try:
        plan, report = _load(args.plan)
    except _InputFault as exc:
        return _fail(EXIT_INPUT, str(exc))
    except _InternalFault as exc:
        return _fail(EXIT_WRITE, str(exc))
    from rothwizard.core.actionplan.years import needs_years_export

    if needs_years_export(plan, report):
        return _export_years(plan, args)
    if args.output.lower().endswith(".json"):
        from rothwizard.core.actionplan.export import JsonExportError, export_json

        try:
            export_json(plan, report, args.output)
        except JsonExportError as exc:
            return _fail(EXIT_WRITE, str(exc))
        return EXIT_OK
    from rothwizard.core.atomic import plain_reason
    from rothwizard.report import ExportError, export_pdf

    try:
        export_pdf(plan, report, args.output, paper=args.paper)
    except ExportError as exc:
        return _fail(EXIT_WRITE, str(exc))
    except OSError as exc:
        return _fail(EXIT_WRITE, f"Cannot write {args.output}: {plain_reason(exc)}.")
    except Exception as exc:  # a fault in RothWizard: one line, no partial file (the write is atomic)
        return _fail(EXIT_WRITE, f"could not make the action plan ({exc.__class__.__name__}); please report "
                                 "it with the plan file")
    return EXIT_OK


def _export_years(doc, args: argparse.Namespace) -> int:
    """A file with several years (or a plan with records): one action plan covering every year."""
    from rothwizard.core.atomic import atomic_write, plain_reason

    try:
        if args.output.lower().endswith(".json"):
            from rothwizard.core.actionplan.years import years_action_plan_json

            target = args.output
            if os.path.isdir(target):
                return _fail(EXIT_WRITE, f"Cannot write the action plan to {target}: it is a folder.")
            atomic_write(target, years_action_plan_json(doc).encode("utf-8"))
        else:
            from rothwizard.report import ExportError
            from rothwizard.report.years import export_years_pdf

            try:
                export_years_pdf(doc, args.output, paper=args.paper)
            except ExportError as exc:
                return _fail(EXIT_WRITE, str(exc))
    except OSError as exc:
        return _fail(EXIT_WRITE, f"Cannot write {args.output}: {plain_reason(exc)}.")
    except Exception as exc:  # a fault in RothWizard: one line, no partial file (the write is atomic)
        return _fail(EXIT_WRITE, f"could not make the action plan ({exc.__class__.__name__}); please report "
                                 "it with the plan file")
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] in ("compute", "export") or any(a in ("-h", "--help", "--version") for a in argv) \
            or any(a.startswith("-") and a != "-" for a in argv):  # an unknown option exits 2 here
        args = build_parser().parse_args(argv)
        if args.command is None:
            return _fail(EXIT_INPUT, "a command is missing (see rothwizard --help)")
        return cmd_compute(args) if args.command == "compute" else cmd_export(args)
    if len(argv) > 1:
        return _fail(EXIT_INPUT, f"unexpected arguments: {' '.join(argv[1:])} (see rothwizard --help)")
    from rothwizard.gui.app import run

    return run(argv[0] if argv else None)
