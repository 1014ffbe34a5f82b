"""The crash log: the traceback of an unexpected error, kept in a file, never on screen.

Both the console script and the TUI write it to the same place,
``fehlerbericht.txt`` in the user's log folder (``platformdirs.user_log_dir``), or the
temporary folder if that cannot be created. Only the traceback is written, never the
local variables (they may hold the contents of an assessment).
"""

from __future__ import annotations

from pathlib import Path

CRASH_LOG_NAME = "fehlerbericht.txt"
NO_CRASH_LOG = "(kein Fehlerbericht möglich)"


def crash_log_dir() -> Path:
    """The folder of the crash log (created if needed)."""
    import tempfile

    try:
        from platformdirs import user_log_dir

        directory = Path(user_log_dir("weltoffen-tui", appauthor=False))
        directory.mkdir(parents=True, exist_ok=True)
    except Exception:
        directory = Path(tempfile.gettempdir())
    return directory


def write_crash_log(exc: BaseException) -> str:
    """Write the traceback of ``exc`` to the crash log; its path, or a German placeholder.

    Never raises: a failing crash log must not hide the error it is about.
    """
    import traceback

    try:
        path = crash_log_dir() / CRASH_LOG_NAME
        path.write_text("".join(traceback.format_exception(exc)), encoding="utf-8")
    except Exception:
        return NO_CRASH_LOG
    return str(path)
