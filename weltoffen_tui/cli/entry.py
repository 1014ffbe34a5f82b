"""The ``weltoffen`` console script: parse, dispatch, and turn every error into German.

Heavy modules (Textual, pydantic, Rich) are imported inside the command that needs
them, so ``weltoffen --help`` and each command start quickly.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from weltoffen_tui.cli.exitcodes import EXIT_OK, EXIT_UNEXPECTED, EXIT_USER_ERROR


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script; returns the exit code."""
    from weltoffen_tui.cli.commands import HANDLERS
    from weltoffen_tui.cli.parser import build_parser

    args = build_parser().parse_args(argv)
    try:
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
        log = _write_crash_log(exc)
        print(
            f"weltoffen: unerwarteter Fehler ({type(exc).__name__}). Ihre gespeicherten "
            f"Antworten sind unverändert. Details: {log}",
            file=sys.stderr,
        )
        return EXIT_UNEXPECTED


def _write_crash_log(exc: BaseException) -> str:
    """Keep the traceback for a bug report in a file, never on the user's screen."""
    import tempfile
    import traceback

    try:
        from platformdirs import user_log_dir

        directory = Path(user_log_dir("weltoffen-tui", appauthor=False))
        directory.mkdir(parents=True, exist_ok=True)
    except Exception:
        directory = Path(tempfile.gettempdir())
    path = directory / "fehlerbericht.txt"
    try:
        path.write_text("".join(traceback.format_exception(exc)), encoding="utf-8")
    except OSError:
        return "(kein Fehlerbericht möglich)"
    return str(path)
