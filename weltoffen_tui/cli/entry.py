"""The ``weltoffen`` console script: parse, dispatch, and turn every error into German.

Heavy modules (Textual, pydantic, Rich) are imported inside the command that needs
them, so ``weltoffen --help`` and each command start quickly.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from types import SimpleNamespace
from typing import TYPE_CHECKING, NoReturn

from weltoffen_tui.cli.exitcodes import EXIT_OK, EXIT_UNEXPECTED, EXIT_USER_ERROR

if TYPE_CHECKING:
    import argparse


def run() -> NoReturn:
    """The console script (and ``python -m weltoffen_tui``): ``main()``, then exit.

    Before the interpreter shuts down, ``gc.freeze()`` moves every object the command
    made (pydantic's models, the pack, Rich's renderables) out of reach of the cyclic
    garbage collector. Why: at exit the interpreter runs that collector once more over
    all of them, which took 40–50 ms of a 300 ms ``weltoffen report`` and gives nothing
    back to the user, whose prompt only returns after it. Everything else of a normal
    exit still happens: atexit handlers run and standard output is flushed; the program
    writes its files completely and closes them before this point (atomic writes).
    Only here, not in ``main()``: tests call ``main()`` many times in one process.
    """
    import gc

    code = main()
    gc.freeze()
    sys.exit(code)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script; returns the exit code."""
    from weltoffen_tui.cli.commands import HANDLERS

    args = _parse(sys.argv[1:] if argv is None else argv)
    try:
        from weltoffen_tui.cli.cmd_packs import configure as configure_packs

        configure_packs(args)  # --data-dir and --pack: where packs are found
        return HANDLERS[args.command or "start"](args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:
        from weltoffen_tui.core.errors import UserError

        if isinstance(exc, UserError):
            from weltoffen_tui.core.textsafe import visible

            for problem in exc.problems:  # names files and quotes their content
                print(visible(f"weltoffen: {problem}"), file=sys.stderr)
            return EXIT_USER_ERROR
        from weltoffen_tui.core.crashlog import write_crash_log

        log = write_crash_log(exc)
        print(
            f"weltoffen: unerwarteter Fehler ({type(exc).__name__}). Ihre gespeicherten "
            f"Antworten sind unverändert. Details: {log}",
            file=sys.stderr,
        )
        return EXIT_UNEXPECTED


def _parse(argv: Sequence[str]) -> argparse.Namespace:
    """The parsed command line; plain ``weltoffen`` (the start screen) without the parser.

    Building the parser with all its commands costs more than the rest of the command
    line handling; without arguments its result is always the same (checked in
    ``tests/test_cli.py``).
    """
    if not argv:  # the same attributes, without importing argparse at start-up
        return SimpleNamespace(command=None)  # type: ignore[return-value]
    from weltoffen_tui.cli.parser import build_parser

    return build_parser().parse_args(argv)
