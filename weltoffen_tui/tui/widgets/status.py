"""The status banner under a screen's top bar: hidden until there is something to say."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from weltoffen_tui.core.textsafe import visible


class StatusBanner(Static):
    """One line (or a few) such as "✓ Bericht geschrieben: …", shown once set."""

    DEFAULT_CSS = """
    StatusBanner {
        display: none;
        height: auto;
        padding: 0 1;
        background: $panel;
        color: $success;
        text-style: bold;
    }
    """

    def show(self, message: str) -> None:
        """Show ``message`` literally (paths and names: never markup, controls visible)."""
        self.update(Text(visible(message)))
        self.display = True
