"""Allow ``python -m weltoffen_tui``."""

from weltoffen_tui.cli import run

run()
