"""The ``weltoffen`` command line: parser, German wording, output and command handlers."""

from weltoffen_tui.cli.entry import main, run

__all__ = ["main", "run"]
